import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, FormLayout, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

/** A business goal: what and why, over a period; targets then hang under it. */
export function GoalForm({ errors }: { errors: Record<string, string> }) {
  const [name, setName] = useState("");
  const [why, setWhy] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  return (
    <Card>
      <Form method="post" id="goal-form">
        <input type="hidden" name="intent" value="create_goal" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            New goal
          </Text>
          <FormLayout>
            <TextField label="Goal" name="name" value={name} onChange={setName} autoComplete="off" placeholder="Grow profit this quarter" error={errors.name} />
            <TextField label="Why" name="why" value={why} onChange={setWhy} autoComplete="off" multiline={2} error={errors.why} />
            <FormLayout.Group>
              <TextField label="From" type="date" name="from" value={from} onChange={setFrom} autoComplete="off" error={errors.from} />
              <TextField label="To" type="date" name="to" value={to} onChange={setTo} autoComplete="off" error={errors.to} />
            </FormLayout.Group>
            <Button submit>Save goal</Button>
          </FormLayout>
        </BlockStack>
      </Form>
    </Card>
  );
}
