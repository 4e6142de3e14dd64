/** Lets the local preview page (same origin) frame the app, besides the shop's admin. */
export function allowPreviewFraming(headers: Headers): void {
  const policy = headers.get("Content-Security-Policy");
  if (policy?.includes("frame-ancestors")) {
    headers.set("Content-Security-Policy", policy.replace("frame-ancestors", "frame-ancestors 'self'"));
  }
}
