import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineError, InlineStack, Select, Text } from "@shopify/polaris";
import { useLocale } from "~/i18n/react";

interface TeamMember {
  userId: string;
  name: string;
  role: string;
  roleLabel: string;
  collaborator: boolean;
  accountOwner: boolean;
}

function RoleSelect({ member }: { member: TeamMember }) {
  const fetcher = useFetcher();
  const { t } = useLocale();
  return (
    <Select
      label={t("targets.team.roleOf", { name: member.name })}
      labelHidden
      options={[
        { value: "strategist", label: t("roles.strategist") },
        { value: "staff", label: t("roles.staff") },
      ]}
      value={member.role}
      onChange={(role) => fetcher.submit({ intent: "set_role", userId: member.userId, role }, { method: "post" })}
    />
  );
}

/** Who is on the team: the owner makes staff Strategists (same rights on strategy) or leaves them Staff. */
export function TeamCard({ team, canManageRoles, error }: { team: TeamMember[]; canManageRoles: boolean; error?: string }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("targets.team.title")}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {t("targets.team.note")}
        </Text>
        {team.map((member) => (
          <InlineStack key={member.userId} align="space-between" blockAlign="center">
            <InlineStack gap="200" blockAlign="center">
              <Text as="span">{member.name}</Text>
              {member.collaborator ? <Badge>{t("targets.team.collaborator")}</Badge> : null}
            </InlineStack>
            {canManageRoles && !member.accountOwner && !member.collaborator ? (
              <RoleSelect member={member} />
            ) : (
              <Badge tone={member.role === "staff" ? undefined : "info"}>{member.roleLabel}</Badge>
            )}
          </InlineStack>
        ))}
        {error ? <InlineError message={error} fieldID="team" /> : null}
      </BlockStack>
    </Card>
  );
}
