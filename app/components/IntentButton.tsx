import { Form, useSubmit } from "@remix-run/react";
import { Button } from "@shopify/polaris";
import { useEffect } from "react";
import { useLocale } from "~/i18n/react";

/**
 * A one-button form posting an intent about one record (publish, archive, duplicate…).
 *
 * With `confirm`, the click opens App Bridge's modal (`<ui-modal>`, shown by Shopify admin over
 * the app) asking the question, with the action's button and Cancel in its title bar: nothing
 * destructive happens on one click.
 */
export function IntentButton({
  intent,
  id,
  tone,
  accessibilityLabel,
  confirm,
  children,
}: {
  intent: string;
  id: number;
  tone?: "critical";
  accessibilityLabel?: string;
  /** The question the modal asks ("Archive “Summer sale”? …"). */
  confirm?: string;
  children: string;
}) {
  if (confirm) {
    return (
      <ConfirmedIntent intent={intent} id={id} tone={tone} accessibilityLabel={accessibilityLabel} question={confirm}>
        {children}
      </ConfirmedIntent>
    );
  }
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="id" value={id} />
      <Button submit variant="plain" tone={tone} accessibilityLabel={accessibilityLabel}>
        {children}
      </Button>
    </Form>
  );
}

function ConfirmedIntent({
  intent,
  id,
  tone,
  accessibilityLabel,
  question,
  children,
}: {
  intent: string;
  id: number;
  tone?: "critical";
  accessibilityLabel?: string;
  question: string;
  children: string;
}) {
  const submit = useSubmit();
  const { t } = useLocale();
  const modalId = `confirm-${intent.replace(/_/g, "-")}-${id}`;
  // The record may leave the page once the action is done: its modal goes with it.
  useEffect(() => () => void shopify.modal.hide(modalId).catch(() => undefined), [modalId]);
  return (
    <>
      <Button variant="plain" tone={tone} accessibilityLabel={accessibilityLabel} onClick={() => void shopify.modal.show(modalId)}>
        {children}
      </Button>
      <ui-modal id={modalId}>
        <p style={{ padding: "16px" }}>{question}</p>
        <ui-title-bar title={accessibilityLabel ?? children}>
          <button
            variant="primary"
            tone={tone}
            onClick={() => {
              void shopify.modal.hide(modalId);
              submit({ intent, id: String(id) }, { method: "post" });
            }}
          >
            {children}
          </button>
          <button onClick={() => void shopify.modal.hide(modalId)}>{t("common.cancel")}</button>
        </ui-title-bar>
      </ui-modal>
    </>
  );
}
