/**
 * What the app does to the store beyond its data: Flow trigger calls (`flowTriggerReceive`) and
 * Analytics targets (`analyticsTargetCreate`/`Update`/`analyticsTargetsDelete`). The devstore
 * answers them like Shopify (userErrors for what Shopify refuses) and keeps them for tests and for
 * the control API to show.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";

export interface FlowTriggerCall {
  handle: string;
  payload: Record<string, unknown>;
  receivedAt: string;
}

export interface AnalyticsTargetRecord {
  id: string;
  name: string;
  metric: string;
  startDate: string;
  endDate: string;
  expectedValue: string;
  filters: string | null;
  currencyCode: string;
  createdAt: string;
  updatedAt: string;
}

type UserError = { field: string[] | null; message: string; code?: string };

/** Metrics of Shopify's Analytics a target can track (ShopifyQL's sales and customers datasets). */
export const ANALYTICS_METRICS = new Set([
  "gross_sales",
  "discounts",
  "returns",
  "net_sales",
  "total_sales",
  "orders",
  "average_order_value",
  "net_items_sold",
  "new_customers",
  "returning_customer_rate",
  "cost_of_goods_sold",
  "gross_profit",
  "gross_margin",
]);

/** Flow trigger handles declared by the app's extensions (extensions/*\/shopify.extension.toml). */
export function flowTriggerHandles(extensionsDir = "extensions"): string[] {
  if (!existsSync(extensionsDir)) return [];
  return readdirSync(extensionsDir).flatMap((name) => {
    const file = path.join(extensionsDir, name, "shopify.extension.toml");
    if (!existsSync(file)) return [];
    const config = parse(readFileSync(file, "utf8")) as { extensions?: { type?: string; handle?: string }[] };
    return (config.extensions ?? []).filter((extension) => extension.type === "flow_trigger" && extension.handle).map((extension) => extension.handle as string);
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
/** Shopify refuses trigger payloads over 50 KB. */
const MAX_PAYLOAD_BYTES = 50_000;

export class DevstoreAppRecords {
  readonly flowTriggers: FlowTriggerCall[] = [];
  readonly analyticsTargets = new Map<string, AnalyticsTargetRecord>();
  private nextTargetId = 1;

  constructor(
    private readonly currencyCode: string,
    /** Handles the app declared; null accepts any (a devstore started without the app's extensions). */
    private readonly triggerHandles: string[] | null,
    private readonly now: () => number = Date.now,
  ) {}

  flowTriggerReceive(args: { handle?: unknown; payload?: unknown; body?: unknown }): { userErrors: UserError[] } {
    const handle = typeof args.handle === "string" ? args.handle : null;
    if (!handle) return { userErrors: [{ field: ["handle"], message: "Handle can't be blank" }] };
    if (this.triggerHandles && !this.triggerHandles.includes(handle)) return { userErrors: [{ field: ["handle"], message: `Trigger with handle '${handle}' not found` }] };
    const payload = args.payload;
    if (!payload || typeof payload !== "object" || Array.isArray(payload)) return { userErrors: [{ field: ["payload"], message: "Payload must be a JSON object" }] };
    if (Buffer.byteLength(JSON.stringify(payload)) > MAX_PAYLOAD_BYTES) return { userErrors: [{ field: ["payload"], message: "Payload exceeds the 50KB limit" }] };
    this.flowTriggers.push({ handle, payload: payload as Record<string, unknown>, receivedAt: new Date(this.now()).toISOString() });
    return { userErrors: [] };
  }

  private invalid(input: Record<string, unknown>, partial: boolean): UserError[] {
    const errors: UserError[] = [];
    const present = (key: string) => input[key] !== undefined && input[key] !== null;
    if ((!partial || present("name")) && !String(input.name ?? "").trim()) errors.push({ field: ["input", "name"], message: "Name can't be blank", code: "INVALID" });
    if ((!partial || present("metric")) && !ANALYTICS_METRICS.has(String(input.metric ?? ""))) errors.push({ field: ["input", "metric"], message: `Metric '${String(input.metric)}' is not supported`, code: "INVALID_METRIC" });
    for (const key of ["startDate", "endDate"]) if ((!partial || present(key)) && !DATE.test(String(input[key] ?? ""))) errors.push({ field: ["input", key], message: "Date is invalid", code: "INVALID" });
    if ((!partial || present("expectedValue")) && !(DECIMAL.test(String(input.expectedValue ?? "")) && Number(input.expectedValue) > 0)) {
      errors.push({ field: ["input", "expectedValue"], message: "Expected value must be greater than 0", code: "INVALID" });
    }
    return errors;
  }

  analyticsTargetCreate(input: Record<string, unknown>) {
    const errors = this.invalid(input, false);
    if (errors.length === 0 && String(input.startDate) > String(input.endDate)) errors.push({ field: ["input", "endDate"], message: "End date must be on or after the start date", code: "INVALID" });
    if (errors.length > 0) return { analyticsTarget: null, userErrors: errors };
    const at = new Date(this.now()).toISOString();
    const target: AnalyticsTargetRecord = {
      id: `gid://shopify/AnalyticsTarget/${this.nextTargetId++}`,
      name: String(input.name),
      metric: String(input.metric),
      startDate: String(input.startDate),
      endDate: String(input.endDate),
      expectedValue: String(input.expectedValue),
      filters: (input.filters as string | undefined) ?? null,
      currencyCode: this.currencyCode,
      createdAt: at,
      updatedAt: at,
    };
    this.analyticsTargets.set(target.id, target);
    return { analyticsTarget: target, userErrors: [] };
  }

  analyticsTargetUpdate(id: string, input: Record<string, unknown>) {
    const existing = this.analyticsTargets.get(id);
    if (!existing) return { analyticsTarget: null, userErrors: [{ field: ["id"], message: "Analytics target not found", code: "NOT_FOUND" }] };
    const errors = this.invalid(input, true);
    const next = { ...existing, ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== null).map(([key, value]) => [key, String(value)])) };
    if (errors.length === 0 && next.startDate > next.endDate) errors.push({ field: ["input", "endDate"], message: "End date must be on or after the start date", code: "INVALID" });
    if (errors.length > 0) return { analyticsTarget: null, userErrors: errors };
    const updated = { ...next, updatedAt: new Date(this.now()).toISOString() } as AnalyticsTargetRecord;
    this.analyticsTargets.set(id, updated);
    return { analyticsTarget: updated, userErrors: [] };
  }

  analyticsTargetsDelete(ids: string[]) {
    const missing = ids.filter((id) => !this.analyticsTargets.has(id));
    if (missing.length > 0) return { deletedIds: null, userErrors: missing.map((id) => ({ field: ["ids"], message: `Analytics target ${id} not found`, code: "NOT_FOUND" })) };
    for (const id of ids) this.analyticsTargets.delete(id);
    return { deletedIds: ids, userErrors: [] };
  }
}
