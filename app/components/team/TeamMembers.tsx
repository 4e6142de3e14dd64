import { Link, useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineError, InlineStack, Select, Text } from "@shopify/polaris";
import { useLocale } from "~/i18n/react";

interface Member {
  userId: string;
  name: string;
  roleLabel: string;
  stage: string;
  limitedTo: string | null;
  accountOwner: boolean;
}

/** The owner's choice of a Staff member's stage, saved as it changes (kept in the history). */
function StageSelect({ member, stages }: { member: Member; stages: { value: string; label: string }[] }) {
  const fetcher = useFetcher();
  const { t } = useLocale();
  return (
    <Select
      label={t("team.page.stageOf", { name: member.name })}
      labelHidden
      options={stages}
      value={member.stage}
      onChange={(stage) => fetcher.submit({ intent: "set_stage", userId: member.userId, stage }, { method: "post" })}
    />
  );
}

/** Who is on the team, each with their role and stage (the owner sets a Staff member's stage here), and a link to their record. */
export function TeamMembers({
  members,
  stages,
  canSetStages,
  chosen,
  error,
}: {
  members: Member[];
  stages: { value: string; label: string }[];
  canSetStages: boolean;
  chosen: string;
  error?: string;
}) {
  const { t } = useLocale();
  const stageLabel = (stage: string) => stages.find((option) => option.value === stage)?.label ?? stage;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("team.page.members")}
        </Text>
        {members.map((member) => (
          <BlockStack gap="100" key={member.userId} id={`member-${member.userId}`}>
            <InlineStack align="space-between" blockAlign="center" gap="200">
              <InlineStack gap="200" blockAlign="center">
                <Text as="span" fontWeight={member.userId === chosen ? "bold" : "regular"}>
                  {member.name}
                </Text>
                <Badge tone={member.limitedTo ? undefined : "info"}>{member.roleLabel}</Badge>
              </InlineStack>
              <Link to={`/app/team?member=${encodeURIComponent(member.userId)}`} aria-label={t("team.page.openRecordLabel", { name: member.name })}>
                {t("team.page.openRecord")}
              </Link>
            </InlineStack>
            {member.limitedTo === null ? (
              <Text as="span" variant="bodySm" tone="subdued">
                {t("team.page.beyondStages")}
              </Text>
            ) : canSetStages && !member.accountOwner ? (
              <StageSelect member={member} stages={stages} />
            ) : (
              <Badge>{stageLabel(member.limitedTo)}</Badge>
            )}
          </BlockStack>
        ))}
        {error ? <InlineError message={error} fieldID="team-stage" /> : null}
        <Text as="p" variant="bodySm" tone="subdued">
          {t("team.page.stageNote")}
        </Text>
      </BlockStack>
    </Card>
  );
}
