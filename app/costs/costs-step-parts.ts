/** The parts of Home's "Your costs" step (pure: the server and the page both name them). */
export const COSTS_STEP_PARTS = ["fees", "shipping", "fixed_costs", "default_rate"] as const;
export type CostsStepPart = (typeof COSTS_STEP_PARTS)[number];
export const isCostsStepPart = (value: unknown): value is CostsStepPart => COSTS_STEP_PARTS.includes(value as CostsStepPart);

/** A part's words in the catalogue (costsStep.<key>.title; its keys are camel case). */
const PART_KEYS = { fees: "fees", shipping: "shipping", fixed_costs: "fixedCosts", default_rate: "defaultRate" } as const satisfies Record<
  CostsStepPart,
  string
>;
export const partKey = (part: CostsStepPart) => PART_KEYS[part];
