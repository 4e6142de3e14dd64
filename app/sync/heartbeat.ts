/** A sync run writes its heartbeat as it goes: one silent this long has stopped (a process killed midway). */
export const STALE_RUN_MS = 2 * 60_000;
