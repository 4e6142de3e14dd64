import { SLACK_PORT } from "./brief-env";
import { doIUseEmail } from "@jsx-email/doiuse-email";
import { beforeAll, describe, expect, it } from "vitest";
import { briefFacts, type BriefFacts } from "~/brief/brief-facts.server";
import { channelMessage, personEmail } from "~/brief/brief.server";
import { escapeMrkdwn, slackText } from "~/brief/slack";
import { parseDay } from "~/lib/calendar";
import { db, resetDatabase } from "../helpers/database";
import { MARKUP_TITLE, OWNER, SAM, seedBriefShop, SHOP, WEEK_START } from "./brief-shop";

// What the brief says and how each channel carries it: the email's HTML against caniemail's data for
// the major clients, the Slack message's escaping of what staff typed.

/**
 * Gmail (web, iOS, Android), Apple Mail (macOS, iOS) and Outlook (Windows, macOS, iOS, Android).
 * Outlook's "Windows Mail" app is left out: Microsoft retired it on 31 December 2024 (decision 034).
 */
const MAJOR_CLIENTS = ["gmail.*", "apple-mail.*", "outlook.windows", "outlook.macos", "outlook.ios", "outlook.android"];

let facts: BriefFacts;
beforeAll(async () => {
  await resetDatabase();
  await seedBriefShop(`http://127.0.0.1:${SLACK_PORT}`);
  // Monday 23 November: the week has ended.
  facts = await briefFacts(db, SHOP, parseDay(WEEK_START)!, parseDay("2026-11-23")!);
});

describe("the brief's email", () => {
  it.each([
    ["English", SAM],
    ["Chinese", OWNER],
  ])("GIVEN the brief in %s THEN its HTML uses nothing Gmail, Apple Mail or Outlook don't support", async (_language, person) => {
    const email = await personEmail(db, facts, person);
    const lint = doIUseEmail(email.html, { emailClients: MAJOR_CLIENTS });
    expect("errors" in lint ? lint.errors : []).toEqual([]);
    expect(lint.success).toBe(true);
    // Laid out with tables, styled inline, sized for a phone: one column at most 600 px wide.
    expect(email.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(email.html).toMatch(/<table[^>]*role="presentation"[^>]*style="max-width:600px;/);
    expect(email.html).not.toMatch(/<style|<link|<script/);
  });

  it("GIVEN a promotion's title full of markup THEN the HTML shows it as text, and the text part as typed", async () => {
    const email = await personEmail(db, facts, SAM);
    expect(email.html).toContain("Bundle &lt;b&gt;&amp;*deal*_~`&gt; now");
    expect(email.html).not.toContain("<b>&");
    expect(email.text).toContain(MARKUP_TITLE);
  });

  it("GIVEN two people THEN each one's own ended promotion comes first as theirs to answer, another's names who answers it", async () => {
    const [sam, owner] = [await personEmail(db, facts, SAM), await personEmail(db, facts, OWNER)];
    expect(sam.text).toContain(`- Yours to answer: ${MARKUP_TITLE}`);
    expect(owner.text).toContain(`- ${MARKUP_TITLE}（2026年11月18日 结束）\n  由 Sam Rivera 回答`);
    expect(owner.text).not.toContain("需要您来回答");
  });
});

describe("the brief's Slack message", () => {
  it("GIVEN a promotion's title with <, &, >, *, _, ~ and ` THEN it can neither break the message nor format it: Slack's control characters are entities, formatting characters look-alikes", async () => {
    const message = await channelMessage(db, facts, "en");
    const texts = message.blocks.flatMap((block) =>
      "text" in block ? [block.text.text] : "elements" in block ? block.elements.map((element) => element.text) : [],
    );
    const escaped = "Bundle &lt;b&gt;&amp;\u2217deal\u2217\u02cd\u223c\u02cb&gt; now";
    expect(escapeMrkdwn(MARKUP_TITLE)).toBe(escaped);
    expect(texts.some((text) => text.includes(escaped))).toBe(true);
    for (const text of texts) {
      // The only `<…>` is the review's link; every `&` starts an entity; `*`/`_` only wrap our own headings and notes.
      expect(text.replace(/<https:\/\/[^<>|]+\|[^<>]+>/g, "")).not.toMatch(/[<>]/);
      expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(text.replace(/\*[^*\n]+\*/g, "").replace(/_[^_\n]+_/g, "")).not.toMatch(/[*_~`]/);
    }
    expect(message.blocks.map((block) => block.type)).toEqual(["header", "context", "section", "section", ...Array(6).fill("section"), "divider", "section"]);
    expect(slackText(message)).toContain(`<https://${SHOP}/admin/apps/`);
  });

  it("GIVEN the channel THEN it reads the language it is given, and names who answers each promotion", async () => {
    const message = slackText(await channelMessage(db, facts, "zh-CN"));
    expect(message).toContain("*等待负责人自评*");
    expect(message).toContain("由 Sam Rivera 回答");
    expect(message).not.toContain("需要您来回答");
  });
});
