import { useEffect } from "react";

type AppBridgeToast = { shopify?: { toast?: { show(message: string, options?: { isError?: boolean }): unknown } } };

/** A message as an App Bridge toast (an error one when `isError`). */
export function showToast(message: string, options: { isError?: boolean } = {}) {
  (window as unknown as AppBridgeToast).shopify?.toast?.show(message, options);
}

/**
 * After an action that went well, its message as an App Bridge toast (Shopify admin shows it at the
 * bottom of the page, where it doesn't push the content down), once per answer.
 */
export function useSuccessToast(result: { ok: boolean; message?: string } | undefined) {
  useEffect(() => {
    if (result?.ok && result.message) showToast(result.message);
  }, [result]);
}
