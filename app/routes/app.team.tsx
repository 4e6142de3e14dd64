import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { TacticForm } from "~/components/playbooks/TacticForm";
import { RefusalSection, revalidateAfterRefusal } from "~/components/RefusalBanner";
import { LessonsList } from "~/components/lessons/LessonsList";
import { MemberRecordView } from "~/components/team/MemberRecordView";
import { ProposalItem } from "~/components/team/ProposalItem";
import { TeamMembers } from "~/components/team/TeamMembers";
import { TargetForm } from "~/components/targets/TargetForm";
import { useSuccessToast } from "~/components/toast";
import db from "~/db.server";
import { useLocale } from "~/i18n/react";
import { actingStaffAction, asActingStaff } from "~/staff/acting.server";
import { teamAction, teamPage, type TeamActionResult } from "~/staff/team-page.server";

export const loader = ({ request }: LoaderFunctionArgs) => asActingStaff(request, (actor, now) => teamPage(db, actor, new URL(request.url).searchParams, now));

export const action = ({ request }: ActionFunctionArgs) => actingStaffAction<TeamActionResult>(request, (actor, form, now) => teamAction(db, actor, form, now));

export const shouldRevalidate = revalidateAfterRefusal;

export default function Team() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  useSuccessToast(result);
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const failed = result && !result.ok && "id" in result ? result.id : undefined;
  const formErrors = (intent: string) => (result?.intent === intent ? errors : {});
  const { t } = useLocale();
  return (
    <Page title={t("team.page.title")} subtitle={t("team.page.subtitle")}>
      <Layout>
        <RefusalSection message={errors.form} />
        {page.pending.length > 0 ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="400" id="pending-proposals">
                <Text as="h2" variant="headingMd">
                  {t("team.proposals.pendingTitle")}
                </Text>
                {page.pending.map((proposal) => (
                  <ProposalItem
                    key={proposal.id}
                    proposal={proposal}
                    mayDecide={page.canDecide}
                    mayWithdraw={false}
                    errors={failed === proposal.id ? errors : {}}
                  />
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <MemberRecordView
            member={page.member}
            record={page.record}
            mayWithdraw={page.member.userId === page.actorId}
            errors={errors}
            failedProposal={failed}
            timeZone={page.timeZone}
            lessons={<LessonsList name={page.member.name} lessons={page.lessons} timeZone={page.timeZone} />}
          />
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <TeamMembers
              members={page.members}
              stages={page.stages}
              canSetStages={page.canSetStages}
              chosen={page.member.userId}
              error={result?.intent === "set_stage" ? errors.stage : undefined}
            />
            {page.propose ? (
              <>
                <Card>
                  <BlockStack gap="300">
                    <Text as="h2" variant="headingMd">
                      {t("team.proposals.proposeTactic")}
                    </Text>
                    <Text as="p" tone="subdued">
                      {t("team.proposals.proposeTacticNote")}
                    </Text>
                    <TacticForm
                      intent="propose_tactic"
                      submitLabel={t("team.proposals.send")}
                      indicators={page.propose.tacticIndicators}
                      types={page.propose.types}
                      errors={formErrors("propose_tactic")}
                    />
                  </BlockStack>
                </Card>
                <TargetForm
                  intent="propose_target"
                  heading={t("team.proposals.proposeTarget")}
                  submitLabel={t("team.proposals.send")}
                  indicators={page.propose.targetIndicators}
                  goals={page.propose.goals}
                  errors={formErrors("propose_target")}
                  timeZone={page.timeZone}
                />
              </>
            ) : null}
          </BlockStack>
        </Layout.Section>
        {page.unknownMember ? (
          <Layout.Section>
            <Banner tone="warning">
              <p>{t("team.errors.noSuchMember")}</p>
            </Banner>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
