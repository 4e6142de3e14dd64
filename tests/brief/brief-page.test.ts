import "./brief-env";
import { AppProvider } from "@shopify/polaris";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { POLARIS_TRANSLATIONS } from "~/i18n/polaris";
import { LocaleProvider } from "~/i18n/react";
import { env } from "~/env.server";
import { verifiedLink } from "~/brief/unsubscribe.server";
import { action, loader } from "~/routes/app.brief";
import { db } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { MARKUP_TITLE, OWNER, SAM, SHOP } from "./brief-shop";
import { servers, withBriefServers } from "./brief-servers";

// The Monday brief's page, as the owner and as staff see it and act on it. Remix's hooks give the
// loader's answer where the page is rendered as it is served.

let loaderData: unknown;
vi.mock("@remix-run/react", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@remix-run/react")>();
  return {
    ...actual,
    useLoaderData: () => loaderData,
    useActionData: () => undefined,
    Form: (props: Record<string, unknown>) => createElement("form", props),
    Link: ({ to, children, ...rest }: { to: string; children: ReactNode }) => createElement("a", { href: to, ...rest }, children),
  };
});

/** The page as its component renders the loader's answer for that person (in English). */
async function rendered(userId: string): Promise<string> {
  const { default: MondayBrief } = await import("~/routes/app.brief");
  loaderData = await embeddedRequest("/app/brief?locale=en", SHOP, { userId }).then((request) => callLoader(loader, request));
  return renderToString(
    createElement(LocaleProvider, {
      language: "en",
      locale: "en-US",
      children: createElement(AppProvider, { i18n: [...POLARIS_TRANSLATIONS.en], children: createElement(MondayBrief) }),
    }),
  );
}

type Result = { intent: string; ok: boolean; message?: string; errors?: Record<string, string> };
const open = (userId: string) => embeddedRequest("/app/brief", SHOP, { userId }).then((request) => callLoader(loader, request));
const post = (fields: Record<string, string>, userId: string) =>
  embeddedAction("/app/brief", SHOP, fields, { userId }).then((request) => callAction<Result>(action, request));

withBriefServers();

describe("the Monday brief's page", () => {
  it("GIVEN the owner THEN it previews her own email first (in her language), then Sam's, then the channel's message, and offers the channel and Send now", async () => {
    const page = await open(OWNER.userId);
    expect(page.emailOn).toBe(true);
    expect(page.canManage).toBe(true);
    expect(page.previews.map((preview) => [preview.recipient, preview.channel, preview.label])).toEqual([
      ["email:1", "email", "Store Owner（简体中文，邮件）"],
      ["email:2", "email", "Sam Rivera（English，邮件）"],
      ["slack", "slack", "Slack 频道（简体中文）"],
    ]);
    const [own, sam, channel] = page.previews;
    expect(own!.subject).toMatch(/^Brief Shop 周一简报：/);
    expect(own!.html).toContain('<html dir="ltr" lang="zh-CN">');
    expect(sam!.html).toContain("Yours to answer");
    expect(sam!.html).toContain("Bundle &lt;b&gt;&amp;*deal*");
    expect(channel!.text).toContain("Bundle &lt;b&gt;&amp;\u2217deal\u2217");
    expect(channel!.text).not.toContain(MARKUP_TITLE);
    expect(page.slack).toMatchObject({ by: OWNER.name });
    expect(page.deliveries).toEqual([]);
  });

  it("GIVEN the owner previews Sam's email THEN its unsubscribe link isn't signed (it unsubscribes nobody), where her own is", async () => {
    const [own, sam] = (await open(OWNER.userId)).previews;
    const link = (html: string) => new URL(/href="([^"]*\/brief\/unsubscribe[^"]*)"/.exec(html)![1]!.replace(/&amp;/g, "&"));
    expect(verifiedLink(link(own!.html!).searchParams)).toEqual({ shop: SHOP, userId: OWNER.userId });
    expect(link(sam!.html!).searchParams.get("user")).toBe(SAM.userId);
    expect(link(sam!.html!).searchParams.has("token")).toBe(false);
    expect(sam!.text).not.toMatch(/token=/);
  });

  it("GIVEN Sam (staff) THEN he sees his own brief first and the channel's, can turn his brief off and on, and neither changes the channel nor sends", async () => {
    const page = await open(SAM.userId);
    expect(page.canManage).toBe(false);
    expect(page.previews[0]).toMatchObject({ recipient: "email:2", label: "Sam Rivera (English, by email)" });
    expect(page.you).toEqual({ email: `sam@${SHOP}`, optedIn: true });

    expect(await post({ intent: "opt_in", on: "off" }, SAM.userId)).toMatchObject({
      status: 200,
      body: { message: "You no longer get the Monday brief by email." },
    });
    expect((await open(SAM.userId)).you.optedIn).toBe(false);
    expect(await post({ intent: "opt_in", on: "on" }, SAM.userId)).toMatchObject({ status: 200 });
    expect((await open(SAM.userId)).you.optedIn).toBe(true);
    expect(await post({ intent: "send_now" }, SAM.userId)).toMatchObject({ status: 403 });
    expect(servers.mail.received).toEqual([]);
  });

  it("GIVEN the owner pastes a Slack webhook THEN it is kept sealed, never as typed; removing it stops the channel's brief", async () => {
    const url = "https://hooks.slack.com/services/T0002/B0002/another-secret";
    expect(await post({ intent: "save_slack", url }, OWNER.userId)).toMatchObject({ status: 200, body: { ok: true } });
    const stored = (await db.briefSettings.findUniqueOrThrow({ where: { shop: SHOP } })).slackWebhook!;
    expect(stored).not.toContain("another-secret");
    expect(env().tokenKeyring.open(stored)).toBe(url);

    expect(await post({ intent: "remove_slack" }, OWNER.userId)).toMatchObject({ status: 200 });
    const page = await open(OWNER.userId);
    expect(page.slack).toBeNull();
    expect(page.previews.map((preview) => preview.recipient)).toEqual(["email:1", "email:2"]);
  });

  it("GIVEN the owner sends now THEN (in her words) last week's brief goes to everyone once, the page lists it as sent, and sending again sends nothing", async () => {
    const sent = await post({ intent: "send_now" }, OWNER.userId);
    expect(sent).toMatchObject({ status: 200, body: { ok: true, message: "已发送：3。发送失败、稍后重试：0。已跳过：0。" } });
    // The owner's address as Shopify gave it on this request; Sam's as recorded before.
    expect(servers.mail.received.map((message) => message.to[0]).sort()).toEqual([SAM.email, `store@${SHOP}`]);
    expect(servers.slack.posts).toHaveLength(1);
    expect(await post({ intent: "send_now" }, OWNER.userId)).toMatchObject({ body: { message: "已发送：0。发送失败、稍后重试：0。已跳过：0。" } });
    expect(servers.mail.received).toHaveLength(2);
    const page = await open(SAM.userId);
    expect(page.deliveries.map((delivery) => [delivery.to, delivery.status])).toEqual([
      ["Store Owner", "Sent"],
      ["Sam Rivera", "Sent"],
      ["The Slack channel", "Sent"],
    ]);
  });

  it("GIVEN the page as served THEN the owner's own email shows in a frame that runs nothing, with the channel and Send now beside it; Sam gets neither of those", async () => {
    const owner = await rendered(OWNER.userId);
    const frame = /<iframe id="brief-email-preview" title="([^"]+)" sandbox="" srcDoc="([^"]*)"/.exec(owner);
    // Opened in English (Shopify's ?locale=en), her brief is in English from now on too.
    expect(frame?.[1]).toBe("The email Store Owner (English, by email) gets");
    expect(frame?.[2]).toContain("&lt;html dir=&quot;ltr&quot; lang=&quot;en&quot;&gt;");
    expect(owner).toContain("Incoming webhook URL");
    expect(owner).toContain("Send now");
    const sam = await rendered(SAM.userId);
    expect(sam).toContain("The owner or a strategist sets the channel.");
    expect(sam).not.toContain("Send now");
    expect(sam).not.toContain("Incoming webhook URL");
  });
});
