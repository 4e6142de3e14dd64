import { currentLocalizer } from "~/i18n/scope";

/** Progress on a terminal: one line rewritten in place; on a pipe, a line now and then. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr, everyMs = 2000) {
  let lastPrinted = 0;
  let lastLength = 0;
  return {
    update(text: string) {
      if (stream.isTTY) {
        stream.write(`\r${text.padEnd(lastLength)}`);
        lastLength = text.length;
        return;
      }
      const now = Date.now();
      if (now - lastPrinted >= everyMs) {
        stream.write(`${text}\n`);
        lastPrinted = now;
      }
    },
    done(text: string) {
      stream.write(stream.isTTY ? `\r${text.padEnd(lastLength)}\n` : `${text}\n`);
      lastLength = 0;
    },
    /** Takes the progress line away (on a terminal), for the command's result to be printed on standard output. */
    clear() {
      if (stream.isTTY && lastLength > 0) stream.write(`\r${" ".repeat(lastLength)}\r`);
      lastLength = 0;
    },
  };
}

/** Progress of an indicator rebuild, on stderr (stdout stays machine-readable). */
export function rebuildProgress(shop: string) {
  const progress = terminalProgress();
  const { t, locale } = currentLocalizer();
  const fmt = new Intl.NumberFormat(locale);
  return ({ daysDone, daysTotal }: { daysDone: number; daysTotal: number }) => {
    const text = t("cli.rebuild", { shop, done: fmt.format(daysDone), total: fmt.format(daysTotal) });
    if (daysDone === daysTotal) progress.done(text);
    else progress.update(text);
  };
}
