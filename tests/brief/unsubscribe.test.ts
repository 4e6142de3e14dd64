import { beforeEach, describe, expect, it } from "vitest";
import { emailRecipient } from "~/brief/settings.server";
import { unsubscribeToken, unsubscribeUrl, verifiedLink } from "~/brief/unsubscribe.server";
import { env } from "~/env.server";
import { TokenKeyring } from "~/lib/token-cipher.server";
import { action, loader } from "~/routes/brief.unsubscribe";
import { db, resetDatabase } from "../helpers/database";
import { OWNER, SAM, seedBriefShop, SHOP } from "./brief-shop";

// The brief email's unsubscribe link, /brief/unsubscribe: signed for one person of one shop, asked
// before acting on a GET, acted on by a POST (RFC 8058's one click), in the person's language.

const optedIn = async (userId: string) => (await db.staffMember.findUniqueOrThrow({ where: { shop_userId: { shop: SHOP, userId } } })).briefOptIn;
const post = (url: string) =>
  action({ request: new Request(url, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) }), params: {}, context: {} });

beforeEach(async () => {
  await resetDatabase();
  await seedBriefShop("http://127.0.0.1:9");
});

describe("the unsubscribe link", () => {
  it("GIVEN the owner's link (she reads Chinese) THEN opening it asks, in Chinese, and changes nothing; posting it turns her brief off and skips what waited for her, and posting again says the same", async () => {
    await db.briefDelivery.create({
      data: {
        shop: SHOP,
        week: "2026-W47",
        recipient: emailRecipient(OWNER.userId),
        channel: "email",
        locale: "zh-CN",
        status: "failed",
        attempts: 1,
        createdAt: new Date(),
      },
    });
    const link = unsubscribeUrl(SHOP, OWNER.userId);
    expect(link.startsWith(`${env().appUrl}/brief/unsubscribe?`)).toBe(true);

    const opened = await loader({ request: new Request(link), params: {}, context: {} });
    const page = await opened.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain("不再向 Store Owner 发送 Brief Shop 的周一简报？");
    expect(page).toMatch(/<form method="post" action="\/brief\/unsubscribe\?shop=[^"]+">/);
    expect(opened.headers.get("Cache-Control")).toBe("no-store");
    expect(await optedIn(OWNER.userId)).toBe(true);

    for (const attempt of [1, 2]) {
      const answer = await post(link);
      expect(answer.status, `post ${attempt}`).toBe(200);
      expect(await answer.text()).toContain("已完成：Store Owner 将不再收到 Brief Shop 的周一简报。");
    }
    expect(await optedIn(OWNER.userId)).toBe(false);
    expect(await optedIn(SAM.userId)).toBe(true);
    expect((await db.briefDelivery.findFirstOrThrow({ where: { shop: SHOP } })).status).toBe("skipped");
  });

  it("GIVEN a link signed before a key rotation THEN it still works while the old key is a previous one; one no configured key signed does not", () => {
    const old = Buffer.alloc(32, 11);
    const rotated = new TokenKeyring(Buffer.alloc(32, 12), [old]);
    const params = (token: string) => new URLSearchParams({ shop: SHOP, user: SAM.userId, token });
    const before = unsubscribeToken(SHOP, SAM.userId, new TokenKeyring(old));
    expect(verifiedLink(params(before), rotated)).toEqual({ shop: SHOP, userId: SAM.userId });
    expect(verifiedLink(params(before), new TokenKeyring(Buffer.alloc(32, 12)))).toBeNull();
    // A token for one person is no token for another, nor for another shop.
    expect(verifiedLink(new URLSearchParams({ shop: SHOP, user: OWNER.userId, token: before }), rotated)).toBeNull();
    expect(verifiedLink(new URLSearchParams({ shop: "other-shop.myshopify.com", user: SAM.userId, token: before }), rotated)).toBeNull();
  });
});
