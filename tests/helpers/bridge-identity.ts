/**
 * A goal bridge's identities written out again for tests, with fractions of their own (never the
 * app's arithmetic): the Shapley parts of a product of two or three factors in closed form, and
 * rounding half away from zero.
 */

/** A fraction n / d, d > 0. */
export type Q = { n: bigint; d: bigint };
export const q = (n: bigint, d = 1n): Q => (d < 0n ? { n: -n, d: -d } : { n, d });
export const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
export const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);

/** Whether two fractions are the same number. */
export const same = (a: Q, b: Q) => a.n * b.d === b.n * a.d;

/** Rounded half away from zero to a whole unit. */
export function round(value: Q): bigint {
  const magnitude = value.n < 0n ? -value.n : value.n;
  const units = (2n * magnitude + value.d) / (2n * value.d);
  return value.n < 0n ? -units : units;
}

/** |a − b| ≤ 1 unit. */
export function withinOne(a: Q, b: bigint): boolean {
  const gap = sub(a, q(b));
  return (gap.n < 0n ? -gap.n : gap.n) <= gap.d;
}

/**
 * Closed-form Shapley parts of x·y (each factor's change times the average of the other's values)
 * and of x·y·z (each factor's change times a third of the others' products in the same period plus a
 * sixth of their mixed products).
 */
export function shapley(before: Q[], after: Q[]): Q[] {
  const delta = (i: number) => sub(after[i]!, before[i]!);
  if (before.length === 2) {
    const half = q(1n, 2n);
    return [mul(delta(0), mul(add(before[1]!, after[1]!), half)), mul(delta(1), mul(add(before[0]!, after[0]!), half))];
  }
  const [third, sixth] = [q(1n, 3n), q(1n, 6n)];
  return [0, 1, 2].map((i) => {
    const [j, k] = [0, 1, 2].filter((other) => other !== i) as [number, number];
    const [a0, a1, b0, b1] = [before[j]!, after[j]!, before[k]!, after[k]!];
    return mul(delta(i), add(mul(add(mul(a0, b0), mul(a1, b1)), third), mul(add(mul(a0, b1), mul(a1, b0)), sixth)));
  });
}
