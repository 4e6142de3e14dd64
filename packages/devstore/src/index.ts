/**
 * The devstore's public entry: what the app's CLI, benchmarks and tests use. Everything else in
 * src/ is the devstore's own business.
 */
export { startDevstore, type DevstoreOptions, type RunningDevstore } from "./server";
export { DevStore, type StoreEvent } from "./store";
export {
  loadFixture,
  type DevstoreData,
  type FixtureAdCampaignDay,
  type FixtureMarketingActivity,
  type FixtureMarketingEngagement,
  type FixtureRecord,
} from "./fixture";
export {
  generateStore,
  writeStoreFixture,
  EDITED_LINE_ITEM_ID_BASE,
  GENERATOR_VERSION,
  type FixtureOrder,
  type GenerateOptions,
  type StoreFixtureSummary,
} from "./generate";
export { MAX_QUERY_COST, MUTATION_COST, PLANS, requestedQueryCost, type PlanName } from "./cost";
export { ANNOTATION_LIMIT } from "./app-records";
export { declarationProblems, flowTriggersInToml, payloadProblems, readFlowTriggerDeclarations, type FlowTriggerDeclaration } from "./flow-triggers";
export { appTitleFromAppToml, subscriptionsFromAppToml, webhookDeliveryHeaders } from "./webhooks";
