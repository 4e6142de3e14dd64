import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { TacticForm } from "~/components/playbooks/TacticForm";
import { RefusalSection, revalidateAfterRefusal } from "~/components/RefusalBanner";
import { useSuccessToast } from "~/components/toast";
import db from "~/db.server";
import { ORDER_INDICATOR_KEYS } from "~/indicators/definitions";
import { playbooksAction, type PlaybooksActionResult } from "~/playbooks/playbooks-page.server";
import { storePlaybook } from "~/playbooks/playbooks.server";
import { tacticLessons, type TacticLesson } from "~/playbooks/tactic-lessons.server";
import { PROMOTION_TYPES, promotionTypeLabel } from "~/promotions/promotion-types";
import { actingStaffAction, asActingStaff } from "~/staff/acting.server";
import { can } from "~/staff/roles";
import { localizer } from "~/i18n/localizer";
import { useLocale } from "~/i18n/react";

export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, async (actor) => {
    const { t } = localizer(actor.locale);
    const canEdit = can(actor.role, "edit_strategy");
    const tactics = await storePlaybook(db, actor.shop, { withHidden: canEdit });
    return {
      canEdit,
      tactics,
      lessons: await tacticLessons(
        db,
        actor.shop,
        tactics.map((tactic) => tactic.key),
        localizer(actor.locale),
      ),
      indicators: ORDER_INDICATOR_KEYS.map((key) => ({ key, label: t(`indicators.${key}.label`) })),
      types: [...PROMOTION_TYPES],
    };
  });

export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<PlaybooksActionResult>(request, (actor, form, now) => playbooksAction(db, actor, form, now));

export const shouldRevalidate = revalidateAfterRefusal;

type Tactic = ReturnType<typeof useLoaderData<typeof loader>>["tactics"][number];

/** What the team learned from the store's promotions of a tactic: each runner's answer and each verdict's lesson. */
function Lessons({ tactic, lessons }: { tactic: Tactic; lessons: TacticLesson[] }) {
  const { t } = useLocale();
  if (lessons.length === 0) return null;
  return (
    <BlockStack gap="100" id={`tactic-${tactic.key}-lessons`}>
      <Text as="h4" variant="headingXs">
        {t("team.lessons.heading")}
      </Text>
      {lessons.map((lesson) => (
        <Text as="p" variant="bodySm" key={`${lesson.promotionId}-${lesson.kind}`}>
          {lesson.kind === "self"
            ? t("team.lessons.self", { text: lesson.text, name: lesson.by, date: lesson.on, title: lesson.title })
            : t("team.lessons.verdict", { text: lesson.text, name: lesson.by, date: lesson.on, title: lesson.title, verdict: lesson.verdict })}
        </Text>
      ))}
    </BlockStack>
  );
}

function TacticRow({
  tactic,
  lessons,
  canEdit,
  indicators,
  types,
  errors,
}: {
  tactic: Tactic;
  lessons: TacticLesson[];
  canEdit: boolean;
  indicators: { key: string; label: string }[];
  types: string[];
  errors: Record<string, string>;
}) {
  const [editing, setEditing] = useState(false);
  const { t } = useLocale();
  const result = useActionData<PlaybooksActionResult>();
  useEffect(() => {
    if (result?.ok && result.intent === "save_tactic") setEditing(false);
  }, [result]);
  if (editing) return <TacticForm tactic={tactic} indicators={indicators} types={types} errors={errors} onDone={() => setEditing(false)} />;
  return (
    <BlockStack gap="100" id={`tactic-${tactic.key}`}>
      <InlineStack gap="200" blockAlign="center">
        <Text as="h3" variant="headingSm">
          {tactic.title}
        </Text>
        {tactic.builtIn ? null : <Badge tone="info">{t("playbooks.addedByStore")}</Badge>}
        {tactic.edited ? <Badge>{t("playbooks.edited")}</Badge> : null}
        {tactic.hidden ? <Badge tone="attention">{t("playbooks.hidden")}</Badge> : null}
        {tactic.hidden ? null : (
          <Link to={`/app/promotions?tactic=${encodeURIComponent(tactic.key)}`} aria-label={t("playbooks.logWithItLabel", { title: tactic.title })}>
            {t("playbooks.logWithIt")}
          </Link>
        )}
        {canEdit ? (
          <Button variant="plain" onClick={() => setEditing(true)} accessibilityLabel={t("playbooks.editLabel", { title: tactic.title })}>
            {t("playbooks.edit")}
          </Button>
        ) : null}
        {canEdit ? (
          <Form method="post">
            <input type="hidden" name="intent" value={tactic.hidden ? "show_tactic" : "hide_tactic"} />
            <input type="hidden" name="key" value={tactic.key} />
            <Button submit variant="plain" accessibilityLabel={t(tactic.hidden ? "playbooks.showLabel" : "playbooks.hideLabel", { title: tactic.title })}>
              {tactic.hidden ? t("playbooks.show") : t("playbooks.hide")}
            </Button>
          </Form>
        ) : null}
      </InlineStack>
      <Text as="p">{tactic.how}</Text>
      <Text as="p" tone="subdued" variant="bodySm">
        {t("playbooks.loggedAs", { type: promotionTypeLabel(tactic.type, t), hypothesis: tactic.hypothesis })}
      </Text>
      <Lessons tactic={tactic} lessons={lessons} />
    </BlockStack>
  );
}

export default function Playbooks() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as PlaybooksActionResult | undefined;
  useSuccessToast(result);
  const errors = result && !result.ok ? result.errors : {};
  const { t } = useLocale();
  const byIndicator = page.indicators
    .map((indicator) => ({ ...indicator, tactics: page.tactics.filter((tactic) => tactic.indicator === indicator.key) }))
    .filter((group) => group.tactics.length > 0);
  return (
    <Page title={t("playbooks.title")} subtitle={t("playbooks.subtitle")}>
      <Layout>
        <RefusalSection message={errors.form} />
        {byIndicator.map((group) => (
          <Layout.Section key={group.key}>
            <Card>
              <BlockStack gap="400">
                <Text as="h2" variant="headingMd">
                  {group.label}
                </Text>
                {group.tactics.map((tactic) => (
                  <TacticRow
                    key={tactic.key}
                    tactic={tactic}
                    lessons={page.lessons[tactic.key] ?? []}
                    canEdit={page.canEdit}
                    indicators={page.indicators}
                    types={page.types}
                    errors={result && !result.ok && "key" in result && result.key === tactic.key ? errors : {}}
                  />
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        ))}
        {page.canEdit ? (
          <Layout.Section>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("playbooks.addTitle")}
                </Text>
                <Text as="p" tone="subdued">
                  {t("playbooks.addNote")}
                </Text>
                <TacticForm indicators={page.indicators} types={page.types} errors={result && !result.ok && "key" in result && !result.key ? errors : {}} />
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
