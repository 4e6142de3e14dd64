import { describe, expect, it } from "vitest";
import { AdminApiError } from "~/admin-api/client.server";
import { localizer } from "~/i18n/localizer";
import { messageWords, storeMessage, storedWords } from "~/i18n/stored-message";
import { describeSyncStatus } from "~/sync/sync-status.server";
import { bulkFailure, describeSyncError, retried } from "~/sync/sync-messages";

const english = localizer("en");
const chinese = localizer("zh-CN");

describe("a failed sync in the owner's words", () => {
  it.each([
    [new AdminApiError("The Admin API refused the request (HTTP 403)", 403), /refused Throughline's request \(403\)/, /拒绝了 Throughline 的请求（403）/],
    [new Error("HTTP 401 Unauthorized"), /Open the app from your Shopify admin/, /从 Shopify 后台打开应用/],
    [new Error("fetch failed"), /could not reach Shopify/, /无法连接 Shopify/],
    [new Error("something else"), /^The sync stopped: something else$/, /^同步已停止：something else$/],
  ])("GIVEN %s THEN the card says what happens next, in the reader's language", (error, words, chineseWords) => {
    const message = describeSyncError(error);
    expect(messageWords(message, english)).toMatch(words);
    expect(messageWords(message, chinese)).toMatch(chineseWords);
  });

  it("GIVEN a message stored on the shop and a warning on the run THEN each reader reads them in their language; text stored before messages were keys reads as it was", () => {
    const lastSyncError = storeMessage(describeSyncError(new Error("fetch failed")));
    const warning = storeMessage(retried(bulkFailure("orders", "TIMEOUT")));
    expect(storedWords(warning, english)).toBe("Shopify took too long reading your orders. Throughline asked again.");
    expect(storedWords(warning, chinese)).toBe("Shopify 读取您的订单用时过长。Throughline 已重新请求。");
    expect(storedWords("Shopify could not finish reading your orders.", chinese)).toBe("Shopify could not finish reading your orders.");
    expect(storedWords("i18n:{not json", english)).toBe("i18n:{not json");
    expect(storedWords(null, english)).toBeNull();
    const view = describeSyncStatus({ lastSyncAt: null, lastSyncError }, null, new Date());
    expect(view).toMatchObject({ state: "failed", problem: "Throughline could not reach Shopify. It will try again at the next scheduled sync." });
  });
});
