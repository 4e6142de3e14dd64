import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { useLocale } from "~/i18n/react";

/** The viewer's own brief by email: on or off (on needs the email Shopify gave for them). */
export function YourBriefCard({ email, optedIn, error }: { email: string | null; optedIn: boolean; error?: string }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("brief.page.you.title")}
        </Text>
        <Text as="p" id="brief-you">
          {email === null ? t("brief.page.you.noEmail") : optedIn ? t("brief.page.you.on", { email }) : t("brief.page.you.off")}
        </Text>
        {error ? (
          <Text as="p" tone="critical" id="brief-you-error">
            {error}
          </Text>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="opt_in" />
          <input type="hidden" name="on" value={optedIn ? "off" : "on"} />
          <Button submit disabled={!optedIn && email === null} variant={optedIn ? "secondary" : "primary"}>
            {optedIn ? t("brief.page.you.turnOff") : t("brief.page.you.turnOn")}
          </Button>
        </Form>
      </BlockStack>
    </Card>
  );
}

/** The shop's Slack channel: who set it, and for the owner or a strategist the webhook to paste or remove. */
export function SlackCard({ slack, canManage, errors }: { slack: { by: string; at: string } | null; canManage: boolean; errors: Record<string, string> }) {
  const { t } = useLocale();
  const [url, setUrl] = useState("");
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("brief.page.slack.title")}
        </Text>
        <Text as="p" id="brief-slack">
          {slack ? t("brief.page.slack.set", { name: slack.by, when: slack.at }) : t("brief.page.slack.notSet")}
        </Text>
        {canManage ? (
          <>
            <Form method="post">
              <input type="hidden" name="intent" value="save_slack" />
              <BlockStack gap="200">
                <TextField
                  label={t("brief.page.slack.field")}
                  name="url"
                  type="url"
                  value={url}
                  onChange={setUrl}
                  autoComplete="off"
                  helpText={t("brief.page.slack.help")}
                  error={errors.url}
                />
                <InlineStack gap="200">
                  <Button submit variant="primary">
                    {t("brief.page.slack.save")}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Form>
            {slack ? (
              <Form method="post">
                <input type="hidden" name="intent" value="remove_slack" />
                <Button submit tone="critical" variant="plain">
                  {t("brief.page.slack.remove")}
                </Button>
              </Form>
            ) : null}
          </>
        ) : (
          <Text as="p" tone="subdued">
            {t("brief.page.slack.ownersSet")}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

/** "Send now": last week's brief to everyone who hasn't had it, by the job's own once-only path. */
export function SendNowCard({ week, range }: { week: string; range: string }) {
  const { t } = useLocale();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("brief.page.send.title")}
        </Text>
        <Text as="p">{t("brief.page.send.detail", { week, range })}</Text>
        <Form method="post">
          <input type="hidden" name="intent" value="send_now" />
          <Button submit>{t("brief.page.send.button")}</Button>
        </Form>
      </BlockStack>
    </Card>
  );
}
