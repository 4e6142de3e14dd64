import { describe, expect, it } from "vitest";
import { AdminApiError } from "~/admin-api/client.server";
import { describeSyncError } from "~/sync/background.server";

describe("a failed sync in the owner's words", () => {
  it.each([
    [new AdminApiError("The Admin API refused the request (HTTP 403)", 403), /refused Throughline's request \(403\)/],
    [new Error("HTTP 401 Unauthorized"), /Open the app from your Shopify admin/],
    [new Error("fetch failed"), /could not reach Shopify/],
    [new Error("something else"), /^The sync stopped: something else$/],
  ])("GIVEN %s THEN the card says what happens next", (error, words) => {
    expect(describeSyncError(error)).toMatch(words);
  });
});
