/**
 * The Monday brief as an email (React Email): HTML laid out with tables and inline styles, as mail
 * clients need, one column that reads at a phone's 390 px as at 600, and the same words as plain
 * text for the text part. Every string is text React escapes; links are the review's and the
 * unsubscribe link only. tests/brief/email.test.ts lints the HTML against caniemail's data for
 * Gmail, Apple Mail and Outlook, so it uses nothing one of them drops: no <body> (Outlook's apps
 * replace it; the wrapper table carries the background), no hidden preheader (display:none,
 * opacity), no link targets (Gmail strips them), no text-decoration-line (decision 034).
 */
import { Column, Container, Head, Heading, Hr, Html, render, Row, Section, Text } from "@react-email/components";
import type { CSSProperties } from "react";
import type { BriefFigure, BriefItem, BriefSection, BriefWords } from "./brief-words";

export interface BriefEmail {
  subject: string;
  html: string;
  text: string;
}

const INK = "#303030";
const SUBDUED = "#616161";
const TONE = { success: "#0c5132", critical: "#8e1f0b" } as const;
const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

const styles = {
  body: { backgroundColor: "#f1f1f1", padding: "16px 0", fontFamily: FONT, color: INK },
  container: { backgroundColor: "#ffffff", width: "100%", maxWidth: "600px", margin: "0 auto", padding: "24px 16px" },
  shop: { fontSize: "13px", lineHeight: "20px", color: SUBDUED, margin: "0" },
  title: { fontSize: "22px", lineHeight: "28px", margin: "4px 0 0", color: INK },
  period: { fontSize: "14px", lineHeight: "20px", color: SUBDUED, margin: "4px 0 16px" },
  text: { fontSize: "15px", lineHeight: "22px", margin: "0 0 12px", color: INK },
  heading: { fontSize: "17px", lineHeight: "24px", margin: "20px 0 8px", color: INK },
  label: { fontSize: "15px", lineHeight: "22px", margin: "0", color: INK },
  value: { fontSize: "15px", lineHeight: "22px", margin: "0", fontWeight: "bold", textAlign: "right", color: INK },
  against: { fontSize: "13px", lineHeight: "18px", margin: "0 0 8px", textAlign: "right", color: SUBDUED },
  item: { fontSize: "15px", lineHeight: "22px", margin: "0 0 8px", color: INK },
  detail: { fontSize: "13px", lineHeight: "18px", color: SUBDUED },
  note: { fontSize: "13px", lineHeight: "18px", margin: "4px 0 0", color: SUBDUED },
  button: {
    backgroundColor: "#303030",
    color: "#ffffff",
    fontSize: "15px",
    lineHeight: "22px",
    padding: "10px 18px",
    textDecoration: "none",
    display: "inline-block",
  },
  footer: { fontSize: "12px", lineHeight: "18px", color: SUBDUED, margin: "0 0 4px" },
  link: { color: INK, textDecoration: "underline" },
} satisfies Record<string, CSSProperties>;

function Figure({ figure }: { figure: BriefFigure }) {
  return (
    <Row>
      <Column style={{ verticalAlign: "top" }}>
        <Text style={styles.label}>{figure.label}</Text>
      </Column>
      <Column style={{ verticalAlign: "top" }}>
        <Text style={styles.value}>{figure.value}</Text>
        <Text style={{ ...styles.against, ...(figure.tone ? { color: TONE[figure.tone] } : {}) }}>{figure.against}</Text>
      </Column>
    </Row>
  );
}

function Item({ item }: { item: BriefItem }) {
  return (
    <Text style={styles.item}>
      {item.mark ? <strong>{item.mark}: </strong> : null}
      {item.text}
      {item.detail ? (
        <>
          <br />
          <span style={styles.detail}>{item.detail}</span>
        </>
      ) : null}
    </Text>
  );
}

function ListSection({ section }: { section: BriefSection }) {
  return (
    <Section>
      <Heading as="h2" style={styles.heading}>
        {section.heading}
      </Heading>
      {section.items.length === 0 ? <Text style={{ ...styles.item, color: SUBDUED }}>{section.empty}</Text> : null}
      {section.items.map((item, index) => (
        <Item key={index} item={item} />
      ))}
      {section.more ? <Text style={styles.note}>{section.more}</Text> : null}
    </Section>
  );
}

export function BriefEmailBody({ words, unsubscribeUrl }: { words: BriefWords; unsubscribeUrl: string }) {
  return (
    <Html lang={words.language} dir="ltr">
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{words.subject}</title>
      </Head>
      <Section style={styles.body}>
        <Container style={styles.container}>
          <Section>
            <Heading as="h1" style={styles.title}>
              {words.title}
            </Heading>
            <Text style={styles.period}>{words.period}</Text>
            {words.greeting ? <Text style={styles.text}>{words.greeting}</Text> : null}
            <Text style={styles.text}>{words.intro}</Text>
          </Section>
          <Section>
            <Heading as="h2" style={styles.heading}>
              {words.figures.heading}
            </Heading>
            {words.figures.rows.map((figure) => (
              <Figure key={figure.label} figure={figure} />
            ))}
            <Text style={styles.note}>{words.figures.note}</Text>
          </Section>
          {words.sections.map((section) => (
            <ListSection key={section.id} section={section} />
          ))}
          <Section style={{ padding: "24px 0 8px" }}>
            <a href={words.review.url} style={styles.button}>
              {words.review.label}
            </a>
          </Section>
          <Hr style={{ borderColor: "#e3e3e3", margin: "24px 0 12px" }} />
          <Section>
            {words.reason ? <Text style={styles.footer}>{words.reason}</Text> : null}
            <Text style={styles.footer}>
              <a href={unsubscribeUrl} style={styles.link}>
                {words.unsubscribe}
              </a>
            </Text>
          </Section>
        </Container>
      </Section>
    </Html>
  );
}

/** The brief's words as an email's text part: the same content, line by line. */
export function briefText(words: BriefWords, unsubscribeUrl: string | null): string {
  const item = (entry: BriefItem) => `- ${entry.mark ? `${entry.mark}: ` : ""}${entry.text}${entry.detail ? `\n  ${entry.detail}` : ""}`;
  const lines = [
    words.title,
    words.period,
    "",
    ...(words.greeting ? [words.greeting] : []),
    words.intro,
    "",
    words.figures.heading,
    ...words.figures.rows.map((figure) => `- ${figure.label}: ${figure.value} (${figure.against})`),
    words.figures.note,
    ...words.sections.flatMap((section) => [
      "",
      section.heading,
      ...(section.items.length === 0 ? [section.empty] : section.items.map(item)),
      ...(section.more ? [section.more] : []),
    ]),
    "",
    `${words.review.label}: ${words.review.url}`,
    ...(words.reason ? ["", "--", words.reason] : []),
    ...(words.unsubscribe && unsubscribeUrl ? [`${words.unsubscribe}: ${unsubscribeUrl}`] : []),
  ];
  return `${lines.join("\n")}\n`;
}

/** The whole email: subject, HTML and text part, for one person (their unsubscribe link in both). */
export async function renderBriefEmail(words: BriefWords, unsubscribeUrl: string): Promise<BriefEmail> {
  const html = await render(<BriefEmailBody words={words} unsubscribeUrl={unsubscribeUrl} />);
  return { subject: words.subject, html, text: briefText(words, unsubscribeUrl) };
}
