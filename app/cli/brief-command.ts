import { timeZone } from "@throughline/shopify-common/time-zone";
import { briefFacts } from "~/brief/brief-facts.server";
import { briefRecipients, channelMessage, personEmail } from "~/brief/brief.server";
import { sendBriefs } from "~/brief/deliveries.server";
import { briefSenders } from "~/brief/senders.server";
import { slackText } from "~/brief/slack";
import { isoWeekLabel } from "~/lib/calendar";
import { formatDateRange } from "~/lib/dates";
import { storedWords } from "~/i18n/stored-message";
import { currentLocalizer } from "~/i18n/scope";
import { ensureRollups } from "~/indicators/rollups.server";
import { rebuildProgress } from "./progress";
import { knownShop } from "./report-args";
import { parseWeek } from "./review-command";
import { UsageError } from "./usage-error";

export const briefCommand = {
  summary: "what each person and the Slack channel get in the Monday brief; --send sends it now",
  options: { shop: { type: "string" }, week: { type: "string" }, json: { type: "boolean" }, send: { type: "boolean" } },
  maxPositionals: 0,
  async run(values: Record<string, string | boolean | undefined>) {
    const { default: db } = await import("~/db.server");
    const l10n = currentLocalizer();
    const { t } = l10n;
    const shop = await knownShop(db, values.shop);
    const today = timeZone(shop.ianaTimezone).localDay(Date.now());
    const start = parseWeek(values.week, today);
    if (values.send && start + 6 >= today) throw new UsageError(t("brief.errors.weekUnderWay", { week: isoWeekLabel(start) }));
    await ensureRollups(db, shop.shop, rebuildProgress(shop.shop));
    const facts = await briefFacts(db, shop.shop, start, today);
    const recipients = await briefRecipients(db, shop.shop);
    const emails = [];
    for (const person of recipients.people) emails.push({ person, email: await personEmail(db, facts, person) });
    const slack = recipients.slack ? { locale: recipients.slack.locale, message: await channelMessage(db, facts, recipients.slack.locale) } : null;
    const senders = briefSenders();
    const run = values.send ? await sendBriefs(db, shop.shop, start, new Date(), senders) : null;
    const deliveries = (run?.outcomes ?? []).map((outcome) => ({ ...outcome, error: storedWords(outcome.error, l10n) }));

    if (values.json) {
      console.log(
        JSON.stringify({
          week: facts.week,
          recipients: emails.map(({ person, email }) => ({
            recipient: person.recipient,
            channel: "email",
            locale: person.locale,
            subject: email.subject,
            text: email.text,
          })),
          slack: slack && {
            recipient: recipients.slack!.recipient,
            channel: "slack",
            locale: slack.locale,
            text: slackText(slack.message),
            blocks: slack.message.blocks,
          },
          ...(run
            ? { deliveries: deliveries.map(({ recipient, channel, status, attempts, error }) => ({ recipient, channel, status, attempts, error })) }
            : {}),
        }),
      );
    } else {
      console.log(t("brief.cli.heading", { shop: shop.shop, week: facts.week, range: formatDateRange(facts.weekStart, facts.weekEnd, l10n.locale) }));
      if (emails.length === 0) console.log(t("brief.cli.nobody"));
      for (const { person, email } of emails)
        console.log(`\n${t("brief.cli.email", { name: person.name, locale: person.locale, subject: email.subject })}\n\n${email.text}`);
      console.log(slack ? `\n${t("brief.cli.slack", { locale: slack.locale })}\n\n${slackText(slack.message)}\n` : `\n${t("brief.cli.noSlack")}`);
      if (run && senders.mail === null && emails.length > 0) console.log(t("brief.cli.emailOff"));
      for (const delivery of deliveries)
        console.log(
          t(delivery.error ? "brief.cli.deliveryError" : "brief.cli.delivery", {
            recipient: delivery.recipient,
            status: delivery.status,
            error: delivery.error ?? "",
          }),
        );
    }
    return deliveries.some((delivery) => delivery.status === "failed") ? 1 : 0;
  },
} as const;
