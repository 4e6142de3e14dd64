// The command line's first import: marks the process as a terminal's before any module creates the
// app's log (app/lib/log.server.ts), which then writes warnings and errors to standard error only,
// instead of JSON lines on standard output between a command's own lines.
(globalThis as { [key: symbol]: unknown })[Symbol.for("throughline.log-in-terminal")] = true;
