import { BRIEF_FROM } from "./brief-env";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { BRIEF_MOST_ATTEMPTS, sendDueBriefs } from "~/brief/deliveries.server";
import { briefSenders } from "~/brief/senders.server";
import { env } from "~/env.server";
import { createJobQueue } from "~/jobs/jobs.server";
import { JOB } from "~/jobs/names";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/brief.unsubscribe";
import { db } from "../helpers/database";
import { AFTER_THE_WEEK, MARKUP_TITLE, MONDAY_EARLY, MONDAY_MORNING, OWNER, SAM, SHOP, WEEK, WEEK_ORDERS } from "./brief-shop";
import { restartMailServer, servers, withBriefServers } from "./brief-servers";

// The Monday brief sent for real: nodemailer to an SMTP server on loopback, @slack/webhook to a local
// listener, on this worker's database (SQLite or PostgreSQL).

const senders = () => briefSenders(env().brief);
const minutes = (at: Date, count: number) => new Date(at.getTime() + count * 60_000);
const deliveries = () => db.briefDelivery.findMany({ where: { shop: SHOP }, orderBy: { recipient: "asc" } });
const mailTo = (address: string) => servers.mail.received.filter((message) => message.to.includes(address));

withBriefServers();

describe("the Monday brief, sent", () => {
  it("GIVEN a Monday before 06:00 in the shop's time zone THEN nothing is sent; GIVEN 07:30 THEN each person who turned it on gets one email in their language and the channel one post in the owner's, and running again (or from a second instance at once) sends nothing more", async () => {
    expect(await sendDueBriefs(db, SHOP, MONDAY_EARLY, senders())).toBeNull();
    expect(await db.briefDelivery.count()).toBe(0);

    const second = createPrismaClient();
    try {
      const runs = await Promise.all([sendDueBriefs(db, SHOP, MONDAY_MORNING, senders()), sendDueBriefs(second, SHOP, MONDAY_MORNING, senders())]);
      expect(runs.map((run) => run?.week)).toEqual([WEEK, WEEK]);
      // Every delivery was sent by exactly one of the two.
      expect(runs.flatMap((run) => run!.outcomes.map((outcome) => outcome.recipient)).sort()).toEqual(["email:1", "email:2", "slack"]);
    } finally {
      await second.$disconnect();
    }
    await sendDueBriefs(db, SHOP, minutes(MONDAY_MORNING, 60), senders());

    expect(servers.mail.received.map((message) => message.to).sort()).toEqual([[OWNER.email], [SAM.email]]);
    expect(servers.slack.posts).toHaveLength(1);
    expect(servers.slack.posts[0]!.path).toBe("/services/T0001/B0001/secret");
    const [owner, sam] = [mailTo(OWNER.email)[0]!, mailTo(SAM.email)[0]!];
    // The owner reads Chinese, Sam English; the channel reads the owner's language.
    expect(owner.subject).toBe("Brief Shop 周一简报：2026年11月16日 – 2026年11月22日");
    expect(sam.subject).toBe("Monday brief for Brief Shop: Nov 16, 2026 – Nov 22, 2026");
    expect(owner.html).toContain('lang="zh-CN"');
    expect(sam.html).toContain('lang="en"');
    expect(servers.slack.posts[0]!.body.text).toContain("Brief Shop 上周回顾");
    expect(owner.headers.get("from")).toContain("brief@throughline.test");
    expect(BRIEF_FROM).toContain("brief@throughline.test");
    // One-click unsubscribe (RFC 8058) on every email, its link the footer's too.
    expect(sam.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const link = /^<(https:\/\/throughline\.test\/brief\/unsubscribe\?[^>]+)>$/.exec(sam.headers.get("list-unsubscribe") ?? "")?.[1];
    expect(link).toBeDefined();
    expect(sam.html).toContain(link!.replace(/&/g, "&amp;"));
    expect(sam.text).toContain(link);
    // Sam's own promotion is his to answer, first; the owner's answered one waits for the verdict.
    expect(sam.text).toContain(`- Yours to answer: ${MARKUP_TITLE} (ended Nov 18, 2026)`);
    expect(sam.text.indexOf("Owner's email (ended Nov 20, 2026)")).toBeGreaterThan(sam.text.indexOf("Answered, waiting for the verdict"));
    expect(sam.text).not.toContain("Still running");
    expect(sam.text).toContain(`Open the weekly review: https://${SHOP}/admin/apps/${env().apiKey}/app/review?week=2026-11-16`);

    const rows = await deliveries();
    expect(rows.map((row) => [row.recipient, row.channel, row.locale, row.status, row.attempts])).toEqual([
      ["email:1", "email", "zh-CN", "sent", 1],
      ["email:2", "email", "en", "sent", 1],
      ["slack", "slack", "zh-CN", "sent", 1],
    ]);
    expect(rows.find((row) => row.recipient === "email:2")!.messageId).toBe(sam.messageId);
  });

  it("GIVEN the week's orders and one at 00:30 on the Monday after THEN the brief counts the week's alone", async () => {
    await sendDueBriefs(db, SHOP, MONDAY_MORNING, senders());
    const sam = mailTo(SAM.email)[0]!;
    const orders = /- Orders: (\d+) /.exec(sam.text)?.[1];
    expect(Number(orders)).toBe(WEEK_ORDERS.length);
    expect(AFTER_THE_WEEK.getTime()).toBeGreaterThan(WEEK_ORDERS.at(-1)!.getTime());
    // The target the week missed, with its figures as of Sunday.
    expect(sam.text).toContain(`- Orders ≥ 1,000: Missed\n  So far ${WEEK_ORDERS.length} ·`);
  });

  it("GIVEN the mail server down THEN the emails fail and are kept; WHEN it is back and the backoff has passed THEN each is sent once, the channel's post never twice", async () => {
    await servers.mail.stop();
    try {
      const first = await sendDueBriefs(db, SHOP, MONDAY_MORNING, senders());
      expect(first!.outcomes.map((outcome) => [outcome.recipient, outcome.status])).toEqual([
        ["email:1", "failed"],
        ["email:2", "failed"],
        ["slack", "sent"],
      ]);
      expect((await deliveries()).filter((row) => row.status === "failed").every((row) => /ECONNREFUSED/.test(row.lastError ?? ""))).toBe(true);
      // The job looks again once the first backoff has passed.
      expect(first!.nextAt).toEqual(minutes(MONDAY_MORNING, 10));
      // Before then, nothing is tried.
      expect((await sendDueBriefs(db, SHOP, minutes(MONDAY_MORNING, 5), senders()))!.outcomes).toEqual([]);
    } finally {
      await restartMailServer();
    }
    const second = await sendDueBriefs(db, SHOP, minutes(MONDAY_MORNING, 10), senders());
    expect(second!.outcomes.map((outcome) => [outcome.recipient, outcome.status, outcome.attempts])).toEqual([
      ["email:1", "sent", 2],
      ["email:2", "sent", 2],
    ]);
    expect(second!.nextAt).toBeNull();
    expect(servers.mail.received.map((message) => message.to[0]).sort()).toEqual([OWNER.email, SAM.email]);
    expect(servers.slack.posts).toHaveLength(1);
  });

  it("GIVEN the mail server refusing Sam's mailbox (naming it) THEN his delivery fails with the server's words, his address left out of what is kept", async () => {
    servers.mail.refuse(SAM.email);
    await sendDueBriefs(db, SHOP, MONDAY_MORNING, senders());
    const failed = (await deliveries()).find((row) => row.recipient === "email:2")!;
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toBe("Error: Can't send mail - all recipients were rejected: 550 <[email:2]>: mailbox unavailable");
    expect(failed.lastError).not.toContain(SAM.email);
    expect(mailTo(OWNER.email)).toHaveLength(1);
  });

  it("GIVEN Slack answering 503 THEN the post fails without the webhook URL in its error, and is made once Slack answers again", async () => {
    servers.slack.failWith = 503;
    await sendDueBriefs(db, SHOP, MONDAY_MORNING, senders());
    const failed = (await deliveries()).find((row) => row.recipient === "slack")!;
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed.lastError).toMatch(/503/);
    expect(failed.lastError).not.toContain("secret");
    servers.slack.failWith = null;
    await sendDueBriefs(db, SHOP, minutes(MONDAY_MORNING, 10), senders());
    expect(servers.slack.posts).toHaveLength(1);
    expect((await deliveries()).find((row) => row.recipient === "slack")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("GIVEN a delivery failing every time THEN it is tried BRIEF_MOST_ATTEMPTS times, each after a longer wait, then left failed", async () => {
    servers.slack.failWith = 500;
    let at = MONDAY_MORNING;
    const tried: Date[] = [];
    for (let run = 0; run < BRIEF_MOST_ATTEMPTS + 2; run += 1) {
      const result = await sendDueBriefs(db, SHOP, at, senders());
      if (result!.outcomes.some((outcome) => outcome.recipient === "slack")) tried.push(at);
      if (!result!.nextAt) break;
      at = result!.nextAt;
    }
    expect(tried).toHaveLength(BRIEF_MOST_ATTEMPTS);
    const waits = tried.slice(1).map((when, index) => when.getTime() - tried[index]!.getTime());
    expect(waits.every((wait, index) => index === 0 || wait >= waits[index - 1]!)).toBe(true);
    expect((tried.at(-1)!.getTime() - tried[0]!.getTime()) / 3600_000).toBeGreaterThan(12);
    expect((await deliveries()).find((row) => row.recipient === "slack")).toMatchObject({ status: "failed", attempts: BRIEF_MOST_ATTEMPTS });
    expect(servers.slack.posts).toHaveLength(0);
  });

  it("GIVEN Sam unsubscribes by the email's one-click link (a POST) while his brief waits for a retry THEN his brief is never sent, the owner's is; opening the link (GET) asks and changes nothing", async () => {
    await servers.mail.stop();
    try {
      await sendDueBriefs(db, SHOP, MONDAY_MORNING, senders());
    } finally {
      await restartMailServer();
    }
    // The link the email carries (the same for every brief of Sam's): made as the email was.
    const { unsubscribeUrl } = await import("~/brief/unsubscribe.server");
    const link = unsubscribeUrl(SHOP, SAM.userId);

    const opened = await unsubscribeLoader({ request: new Request(link), params: {}, context: {} });
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Stop sending the Monday brief of Brief Shop to Sam Rivera?");
    expect((await db.staffMember.findUniqueOrThrow({ where: { shop_userId: { shop: SHOP, userId: SAM.userId } } })).briefOptIn).toBe(true);

    const posted = await unsubscribeAction({
      request: new Request(link, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }),
      params: {},
      context: {},
    });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain("Sam Rivera gets no more Monday briefs of Brief Shop");
    expect((await db.staffMember.findUniqueOrThrow({ where: { shop_userId: { shop: SHOP, userId: SAM.userId } } })).briefOptIn).toBe(false);

    await sendDueBriefs(db, SHOP, minutes(MONDAY_MORNING, 30), senders());
    expect(servers.mail.received.map((message) => message.to[0])).toEqual([OWNER.email]);
    expect((await deliveries()).find((row) => row.recipient === "email:2")).toMatchObject({ status: "skipped", attempts: 1 });
  });

  it("GIVEN the brief-all job on the hour THEN it queues the brief of each installed shop someone gets it in, and the brief job sends it", async () => {
    const queue = createJobQueue(db, { now: () => MONDAY_MORNING, briefSenders: senders });
    try {
      await queue.start();
      await queue.enqueue({ name: JOB.briefAll, data: {} });
      await queue.drain();
    } finally {
      await queue.stop();
    }
    expect(servers.mail.received).toHaveLength(2);
    expect(servers.slack.posts).toHaveLength(1);
    expect((await deliveries()).every((row) => row.status === "sent")).toBe(true);
  });
});
