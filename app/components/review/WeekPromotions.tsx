import { Badge, BlockStack, Box, Divider, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import { Fragment } from "react";
import { useLocale } from "~/i18n/react";
import { formatDateRange } from "~/lib/dates";
import type { PeriodView, WeekView } from "~/review/week-view";

type PromotionView = WeekView["promotions"][number];

/** Orders, revenue, spend and ROAS over some of a promotion's days, then its lift in words. */
function Results({ heading, results, id }: { heading: string; results: PeriodView | null; id: string }) {
  const { t } = useLocale();
  return (
    <BlockStack gap="100" id={id}>
      <Text as="h4" variant="headingSm">
        {heading}
      </Text>
      {results ? (
        <>
          <InlineGrid columns={{ xs: 2, sm: 4 }} gap="200">
            {(["orders", "revenue", "spend", "roas"] as const).map((key) => (
              <BlockStack key={key} gap="0">
                <Text as="span" variant="bodySm" tone="subdued">
                  {t(`review.promotionHeadings.${key}`)}
                </Text>
                <Text as="span" numeric id={`${id}-${key}`}>
                  {results[key]}
                </Text>
              </BlockStack>
            ))}
          </InlineGrid>
          {results.lift.map((words) => (
            <Text as="p" variant="bodySm" key={words}>
              {words}
            </Text>
          ))}
        </>
      ) : (
        <Text as="p" tone="subdued">
          {t("review.noDaysYet")}
        </Text>
      )}
    </BlockStack>
  );
}

/** One promotion of the week: what it is, where it stood, and its results for the week and to date. */
function PromotionResults({ promotion, week }: { promotion: PromotionView; week: { from: string; to: string } }) {
  const { t, locale } = useLocale();
  // Before any of its days has ended, the days it will be measured over.
  const range = (results: PeriodView | null, from: string, to: string) => formatDateRange(results?.from ?? from, results?.to ?? to, locale);
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="center" wrap>
        <Text as="h3" variant="headingSm">
          {promotion.title}
        </Text>
        <Badge>{promotion.status}</Badge>
      </InlineStack>
      <Text as="p" tone="subdued">
        {t("review.promotionMeta", {
          range: formatDateRange(promotion.start, promotion.end, locale),
          indicator: promotion.indicator ?? t("review.noIndicator"),
        })}
      </Text>
      {promotion.recorded ? (
        <Results
          id={`promotion-${promotion.id}-recorded`}
          heading={t("review.promotionRecorded")}
          results={{ from: promotion.start, to: promotion.end, lift: [], ...promotion.recorded }}
        />
      ) : (
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          <Results
            id={`promotion-${promotion.id}-week`}
            heading={t("review.promotionWeek", { range: range(promotion.week, week.from, week.to) })}
            results={promotion.week}
          />
          <Results
            id={`promotion-${promotion.id}-to-date`}
            heading={t("review.promotionToDate", { range: range(promotion.toDate, promotion.start, week.to) })}
            results={promotion.toDate}
          />
        </InlineGrid>
      )}
      <Answers promotion={promotion} />
    </BlockStack>
  );
}

/** Beside the figures: what its runner answered before the verdict, and the verdict (both as they stood at the week's end). */
function Answers({ promotion }: { promotion: PromotionView }) {
  const { t } = useLocale();
  const { selfReview, verdict } = promotion;
  if (!selfReview && !verdict) return null;
  return (
    <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
      {selfReview ? (
        <BlockStack gap="100" id={`promotion-${promotion.id}-self-review`}>
          <Text as="h4" variant="headingSm">
            {t("team.selfReview.answerOf", { name: selfReview.by })}
          </Text>
          <Text as="p">{t("team.selfReview.answer", { moved: selfReview.moved, learned: selfReview.learned })}</Text>
          {selfReview.next ? <Text as="p">{t("team.selfReview.nextStep", { next: selfReview.next })}</Text> : null}
        </BlockStack>
      ) : null}
      {verdict ? (
        <BlockStack gap="100" id={`promotion-${promotion.id}-verdict`}>
          <Text as="h4" variant="headingSm">
            {verdict.by ? t("team.review.verdictBy", { name: verdict.by }) : t("team.review.verdict")}
          </Text>
          <Text as="p">{verdict.learned ? t("team.review.verdictLearned", { verdict: verdict.verdict, learned: verdict.learned }) : verdict.verdict}</Text>
          {verdict.nextStep ? <Text as="p">{t("team.selfReview.nextStep", { next: verdict.nextStep })}</Text> : null}
        </BlockStack>
      ) : null}
    </InlineGrid>
  );
}

/** The week's promotions, each with its figures for the week and from its first day to the week's last counted day. */
export function WeekPromotions({ promotions, week }: { promotions: PromotionView[]; week: { from: string; to: string } }) {
  return (
    <Box paddingInline="400" paddingBlockEnd="400">
      <BlockStack gap="400">
        {promotions.map((promotion, index) => (
          <Fragment key={promotion.id}>
            {index > 0 ? <Divider /> : null}
            <div id={`week-promotion-${promotion.id}`}>
              <PromotionResults promotion={promotion} week={week} />
            </div>
          </Fragment>
        ))}
      </BlockStack>
    </Box>
  );
}
