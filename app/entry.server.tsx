import { PassThrough } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { env } from "./env.server";
import { allowPreviewFraming } from "./preview/framing";
import prisma from "./db.server";
import { errorField, log } from "./lib/log.server";
import { addDocumentResponseHeaders, adminClientForShop } from "./shopify.server";
import { startSyncScheduler, stopSyncScheduler } from "./jobs/scheduler.server";

// The server process runs the background work: the jobs of app/jobs (webhook tasks, syncs,
// reconciliations, strategy upkeep).
if (env().nodeEnv !== "test" && env().schedulerEnabled) startSyncScheduler({ db: prisma, clientFor: adminClientForShop });

export const streamTimeout = 5000;

/**
 * Called by the production server (app/serve.ts) when it stops (a deploy): the background work
 * stops taking work and finishes or hands back what it holds, then the database is closed.
 */
export async function stopBackgroundWork(): Promise<void> {
  await stopSyncScheduler();
  await prisma.$disconnect();
}

export default async function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  addDocumentResponseHeaders(request, responseHeaders);
  if (env().previewEnabled) allowPreviewFraming(responseHeaders);
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callbackName]: () => {
        const body = new PassThrough();
        const stream = createReadableStreamFromReadable(body);
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error) {
        reject(error);
      },
      onError(error) {
        responseStatusCode = 500;
        log.error(errorField(error), "rendering failed");
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
