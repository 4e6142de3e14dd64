import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import { LessonContent } from "~/components/lessons/LessonContent";
import { LessonsList } from "~/components/lessons/LessonsList";
import { RefusalSection, revalidateAfterRefusal } from "~/components/RefusalBanner";
import { useSuccessToast } from "~/components/toast";
import db from "~/db.server";
import { useLocale } from "~/i18n/react";
import { formatDateTime } from "~/lib/dates";
import { lessonsAction, lessonsPage, type LessonsActionResult } from "~/lessons/lessons-page.server";
import type { LessonListItem, LessonsPageView, LessonView } from "~/lessons/lesson-view";
import { actingStaffAction, asActingStaff } from "~/staff/acting.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  asActingStaff(request, (actor, now) => lessonsPage(db, actor, new URL(request.url).searchParams, now));

export const action = ({ request }: ActionFunctionArgs) =>
  actingStaffAction<LessonsActionResult>(request, (actor, form, now) => lessonsAction(db, actor, form, now));

export const shouldRevalidate = revalidateAfterRefusal;

/** A lesson in the list: a link (the one open marked as the current page), whether it was read, and why it is the reader's. */
function LessonLink({ item, current }: { item: LessonListItem; current: string | null }) {
  const { t } = useLocale();
  const open = item.indicator === current;
  return (
    <BlockStack gap="050">
      <InlineStack gap="200" blockAlign="center" wrap={false}>
        <Link to={`/app/lessons?indicator=${item.indicator}`} aria-current={open ? "page" : undefined} style={open ? { fontWeight: 650 } : undefined}>
          {item.label}
        </Link>
        {item.read ? <Badge tone="success">{t("lessons.read")}</Badge> : null}
      </InlineStack>
      {item.why ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {item.why}
        </Text>
      ) : null}
    </BlockStack>
  );
}

/** Every lesson, the reader's own first. */
function LessonIndex({ page, current }: { page: LessonsPageView; current: string | null }) {
  const { t } = useLocale();
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300" id="lessons-for-you">
          <Text as="h2" variant="headingMd">
            {t("lessons.forYou.title")}
          </Text>
          <Text as="p" tone="subdued" variant="bodySm">
            {page.forYou.length === 0 ? t("lessons.forYou.empty") : t("lessons.forYou.note")}
          </Text>
          {page.forYou.map((item) => (
            <LessonLink key={item.indicator} item={item} current={current} />
          ))}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300" id="lessons-all">
          <Text as="h2" variant="headingMd">
            {t("lessons.all")}
          </Text>
          {page.groups.map((group) => (
            <BlockStack gap="200" key={group.title}>
              <Text as="h3" variant="headingSm">
                {group.title}
              </Text>
              {group.items.map((item) => (
                <LessonLink key={item.indicator} item={item} current={current} />
              ))}
            </BlockStack>
          ))}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}

/** The owner or a strategist assigns the lesson to a person, and takes assignments back. */
function AssignLesson({
  lesson,
  people,
  errors,
  timeZone,
}: {
  lesson: LessonView;
  people: { userId: string; name: string }[];
  errors: Record<string, string>;
  timeZone: string;
}) {
  const { t, locale } = useLocale();
  const [person, setPerson] = useState("");
  return (
    <Card>
      <BlockStack gap="300" id="assign-lesson">
        <Text as="h2" variant="headingMd">
          {t("lessons.assign.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("lessons.assign.note")}
        </Text>
        <Form method="post">
          <input type="hidden" name="intent" value="assign_lesson" />
          <input type="hidden" name="indicator" value={lesson.indicator} />
          <InlineStack gap="200" blockAlign="end">
            <Select
              label={t("lessons.assign.person")}
              name="userId"
              options={[{ value: "", label: t("lessons.assign.choose") }, ...people.map((member) => ({ value: member.userId, label: member.name }))]}
              value={person}
              onChange={setPerson}
              error={errors.userId ?? errors.indicator}
            />
            <Button submit variant="primary">
              {t("lessons.assign.submit")}
            </Button>
          </InlineStack>
        </Form>
        <Text as="h3" variant="headingSm">
          {t("lessons.assign.assignedTo")}
        </Text>
        {lesson.assignedTo && lesson.assignedTo.length > 0 ? (
          lesson.assignedTo.map((assignment) => (
            <InlineStack gap="200" blockAlign="center" key={assignment.userId}>
              <Text as="span">{`${assignment.name} · ${formatDateTime(assignment.at, timeZone, locale)}`}</Text>
              <Form method="post">
                <input type="hidden" name="intent" value="unassign_lesson" />
                <input type="hidden" name="indicator" value={lesson.indicator} />
                <input type="hidden" name="userId" value={assignment.userId} />
                <Button submit variant="plain" accessibilityLabel={t("lessons.assign.unassignLabel", { name: assignment.name })}>
                  {t("lessons.assign.unassign")}
                </Button>
              </Form>
            </InlineStack>
          ))
        ) : (
          <Text as="p" tone="subdued">
            {t("lessons.assign.nobody")}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

/** Who has read what: each person's assigned and opened lessons, with when. */
function Readers({ readers, timeZone }: { readers: NonNullable<LessonsPageView["readers"]>; timeZone: string }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="400" id="lesson-readers">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("lessons.readers.title")}
          </Text>
          <Text as="p" tone="subdued">
            {t("lessons.readers.note")}
          </Text>
        </BlockStack>
        {readers.map((reader) => (
          <BlockStack gap="200" key={reader.userId}>
            <Text as="h3" variant="headingSm">
              {`${reader.name} · ${reader.role}`}
            </Text>
            {reader.lessons.length === 0 ? (
              <Text as="p" tone="subdued">
                {t("lessons.readers.none")}
              </Text>
            ) : (
              <LessonsList name={reader.name} lessons={reader.lessons} timeZone={timeZone} />
            )}
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}

export default function Lessons() {
  const page = useLoaderData<typeof loader>() as LessonsPageView;
  const result = useActionData<typeof action>() as LessonsActionResult | undefined;
  useSuccessToast(result);
  const errors = result && !result.ok ? result.errors : {};
  const { t } = useLocale();
  const current = page.lesson?.indicator ?? null;
  return (
    <Page title={t("lessons.title")} subtitle={t("lessons.subtitle")}>
      <Layout>
        <RefusalSection message={errors.form} />
        {page.notice ? (
          <Layout.Section>
            <Banner tone="warning">
              <p id="lesson-notice">{page.notice}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <BlockStack gap="400">
            {page.lesson ? <LessonContent lesson={page.lesson} /> : null}
            {page.lesson && page.people ? <AssignLesson lesson={page.lesson} people={page.people} errors={errors} timeZone={page.timeZone} /> : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <LessonIndex page={page} current={current} />
        </Layout.Section>
        {page.readers ? (
          <Layout.Section>
            <Readers readers={page.readers} timeZone={page.timeZone} />
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
