import { PassThrough } from "node:stream";
import type { ActionFunctionArgs, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { env } from "./env.server";
import { allowPreviewFraming } from "./preview/framing";
import prisma from "./db.server";
import { errorField, errorWithStack, log } from "./lib/log.server";
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

/**
 * What Remix hands over when a request fails, logged once (Remix's default prints it with
 * console.error). A route or an address that answers 4xx (no such page, a method it doesn't take)
 * is the client's mistake, not the app's: the request's own log line says its status. A request
 * the client gave up on isn't logged either. Anything else is an error, with its stack's frames.
 */
export function handleError(error: unknown, { request }: LoaderFunctionArgs | ActionFunctionArgs): void {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // Remix's own warnings (a `?_data` request to a single-fetch app) come as errors: a client's doing.
  if (error instanceof Error && error.message.startsWith("Warning: ")) {
    log.warn(errorField(error), "request warning");
    return;
  }
  log.error(errorWithStack(error), "request failed");
}

export default async function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext) {
  addDocumentResponseHeaders(request, responseHeaders);
  if (env().previewEnabled) allowPreviewFraming(responseHeaders);
  const userAgent = request.headers.get("user-agent");
  const callbackName = isbot(userAgent ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [callbackName]: () => {
        shellRendered = true;
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
        // An error before the shell is rendered rejects, and Remix hands it to handleError: logged there, once.
        if (shellRendered) log.error(errorWithStack(error), "rendering failed");
      },
    });
    setTimeout(abort, streamTimeout + 1000);
  });
}
