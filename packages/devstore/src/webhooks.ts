import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { ADMIN_API_VERSION } from "@throughline/shopify-common/admin-schema";

// The devstore sends webhooks the way Shopify does for app-specific subscriptions: a POST of the
// JSON payload to the subscription's URI, signed with HMAC-SHA256 of the app's secret, with
// Shopify's headers. Subscriptions come from the app's shopify.app.toml, as `shopify app deploy`
// would publish them.

export interface WebhookTarget {
  /** Where relative subscription URIs resolve, e.g. http://localhost:3000 */
  appUrl: string;
  /** The app's API secret (client secret): the HMAC key. */
  secret: string;
  /** topic ("orders/create") → URI (relative to appUrl, or absolute). */
  subscriptions: Record<string, string>;
}

export interface SentWebhook {
  webhookId: string;
  eventId: string;
  topic: string;
  url: string;
  body: string;
  triggeredAt: string;
  status: number | null;
  attempts: number;
}

/** topic → uri for every non-compliance subscription of a shopify.app.toml. */
export function subscriptionsFromAppToml(file: string): Record<string, string> {
  const config = parseToml(readFileSync(file, "utf8")) as {
    webhooks?: { subscriptions?: { topics?: string[]; uri?: string }[] };
  };
  const map: Record<string, string> = {};
  for (const subscription of config.webhooks?.subscriptions ?? []) {
    if (!subscription.uri) continue;
    for (const topic of subscription.topics ?? []) map[topic] = subscription.uri;
  }
  return map;
}

/** The app's title in its shopify.app.toml (`name`), as Shopify names the app in its reports. */
export function appTitleFromAppToml(file: string): string | undefined {
  const { name } = parseToml(readFileSync(file, "utf8")) as { name?: unknown };
  return typeof name === "string" && name.trim() ? name : undefined;
}

/** The headers Shopify sends with a webhook delivery of `body`, signed (base64 HMAC-SHA256 of the raw body) with `secret`. */
export function webhookDeliveryHeaders(
  {
    topic,
    shop,
    secret,
    webhookId = randomUUID(),
    eventId = randomUUID(),
    triggeredAt = new Date().toISOString(),
  }: { topic: string; shop: string; secret: string; webhookId?: string; eventId?: string; triggeredAt?: string },
  body: string,
): Record<string, string> {
  return {
    "Content-Type": "application/json",
    "X-Shopify-Topic": topic,
    "X-Shopify-Hmac-Sha256": createHmac("sha256", secret).update(body, "utf8").digest("base64"),
    "X-Shopify-Shop-Domain": shop,
    "X-Shopify-Webhook-Id": webhookId,
    "X-Shopify-Event-Id": eventId,
    "X-Shopify-Triggered-At": triggeredAt,
    "X-Shopify-API-Version": ADMIN_API_VERSION,
  };
}

export class WebhookSender {
  readonly sent: SentWebhook[] = [];
  private pending = new Set<Promise<void>>();

  constructor(
    private readonly shop: string,
    private target: WebhookTarget | null = null,
    private readonly options: { retries?: number; retryDelayMs?: number } = {},
  ) {}

  configure(target: WebhookTarget | null): void {
    this.target = target;
  }

  get configured(): boolean {
    return this.target !== null;
  }

  /** Sends one delivery in the background (retried a few times on failure, as Shopify retries). */
  send(topic: string, payload: unknown): SentWebhook | null {
    const target = this.target;
    const uri = target?.subscriptions[topic];
    if (!target || !uri) return null;
    const delivery: SentWebhook = {
      webhookId: randomUUID(),
      eventId: randomUUID(),
      topic,
      url: new URL(uri, target.appUrl).toString(),
      body: JSON.stringify(payload),
      triggeredAt: new Date().toISOString(),
      status: null,
      attempts: 0,
    };
    this.sent.push(delivery);
    this.track(this.deliver(delivery));
    return delivery;
  }

  /** Sends a delivery again with the same webhook id, as Shopify does when it retries. */
  redeliver(webhookId: string): SentWebhook | null {
    const delivery = this.sent.find((sent) => sent.webhookId === webhookId);
    if (!delivery) return null;
    this.track(this.deliver(delivery));
    return delivery;
  }

  /** Resolves when every delivery started so far has been answered (or given up). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private track(job: Promise<void>) {
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  private async deliver(delivery: SentWebhook): Promise<void> {
    const secret = this.target?.secret ?? "";
    const retries = this.options.retries ?? 3;
    for (let attempt = 0; attempt <= retries; attempt++) {
      delivery.attempts++;
      try {
        const response = await fetch(delivery.url, {
          method: "POST",
          body: delivery.body,
          headers: webhookDeliveryHeaders(
            { topic: delivery.topic, shop: this.shop, secret, webhookId: delivery.webhookId, eventId: delivery.eventId, triggeredAt: delivery.triggeredAt },
            delivery.body,
          ),
        });
        await response.arrayBuffer();
        delivery.status = response.status;
        if (response.ok) return;
      } catch {
        delivery.status = null;
      }
      await new Promise((resolve) => setTimeout(resolve, (this.options.retryDelayMs ?? 500) * 2 ** attempt));
    }
  }
}
