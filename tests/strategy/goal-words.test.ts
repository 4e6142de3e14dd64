import { describe, expect, it } from "vitest";
import { localizer } from "~/i18n/localizer";
import { BRIDGE_PARTS, flagTargets, type BridgedOutcome, type GoalBridge } from "~/strategy/goal-bridge";
import { flagFacts, flagPartNumber, flagWords } from "~/strategy/goal-words";

// A flag said in words from its facts (what a signed-off week keeps): which sentence for which
// trade-off, the lead for a target on track or met, amounts in the shop currency or in customers,
// in English and in Chinese.

/** The flag of one target on a bridge whose lines are given outright, in a reader's words. */
function words(outcome: BridgedOutcome, effects: Record<string, bigint>, indicator: string, status: string, locale = "en", currency = "EUR") {
  const lines = BRIDGE_PARTS[outcome].map((part) => ({ part, before: null, after: null, effect: effects[part] ?? 0n }));
  const change = lines.reduce((sum, line) => sum + line.effect, 0n);
  const bridge: GoalBridge = { outcome, before: 0n, after: change, change, lines };
  const [flag] = flagTargets(bridge, [{ id: 3, indicator, status }]);
  const facts = flagFacts({ id: 9, name: "Goal" }, outcome, flag!);
  // Kept as JSON in a signed-off week's record, read back.
  const kept = JSON.parse(JSON.stringify(facts)) as typeof facts;
  return { text: flagWords(kept, currency, localizer(locale)), part: flagPartNumber(kept) };
}

describe("a flag in words", () => {
  it.each([
    [
      "ROAS on track, its orders up, marketing spend up more",
      ["net_profit", { orders: 1_000_0000n, marketing: -1_234_5678n }, "roas", "on_track"],
      "Return on ad spend is on track, but the marketing spend behind it cost more net profit than it added (orders +€1,000.00; marketing spend −€1,234.57).",
      -234.57,
    ],
    [
      "payment fees met, fees up",
      ["net_profit", { fees: -12_3400n }, "transaction_fees", "met"],
      "Payment fees met its target, but its part of net profit went the wrong way: −€12.34.",
      -12.34,
    ],
    [
      "gross sales on track, more orders at a lower AOV (net sales)",
      ["net_sales", { orders: 500_0000n, aov: -800_0000n }, "gross_sales", "on_track"],
      "Gross sales is on track, but average order value went the other way and took more net sales than it added (orders +€500.00; average order value −€800.00).",
      -300,
    ],
    [
      "new customers on track, fewer customers (repeat customers)",
      ["repeat_customers", { customers: -2_5000n }, "new_customers", "on_track"],
      "New customers is on track, but its part of repeat customers went the wrong way: −2.5.",
      -2.5,
    ],
  ] as [string, [BridgedOutcome, Record<string, bigint>, string, string], string, number][])(
    "GIVEN %s THEN the flag says so in English, with its part as a number",
    (_, args, expected, part) => {
      expect(words(...args)).toEqual({ text: expected, part });
    },
  );

  it("GIVEN the same flags for a reader in Chinese THEN they are said in Chinese, amounts in Chinese formats", () => {
    expect(words("net_profit", { orders: 1_000_0000n, marketing: -1_234_5678n }, "roas", "on_track", "zh-CN").text).toBe(
      "广告支出回报率进度正常，但背后的营销支出让净利润损失的比它带来的更多（订单 +€1,000.00；营销支出 −€1,234.57）。",
    );
    expect(words("net_profit", { fees: -12_3400n }, "transaction_fees", "met", "zh-CN").text).toBe("支付手续费已达成目标，但它对净利润的贡献是负的：−€12.34。");
    expect(words("net_sales", { orders: 500_0000n, aov: -800_0000n }, "gross_sales", "on_track", "zh-CN").text).toBe(
      "总销售额进度正常，但平均订单价值朝相反方向变动，让净销售额损失的比它带来的更多（订单 +€500.00；平均订单价值 −€800.00）。",
    );
  });

  it("GIVEN a currency without decimals THEN the amounts are in its own units", () => {
    expect(words("net_profit", { shipping: -1_234_0000n }, "shipping_costs", "on_track", "en", "JPY").text).toBe(
      "Shipping costs is on track, but its part of net profit went the wrong way: −¥1,234.",
    );
  });
});
