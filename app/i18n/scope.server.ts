/** The request's language for the code it runs (see scope.ts): an AsyncLocalStorage around the work. */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Localizer } from "./localizer";
import { setLocalizerSource } from "./scope";

const scope = new AsyncLocalStorage<Localizer>();
setLocalizerSource(() => scope.getStore());

/** Runs `work` speaking `l10n`'s language: what it calls, and everything that awaits from it. */
export function withLocalizer<T>(l10n: Localizer, work: () => T): T {
  return scope.run(l10n, work);
}
