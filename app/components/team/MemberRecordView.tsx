import { BlockStack, Card, Divider, InlineGrid, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { useLocale } from "~/i18n/react";
import { formatDateTime } from "~/lib/dates";
import type { MemberRecord } from "~/staff/member-record.server";
import { ProposalItem } from "./ProposalItem";

/** A heading and a figure, as the record's first row shows them. */
function Figure({ id, label, value }: { id: string; label: string; value: number }) {
  const { locale } = useLocale();
  return (
    <BlockStack gap="050">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingMd" id={id}>
        {value.toLocaleString(locale)}
      </Text>
    </BlockStack>
  );
}

/** One card of the record: its heading (and a note), then its rows, or `empty`'s words when it has none. */
function Section({ id, heading, note, empty, children }: { id: string; heading: string; note?: string; empty: string | null; children: ReactNode }) {
  return (
    <Card>
      <BlockStack gap="300" id={id}>
        <Text as="h3" variant="headingMd">
          {heading}
        </Text>
        {note ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {note}
          </Text>
        ) : null}
        {empty === null ? (
          children
        ) : (
          <Text as="p" tone="subdued">
            {empty}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

/** Tactics with how many of the member's promotions used them, or "None yet." */
function Tactics({ id, heading, tactics }: { id: string; heading: string; tactics: { key: string; title: string; count: number }[] }) {
  const { t } = useLocale();
  return (
    <BlockStack gap="100" id={id}>
      <Text as="h4" variant="headingSm">
        {heading}
      </Text>
      {tactics.length === 0 ? (
        <Text as="p" tone="subdued">
          {t("team.record.none")}
        </Text>
      ) : (
        tactics.map((tactic) => (
          <Text as="p" key={tactic.key}>
            {t("team.record.tactic", { title: tactic.title, count: tactic.count })}
          </Text>
        ))
      )}
    </BlockStack>
  );
}

/**
 * A member's record: what they ran and how it was judged, its lift against what they expected, the
 * tactics they imitated, adapted and made their own, their proposals and their stage's history.
 * `lessons`: the place for the lessons assigned to them and read (issue 27, item 4), below the rest.
 */
export function MemberRecordView({
  member,
  record,
  mayWithdraw,
  errors,
  failedProposal,
  timeZone,
  lessons,
}: {
  member: { name: string; roleLabel: string; limitedTo: string | null };
  record: MemberRecord;
  mayWithdraw: boolean;
  errors: Record<string, string>;
  failedProposal: number | undefined;
  timeZone: string;
  lessons?: ReactNode;
}) {
  const { t, locale } = useLocale();
  const stage = member.limitedTo === "follow" || member.limitedTo === "adapt" || member.limitedTo === "create" ? member.limitedTo : null;
  const stageLabel = (value: string) => (value === "follow" || value === "adapt" || value === "create" ? t(`team.stages.${value}`) : value);
  return (
    <BlockStack gap="400" id="member-record">
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingLg">
            {t("team.record.title", { name: member.name })}
          </Text>
          <Text as="p" tone="subdued" id="member-stage">
            {stage ? t("team.record.stageLine", { role: member.roleLabel, stage: stageLabel(stage) }) : t("team.record.beyondLine", { role: member.roleLabel })}
          </Text>
          <InlineGrid columns={{ xs: 2, md: 3 }} gap="300">
            <Figure id="record-run" label={t("team.record.promotions")} value={record.promotions.run} />
            <Figure id="record-ended" label={t("team.record.ended")} value={record.promotions.ended} />
            <Figure id="record-answered" label={t("team.record.answered")} value={record.promotions.answered} />
          </InlineGrid>
          <InlineGrid columns={{ xs: 2, md: 4 }} gap="300">
            {record.verdicts.map((verdict) => (
              <Figure key={verdict.verdict} id={`record-verdict-${verdict.verdict}`} label={verdict.label} value={verdict.count} />
            ))}
          </InlineGrid>
        </BlockStack>
      </Card>
      <Section
        id="record-expectations"
        heading={t("team.record.expectations")}
        note={t("team.record.expectationsNote")}
        empty={record.expectations.length === 0 ? t("team.record.noneReviewed") : null}
      >
        {record.expectations.map((row, index) => (
          <BlockStack gap="050" key={row.id}>
            {index > 0 ? <Divider /> : null}
            <Text as="h4" variant="headingSm">
              {row.indicator ? `${row.title} · ${row.indicator} · ${row.verdict}` : `${row.title} · ${row.verdict}`}
            </Text>
            <Text as="p">{row.expected ? t("team.record.expected", { change: row.expected }) : t("team.record.nothingExpected")}</Text>
            <Text as="p" tone={row.lift?.reading === "likely_up" ? "success" : row.lift?.reading === "likely_down" ? "critical" : "subdued"}>
              {row.lift?.words ?? t("team.record.noLift")}
            </Text>
          </BlockStack>
        ))}
        {record.moreReviewed > 0 ? (
          <Text as="p" variant="bodySm" tone="subdued">
            {t("team.record.moreReviewed", { count: record.moreReviewed })}
          </Text>
        ) : null}
      </Section>
      <Card>
        <BlockStack gap="300">
          <Text as="h3" variant="headingMd">
            {t("team.record.tactics")}
          </Text>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <Tactics id="record-followed" heading={t("team.record.followed")} tactics={record.followed} />
            <Tactics id="record-adapted" heading={t("team.record.adapted")} tactics={record.adapted} />
            <BlockStack gap="100" id="record-own">
              <Text as="h4" variant="headingSm">
                {t("team.record.own")}
              </Text>
              <Text as="p">{t("team.record.ownPromotions", { count: record.own.promotions })}</Text>
              {record.own.tactics.map((tactic) => (
                <Text as="p" key={tactic.key}>
                  {t("team.record.ownTactic", { title: tactic.title })}
                </Text>
              ))}
              <Text as="p">{t("team.record.ownTargets", { count: record.own.targets })}</Text>
            </BlockStack>
          </InlineGrid>
        </BlockStack>
      </Card>
      <Section id="record-proposals" heading={t("team.record.proposals")} empty={record.proposals.length === 0 ? t("team.record.noProposals") : null}>
        {record.proposals.map((proposal) => (
          <ProposalItem
            key={proposal.id}
            proposal={proposal}
            mayDecide={false}
            mayWithdraw={mayWithdraw}
            errors={failedProposal === proposal.id ? errors : {}}
          />
        ))}
      </Section>
      <Section
        id="record-stage-history"
        heading={t("team.record.stageHistory")}
        empty={record.stageHistory.length === 0 ? t("team.record.noStageChanges") : null}
      >
        {record.stageHistory.map((change, index) => (
          <Text as="p" key={`${change.at}-${index}`}>
            {t("team.record.stageChange", {
              date: formatDateTime(change.at, timeZone, locale),
              from: stageLabel(change.from),
              to: stageLabel(change.to),
              by: change.by,
            })}
          </Text>
        ))}
      </Section>
      {/* The lessons assigned to this member and what they read (the lessons' own component). */}
      {lessons ? (
        <Section id="record-lessons" heading={t("team.record.lessons")} empty={null}>
          {lessons}
        </Section>
      ) : null}
    </BlockStack>
  );
}
