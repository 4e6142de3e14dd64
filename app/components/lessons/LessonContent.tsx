import { Link } from "@remix-run/react";
import { BlockStack, Box, Card, List, Text } from "@shopify/polaris";
import { useLocale } from "~/i18n/react";
import type { LessonView } from "~/lessons/lesson-view";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {title}
      </Text>
      {children}
    </BlockStack>
  );
}

const Paragraphs = ({ texts }: { texts: readonly string[] }) => texts.map((text) => <p key={text}>{text}</p>);

const Points = ({ texts }: { texts: readonly string[] }) => (
  <List>
    {texts.map((text) => (
      <List.Item key={text}>{text}</List.Item>
    ))}
  </List>
);

/** The formula on last month's figures, or why there is none yet. */
function Worked({ lesson }: { lesson: LessonView }) {
  const { t } = useLocale();
  const { worked } = lesson;
  return (
    <Box background="bg-surface-secondary" padding="300" borderRadius="200" id="worked-example">
      <BlockStack gap="200">
        <Text as="h3" variant="headingSm">
          {t("lessons.sections.worked", { month: lesson.month })}
        </Text>
        {worked ? (
          <>
            <Text as="p" fontWeight="medium">
              <span className="worked-formula">{worked.text}</span>
            </Text>
            {worked.note ? <Text as="p">{worked.note}</Text> : null}
            <Text as="p" tone="subdued" variant="bodySm">
              {t("lessons.worked.rounding")} <Link to="/app?period=last_month">{t("lessons.worked.onDashboard", { month: lesson.month })}</Link>
            </Text>
          </>
        ) : (
          <Text as="p">{t("lessons.worked.notReady")}</Text>
        )}
      </BlockStack>
    </Box>
  );
}

/** The playbook's tactics for the indicator, each with how this store's promotions of it went. */
function Tactics({ lesson }: { lesson: LessonView }) {
  const { t } = useLocale();
  if (lesson.tactics.length === 0)
    return (
      <Text as="p">
        {t("lessons.tactics.none", { indicator: lesson.label })} <Link to="/app/playbooks">{t("nav.playbooks")}</Link>
      </Text>
    );
  return (
    <BlockStack gap="300">
      {lesson.tactics.map((tactic) => (
        <BlockStack gap="100" key={tactic.key} id={`lesson-tactic-${tactic.key}`}>
          <Text as="h4" variant="headingXs">
            {tactic.title}
          </Text>
          <Text as="p" tone="subdued">
            {tactic.how}
          </Text>
          <Text as="p">
            {tactic.count === 0 ? t("lessons.tactics.notTried") : t("lessons.tactics.ran", { count: tactic.count, verdicts: tactic.verdicts })}
          </Text>
          {tactic.count > tactic.latest.length ? (
            <Text as="p" variant="bodySm">
              {t("lessons.tactics.latest", { shown: tactic.latest.length, count: tactic.count })}
            </Text>
          ) : null}
          {tactic.latest.length > 0 ? (
            <List>
              {tactic.latest.map((promotion) => (
                <List.Item key={promotion.id}>
                  <Text as="span" fontWeight="medium">
                    {t("lessons.tactics.promotion", { title: promotion.title, dates: promotion.dates })}
                  </Text>
                  {` · ${promotion.verdict}. ${promotion.lift ?? t("lessons.tactics.notMeasured")}`}
                  {promotion.learned ? ` ${promotion.learned}` : null}
                </List.Item>
              ))}
            </List>
          ) : null}
        </BlockStack>
      ))}
    </BlockStack>
  );
}

/** One lesson: what the indicator means, how it is worked out (on last month's figures), what moves it, its tactics, the usual mistakes. */
export function LessonContent({ lesson }: { lesson: LessonView }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingLg">
          {lesson.label}
        </Text>
        <Section title={t("lessons.sections.meaning")}>
          <Paragraphs texts={lesson.meaning} />
        </Section>
        <Section title={t("lessons.sections.computed")}>
          <Paragraphs texts={lesson.computed} />
        </Section>
        <Worked lesson={lesson} />
        <Section title={t("lessons.sections.levers")}>
          <Points texts={lesson.levers} />
        </Section>
        <Section title={t("lessons.sections.tactics")}>
          <Tactics lesson={lesson} />
        </Section>
        <Section title={t("lessons.sections.mistakes")}>
          <Points texts={lesson.mistakes} />
        </Section>
      </BlockStack>
    </Card>
  );
}
