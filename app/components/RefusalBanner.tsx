import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Banner, Layout, type BannerHandles } from "@shopify/polaris";
import { useEffect, useRef } from "react";
import { useLocale } from "~/i18n/react";

/**
 * After a refusal (403: the staff member's role changed since the page loaded), the page's data is
 * loaded again so it offers only what they may do now; Remix keeps the old data after a 4xx by
 * default, which left the form in place.
 */
export const revalidateAfterRefusal: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) => actionStatus === 403 || defaultShouldRevalidate;

/** Why an action was refused, brought into view and focused when it appears (the form was further down the page). */
export function RefusalBanner({ message, id = "action-error" }: { message: string; id?: string }) {
  const banner = useRef<BannerHandles>(null);
  const { t } = useLocale();
  useEffect(() => {
    banner.current?.focus();
  }, [message]);
  return (
    <Banner ref={banner} tone="critical" title={t("errorPage.forbiddenTitle")}>
      <p id={id}>{message}</p>
    </Banner>
  );
}

/** The refusal as a section of the page's layout, when there is one. */
export function RefusalSection({ message }: { message: string | undefined }) {
  return message ? (
    <Layout.Section>
      <RefusalBanner message={message} />
    </Layout.Section>
  ) : null;
}
