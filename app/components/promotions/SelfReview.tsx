import { Form } from "@remix-run/react";
import { Badge, BlockStack, Box, Button, ChoiceList, FormLayout, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale } from "~/i18n/react";
import { formatDateTime } from "~/lib/dates";
import { SELF_MOVED, type selfReviewView } from "~/promotions/self-review";

export type SelfReviewState = ReturnType<typeof selfReviewView>;

/** The runner's answer: did it move its indicator (one of three), what they learned, what next. */
function SelfReviewForm({
  id,
  answer,
  errors,
  onDone,
}: {
  id: number;
  answer: SelfReviewState["answer"];
  errors: Record<string, string>;
  onDone?: () => void;
}) {
  const { t } = useLocale();
  const [fields, setFields] = useState({ selfMoved: answer?.movedKey ?? "", selfLearned: answer?.learned ?? "", selfNext: answer?.next ?? "" });
  const text = (name: "selfLearned" | "selfNext") => ({
    name,
    value: fields[name],
    onChange: (value: string) => setFields((current) => ({ ...current, [name]: value })),
    error: errors[name],
    autoComplete: "off",
  });
  return (
    <Form method="post" id={`self-review-form-${id}`}>
      <input type="hidden" name="intent" value="self_review" />
      <input type="hidden" name="id" value={id} />
      <FormLayout>
        <ChoiceList
          title={t("team.selfReview.moved")}
          name={`selfMoved-${id}`}
          choices={SELF_MOVED.map((value) => ({ value, label: t(`team.selfReview.movedAnswers.${value}`) }))}
          selected={fields.selfMoved ? [fields.selfMoved] : []}
          onChange={([value]) => setFields((current) => ({ ...current, selfMoved: value ?? "" }))}
          error={errors.selfMoved}
        />
        <input type="hidden" name="selfMoved" value={fields.selfMoved} />
        <TextField label={t("team.selfReview.learned")} multiline={2} {...text("selfLearned")} />
        <TextField label={t("team.selfReview.next")} {...text("selfNext")} />
        <InlineStack gap="200">
          <Button submit variant="primary">
            {t("team.selfReview.save")}
          </Button>
          {onDone ? <Button onClick={onDone}>{t("common.cancel")}</Button> : null}
        </InlineStack>
      </FormLayout>
    </Form>
  );
}

/**
 * A promotion's self-review on its card: for whoever runs it, once it has ended, the call to answer
 * (and to change the answer until the verdict); for everyone else, whose answer it awaits, or the answer.
 */
export function SelfReview({ id, state, errors, timeZone }: { id: number; state: SelfReviewState; errors: Record<string, string>; timeZone: string }) {
  const { t, locale } = useLocale();
  const [changing, setChanging] = useState(false);
  const { answer } = state;
  if (answer && !changing)
    return (
      <BlockStack gap="100" id={`promotion-${id}-self-review`}>
        <InlineStack gap="200" blockAlign="center">
          <Text as="h4" variant="headingSm">
            {t("team.selfReview.answerOf", { name: answer.by })}
          </Text>
          <Text as="span" variant="bodySm" tone="subdued">
            {formatDateTime(answer.at, timeZone, locale)}
          </Text>
          {state.mayAnswer ? (
            <Button variant="plain" onClick={() => setChanging(true)}>
              {t("team.selfReview.change")}
            </Button>
          ) : null}
        </InlineStack>
        <Text as="p">{t("team.selfReview.answer", { moved: answer.moved, learned: answer.learned })}</Text>
        {answer.next ? <Text as="p">{t("team.selfReview.nextStep", { next: answer.next })}</Text> : null}
      </BlockStack>
    );
  if (state.mayAnswer)
    return (
      <Box padding="300" background="bg-surface-caution" borderRadius="200" id={`promotion-${id}-self-review`}>
        <BlockStack gap="200">
          <Text as="h4" variant="headingSm">
            {t("team.selfReview.title")}
          </Text>
          <Text as="p">{t("team.selfReview.ask")}</Text>
          <SelfReviewForm id={id} answer={answer} errors={errors} onDone={answer ? () => setChanging(false) : undefined} />
        </BlockStack>
      </Box>
    );
  if (state.awaiting)
    return (
      <div id={`promotion-${id}-self-review`}>
        <Badge tone="attention">{t("team.selfReview.awaiting", { name: state.runnerName })}</Badge>
      </div>
    );
  return null;
}
