import "./brief-env";
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { CLAIM_EXPIRES_MS } from "~/brief/deliveries.server";
import { db } from "../helpers/database";
import { MONDAY_MORNING, OWNER, SAM, SHOP } from "./brief-shop";
import { servers, withBriefServers } from "./brief-servers";

// Two instances of the app sending one shop's brief at once, one of them killed mid-way (SIGKILL: the
// email it was sending never accepted) and started again: each person gets one email and the channel
// one post. Each instance is its own process on this worker's database (SQLite or PostgreSQL).

interface Instance {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function instance(now: Date): Instance {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/brief/fixtures/brief-instance.ts"], {
    env: { ...process.env, SHOP, NOW: now.toISOString(), LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** What an instance that ran to its end printed: its run. */
async function finished(run: Instance): Promise<{ outcomes: { recipient: string; status: string }[] }> {
  expect(await run.exited, run.output()).toBe(0);
  return JSON.parse(run.output().trim().split("\n").at(-1)!) as { outcomes: { recipient: string; status: string }[] };
}

const live: Instance[] = [];

withBriefServers();
afterAll(() => {
  for (const run of live) if (run.child.exitCode === null) run.child.kill("SIGKILL");
});

describe("the brief across instances", () => {
  it("GIVEN two instances at once, the one sending Sam's email killed before the mail server accepted it THEN nobody else's is sent twice; WHEN an instance starts again THEN Sam's is sent once its claim has expired, not before", async () => {
    servers.mail.hold(SAM.email);
    const held = servers.mail.held(SAM.email);
    const [first, second] = [instance(MONDAY_MORNING), instance(MONDAY_MORNING)];
    live.push(first, second);
    await held;
    // The instance that isn't stuck on Sam's email finishes; the other is killed mid-send.
    const done = await Promise.race([first.exited.then(() => first), second.exited.then(() => second)]);
    const stuck = done === first ? second : first;
    stuck.child.kill("SIGKILL");
    await stuck.exited;
    expect((await finished(done)).outcomes.every((outcome) => outcome.status === "sent")).toBe(true);
    expect(servers.mail.received.map((message) => message.to[0])).toEqual([OWNER.email]);
    expect(servers.slack.posts).toHaveLength(1);
    expect(await db.briefDelivery.findUniqueOrThrow({ where: { shop_week_recipient: { shop: SHOP, week: "2026-W47", recipient: "email:2" } } })).toMatchObject({
      status: "sending",
      attempts: 1,
    });

    servers.mail.release(SAM.email);
    // Started again while the claim of the killed instance still stands: it leaves Sam's alone.
    const early = instance(new Date(MONDAY_MORNING.getTime() + CLAIM_EXPIRES_MS / 2));
    live.push(early);
    expect((await finished(early)).outcomes).toEqual([]);
    const again = instance(new Date(MONDAY_MORNING.getTime() + CLAIM_EXPIRES_MS + 60_000));
    live.push(again);
    expect((await finished(again)).outcomes.map((outcome) => [outcome.recipient, outcome.status])).toEqual([["email:2", "sent"]]);

    expect(servers.mail.received.map((message) => message.to[0]).sort()).toEqual([OWNER.email, SAM.email]);
    expect(servers.slack.posts).toHaveLength(1);
    const rows = await db.briefDelivery.findMany({ where: { shop: SHOP }, orderBy: { recipient: "asc" } });
    expect(rows.map((row) => [row.recipient, row.status, row.attempts])).toEqual([
      ["email:1", "sent", 1],
      ["email:2", "sent", 2],
      ["slack", "sent", 1],
    ]);
  }, 120_000);
});
