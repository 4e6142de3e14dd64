/**
 * Downloads a file from one of the app's routes. Inside Shopify admin the app runs in an iframe and
 * authenticates with a session token, which App Bridge adds to fetch requests (not to plain links):
 * fetch, then save the file.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) throw new DownloadFailed(response.status);
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = objectUrl;
  link.download = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(objectUrl);
}

/** The app answered the download with an error status (the page words it in the staff member's language). */
export class DownloadFailed extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** Why a download failed, for the page to word: its status, or null when the app couldn't be reached. */
export const failedStatus = (failure: unknown): number | null => (failure instanceof DownloadFailed ? failure.status : null);
