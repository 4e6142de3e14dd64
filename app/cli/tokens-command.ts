import { UsageError } from "./usage-error";

export const tokensCommand = {
  summary: "seal every stored token with the current key (after rotating TOKEN_ENCRYPTION_KEY)",
  options: { json: { type: "boolean" } },
  async run(values: Record<string, string | boolean | undefined>, positionals: string[]) {
    if (positionals[0] !== "reseal" || positionals.length > 1) throw new UsageError(`tokens: say "tokens reseal"${positionals[0] ? `, not "${positionals.join(" ").slice(0, 60)}"` : ""}`);
    const [{ default: db }, { env }, { resealTokens }] = await Promise.all([import("~/db.server"), import("~/env.server"), import("~/lib/token-reseal.server")]);
    const report = await resealTokens(db, env().tokenKeyring);
    if (values.json) {
      console.log(JSON.stringify(report));
    } else {
      console.log(`${report.resealed} of ${report.sessions} sessions sealed again with the current key.`);
      for (const { shop } of report.unreadable) console.log(`unreadable with the configured keys (the shop gets a new token when it next opens the app): ${shop}`);
    }
    return report.unreadable.length > 0 ? 1 : 0;
  },
} as const;
