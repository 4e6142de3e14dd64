import { currentLocalizer } from "~/i18n/scope";
import { UsageError } from "./usage-error";

export const tokensCommand = {
  summary: "seal every stored token with the current key (after rotating TOKEN_ENCRYPTION_KEY)",
  options: { json: { type: "boolean" } },
  maxPositionals: 1, // the action: reseal
  async run(values: Record<string, string | boolean | undefined>, positionals: string[]) {
    const { t } = currentLocalizer();
    if (positionals[0] !== "reseal") {
      throw new UsageError(positionals[0] ? t("cli.tokens.actionNot", { words: positionals.join(" ").slice(0, 60) }) : t("cli.tokens.action"));
    }
    const [{ default: db }, { env }, { resealTokens }] = await Promise.all([
      import("~/db.server"),
      import("~/env.server"),
      import("~/lib/token-reseal.server"),
    ]);
    const report = await resealTokens(db, env().tokenKeyring);
    if (values.json) {
      console.log(JSON.stringify(report));
    } else {
      console.log(t("cli.tokens.resealed", { resealed: report.resealed, sessions: report.sessions }));
      for (const { shop } of report.unreadable) console.log(t("cli.tokens.unreadable", { shop }));
      if (report.adConnections > 0) console.log(t("cli.tokens.adResealed", { resealed: report.adResealed, connections: report.adConnections }));
      for (const { shop, platform } of report.adUnreadable) console.log(t("cli.tokens.adUnreadable", { shop, platform }));
      if (report.slackWebhooks > 0) console.log(t("brief.cli.slackResealed", { resealed: report.slackResealed, webhooks: report.slackWebhooks }));
      for (const { shop } of report.slackUnreadable) console.log(t("brief.cli.slackUnreadable", { shop }));
    }
    return report.unreadable.length > 0 || report.adUnreadable.length > 0 || report.slackUnreadable.length > 0 ? 1 : 0;
  },
} as const;
