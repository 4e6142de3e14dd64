import { describe, expect, it } from "vitest";
import { declarationProblems, flowTriggersInToml, payloadProblems, readFlowTriggerDeclarations } from "@throughline/devstore";
import { parseDay } from "~/lib/calendar";
import { weeklyReviewReadyPayload } from "~/review/review-ready.server";
import type { WeekView } from "~/review/week-view";
import { targetAtRiskPayload } from "~/strategy/flow.server";
import type { TargetStatus } from "~/strategy/target-status.server";

// The declarations are checked here by Shopify's CLI rules too, so a bad TOML fails the suite even
// where `shopify app build` (run by `npm test`) isn't, and even for the field types only
// `shopify app deploy` refuses.
describe("the Flow triggers in extensions/", () => {
  const triggers = readFlowTriggerDeclarations();
  const trigger = (handle: string) => triggers.find((declaration) => declaration.handle === handle)!;

  it("GIVEN the app's extensions THEN both triggers are declared, and Shopify's CLI would deploy them", () => {
    expect(triggers.map((declaration) => declaration.handle)).toEqual(["target-at-risk", "weekly-review-ready"]);
    expect(triggers.flatMap(declarationProblems)).toEqual([]);
  });

  it("GIVEN the declaration that broke `shopify app build` THEN the check names what the CLI refuses", () => {
    const [old] = flowTriggersInToml(
      `
      [[extensions]]
      name = "Weekly review ready"
      type = "flow_trigger"
      handle = "weekly-review-ready"
      [settings]
      [[settings.fields]]
      type = "number_integer"
      key = "Targets"
      [[settings.fields]]
      type = "multi_line_text_field"
      key = "Off-track indicators without action"
      [[settings.fields]]
      type = "single_line_text_field"
      key = "Targets"
      `,
      "old.toml",
    );
    expect(declarationProblems(old!)).toEqual([
      'old.toml (weekly-review-ready): field "Targets": Field type number_integer is not supported on Flow Triggers',
      'old.toml (weekly-review-ready): field "Off-track indicators without action": Field type multi_line_text_field is not supported on Flow Triggers',
      'old.toml (weekly-review-ready): field "Off-track indicators without action": String must contain only alphabetic characters and spaces',
      'old.toml (weekly-review-ready): field "Targets": declared twice',
    ]);
  });

  it("GIVEN a target that got worse THEN the app's Target at risk payload is exactly the declared fields, of their types", () => {
    const status = {
      indicator: "net_sales",
      direction: "at_least",
      value: 5000,
      from: "2026-03-01",
      to: "2026-03-31",
      actual: 1234.5,
      expectedToDate: 3100.25,
      projected: 2003.4,
      status: "off_track",
    } as TargetStatus;
    expect(payloadProblems(trigger("target-at-risk"), targetAtRiskPayload(status, "at_risk", "EUR"))).toEqual([]);
  });

  it("GIVEN a week with two indicators off track and nobody acting THEN the Weekly review ready payload fits, the list on one line", () => {
    const week = {
      weekStart: "2026-11-16",
      weekEnd: "2026-11-22",
      targets: [{ status: "missed" }, { status: "off_track" }, { status: "on_track" }],
      offTrackWithoutAction: [
        { title: "Orders ≥ 1,000", statusLabel: "Missed" },
        { title: "Net sales ≥ €5,000.00", statusLabel: "Off track" },
      ],
      actionsWithoutIndicator: [{ title: "Flash sale", start: "2026-11-17", end: "2026-11-18" }],
      moreWithoutIndicator: 0,
      awaitingReview: [],
      moreAwaitingReview: 0,
    } as unknown as WeekView;
    const payload = weeklyReviewReadyPayload("t.myshopify.com", week, parseDay("2026-11-16")!);
    expect(payloadProblems(trigger("weekly-review-ready"), payload)).toEqual([]);
    expect(payload).toMatchObject({
      Targets: 3,
      "Targets off track or at risk": 2,
      "Off track indicators without action": "Orders ≥ 1,000 (Missed); Net sales ≥ €5,000.00 (Off track)",
      "Actions without an indicator": 1,
      "Promotions awaiting review": 0,
    });
  });
});
