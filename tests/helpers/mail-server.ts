/**
 * A real SMTP server on loopback (smtp-server) that keeps every message it accepted, parsed
 * (mailparser): the brief's tests send through nodemailer to it as to any mail server. Plain SMTP
 * without STARTTLS or authentication, as a relay on the same host would be. `hold` keeps a message
 * unanswered (its sender waits) until released: a message never answered was never accepted.
 */
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string[];
  subject: string;
  html: string;
  text: string;
  messageId: string | null;
  headers: Map<string, string>;
}

export interface MailServer {
  port: number;
  received: ReceivedMail[];
  /** Messages to this address are kept waiting from now on (none answered), until released. */
  hold(address: string): void;
  release(address: string): void;
  /** Messages to this address are refused at RCPT TO from now on (550, naming it, as servers do). */
  refuse(address: string): void;
  /** Resolves once a message to `address` is waiting in hold. */
  held(address: string): Promise<void>;
  stop(): Promise<void>;
}

/** Each header as the message carries it (name lower-cased, folded lines joined), not as mailparser reads it. */
function rawHeaders(parsed: ParsedMail): Map<string, string> {
  return new Map(
    parsed.headerLines.map(({ key, line }) => [
      key,
      line
        .slice(line.indexOf(":") + 1)
        .replace(/\r?\n[ \t]+/g, " ")
        .trim(),
    ]),
  );
}

function toReceived(parsed: ParsedMail, to: string[]): ReceivedMail {
  return {
    to,
    subject: parsed.subject ?? "",
    html: typeof parsed.html === "string" ? parsed.html : "",
    text: parsed.text ?? "",
    messageId: parsed.messageId ?? null,
    headers: rawHeaders(parsed),
  };
}

export async function startMailServer(port: number): Promise<MailServer> {
  const received: ReceivedMail[] = [];
  const holding = new Set<string>();
  const refusing = new Set<string>();
  const waiting = new Map<string, () => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(refusing.has(address.address) ? Object.assign(new Error(`<${address.address}>: mailbox unavailable`), { responseCode: 550 }) : undefined);
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((address) => address.address);
      void simpleParser(stream).then(
        (parsed) => {
          if (to.some((address) => holding.has(address))) {
            for (const address of to) waiting.get(address)?.();
            return; // never answered: the sender waits until it gives up or is stopped
          }
          received.push(toReceived(parsed, to));
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    received,
    hold: (address) => void holding.add(address),
    release: (address) => void holding.delete(address),
    refuse: (address) => void refusing.add(address),
    held: (address) => new Promise((resolve) => waiting.set(address, resolve)),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
