import { BlockStack, Card, Select, Text } from "@shopify/polaris";
import { useState } from "react";
import type { BriefPreview } from "~/brief/brief.server";
import { useLocale } from "~/i18n/react";

/**
 * What each recipient gets: a person's email as it is sent, in a sandboxed frame (no script, no
 * navigation; its links are for the inbox), or the Slack message as Slack receives it.
 */
export function BriefPreviewCard({ week, previews, nobodyElse }: { week: string; previews: BriefPreview[]; nobodyElse: boolean }) {
  const { t } = useLocale();
  const [chosen, choose] = useState(previews[0]?.recipient ?? "");
  const preview = previews.find((item) => item.recipient === chosen) ?? previews[0];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("brief.page.preview.title", { week })}
        </Text>
        {nobodyElse ? (
          <Text as="p" tone="subdued">
            {t("brief.page.preview.nobody")}
          </Text>
        ) : null}
        <Select
          label={t("brief.page.preview.choose")}
          options={previews.map((item) => ({ value: item.recipient, label: item.label }))}
          value={preview?.recipient ?? ""}
          onChange={choose}
        />
        {preview?.channel === "email" ? (
          <BlockStack gap="200">
            <Text as="p" fontWeight="semibold">
              {t("brief.page.preview.subject", { subject: preview.subject ?? "" })}
            </Text>
            <iframe
              id="brief-email-preview"
              title={t("brief.page.preview.emailFrame", { name: preview.label })}
              sandbox=""
              srcDoc={preview.html ?? ""}
              style={{ width: "100%", height: 720, border: "1px solid var(--p-color-border)", borderRadius: "var(--p-border-radius-200)" }}
            />
          </BlockStack>
        ) : preview ? (
          <BlockStack gap="200">
            <Text as="p" fontWeight="semibold">
              {t("brief.page.preview.slackText")}
            </Text>
            <pre id="brief-slack-preview" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", margin: 0, fontSize: 13 }}>
              {preview.text}
            </pre>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
