/**
 * The language of the work under way, for code deep in a feature (validation messages, refusals)
 * that shouldn't take a `t` through every call: the server sets it per request around a page's
 * loader or action (scope.server.ts, from the acting staff member), the CLI per command from the
 * terminal. Anywhere else, and in the browser (whose components use `useLocale()`), it is English.
 * Page modules that shape a page take their `Localizer` as a parameter instead.
 */
import { localizer, type Localizer } from "./localizer";

const ENGLISH = localizer("en");
let source: () => Localizer | undefined = () => undefined;

/** Installed once by the server (an AsyncLocalStorage per request). */
export function setLocalizerSource(next: () => Localizer | undefined): void {
  source = next;
}

export function currentLocalizer(): Localizer {
  return source() ?? ENGLISH;
}
