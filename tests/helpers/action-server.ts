import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { deliver } from "./webhook-request";

type Action = Parameters<typeof deliver>[0];

/** Serves a route action over HTTP on loopback, so the devstore can send it real webhook requests. */
export async function serveAction(action: Action): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`${process.env.SHOPIFY_APP_URL}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
    const response = await deliver(action, request);
    res.writeHead(response.status);
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
