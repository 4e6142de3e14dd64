/**
 * A shop's IANA time zone as a table of UTC offsets taken from Intl, built lazily a year at a time.
 * Answering "which local day is this instant?" is then a table lookup, which matters when every
 * order, refund and cancellation of a large store is dated (millions of calls).
 *
 * Local days are numbered like the epoch: day 0 is the local calendar date 1970-01-01.
 */

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const PROBE_STEP_MS = 6 * HOUR_MS;

interface YearTable {
  /** UTC instants where the offset changes, ascending. */
  transitions: number[];
  /** offsets[i] applies before transitions[i]; the last one after the last transition. */
  offsets: number[];
}

export class UnknownTimeZoneError extends RangeError {
  constructor(readonly timeZone: string) {
    super(`Unknown IANA time zone "${timeZone}"`);
  }
}

export class TimeZone {
  private readonly format: Intl.DateTimeFormat;
  private readonly years = new Map<number, YearTable>();

  constructor(readonly name: string) {
    try {
      this.format = new Intl.DateTimeFormat("en-US", {
        timeZone: name,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new UnknownTimeZoneError(name);
    }
  }

  /** Local wall clock minus UTC, in ms, at a UTC instant. */
  offset(utcMs: number): number {
    const table = this.year(new Date(utcMs).getUTCFullYear());
    const { transitions, offsets } = table;
    let i = 0;
    while (i < transitions.length && utcMs >= (transitions[i] as number)) i++;
    return offsets[i] as number;
  }

  /** The UTC instant of a local wall-clock time (ms since the wall clock's epoch); in a gap, the later offset's reading. */
  toUtc(wallMs: number): number {
    const guess = wallMs - this.offset(wallMs);
    const offset = this.offset(guess);
    const utc = wallMs - offset;
    const check = this.offset(utc);
    return check === offset ? utc : wallMs - check;
  }

  /** The local calendar day (day number) a UTC instant falls on. */
  localDay(utcMs: number): number {
    return Math.floor((utcMs + this.offset(utcMs)) / DAY_MS);
  }

  /**
   * The first UTC instant of a local day. Where the day starts in a DST gap (midnight skipped) it is
   * the transition itself; where midnight happens twice it is the first one.
   */
  startOfDay(day: number): number {
    const midnight = day * DAY_MS;
    const around = [this.offset(midnight - 15 * HOUR_MS), this.offset(midnight + 15 * HOUR_MS)];
    const valid = around.map((offset) => midnight - offset).filter((utc) => this.offset(utc) === midnight - utc);
    if (valid.length > 0) return Math.min(...valid);
    // Midnight does not exist that day: the day starts at the transition.
    let lo = midnight - 15 * HOUR_MS;
    let hi = midnight + 15 * HOUR_MS;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.localDay(mid) >= day) hi = mid;
      else lo = mid;
    }
    return hi;
  }

  private probe(utcMs: number): number {
    const fields: Record<string, number> = {};
    for (const part of this.format.formatToParts(new Date(utcMs))) {
      if (part.type !== "literal") fields[part.type] = Number(part.value);
    }
    const wall = Date.UTC(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
    // Intl has second resolution; the offset is the difference at the whole second.
    return wall - Math.floor(utcMs / 1000) * 1000;
  }

  private year(year: number): YearTable {
    const cached = this.years.get(year);
    if (cached) return cached;
    const from = Date.UTC(year, 0, 1);
    const to = Date.UTC(year + 1, 0, 1);
    const table: YearTable = { transitions: [], offsets: [this.probe(from)] };
    let previous = from;
    let previousOffset = table.offsets[0] as number;
    while (previous < to) {
      const at = Math.min(previous + PROBE_STEP_MS, to);
      const offset = this.probe(at);
      if (offset !== previousOffset) {
        // Transitions fall on whole seconds: search to the second.
        let lo = Math.floor(previous / 1000);
        let hi = Math.floor(at / 1000);
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.probe(mid * 1000) === previousOffset) lo = mid;
          else hi = mid;
        }
        table.transitions.push(hi * 1000);
        table.offsets.push(offset);
      }
      previous = at;
      previousOffset = offset;
    }
    this.years.set(year, table);
    return table;
  }
}

const zones = new Map<string, TimeZone>();

/** One shared table per zone name. Throws UnknownTimeZoneError for a name Intl doesn't know. */
export function timeZone(name: string): TimeZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new TimeZone(name);
    zones.set(name, zone);
  }
  return zone;
}
