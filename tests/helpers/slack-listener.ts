/**
 * A local HTTP listener standing in for Slack's incoming webhooks: it keeps every JSON body posted
 * to it, with the path, and answers as Slack does ("ok"), or with `failWith`'s status while set.
 */
import { createServer, type Server } from "node:http";

export interface SlackPost {
  path: string;
  body: { text: string; blocks: { type: string; text?: { type: string; text: string }; elements?: { text: string }[] }[] };
}

export interface SlackListener {
  port: number;
  origin: string;
  posts: SlackPost[];
  /** While set, every post is answered with this status (and not kept). */
  failWith: number | null;
  stop(): Promise<void>;
}

export async function startSlackListener(port: number): Promise<SlackListener> {
  const listener: SlackListener = { port, origin: `http://127.0.0.1:${port}`, posts: [], failWith: null, stop: async () => undefined };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (listener.failWith !== null) {
        response.writeHead(listener.failWith, { "Content-Type": "text/plain" }).end("service_unavailable");
        return;
      }
      listener.posts.push({ path: request.url ?? "", body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as SlackPost["body"] });
      response.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  listener.stop = () => new Promise((resolve) => server.close(() => resolve()));
  return listener;
}
