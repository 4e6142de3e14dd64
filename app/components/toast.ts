import { useEffect } from "react";

type AppBridgeToast = { shopify?: { toast?: { show(message: string): unknown } } };

/**
 * After an action that went well, its message as an App Bridge toast (Shopify admin shows it at the
 * bottom of the page, where it doesn't push the content down), once per answer.
 */
export function useSuccessToast(result: { ok: boolean; message?: string } | undefined) {
  useEffect(() => {
    if (result?.ok && result.message) (window as unknown as AppBridgeToast).shopify?.toast?.show(result.message);
  }, [result]);
}
