/**
 * `costs`: the owner's cost settings from the command line, as the Costs page has them. Rates are
 * fractions, as `targets set` takes ratios ("0.0349" for 3.49%); money is in the shop currency. The
 * command line acts with the owner's rights, recorded as "Command line" in the history; every
 * change queues the costs job and, since no server may be running to take it, applies it at once
 * (recomputing the days a fee rule changes) before saying so. Bad options exit 2 with nothing changed.
 */
import { statSync, readFileSync } from "node:fs";
import type { PrismaClient } from "@prisma/client";
import { fractionToPercent, parseCustomCost, parseDefaultCostRate, parseGatewayFee, parseShippingRule, readDestination, readGateway } from "~/costs/cost-input";
import { formatMoney } from "@throughline/shopify-common/money";
import { currentLocalizer } from "~/i18n/scope";
import { parseRecordId } from "~/lib/form.server";
import type { CostsQueue } from "~/costs/costs.server";
import { commandLineActor } from "./command-line-actor";
import { knownShop } from "./report-args";
import { UsageError } from "./usage-error";

/** Each action's subjects, and the options each takes (beside --shop). */
const OPTIONS_OF: Record<string, Record<string, readonly string[]>> = {
  show: { "": ["json"] },
  "import-shipping": { "": [] },
  set: {
    fee: ["gateway", "rate", "fixed-fee"],
    shipping: ["destination", "per-order", "per-unit"],
    cost: ["id", "name", "kind", "amount", "rate", "from-month", "to-month", "date"],
    "default-rate": ["rate"],
  },
  remove: { fee: ["gateway"], shipping: ["destination"], cost: ["id"], "default-rate": [] },
};

/** The file's bytes, or why it can't be read (missing, not a regular file). */
function readFile(file: string): Uint8Array {
  const { t } = currentLocalizer();
  try {
    if (!statSync(file).isFile()) throw new UsageError(t("costs.cli.notAFile", { file }));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(t("costs.cli.noSuchFile", { file }));
  }
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(t("costs.cli.unreadable", { file, code: (error as NodeJS.ErrnoException).code ?? "EIO" }));
  }
}

/** A field's refusal as the option that carried it: `fixedFee` was given as --fixed-fee. */
const flagOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

function refuse(action: string, errors: Record<string, string | undefined>): never {
  const [field, problem] = Object.entries(errors).find(([, message]) => message !== undefined)!;
  throw new UsageError(currentLocalizer().t("costs.cli.invalid", { action, flag: flagOf(field), problem: problem! }));
}

async function show(db: PrismaClient, shop: { shop: string; currencyCode: string }, json: boolean) {
  const { t } = currentLocalizer();
  const money = (value: bigint) =>
    formatMoney(value, 4)
      .replace(/(\.\d*?)0+$/, "$1")
      .replace(/\.$/, "");
  const [settings, fees, rules, imported, custom] = await Promise.all([
    db.costSettings.findUnique({ where: { shop: shop.shop } }),
    db.gatewayFeeRule.findMany({ where: { shop: shop.shop }, orderBy: { gateway: "asc" } }),
    db.shippingRule.findMany({ where: { shop: shop.shop }, orderBy: { destination: "asc" } }),
    db.shippingCost.aggregate({ where: { shop: shop.shop }, _count: true, _sum: { cost: true } }),
    db.customCost.findMany({ where: { shop: shop.shop }, orderBy: { id: "asc" } }),
  ]);
  const costs = {
    currency: shop.currencyCode,
    gateway_fees: fees.map((fee) => ({ gateway: fee.gateway, rate: fee.rate, fixed_fee: money(fee.fixedFee) })),
    shipping_rules: rules.map((rule) => ({ destination: rule.destination, per_order: money(rule.perOrder), per_unit: money(rule.perUnit) })),
    shipping_costs: { orders: imported._count, total: money(imported._sum.cost ?? 0n) },
    custom_costs: custom.map((cost) => ({
      id: cost.id,
      name: cost.name,
      kind: cost.kind,
      amount: cost.amount === null ? null : money(cost.amount),
      rate: cost.rate,
      from_month: cost.fromMonth,
      to_month: cost.toMonth,
      date: cost.date,
    })),
    default_cost_rate: settings?.defaultCostRate ?? null,
    version: settings?.version ?? 0,
    applied_version: settings?.appliedVersion ?? 0,
  };
  if (json) {
    console.log(JSON.stringify({ costs }));
    return;
  }
  const percent = (rate: string) => `${fractionToPercent(rate)}%`;
  const lines = [
    t("costs.cli.fees"),
    ...(fees.length
      ? costs.gateway_fees.map((fee) => `  ${fee.gateway}: ${percent(fee.rate)} + ${fee.fixed_fee} ${shop.currencyCode}`)
      : [t("costs.cli.none")]),
  ];
  lines.push(
    t("costs.cli.shipping"),
    ...(rules.length
      ? costs.shipping_rules.map((rule) => `  ${rule.destination}: ${rule.per_order} + ${rule.per_unit} × units ${shop.currencyCode}`)
      : [t("costs.cli.none")]),
  );
  lines.push(t("costs.cli.importedSummary", { orders: costs.shipping_costs.orders, total: `${costs.shipping_costs.total} ${shop.currencyCode}` }));
  lines.push(
    t("costs.cli.custom"),
    ...(custom.length
      ? costs.custom_costs.map((cost) => {
          const what = cost.kind === "percent_of_net_sales" ? percent(cost.rate!) : `${cost.amount} ${shop.currencyCode}`;
          const when = cost.kind === "one_off" ? ` ${cost.date}` : cost.kind === "monthly" ? ` ${cost.from_month ?? "…"}–${cost.to_month ?? "…"}` : "";
          return `  #${cost.id} ${cost.name}: ${cost.kind} ${what}${when}`;
        })
      : [t("costs.cli.none")]),
  );
  lines.push(t("costs.cli.defaultRate", { rate: costs.default_cost_rate === null ? "—" : percent(costs.default_cost_rate) }));
  console.log(lines.join("\n"));
}

/**
 * Applies the settings now (the job the change queued finds them applied), and says whether the
 * figures take them into account: not while a first sync builds the rollups, which the job waits for.
 */
async function applyNow(db: PrismaClient, shop: string): Promise<void> {
  const { t } = currentLocalizer();
  const { applyCostSettings } = await import("~/costs/apply-costs.server");
  const outcome = await applyCostSettings(db, shop, () => new Date());
  console.log(outcome === "applied" ? t("costs.cli.applied") : t("costs.cli.applyWaits"));
}

export const costsCommand = {
  summary: "the owner's costs: show them, set or remove a rule, import actual shipping costs",
  options: {
    shop: { type: "string" },
    json: { type: "boolean" },
    gateway: { type: "string" },
    rate: { type: "string" },
    "fixed-fee": { type: "string" },
    destination: { type: "string" },
    "per-order": { type: "string" },
    "per-unit": { type: "string" },
    id: { type: "string" },
    name: { type: "string" },
    kind: { type: "string" },
    amount: { type: "string" },
    "from-month": { type: "string" },
    "to-month": { type: "string" },
    date: { type: "string" },
  },
  maxPositionals: 2,
  async run(values: Record<string, string | boolean | undefined>, positionals: string[]) {
    const { t } = currentLocalizer();
    const [action = "", second] = positionals;
    const subjects = OPTIONS_OF[action];
    if (!subjects) throw new UsageError(t("costs.cli.action"));
    const what = action === "set" || action === "remove" ? (second ?? "") : "";
    const allowed = subjects[what];
    if (!allowed) throw new UsageError(t("costs.cli.what", { action, what: what.slice(0, 40), choices: Object.keys(subjects).join(", ") }));
    if (action === "import-shipping" && !second) throw new UsageError(t("costs.cli.noFile"));
    if (action === "show" && second !== undefined) throw new UsageError(t("cli.args.unexpected", { command: "costs show", argument: second.slice(0, 40) }));
    const name = `${action}${what ? ` ${what}` : ""}`;
    // An option of another action would be ignored without a word: refused instead.
    const belongs = ["shop", ...allowed];
    const stray = Object.keys(values).find((flag) => values[flag] !== undefined && !belongs.includes(flag));
    if (stray) throw new UsageError(t("costs.cli.stray", { action: name, flag: stray, options: belongs.map((flag) => `--${flag}`).join(", ") }));
    const text = (flag: string) => values[flag] as string | undefined;
    const need = (...flags: string[]) => {
      for (const flag of flags) if (text(flag) === undefined) throw new UsageError(t("costs.cli.required", { action: name, flag }));
    };

    const { default: db } = await import("~/db.server");
    const shop = await knownShop(db, values.shop);
    if (action === "show") return show(db, shop, Boolean(values.json));

    const [{ jobQueue }, costs] = await Promise.all([import("~/jobs/jobs.server"), import("~/costs/costs.server")]);
    const queue: CostsQueue & { stop(): Promise<void> } = jobQueue(db);
    const actor = commandLineActor(shop.shop);
    const now = new Date();
    try {
      if (action === "import-shipping") {
        const { readShippingCostsCsv } = await import("~/costs/shipping-costs-csv");
        const read = readShippingCostsCsv(readFile(second!));
        if (!read.ok) {
          process.stderr.write(
            `${read.errors.map((error) => t("cli.error", { message: error.replace(/\s*[\r\n]+\s*/g, " ") })).join("\n")}\n${t("costs.cli.nothingImported")}\n`,
          );
          return 2;
        }
        const { imported, replaced } = await costs.importShippingCosts(db, queue, actor, read.costs, now);
        console.log(t("costs.cli.imported", { count: imported, replaced }));
        await applyNow(db, shop.shop);
        return;
      }
      if (action === "set") {
        if (what === "fee") {
          need("gateway", "rate");
          const parsed = parseGatewayFee({ gateway: text("gateway"), rate: text("rate"), fixedFee: text("fixed-fee") ?? "0" }, "fraction");
          if (!parsed.ok) refuse(name, parsed.errors);
          await costs.setGatewayFee(db, queue, actor, parsed.value, now);
        } else if (what === "shipping") {
          need("destination", "per-order");
          const parsed = parseShippingRule({ destination: text("destination"), perOrder: text("per-order"), perUnit: text("per-unit") ?? "0" });
          if (!parsed.ok) refuse(name, parsed.errors);
          await costs.setShippingRule(db, queue, actor, parsed.value, now);
        } else if (what === "cost") {
          need("name", "kind");
          const id = text("id") === undefined ? null : parseRecordId(text("id"));
          if (text("id") !== undefined && id === null) refuse(name, { id: t("costs.errors.notCostId", { given: text("id")!.slice(0, 40) }) });
          const raw = {
            name: text("name"),
            kind: text("kind"),
            amount: text("amount"),
            rate: text("rate"),
            fromMonth: text("from-month"),
            toMonth: text("to-month"),
            date: text("date"),
          };
          // The command line says what it means: an option of another kind is a mistake, not ignored as a form's hidden field is.
          const ofKind = { monthly: ["amount", "from-month", "to-month"], one_off: ["amount", "date"], percent_of_net_sales: ["rate"] }[raw.kind ?? ""] ?? [];
          const extra = ["amount", "rate", "from-month", "to-month", "date"].find(
            (flag) => text(flag) !== undefined && raw.kind && ofKind.length > 0 && !ofKind.includes(flag),
          );
          if (extra)
            throw new UsageError(
              t("costs.cli.stray", {
                action: `${name} --kind ${raw.kind}`,
                flag: extra,
                options: ["shop", "id", "name", "kind", ...ofKind].map((flag) => `--${flag}`).join(", "),
              }),
            );
          const parsed = parseCustomCost(raw, "fraction");
          if (!parsed.ok) refuse(name, parsed.errors);
          if (id === null) await costs.createCustomCost(db, queue, actor, parsed.value, now);
          else if (!(await costs.updateCustomCost(db, queue, actor, id, parsed.value, now))) refuse(name, { id: t("costs.errors.noSuchCost") });
        } else {
          need("rate");
          const parsed = parseDefaultCostRate(text("rate"), "fraction");
          if (!parsed.ok) refuse(name, parsed.errors);
          if (parsed.value === null) refuse(name, { rate: t("costs.errors.rateMissing", { example: t("costs.errors.rateFractionExample") }) });
          if (!(await costs.setDefaultCostRate(db, queue, actor, parsed.value, now))) {
            console.log(t("costs.cli.unchanged"));
            return;
          }
        }
        console.log(t("costs.cli.saved"));
        await applyNow(db, shop.shop);
        return;
      }
      // remove
      let removed: boolean;
      if (what === "fee") {
        need("gateway");
        const gateway = readGateway(text("gateway"));
        if ("error" in gateway) refuse(name, { gateway: gateway.error });
        removed = await costs.removeGatewayFee(db, queue, actor, gateway.value, now);
      } else if (what === "shipping") {
        need("destination");
        const destination = readDestination(text("destination"));
        if ("error" in destination) refuse(name, { destination: destination.error });
        removed = await costs.removeShippingRule(db, queue, actor, destination.value, now);
      } else if (what === "cost") {
        need("id");
        const id = parseRecordId(text("id"));
        if (id === null) refuse(name, { id: t("costs.errors.notCostId", { given: text("id")!.slice(0, 40) }) });
        removed = await costs.removeCustomCost(db, queue, actor, id, now);
      } else removed = await costs.setDefaultCostRate(db, queue, actor, null, now);
      if (!removed && what !== "default-rate")
        throw new UsageError(t("costs.cli.notFound", { what: `${what} ${text("gateway") ?? text("destination") ?? text("id") ?? ""}`.trim() }));
      console.log(removed ? t("costs.cli.removed") : t("costs.cli.unchanged"));
      if (removed) await applyNow(db, shop.shop);
    } finally {
      await queue.stop();
    }
  },
} as const;
