import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineError, InlineStack, Select, Text } from "@shopify/polaris";

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
  return (
    <Select
      label={`Role of ${member.name}`}
      labelHidden
      options={[
        { value: "strategist", label: "Strategist" },
        { value: "staff", label: "Staff" },
      ]}
      value={member.role}
      onChange={(role) => fetcher.submit({ intent: "set_role", userId: member.userId, role }, { method: "post" })}
    />
  );
}

/** Who is on the team: the owner makes staff Strategists (same rights on strategy) or leaves them Staff. */
export function TeamCard({ team, canManageRoles, error }: { team: TeamMember[]; canManageRoles: boolean; error?: string }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Team
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          Owners and strategists set goals and targets and sign off reviews; staff log and review promotions. Staff appear here once they open the app.
        </Text>
        {team.map((member) => (
          <InlineStack key={member.userId} align="space-between" blockAlign="center">
            <InlineStack gap="200" blockAlign="center">
              <Text as="span">{member.name}</Text>
              {member.collaborator ? <Badge>Collaborator</Badge> : null}
            </InlineStack>
            {canManageRoles && !member.accountOwner && !member.collaborator ? <RoleSelect member={member} /> : <Badge tone={member.role === "staff" ? undefined : "info"}>{member.roleLabel}</Badge>}
          </InlineStack>
        ))}
        {error ? <InlineError message={error} fieldID="team" /> : null}
      </BlockStack>
    </Card>
  );
}
