/**
 * The token key rotation exactly as README.md's Deploying section writes it, end to end: tokens
 * sealed with the old key, the new key made current and the old one kept as previous, the command
 * it names run as written, the old key dropped. Every shop's token must still open.
 */
import { readFileSync } from "node:fs";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { beforeEach, describe, expect, it } from "vitest";
import { EncryptedSessionStorage } from "~/lib/encrypted-session-storage.server";
import { keyId, TokenKeyring } from "~/lib/token-cipher.server";
import { runShell } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { section } from "../readme/readme";

const deploying = section(readFileSync("README.md", "utf8"), "## Deploying");
const steps = /set the new key as `(\w+)` and the old one in\s+`(\w+)`, restart, run `([^`]+)`[^.]*?, then drop the old key/.exec(deploying);

const oldKey = Buffer.alloc(32, 0xa1);
const newKey = Buffer.alloc(32, 0xb2);
const lostKey = Buffer.alloc(32, 0xc3);
const SHOPS = ["first.myshopify.com", "second.myshopify.com", "third.myshopify.com"];

const storage = (current: Buffer, previous: Buffer[] = []) => new EncryptedSessionStorage(new PrismaSessionStorage(db), new TokenKeyring(current, previous));

/** A shop's offline session and its acting staff member's online one, each with tokens of its own. */
function sessions(shop: string): Session[] {
  const base = { shop, state: "s", scope: "read_orders,read_products", expires: new Date(Date.now() + 3_600_000) };
  return [
    new Session({
      ...base,
      id: `offline_${shop}`,
      isOnline: false,
      accessToken: `shpat_${shop}`,
      refreshToken: `shprt_${shop}`,
      refreshTokenExpires: new Date(Date.now() + 86_400_000),
    }),
    new Session({ ...base, id: `${shop}_7`, isOnline: true, accessToken: `shpua_${shop}` }),
  ];
}

/** Each session's tokens as this storage opens them (undefined where it can't). */
async function opened(from: EncryptedSessionStorage, shops: string[]): Promise<Record<string, (string | undefined)[]>> {
  const result: Record<string, (string | undefined)[]> = {};
  for (const shop of shops) {
    for (const { id } of sessions(shop)) {
      const session = await from.loadSession(id);
      result[id] = [session?.accessToken, session?.refreshToken];
    }
  }
  return result;
}

const expected = (shops: string[]) => Object.fromEntries(shops.flatMap(sessions).map((session) => [session.id, [session.accessToken, session.refreshToken]]));

describe("rotating the token key as the README's Deploying section says", () => {
  beforeEach(resetDatabase);

  it("GIVEN the README THEN it names the variables for the new and the old key and the command to run between", () => {
    expect(steps?.slice(1, 3)).toEqual(["TOKEN_ENCRYPTION_KEY", "TOKEN_ENCRYPTION_PREVIOUS_KEYS"]);
    expect(steps?.[3]).toMatch(/ tokens reseal$/);
  });

  it("GIVEN every shop's tokens sealed with the old key WHEN the new key is set, the old kept as previous, the command run as written and the old key dropped THEN every shop's tokens still open", async () => {
    const [, currentVariable, previousVariable, command] = steps!;
    for (const session of SHOPS.flatMap(sessions)) await storage(oldKey).storeSession(session);

    // Restarted with the new key current and the old one previous: the tokens open, still sealed with the old key.
    expect(await opened(storage(newKey, [oldKey]), SHOPS)).toEqual(expected(SHOPS));
    const run = await runShell(command!, {
      NODE_ENV: "production",
      [currentVariable!]: newKey.toString("base64"),
      [previousVariable!]: oldKey.toString("base64"),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${SHOPS.length * 2} of ${SHOPS.length * 2} sessions sealed again with the current key.`);

    // The old key dropped.
    expect(await opened(storage(newKey), SHOPS)).toEqual(expected(SHOPS));
    for (const row of await db.session.findMany()) {
      for (const token of [row.accessToken, row.refreshToken].filter(Boolean)) expect(token).toMatch(new RegExp(`^v2:${keyId(newKey)}:`));
    }
  });

  it("GIVEN one shop's tokens sealed with a key no longer configured WHEN the command runs THEN it exits 1 naming that shop, reseals the others, and leaves that shop's row as it was", async () => {
    const [, currentVariable, previousVariable, command] = steps!;
    const [lost, ...kept] = SHOPS as [string, ...string[]];
    for (const session of sessions(lost)) await storage(lostKey).storeSession(session);
    for (const session of kept.flatMap(sessions)) await storage(oldKey).storeSession(session);
    const lostRows = await db.session.findMany({ where: { shop: lost }, orderBy: { id: "asc" } });

    const run = await runShell(command!, {
      NODE_ENV: "production",
      [currentVariable!]: newKey.toString("base64"),
      [previousVariable!]: oldKey.toString("base64"),
    });
    expect(run.code, run.stderr).toBe(1);
    const unreadable = run.stdout.split("\n").filter((line) => line.startsWith("unreadable with the configured keys"));
    expect(unreadable).toEqual(sessions(lost).map(() => `unreadable with the configured keys (the shop gets a new token when it next opens the app): ${lost}`));
    expect(run.stdout).toContain(`${kept.length * 2} of ${SHOPS.length * 2} sessions sealed again with the current key.`);

    expect(await opened(storage(newKey), kept)).toEqual(expected(kept));
    expect(await db.session.findMany({ where: { shop: lost }, orderBy: { id: "asc" } })).toEqual(lostRows);
    expect(await opened(storage(lostKey), [lost])).toEqual(expected([lost]));
  });
});
