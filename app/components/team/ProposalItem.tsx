import { Form } from "@remix-run/react";
import { Badge, BlockStack, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { IntentButton } from "~/components/IntentButton";
import { useLocale } from "~/i18n/react";
import type { ProposalView } from "~/staff/proposal-view";

/**
 * One proposal: what it proposes, who proposed it and when, where it stands with the decider's
 * comment; with the owner's or a strategist's Approve and Return (a comment required) while it
 * waits, or the proposer's Withdraw.
 */
export function ProposalItem({
  proposal,
  mayDecide,
  mayWithdraw,
  errors,
}: {
  proposal: ProposalView;
  mayDecide: boolean;
  mayWithdraw: boolean;
  errors: Record<string, string>;
}) {
  const { t } = useLocale();
  const [comment, setComment] = useState("");
  const waiting = proposal.status === "pending";
  return (
    <BlockStack gap="150" id={`proposal-${proposal.id}`}>
      <InlineStack gap="200" blockAlign="center">
        <Text as="h3" variant="headingSm">
          {proposal.what}
        </Text>
        <Badge tone={waiting ? "attention" : proposal.status === "approved" ? "success" : undefined}>{proposal.statusLabel}</Badge>
      </InlineStack>
      {proposal.details ? <Text as="p">{proposal.details}</Text> : null}
      <Text as="p" variant="bodySm" tone="subdued">
        {proposal.by}
      </Text>
      {proposal.comment ? <Text as="p">{proposal.comment}</Text> : null}
      {errors.id ? (
        <Text as="p" tone="critical">
          {errors.id}
        </Text>
      ) : null}
      {waiting && mayDecide ? (
        <BlockStack gap="200">
          <IntentButton
            intent="approve_proposal"
            id={proposal.id}
            accessibilityLabel={t("team.proposals.approveLabel", { name: proposal.proposedByName, what: proposal.what })}
          >
            {t("team.proposals.approve")}
          </IntentButton>
          <Form method="post">
            <input type="hidden" name="intent" value="return_proposal" />
            <input type="hidden" name="id" value={proposal.id} />
            <InlineStack gap="200" blockAlign="end">
              <div style={{ flex: 1 }}>
                <TextField
                  label={t("team.proposals.commentLabel", { name: proposal.proposedByName })}
                  name="comment"
                  value={comment}
                  onChange={setComment}
                  autoComplete="off"
                  error={errors.comment}
                />
              </div>
              <Button submit>{t("team.proposals.returnIt")}</Button>
            </InlineStack>
          </Form>
        </BlockStack>
      ) : null}
      {waiting && mayWithdraw ? (
        <IntentButton intent="withdraw_proposal" id={proposal.id} accessibilityLabel={t("team.proposals.withdrawLabel", { what: proposal.what })}>
          {t("team.proposals.withdraw")}
        </IntentButton>
      ) : null}
    </BlockStack>
  );
}
