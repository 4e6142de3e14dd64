/**
 * The Monday brief as a Slack message (pure): Block Kit sections in mrkdwn, every word that came from
 * the store (a promotion's title, a name) escaped so it can neither break the message nor format it.
 * Slack reads `&`, `<` and `>` as its control characters (escaped as entities, as its docs say) and
 * `*`, `_`, `~` and `` ` `` as formatting, which has no escape: those become the look-alike
 * characters ∗ ˍ ∼ ˋ (decision 034).
 */
import type { BriefItem, BriefSection, BriefWords } from "./brief-words";

type Text = { type: "mrkdwn"; text: string; verbatim: true } | { type: "plain_text"; text: string; emoji: boolean };
export type SlackBlock = { type: "header"; text: Text } | { type: "section"; text: Text } | { type: "context"; elements: Text[] } | { type: "divider" };

export interface SlackMessage {
  /** What notifications and clients without blocks show. */
  text: string;
  blocks: SlackBlock[];
}

/** Slack's limits: a section's text, a header's. */
const SECTION_MOST = 3000;
const HEADER_MOST = 150;

const LOOK_ALIKES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "*": "\u2217", _: "\u02cd", "~": "\u223c", "`": "\u02cb" };

/** Text for a mrkdwn field, shown as it is written. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>*_~`]/g, (character) => LOOK_ALIKES[character]!);
}

/** A mrkdwn text cut to Slack's limit at a line's end (a cut entity or link would show broken). */
function mrkdwn(text: string): Text {
  if (text.length <= SECTION_MOST) return { type: "mrkdwn", text, verbatim: true };
  const lines = text.split("\n");
  while (lines.join("\n").length > SECTION_MOST - 2) lines.pop();
  return { type: "mrkdwn", text: `${lines.join("\n")}\n…`, verbatim: true };
}

const plain = (text: string): Text => ({ type: "plain_text", text: text.length > HEADER_MOST ? `${text.slice(0, HEADER_MOST - 1)}…` : text, emoji: false });

const bold = (text: string) => `*${escapeMrkdwn(text)}*`;

function itemLine(item: BriefItem): string {
  const mark = item.mark ? `${bold(item.mark)}: ` : "";
  return `• ${mark}${escapeMrkdwn(item.text)}${item.detail ? ` — _${escapeMrkdwn(item.detail)}_` : ""}`;
}

function sectionText(section: BriefSection): string {
  const lines = section.items.length === 0 ? [`_${escapeMrkdwn(section.empty)}_`] : section.items.map(itemLine);
  return [bold(section.heading), ...lines, ...(section.more ? [`_${escapeMrkdwn(section.more)}_`] : [])].join("\n");
}

/** A link whose label is text: its URL is ours (the review's), its label escaped. */
const link = (url: string, label: string) => `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label)}>`;

export function slackMessage(words: BriefWords): SlackMessage {
  const figures = [
    bold(words.figures.heading),
    ...words.figures.rows.map((figure) => `• ${escapeMrkdwn(figure.label)}: ${bold(figure.value)} (${escapeMrkdwn(figure.against)})`),
    `_${escapeMrkdwn(words.figures.note)}_`,
  ].join("\n");
  return {
    text: escapeMrkdwn(`${words.title}: ${words.period}`),
    blocks: [
      { type: "header", text: plain(words.title) },
      { type: "context", elements: [mrkdwn(escapeMrkdwn(words.period))] },
      { type: "section", text: mrkdwn(escapeMrkdwn(words.intro)) },
      { type: "section", text: mrkdwn(figures) },
      ...words.sections.map((section): SlackBlock => ({ type: "section", text: mrkdwn(sectionText(section)) })),
      { type: "divider" },
      { type: "section", text: mrkdwn(link(words.review.url, words.review.label)) },
    ],
  };
}

/** The message as words a person reads (the preview, `cli brief`): each block's text, mrkdwn as Slack receives it. */
export function slackText(message: SlackMessage): string {
  return message.blocks
    .flatMap((block) => (block.type === "divider" ? ["---"] : block.type === "context" ? block.elements.map((element) => element.text) : [block.text.text]))
    .join("\n\n");
}
