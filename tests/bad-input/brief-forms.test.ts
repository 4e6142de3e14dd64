/**
 * The Monday brief's forms and its unsubscribe link, posted with hostile values: each answers 4xx
 * with a message that says what is wrong, and no table of the database changes (every row compared).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { unsubscribeUrl } from "~/brief/unsubscribe.server";
import { briefAction } from "~/brief/brief-page.server";
import { action as briefRoute } from "~/routes/app.brief";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/brief.unsubscribe";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import type { Actor } from "~/staff/staff.server";
import { saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callAction, embeddedAction } from "../helpers/embedded-request";
import { expectDatabaseUnchanged } from "./database-snapshot";

const SHOP = "hostile-brief.myshopify.com";
const OWNER = "1";
const STAFF = "2";
const COLLABORATOR = "3";
const NO_EMAIL: Actor = { shop: SHOP, userId: "4", name: "Dana", role: "staff", accountOwner: false, collaborator: false, locale: "en" };
type Result = { intent: string; ok: boolean; errors?: Record<string, string> };

const post = (fields: Record<string, string>, userId = OWNER) =>
  embeddedAction("/app/brief", SHOP, fields, { userId }).then((request) => callAction<Result>(briefRoute, request));

/** Refused with that status, a message matching, and nothing written. */
async function expectRefused(answer: () => Promise<{ status: number; body: Result }>, message: RegExp, status = 400) {
  const result = await expectDatabaseUnchanged(db, answer);
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(Object.values(result.body.errors ?? {}).join(" | ")).toMatch(message);
}

beforeAll(async () => {
  await resetDatabase();
  await connectDevstoreShop(db, sessionStorage, {
    shop: SHOP,
    adminOrigin: "http://127.0.0.1:4999",
    accessToken: "devstore-token",
    ownerUserId: OWNER,
    now: new Date(),
  });
  await saveShopDetails(db, { shop: SHOP, name: "Hostile Brief", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
  // Everyone has opened the app once (each is recorded with the email Shopify gives), and Sam gets the brief.
  for (const userId of [OWNER, STAFF, COLLABORATOR]) expect((await post({ intent: "opt_in", on: "off" }, userId)).status).toBe(200);
  expect((await post({ intent: "opt_in", on: "on" }, STAFF)).status).toBe(200);
  // Someone recorded before Shopify shared their email (the page's own action is called with them below).
  const seen = new Date();
  await db.staffMember.create({
    data: { shop: SHOP, userId: NO_EMAIL.userId, name: NO_EMAIL.name, accountOwner: false, collaborator: false, firstSeenAt: seen, lastSeenAt: seen },
  });
  expect((await post({ intent: "save_slack", url: "https://hooks.slack.com/services/T1/B1/x" })).status).toBe(200);
});

describe("the Monday brief's forms, with hostile values", () => {
  it.each([
    [
      "a webhook that isn't Slack's",
      { intent: "save_slack", url: "https://evil.example/services/T1/B1/x" },
      /starts with https:\/\/hooks\.slack\.com\/services\//,
    ],
    ["Slack's site, not a webhook", { intent: "save_slack", url: "https://hooks.slack.com/" }, /incoming webhook URL/],
    ["a webhook over http", { intent: "save_slack", url: "http://hooks.slack.com/services/T1/B1/x" }, /incoming webhook URL/],
    ["a webhook with credentials", { intent: "save_slack", url: "https://user:pw@hooks.slack.com/services/T1/B1/x" }, /incoming webhook URL/],
    ["a webhook on a look-alike host", { intent: "save_slack", url: "https://hooks.slack.com.evil.example/services/T1/B1/x" }, /incoming webhook URL/],
    ["a webhook of 501 characters", { intent: "save_slack", url: `https://hooks.slack.com/services/${"x".repeat(470)}` }, /incoming webhook URL/],
    ["no webhook at all", { intent: "save_slack" }, /incoming webhook URL/],
    ["a loopback address", { intent: "save_slack", url: "http://127.0.0.1:9/services/T1/B1/x" }, /incoming webhook URL/],
    ["opt-in neither on nor off", { intent: "opt_in", on: "yes" }, /Say "on" or "off"/],
    ["an action the page doesn't have", { intent: "delete_everyone" }, /has no action "delete_everyone"/],
  ])("GIVEN %s THEN it is refused and nothing changes", async (_case, fields, message) => {
    await expectRefused(() => post(fields), message);
  });

  it("GIVEN a staff member or a collaborator THEN changing the channel, removing it or sending now is refused with 403 and nothing changes", async () => {
    for (const userId of [STAFF, COLLABORATOR]) {
      const attempts: Record<string, string>[] = [
        { intent: "save_slack", url: "https://hooks.slack.com/services/T2/B2/y" },
        { intent: "remove_slack" },
        { intent: "send_now" },
      ];
      for (const fields of attempts) {
        await expectRefused(() => post(fields, userId), /Only the store owner or a strategist can change the Slack channel or send the brief/, 403);
      }
    }
  });

  it("GIVEN someone Shopify gave no email THEN turning the brief on is refused and nothing changes", async () => {
    const form = new FormData();
    form.set("intent", "opt_in");
    form.set("on", "on");
    await expectRefused(() => briefAction(db, NO_EMAIL, form, new Date()), /hasn't given Throughline your email address/);
  });
});

describe("the unsubscribe link, tampered with", () => {
  const link = () => new URL(unsubscribeUrl(SHOP, STAFF));
  const changed = (change: (params: URLSearchParams) => void) => {
    const url = link();
    change(url.searchParams);
    return url.toString();
  };
  const flip = (token: string) => token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");

  it.each([
    ["one character of its signature changed", () => changed((params) => params.set("token", flip(params.get("token")!)))],
    ["another person's id", () => changed((params) => params.set("user", OWNER))],
    ["another shop", () => changed((params) => params.set("shop", "neighbour-brief.myshopify.com"))],
    ["no token", () => changed((params) => params.delete("token"))],
    ["a token of another version", () => changed((params) => params.set("token", `2${params.get("token")!.slice(1)}`))],
    ["a shop that isn't a shop domain", () => changed((params) => params.set("shop", "<script>"))],
    ["a token cut short", () => changed((params) => params.set("token", params.get("token")!.slice(0, 20)))],
  ])("GIVEN %s THEN posting it (one click) or opening it answers 400, says the link isn't valid, and nothing changes", async (_case, url) => {
    for (const method of ["POST", "GET"] as const) {
      const answer = await expectDatabaseUnchanged(db, () =>
        (method === "POST" ? unsubscribeAction : unsubscribeLoader)({
          request: new Request(url(), method === "POST" ? { method, body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) } : {}),
          params: {},
          context: {},
        }),
      );
      expect(answer.status, method).toBe(400);
      expect(await answer.text(), method).toMatch(/This unsubscribe link isn(&#x27;|')t valid/);
    }
  });
});
