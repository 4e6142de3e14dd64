import { Form } from "@remix-run/react";
import { BlockStack, Button, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState, type ChangeEvent } from "react";

/** A spreadsheet pasted or chosen as a file, posted as one `csv` field under an intent (the Costs page's imports). */
export function CsvImportForm({
  id,
  intent,
  words,
  error,
}: {
  id: string;
  intent: string;
  words: { intro: string; file: string; field: string; button: string };
  error: string | undefined;
}) {
  const [csv, setCsv] = useState("");
  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void file.text().then(setCsv);
  };
  return (
    <Form method="post" id={id}>
      <input type="hidden" name="intent" value={intent} />
      <BlockStack gap="200">
        <Text as="p" tone="subdued">
          {words.intro}
        </Text>
        <label>
          <Text as="span" variant="bodySm">
            {words.file}
          </Text>{" "}
          <input type="file" accept=".csv,text/csv" onChange={readFile} />
        </label>
        <TextField label={words.field} name="csv" value={csv} onChange={setCsv} autoComplete="off" multiline={4} error={error} />
        <InlineStack>
          <Button submit>{words.button}</Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}
