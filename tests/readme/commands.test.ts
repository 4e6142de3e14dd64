/**
 * Every command README.md shows, run as it is written: the rows of "The command line" (each with
 * every option it shows, and with only what it requires, its placeholders filled with values of the
 * sample store), the lines of its shell blocks (through npm, as typed at a prompt) and the command
 * lines written in its prose. Each must succeed and print what the README says: a server the origin
 * it serves, `--json` the shape its row documents. A command the suite can't run is listed in
 * NOT_RUN with the reason, and that list must be exactly the commands shown and not run: a new
 * command in the README either runs here or says why it can't.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeStoreFixture } from "@throughline/devstore";
import { DEMO_DEVSTORE_PORT, DEMO_SEED, DEMO_SHOP } from "~/cli/demo-command";
import { freePort, type Started, startUntil } from "~/dev/processes";
import { systemActor } from "~/staff/staff.server";
import { createGoal } from "~/strategy/targets.server";
import { commandEnv, runCli, runShell, type CliRun } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { storeJob } from "../helpers/jobs";
import {
  commandPrefix,
  commandTable,
  inlineCommands,
  isPlaceholder,
  jsonShapes,
  rowName,
  shapeMismatch,
  shellBlocks,
  syntaxVariants,
  type TableRow,
} from "./readme";

const README = readFileSync("README.md", "utf8");
const PREFIX = commandPrefix(README);
const ROWS = commandTable(README);
const BLOCKS = shellBlocks(README);
const INLINE = inlineCommands(README, PREFIX);

/** The commands the suite doesn't run, and why. Checked below to be exactly the commands shown and not run. */
const NOT_RUN: Record<string, string> = {
  "npm install && npm run demo": "installs from the npm registry, then serves the demo until stopped; tests/browser/demo.test.ts runs the demo",
  "npm test": "the whole suite, this file among it",
  "shopify app config link": "needs Shopify's CLI logged in to a Partner account, over Shopify's network",
  "shopify app dev": "needs Shopify's network: a tunnel and a development store",
  demo: "generates a store of 20,000 orders and serves the app until stopped; tests/browser/demo.test.ts runs the demo",
  "demo --orders N --seed N --port N --devstore-port N --no-examples --export-rate N":
    "serves the app until stopped; tests/browser/demo.test.ts runs the demo with these options",
  "devstore --fixture FILE":
    "serves on the default port, 4100, which a demo running on this machine holds; the row's every-option form runs here on a free port",
};

// The sample store the README's examples serve (beside the repository for now). Its orders run from
// February to April 2026: the dates below are inside them.
const FIXTURE = "../shared/fixtures/sample-store.jsonl";
const SHOP = (JSON.parse(readFileSync(FIXTURE, "utf8").split("\n", 1)[0]!) as { myshopifyDomain: string }).myshopifyDomain;
/** Commands that serve until stopped: started, seen to print the origin they serve, stopped. */
const SERVING = new Set(["devstore", "demo"]);
/** A terminal's environment: no NODE_ENV, which the app reads as development. */
const TERMINAL = { NODE_ENV: "development" };

type Form = "every option" | "required only";
interface TableCommand {
  row: TableRow;
  form: Form;
  /** As typed after the prefix, placeholders unfilled: its key in NOT_RUN. */
  words: string[];
}

/** Each row with every option it shows, then (where it differs) with only what it requires. */
const TABLE_COMMANDS: TableCommand[] = ROWS.flatMap((row) => {
  const { required, everyOption } = syntaxVariants(row.syntax);
  const forms: TableCommand[] = [{ row, form: "every option", words: everyOption }];
  if (required.join(" ") !== everyOption.join(" ")) forms.push({ row, form: "required only", words: required });
  return forms;
});
const SHELL_LINES = BLOCKS.flatMap((block) => block.lines);
const keyOf = (command: TableCommand) => command.words.join(" ");
const isRunnableLine = (line: string) => line.startsWith(`${PREFIX} `) || line.startsWith("curl ");

/** The row a command line runs (`targets status` over `targets`): the longest row name its words start with. */
function rowOf(args: string[]): TableRow | undefined {
  const typed = `${args.join(" ")} `;
  return ROWS.filter((row) => typed.startsWith(`${rowName(row.syntax)} `)).sort((a, b) => rowName(b.syntax).length - rowName(a.syntax).length)[0];
}

/** A command succeeded as its README row says: exit 0, no error, something printed; `--json` parses and has the row's documented shape. */
function expectSucceeded(run: CliRun, command: string, args: string[]): void {
  const context = `${command}\nstdout: ${run.stdout.slice(0, 2000)}\nstderr: ${run.stderr.slice(0, 2000)}`;
  expect(run.code, context).toBe(0);
  expect(run.stderr, context).not.toMatch(/^error/im);
  expect(run.stdout.trim(), context).not.toBe("");
  if (args[0] === "curl") {
    // The devstore's control API answers JSON, and {"error": …} when it refuses.
    expect(JSON.parse(run.stdout), context).not.toHaveProperty("error");
    return;
  }
  if (!args.includes("--json")) return;
  let value: unknown;
  expect(() => (value = JSON.parse(run.stdout)), context).not.toThrow();
  const shapes = jsonShapes(rowOf(args)?.does ?? "");
  if (shapes.length === 0) return;
  const mismatches = shapes.map((shape) => shapeMismatch(value, shape));
  expect(
    mismatches.some((mismatch) => mismatch === undefined),
    `${context}\nnot a shape the README documents: ${mismatches.join("; ")}`,
  ).toBe(true);
}

// The shell blocks' servers (`… devstore … --port 4555 &`): each serving line, its port left out, runs
// once on a free port; a README port (4555, and 4100 the demo's devstore, which the curl example
// reaches) is replaced by the port its line serves on wherever a line names it.
const servers = new Map<string, { line: string; port?: number; started?: Started; prepare?: () => Promise<void> }>();
const readmePorts = new Map<string, string>();
for (const line of SHELL_LINES.filter((line) => line.endsWith("&") && !NOT_RUN[line])) {
  const port = /--port (\d+)/.exec(line)?.[1];
  if (!port) throw new Error(`README.md serves \`${line}\` in the background without --port: this test can't give it a free port`);
  const key = line.replace(/--port \d+/, "--port PORT").replace(/\s*&$/, "");
  if (!servers.has(key)) servers.set(key, { line });
  if (readmePorts.has(port) && readmePorts.get(port) !== key) throw new Error(`README.md serves two different things on port ${port}`);
  readmePorts.set(port, key);
}
// The demo's devstore (port 4100, which `npm run demo` serves): the demo store as the demo generates
// it (its seed; a few hundred orders, the same products and codes), so the README's examples of
// changing it name what the demo store holds.
const DEMO_FIXTURE = path.resolve("tmp", `readme-demo-store-${process.env.VITEST_POOL_ID ?? 0}-${process.pid}.jsonl`);
if (!readmePorts.has(String(DEMO_DEVSTORE_PORT))) {
  const key = "the demo's devstore";
  servers.set(key, {
    line: `${PREFIX} devstore --fixture ${DEMO_FIXTURE} --port ${DEMO_DEVSTORE_PORT}`,
    prepare: async () => {
      await writeStoreFixture(DEMO_FIXTURE, {
        orders: 300,
        seed: DEMO_SEED,
        shopDomain: DEMO_SHOP,
        end: new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000),
      });
    },
  });
  readmePorts.set(String(DEMO_DEVSTORE_PORT), key);
}

function localPorts(line: string): string {
  return line
    .replace(/\b(?:127\.0\.0\.1|localhost):(\d+)\b/g, (whole, port: string) => {
      const server = readmePorts.has(port) ? servers.get(readmePorts.get(port)!) : undefined;
      return server?.port ? `127.0.0.1:${server.port}` : whole;
    })
    .replace(/--port (\d+)/, (whole, port: string) => {
      const server = readmePorts.has(port) ? servers.get(readmePorts.get(port)!) : undefined;
      return server?.port ? `--port ${server.port}` : whole;
    });
}

/** Starts a serving line of the README (once: a line like it, on another port, is served by the same process); its origin. */
async function serve(key: string): Promise<string> {
  const server = servers.get(key)!;
  if (!server.started) await server.prepare?.();
  server.port ??= await freePort();
  const origin = `http://127.0.0.1:${server.port}`;
  server.started ??= await startUntil("sh", ["-c", localPorts(server.line.replace(/\s*&$/, ""))], {
    env: commandEnv(TERMINAL),
    ready: new RegExp(`${origin.replace(/\./g, "\\.")}\\b`),
    timeoutMs: 60_000,
  });
  return origin;
}

async function runLine(line: string): Promise<void> {
  const key = line.replace(/--port \d+/, "--port PORT").replace(/\s*&$/, "");
  if (line.endsWith("&")) {
    await serve(key);
    return;
  }
  for (const [, port] of line.matchAll(/\b(?:127\.0\.0\.1|localhost):(\d+)\b/g)) if (readmePorts.has(port!)) await serve(readmePorts.get(port!)!);
  const args = line.startsWith(`${PREFIX} `) ? line.slice(PREFIX.length).trim().split(/\s+/) : ["curl"];
  expectSucceeded(await runShell(localPorts(line), TERMINAL), line, args);
}

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.started?.stop()));
  rmSync(DEMO_FIXTURE, { force: true });
});

describe("the commands README.md shows", () => {
  it("GIVEN the README THEN it shows commands in its table, its shell blocks and its prose, and every one is run below or listed in NOT_RUN with why: nothing else is left out", () => {
    // The table's rows are typed after the prefix (`npm run --silent cli -- …`): runCli runs them as that npm script does.
    const script = /^npm run (?:--silent )?(\S+) --$/.exec(PREFIX)?.[1];
    expect((JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts[script ?? PREFIX]).toBe("tsx app/cli/main.ts");
    expect(TABLE_COMMANDS.map(keyOf)).toEqual(expect.arrayContaining(["tokens reseal", "tokens reseal --json", "jobs retry ID"]));
    expect(SHELL_LINES.length).toBeGreaterThan(0);
    const shown = [...TABLE_COMMANDS.map(keyOf), ...SHELL_LINES, ...INLINE];
    expect(
      Object.keys(NOT_RUN).filter((key) => !shown.includes(key)),
      "NOT_RUN lists commands the README no longer shows",
    ).toEqual([]);
    expect(
      SHELL_LINES.filter((line) => !NOT_RUN[line] && !isRunnableLine(line)),
      "the README shows commands this test can neither run nor has a reason for (NOT_RUN)",
    ).toEqual([]);
    for (const command of TABLE_COMMANDS.filter((command) => SERVING.has(command.words[0]!) && !NOT_RUN[keyOf(command)])) {
      expect(command.words, `${keyOf(command)} serves until stopped: it needs --port to run here`).toContain("--port");
    }
  });

  describe.each(BLOCKS.filter((block) => block.lines.some((line) => !NOT_RUN[line])).map((block) => [block.heading, block] as const))(
    "the shell block under %s",
    (_, block) => {
      it.each(block.lines.map((line) => [line, NOT_RUN[line]] as const).filter(([, reason]) => !reason))(
        "GIVEN a blank database WHEN `%s` runs as written (with the block's lines before it) THEN it succeeds and prints what the README says",
        async (line) => {
          if (line === block.lines.find((first) => !NOT_RUN[first])) await resetDatabase();
          await runLine(line);
        },
        90_000,
      );
    },
  );

  describe("the command line table", () => {
    const dir = path.resolve("tmp", `readme-commands-${process.env.VITEST_POOL_ID ?? 0}-${process.pid}`);
    const values: Record<string, string | Record<Form, string>> = {};
    let rowDevstorePort = 0;

    beforeAll(async () => {
      await resetDatabase();
      const sampleServer = [...servers.keys()].find((key) => key.includes(FIXTURE));
      if (!sampleServer) throw new Error("README.md no longer serves the sample store in a shell block: the table's sync has nothing to copy");
      const origin = await serve(sampleServer);
      rowDevstorePort = await freePort();
      const failedJob = await storeJob(db, {
        name: "sync",
        data: { shop: SHOP },
        shop: SHOP,
        state: "failed",
        attempts: 3,
        lastError: "HTTP 503 from Shopify",
        finishedAt: new Date(),
      });
      // Someone on the team (they join it by opening the app), for `promotions import --owner NAME`.
      const seen = new Date();
      await db.staffMember.create({
        data: { shop: SHOP, userId: "1", name: "Store Owner", accountOwner: true, collaborator: false, firstSeenAt: seen, lastSeenAt: seen },
      });
      // A goal holding March, for `targets set --goal`.
      const goal = await createGoal(db, systemActor(SHOP), { name: "Spring", from: "2026-03-01", to: "2026-03-31" }, new Date());
      if (!goal.ok) throw new Error(JSON.stringify(goal.errors));
      // A custom cost, for `costs set cost --id` (changed by each kind's row) and `costs remove cost --id`.
      const cost = await db.customCost.create({ data: { shop: SHOP, name: "Rent", kind: "monthly", amount: 1200_0000n, createdAt: seen, updatedAt: seen } });
      mkdirSync(dir, { recursive: true });
      const csv = path.join(dir, "promotions.csv");
      writeFileSync(csv, promotionsCsv());
      const shippingCsv = path.join(dir, "shipping.csv");
      writeFileSync(shippingCsv, "order name,cost\n#1001,7.45\n#1002,12\n");
      // Two days of print spend for the spreadsheet's promotion (its UTM campaign), for `ads import`.
      const spendCsv = path.join(dir, "spend.csv");
      writeFileSync(spendCsv, "date,channel,campaign,spend,currency\n2026-03-10,Print,spring,45.00,EUR\n2026-03-11,Print,spring,45.00,EUR\n");
      Object.assign(values, {
        "--fixture FILE": FIXTURE,
        "--port N": String(rowDevstorePort),
        "--token T": "devstore-token",
        "--app-url URL": process.env.SHOPIFY_APP_URL!,
        "--api-secret S": process.env.SHOPIFY_API_SECRET!,
        "--bucket-size N": "2000",
        "--restore-rate N": "100",
        "--shop DOMAIN": SHOP,
        "--admin-origin URL": origin,
        "--from YYYY-MM-DD": "2026-03-01",
        "--to YYYY-MM-DD": "2026-03-31",
        "--on YYYY-MM-DD": "2026-03-15",
        // 9-15 March 2026: in the spreadsheet's promotion, which the import row before it logs.
        "--week YYYY-Www": "2026-W11",
        // Two targets, one for each form: on one indicator the second would overlap the first.
        "--indicator KEY": { "every option": "orders", "required only": "net_sales" },
        "--value N": "100",
        "--goal ID": String(goal.value.id),
        "FILE.csv": csv,
        "--owner NAME": "Store Owner",
        ID: failedJob,
        "--gateway NAME": "paypal",
        "--rate FRACTION": "0.0349",
        "--fixed-fee AMOUNT": "0.49",
        "--destination CC": "DE",
        "--per-order AMOUNT": "4.50",
        "--per-unit AMOUNT": "0.50",
        "--name TEXT": "Rent",
        "--amount AMOUNT": "1200",
        "--from-month YYYY-MM": "2026-01",
        "--to-month YYYY-MM": "2026-12",
        "--date YYYY-MM-DD": "2026-03-04",
        "--id ID": String(cost.id),
        "SHIPPING.csv": shippingCsv,
        "--platform meta|google|tiktok": "meta",
        "--origin URL": origin,
        "--currency CODE": "USD",
        "--month YYYY-MM": "2026-03",
        "--rate RATE": "0.92",
        "SPEND.csv": spendCsv,
      });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** A spreadsheet of one promotion, its columns in the order of the header the README gives. */
    function promotionsCsv(): string {
      const header = /`(title,[a-z_,]+)`/.exec(ROWS.find((row) => rowName(row.syntax) === "promotions import")?.does ?? "")?.[1];
      if (!header) throw new Error("the promotions import row no longer gives the spreadsheet's header");
      const promotion: Record<string, string> = {
        title: "Spring codes",
        type: "discount",
        channel: "email",
        start: "2026-03-01",
        end: "2026-03-31",
        spend: "250",
        discount_codes: "SPRING;SPRING10",
        utm_campaign: "spring",
        indicator: "net_sales",
        hypothesis: "A spring code brings back last year's customers",
        expected_change: "+5% net sales",
      };
      const cells = header.split(",").map((column) => {
        if (!(column in promotion)) throw new Error(`the README's header has a column "${column}" this test has no value for`);
        return promotion[column]!;
      });
      return `${header}\n${cells.join(",")}\n`;
    }

    function filled(command: TableCommand): string[] {
      return command.words.map((word, index) => {
        if (!isPlaceholder(word)) return word;
        const previous = command.words[index - 1];
        const slot = previous?.startsWith("--") ? `${previous} ${word}` : word;
        const value = values[slot];
        if (value === undefined) throw new Error(`\`${keyOf(command)}\` has ${slot}, for which this test has no value of the test store: give it one`);
        return typeof value === "string" ? value : value[command.form];
      });
    }

    it.each(TABLE_COMMANDS.filter((command) => !NOT_RUN[keyOf(command)]).map((command) => [keyOf(command), command.form, command] as const))(
      "GIVEN the sample store WHEN `%s` runs (%s) THEN it succeeds and prints what its row says",
      async (_, __, command) => {
        const args = filled(command);
        if (SERVING.has(args[0]!)) {
          const origin = `http://127.0.0.1:${rowDevstorePort}`;
          const started = await startUntil("tsx", ["app/cli/main.ts", ...args], {
            env: commandEnv(TERMINAL),
            ready: new RegExp(`${origin.replace(/\./g, "\\.")}\\b`),
            timeoutMs: 60_000,
          });
          await started.stop();
          expect(started.output()).not.toMatch(/^error/im);
          return;
        }
        expectSucceeded(await runCli(args, TERMINAL), `${PREFIX} ${args.join(" ")}`, args);
      },
      90_000,
    );
  });

  describe("the command lines in the prose", () => {
    it.each(INLINE.filter((line) => !NOT_RUN[line]))(
      "GIVEN the store the table left WHEN `%s` runs as written THEN it succeeds",
      async (line) => {
        await runLine(line);
      },
      90_000,
    );
  });
});
