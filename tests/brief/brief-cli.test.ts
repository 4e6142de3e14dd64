import "./brief-env";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";
import { db } from "../helpers/database";
import { OWNER, SAM, SHOP, WEEK } from "./brief-shop";
import { restartMailServer, servers, withBriefServers } from "./brief-servers";

// `cli brief`: what each person and the channel get, and `--send`, through the job's once-only path
// (the command runs in its own process, on this worker's database, with the test's mail server and Slack).

withBriefServers();

describe("cli brief", () => {
  it("GIVEN the brief shop THEN --json gives each person's email (subject and text, in their language) and the channel's message; --send sends each once, a second --send nothing", async () => {
    const shown = await runCli(["brief", "--shop", SHOP, "--week", WEEK, "--json"]);
    expect(shown.code, shown.stderr).toBe(0);
    const brief = JSON.parse(shown.stdout) as {
      week: string;
      recipients: { recipient: string; channel: string; locale: string; subject: string; text: string }[];
      slack: { recipient: string; channel: string; locale: string; text: string; blocks: unknown[] } | null;
    };
    expect(brief.week).toBe(WEEK);
    expect(brief.recipients.map(({ recipient, channel, locale }) => [recipient, channel, locale])).toEqual([
      ["email:1", "email", OWNER.locale],
      ["email:2", "email", SAM.locale],
    ]);
    expect(brief.recipients[1]!.subject).toBe("Monday brief for Brief Shop: Nov 16, 2026 – Nov 22, 2026");
    expect(brief.recipients[1]!.text).toContain("- Yours to answer: Bundle <b>&*deal*_~`> now");
    expect(brief.slack).toMatchObject({ recipient: "slack", channel: "slack", locale: OWNER.locale });
    expect(brief.slack!.text).toContain("*有风险但无人行动*");
    expect(await db.briefDelivery.count()).toBe(0);

    const sent = await runCli(["brief", "--shop", SHOP, "--week", WEEK, "--json", "--send"]);
    expect(sent.code, sent.stderr).toBe(0);
    const deliveries = (JSON.parse(sent.stdout) as { deliveries: { recipient: string; status: string; attempts: number; error: string | null }[] }).deliveries;
    expect(deliveries.map(({ recipient, status, attempts, error }) => [recipient, status, attempts, error])).toEqual([
      ["email:1", "sent", 1, null],
      ["email:2", "sent", 1, null],
      ["slack", "sent", 1, null],
    ]);
    expect(servers.mail.received.map((message) => message.to[0]).sort()).toEqual([OWNER.email, SAM.email]);
    expect(servers.slack.posts).toHaveLength(1);

    const again = await runCli(["brief", "--shop", SHOP, "--week", WEEK, "--send"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Monday brief of brief-shop\.myshopify\.com for 2026-W47 \(Nov 16, 2026 – Nov 22, 2026\)\n/);
    expect(again.stdout).toContain("To Sam Rivera by email (en): Monday brief for Brief Shop");
    expect(again.stdout).toContain("To the Slack channel (zh-CN)");
    expect(servers.mail.received).toHaveLength(2);
    expect(servers.slack.posts).toHaveLength(1);
  }, 120_000);

  it("GIVEN the mail server down THEN --send says which failed and why, and exits 1", async () => {
    await servers.mail.stop();
    const run = await runCli(["brief", "--shop", SHOP, "--week", WEEK, "--send"]).finally(restartMailServer);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^email:1: failed \(.*ECONNREFUSED.*\)$/m);
    expect(run.stdout).toMatch(/^slack: sent$/m);
  }, 120_000);
});
