/**
 * What the app does to the store beyond its data: Flow trigger calls (`flowTriggerReceive`),
 * Analytics targets (`analyticsTargetCreate`/`Update`/`analyticsTargetsDelete`), Analytics
 * annotations (`analyticsAnnotationCreate`/`Update`/`Delete`), and external marketing activities
 * with their engagements (`marketingActivityUpsertExternal`, `marketingEngagementCreate`,
 * `marketingActivityDeleteExternal`). The devstore answers them like Shopify (userErrors for what
 * Shopify refuses) and keeps them for tests and for the control API to show.
 */
import type { ReportedEngagement } from "./shopifyql";
import { FLOW_PAYLOAD_LIMIT_BYTES, payloadProblems, schemaErrorMessage, type FlowTriggerDeclaration } from "./flow-triggers";

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

export interface AnalyticsAnnotationRecord {
  id: string;
  title: string;
  description: string | null;
  type: string;
  startedAt: string;
  endedAt: string | null;
  source: "APP";
  createdAt: string;
  updatedAt: string;
}

export interface MarketingActivityRecord {
  id: string;
  remoteId: string;
  title: string;
  status: string;
  tactic: string;
  marketingChannelType: string;
  remoteUrl: string;
  utmParameters: { campaign: string; source: string; medium: string } | null;
  urlParameterValue: string | null;
  start: string | null;
  end: string | null;
  adSpend: { amount: string; currencyCode: string } | null;
  isExternal: true;
  createdAt: string;
  updatedAt: string;
}

export interface MarketingEngagementRecord {
  remoteId: string;
  occurredOn: string;
  utcOffset: string;
  isCumulative: boolean;
  adSpend: { amount: string; currencyCode: string } | null;
  orders: string | null;
  sales: { amount: string; currencyCode: string } | null;
  firstTimeCustomers: string | null;
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

/**
 * Annotation types an app may create: the bare type of ShopifyQL's ANNOTATE category.type
 * (marketing_events.campaign → "campaign", discount_events.seasonal_promotion → …).
 */
export const APP_ANNOTATION_TYPES = new Set([
  "campaign",
  "ad_spend_change",
  "influencer_collaboration",
  "seasonal_promotion",
  "product_launch",
  "landing_page_launch",
  "revenue_milestone",
  "other",
]);
/** How many annotations Shopify lets one app keep per shop (before LIMIT_REACHED). */
export const ANNOTATION_LIMIT = 1000;
const MARKETING_TACTICS = new Set([
  "ABANDONED_CART",
  "AD",
  "AFFILIATE",
  "LINK",
  "LOYALTY",
  "MESSAGE",
  "NEWSLETTER",
  "NOTIFICATION",
  "POST",
  "RETARGETING",
  "SEO",
  "STOREFRONT_APP",
  "TRANSACTIONAL",
]);
const MARKETING_CHANNELS = new Set(["DISPLAY", "EMAIL", "REFERRAL", "SEARCH", "SOCIAL"]);
const EXTERNAL_STATUSES = new Set(["ACTIVE", "DELETED_EXTERNALLY", "INACTIVE", "PAUSED", "SCHEDULED", "UNDEFINED"]);
const UTC_OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

export class DevstoreAppRecords {
  readonly flowTriggers: FlowTriggerCall[] = [];
  readonly analyticsTargets = new Map<string, AnalyticsTargetRecord>();
  readonly analyticsAnnotations = new Map<string, AnalyticsAnnotationRecord>();
  /** External marketing activities by remote id, and their engagements by remote id then day. */
  readonly marketingActivities = new Map<string, MarketingActivityRecord>();
  readonly marketingEngagements = new Map<string, Map<string, MarketingEngagementRecord>>();
  private nextTargetId = 1;
  private nextAnnotationId = 1;
  private nextActivityId = 1;

  constructor(
    private readonly currencyCode: string,
    /** The Flow triggers the app declares (readFlowTriggerDeclarations()); null accepts any handle and payload (a devstore started without the app's extensions). */
    private readonly triggers: FlowTriggerDeclaration[] | null,
    private readonly now: () => number = Date.now,
    /** The app's title: the API client Shopify's marketing reports name for what it reported. */
    readonly appTitle = "Custom app",
  ) {}

  /** The devstore's time (a test's clock). */
  clock(): number {
    return this.now();
  }

  /** The engagements the app reported, as Shopify's marketing_engagements reports them. */
  reportedEngagements(): ReportedEngagement[] {
    return [...this.marketingEngagements].flatMap(([remoteId, days]) => {
      const activity = this.marketingActivities.get(remoteId);
      return [...days.values()].map((engagement) => ({
        occurredOn: engagement.occurredOn,
        client: this.appTitle,
        activityTitle: activity?.title ?? remoteId,
        adSpend: engagement.adSpend,
        sales: engagement.sales,
        impressions: null,
        clicks: null,
      }));
    });
  }

  /**
   * Checked in Shopify's order (as captured from Shopify): the payload's size, then the handle, then
   * the payload against the trigger's declared fields. Shopify answers all three with one userError
   * on `body` whose message lists the problems.
   */
  flowTriggerReceive(args: { handle?: unknown; payload?: unknown; body?: unknown }): { userErrors: UserError[] } {
    const handle = typeof args.handle === "string" ? args.handle : null;
    if (!handle) return { userErrors: [{ field: ["handle"], message: "Handle can't be blank" }] };
    const payload = args.payload;
    if (!payload || typeof payload !== "object" || Array.isArray(payload))
      return { userErrors: [{ field: ["payload"], message: "Payload must be a JSON object" }] };
    const refuse = (problems: string[]) => ({ userErrors: [{ field: ["body"], message: schemaErrorMessage(problems) }] });
    if (Buffer.byteLength(JSON.stringify(payload)) > FLOW_PAYLOAD_LIMIT_BYTES)
      return refuse([`Properties size exceeds the limit of ${FLOW_PAYLOAD_LIMIT_BYTES} bytes.`]);
    if (this.triggers) {
      const declaration = this.triggers.find((trigger) => trigger.handle === handle);
      if (!declaration) return refuse([`Invalid handle '${handle}'.`]);
      const problems = payloadProblems(declaration, payload as Record<string, unknown>);
      if (problems.length > 0) return refuse(problems);
    }
    this.flowTriggers.push({ handle, payload: payload as Record<string, unknown>, receivedAt: new Date(this.now()).toISOString() });
    return { userErrors: [] };
  }

  private invalid(input: Record<string, unknown>, partial: boolean): UserError[] {
    const errors: UserError[] = [];
    const present = (key: string) => input[key] !== undefined && input[key] !== null;
    if ((!partial || present("name")) && !String(input.name ?? "").trim())
      errors.push({ field: ["input", "name"], message: "Name can't be blank", code: "INVALID" });
    if ((!partial || present("metric")) && !ANALYTICS_METRICS.has(String(input.metric ?? "")))
      errors.push({ field: ["input", "metric"], message: `Metric '${String(input.metric)}' is not supported`, code: "INVALID_METRIC" });
    for (const key of ["startDate", "endDate"])
      if ((!partial || present(key)) && !DATE.test(String(input[key] ?? "")))
        errors.push({ field: ["input", key], message: "Date is invalid", code: "INVALID" });
    if ((!partial || present("expectedValue")) && !(DECIMAL.test(String(input.expectedValue ?? "")) && Number(input.expectedValue) > 0)) {
      errors.push({ field: ["input", "expectedValue"], message: "Expected value must be greater than 0", code: "INVALID" });
    }
    return errors;
  }

  analyticsTargetCreate(input: Record<string, unknown>) {
    const errors = this.invalid(input, false);
    if (errors.length === 0 && String(input.startDate) > String(input.endDate))
      errors.push({ field: ["input", "endDate"], message: "End date must be on or after the start date", code: "INVALID" });
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
    const next = {
      ...existing,
      ...Object.fromEntries(
        Object.entries(input)
          .filter(([, value]) => value !== undefined && value !== null)
          .map(([key, value]) => [key, String(value)]),
      ),
    };
    if (errors.length === 0 && next.startDate > next.endDate)
      errors.push({ field: ["input", "endDate"], message: "End date must be on or after the start date", code: "INVALID" });
    if (errors.length > 0) return { analyticsTarget: null, userErrors: errors };
    const updated = { ...next, updatedAt: new Date(this.now()).toISOString() } as AnalyticsTargetRecord;
    this.analyticsTargets.set(id, updated);
    return { analyticsTarget: updated, userErrors: [] };
  }

  analyticsTargetsDelete(ids: string[]) {
    const missing = ids.filter((id) => !this.analyticsTargets.has(id));
    if (missing.length > 0)
      return { deletedIds: null, userErrors: missing.map((id) => ({ field: ["ids"], message: `Analytics target ${id} not found`, code: "NOT_FOUND" })) };
    for (const id of ids) this.analyticsTargets.delete(id);
    return { deletedIds: ids, userErrors: [] };
  }

  // -------------------------------------------------------------------------------------------
  // Analytics annotations
  // -------------------------------------------------------------------------------------------

  private annotationErrors(input: Record<string, unknown>, partial: boolean): UserError[] {
    const errors: UserError[] = [];
    const given = (key: string) => !partial || key in input;
    const title = String(input.title ?? "");
    if (given("title") && !title.trim()) errors.push({ field: ["input", "title"], message: "Title can't be blank", code: "INVALID" });
    else if (given("title") && title.length > 75)
      errors.push({ field: ["input", "title"], message: "Title is too long (maximum is 75 characters)", code: "INVALID" });
    if (given("description") && input.description != null && String(input.description).length > 150)
      errors.push({ field: ["input", "description"], message: "Description is too long (maximum is 150 characters)", code: "INVALID" });
    if (given("type") && !APP_ANNOTATION_TYPES.has(String(input.type ?? "")))
      errors.push({ field: ["input", "type"], message: `Type '${String(input.type)}' is not supported for app annotations`, code: "INVALID" });
    for (const key of ["startedAt", "endedAt"]) {
      if (!given(key) || (key === "endedAt" && input[key] == null)) continue;
      if (Number.isNaN(Date.parse(String(input[key]))))
        errors.push({ field: ["input", key], message: `${key === "startedAt" ? "Started at" : "Ended at"} is invalid`, code: "INVALID" });
    }
    return errors;
  }

  private endsBeforeStart(annotation: Pick<AnalyticsAnnotationRecord, "startedAt" | "endedAt">): boolean {
    return annotation.endedAt !== null && Date.parse(annotation.endedAt) < Date.parse(annotation.startedAt);
  }

  analyticsAnnotationCreate(input: Record<string, unknown>) {
    const errors = this.annotationErrors(input, false);
    if (errors.length === 0 && this.analyticsAnnotations.size >= ANNOTATION_LIMIT)
      errors.push({ field: null, message: "The app has reached its annotation limit for this shop", code: "LIMIT_REACHED" });
    const at = new Date(this.now()).toISOString();
    const annotation: AnalyticsAnnotationRecord = {
      id: `gid://shopify/AnalyticsAnnotation/${this.nextAnnotationId}`,
      title: String(input.title),
      description: (input.description as string | null | undefined) ?? null,
      type: String(input.type),
      startedAt: new Date(String(input.startedAt)).toISOString(),
      endedAt: input.endedAt == null ? null : new Date(String(input.endedAt)).toISOString(),
      source: "APP",
      createdAt: at,
      updatedAt: at,
    };
    if (errors.length === 0 && this.endsBeforeStart(annotation))
      errors.push({ field: ["input", "endedAt"], message: "Ended at must be after started at", code: "INVALID" });
    if (errors.length > 0) return { analyticsAnnotation: null, userErrors: errors };
    this.nextAnnotationId++;
    this.analyticsAnnotations.set(annotation.id, annotation);
    return { analyticsAnnotation: annotation, userErrors: [] };
  }

  analyticsAnnotationUpdate(id: string, input: Record<string, unknown>) {
    const existing = this.analyticsAnnotations.get(id);
    if (!existing) return { analyticsAnnotation: null, userErrors: [{ field: ["id"], message: "Annotation not found", code: "NOT_FOUND" }] };
    const errors = this.annotationErrors(input, true);
    const next: AnalyticsAnnotationRecord = { ...existing };
    if (errors.length === 0) {
      if ("title" in input) next.title = String(input.title);
      if ("description" in input) next.description = (input.description as string | null) ?? null;
      if ("type" in input) next.type = String(input.type);
      if ("startedAt" in input) next.startedAt = new Date(String(input.startedAt)).toISOString();
      if ("endedAt" in input) next.endedAt = input.endedAt == null ? null : new Date(String(input.endedAt)).toISOString();
      if (this.endsBeforeStart(next)) errors.push({ field: ["input", "endedAt"], message: "Ended at must be after started at", code: "INVALID" });
    }
    if (errors.length > 0) return { analyticsAnnotation: null, userErrors: errors };
    next.updatedAt = new Date(this.now()).toISOString();
    this.analyticsAnnotations.set(id, next);
    return { analyticsAnnotation: next, userErrors: [] };
  }

  analyticsAnnotationDelete(id: string) {
    if (!this.analyticsAnnotations.delete(id)) return { deletedId: null, userErrors: [{ field: ["id"], message: "Annotation not found", code: "NOT_FOUND" }] };
    return { deletedId: id, userErrors: [] };
  }

  // -------------------------------------------------------------------------------------------
  // External marketing activities and their engagements
  // -------------------------------------------------------------------------------------------

  private money(value: unknown, field: string[], errors: UserError[]): { amount: string; currencyCode: string } | null {
    if (value == null) return null;
    const { amount, currencyCode } = value as { amount?: unknown; currencyCode?: unknown };
    if (!DECIMAL.test(String(amount ?? "")) || Number(amount) < 0)
      errors.push({ field: [...field, "amount"], message: "Amount must be a non-negative decimal", code: "INVALID" });
    if (currencyCode !== this.currencyCode)
      errors.push({
        field: [...field, "currencyCode"],
        message: `Currency code must be the shop's currency (${this.currencyCode})`,
        code: "CURRENCY_CODE_MISMATCH_INPUT",
      });
    return { amount: String(amount), currencyCode: String(currencyCode) };
  }

  marketingActivityUpsertExternal(input: Record<string, unknown>) {
    const errors: UserError[] = [];
    const remoteId = String(input.remoteId ?? "");
    if (!remoteId.trim()) errors.push({ field: ["input", "remoteId"], message: "Remote ID can't be blank", code: "INVALID_REMOTE_ID" });
    if (!String(input.title ?? "").trim()) errors.push({ field: ["input", "title"], message: "Title can't be blank", code: "INVALID" });
    if (!URL.canParse(String(input.remoteUrl ?? ""))) errors.push({ field: ["input", "remoteUrl"], message: "Remote URL is invalid", code: "INVALID" });
    if (!MARKETING_TACTICS.has(String(input.tactic))) errors.push({ field: ["input", "tactic"], message: "Tactic is invalid", code: "INVALID" });
    if (!MARKETING_CHANNELS.has(String(input.marketingChannelType)))
      errors.push({ field: ["input", "marketingChannelType"], message: "Marketing channel type is invalid", code: "INVALID" });
    if (!EXTERNAL_STATUSES.has(String(input.status))) errors.push({ field: ["input", "status"], message: "Status is invalid", code: "INVALID" });
    const utm = (input.utm as MarketingActivityRecord["utmParameters"] | undefined) ?? null;
    const urlParameterValue = (input.urlParameterValue as string | undefined) ?? null;
    if (utm && !(utm.campaign?.trim() && utm.source?.trim() && utm.medium?.trim()))
      errors.push({ field: ["input", "utm"], message: "UTM campaign, source and medium can't be blank", code: "INVALID" });
    if (!utm && !urlParameterValue && !input.parentRemoteId)
      errors.push({
        field: ["input"],
        message: "A non-hierarchical activity needs UTM parameters or a URL parameter value",
        code: "NON_HIERARCHIAL_REQUIRES_UTM_URL_PARAMETER",
      });
    const adSpend = this.money(input.adSpend, ["input", "adSpend"], errors);
    const existing = this.marketingActivities.get(remoteId);
    if (existing && JSON.stringify(existing.utmParameters) !== JSON.stringify(utm))
      errors.push({ field: ["input", "utm"], message: "UTM parameters can't be changed", code: "IMMUTABLE_UTM_PARAMETERS" });
    const sameCampaign =
      utm && [...this.marketingActivities.values()].find((activity) => activity.remoteId !== remoteId && activity.utmParameters?.campaign === utm.campaign);
    if (sameCampaign)
      errors.push({
        field: ["input", "utm", "campaign"],
        message: "A marketing activity with this UTM campaign already exists",
        code: "MARKETING_ACTIVITY_WITH_UTM_CAMPAIGN_ALREADY_EXISTS",
      });
    if (errors.length > 0) return { marketingActivity: null, userErrors: errors };
    const at = new Date(this.now()).toISOString();
    const activity: MarketingActivityRecord = {
      id: existing?.id ?? `gid://shopify/MarketingActivity/${this.nextActivityId++}`,
      remoteId,
      title: String(input.title),
      status: String(input.status),
      tactic: String(input.tactic),
      marketingChannelType: String(input.marketingChannelType),
      remoteUrl: String(input.remoteUrl),
      utmParameters: utm,
      urlParameterValue,
      start: (input.start as string | undefined) ?? null,
      end: (input.end as string | undefined) ?? null,
      adSpend,
      isExternal: true,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    this.marketingActivities.set(remoteId, activity);
    return { marketingActivity: activity, userErrors: [] };
  }

  marketingEngagementCreate(args: { remoteId?: unknown; marketingActivityId?: unknown; channelHandle?: unknown; marketingEngagement?: unknown }) {
    const fail = (message: string, code: string, field: string[] | null = null) => ({ marketingEngagement: null, userErrors: [{ field, message, code }] });
    if (args.channelHandle != null)
      return fail("Channel-level engagements need a channel handle given by Shopify", "INVALID_CHANNEL_HANDLE", ["channelHandle"]);
    if ((args.remoteId == null) === (args.marketingActivityId == null))
      return fail("Give either a remote ID or a marketing activity ID", "INVALID_MARKETING_ENGAGEMENT_ARGUMENTS");
    const activity =
      args.remoteId != null
        ? this.marketingActivities.get(String(args.remoteId))
        : [...this.marketingActivities.values()].find((candidate) => candidate.id === args.marketingActivityId);
    if (!activity)
      return fail("Marketing activity does not exist", "MARKETING_ACTIVITY_DOES_NOT_EXIST", [args.remoteId != null ? "remoteId" : "marketingActivityId"]);
    const input = (args.marketingEngagement ?? {}) as Record<string, unknown>;
    const errors: UserError[] = [];
    if (!DATE.test(String(input.occurredOn ?? "")))
      errors.push({ field: ["marketingEngagement", "occurredOn"], message: "Occurred on is invalid", code: "INVALID" });
    if (!UTC_OFFSET.test(String(input.utcOffset ?? "")))
      errors.push({ field: ["marketingEngagement", "utcOffset"], message: "UTC offset must look like +HH:MM or -HH:MM", code: "INVALID" });
    const adSpend = this.money(input.adSpend, ["marketingEngagement", "adSpend"], errors);
    const sales = this.money(input.sales, ["marketingEngagement", "sales"], errors);
    if (errors.length > 0) return { marketingEngagement: null, userErrors: errors };
    const engagement: MarketingEngagementRecord = {
      remoteId: activity.remoteId,
      occurredOn: String(input.occurredOn),
      utcOffset: String(input.utcOffset),
      isCumulative: Boolean(input.isCumulative),
      adSpend,
      orders: input.orders == null ? null : String(input.orders),
      sales,
      firstTimeCustomers: input.firstTimeCustomers == null ? null : String(input.firstTimeCustomers),
    };
    // One engagement per activity and day: sending a day again replaces it.
    const days = this.marketingEngagements.get(activity.remoteId) ?? new Map<string, MarketingEngagementRecord>();
    days.set(engagement.occurredOn, engagement);
    this.marketingEngagements.set(activity.remoteId, days);
    return { marketingEngagement: { ...engagement, marketingActivity: activity }, userErrors: [] };
  }

  marketingActivityDeleteExternal(args: { remoteId?: unknown; marketingActivityId?: unknown }) {
    const activity =
      args.remoteId != null
        ? this.marketingActivities.get(String(args.remoteId))
        : [...this.marketingActivities.values()].find((candidate) => candidate.id === args.marketingActivityId);
    if (!activity)
      return {
        deletedMarketingActivityId: null,
        userErrors: [{ field: null, message: "Marketing activity does not exist", code: "MARKETING_ACTIVITY_DOES_NOT_EXIST" }],
      };
    this.marketingActivities.delete(activity.remoteId);
    this.marketingEngagements.delete(activity.remoteId);
    return { deletedMarketingActivityId: activity.id, userErrors: [] };
  }
}
