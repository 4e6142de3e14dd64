/** Seeded random streams and the exact splitting helpers the generator draws with: nothing here reads the clock or Math.random. */

function fmix32(input: number): number {
  let h = input | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit state for one independent stream of a seed. */
export function streamSeed(seed: number, stream: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4_294_967_296) >>> 0;
  return fmix32(fmix32(lo ^ Math.imul(stream + 1, 0x9e3779b9)) ^ fmix32(hi + 0x7f4a7c15));
}

/** mulberry32: tiny, fast, good enough for synthetic data. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed | 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Index drawn from cumulative weights (ascending, last = total). */
  cumulative(cum: ArrayLike<number>, length: number = cum.length): number {
    const target = this.next() * (cum[length - 1] as number);
    let lo = 0;
    let hi = length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

export function cumulate(weights: readonly number[]): Float64Array {
  const cum = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i] as number;
    cum[i] = total;
  }
  return cum;
}

/** round(a / b), half up, for non-negative safe integers a and positive b. */
export function roundDiv(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/** Sums to find and add customer weights in O(log n) (a Fenwick tree). */
export class WeightTree {
  private readonly tree: Float64Array;
  total = 0;
  constructor(size: number) {
    this.tree = new Float64Array(size + 1);
  }
  add(index: number, weight: number): void {
    this.total += weight;
    for (let i = index + 1; i < this.tree.length; i += i & -i) this.tree[i] = (this.tree[i] as number) + weight;
  }
  /** The index where the running sum first exceeds `target`. */
  find(target: number): number {
    let pos = 0;
    let rest = target;
    let step = 1;
    while (step * 2 < this.tree.length) step *= 2;
    for (; step > 0; step >>= 1) {
      const next = pos + step;
      if (next < this.tree.length && (this.tree[next] as number) <= rest) {
        pos = next;
        rest -= this.tree[next] as number;
      }
    }
    return pos; // 0-based index = pos (1-based pos + 1 − 1)
  }
}

/** Splits `total` over `weights` exactly (largest remainder, ties to the earlier line). */
export function allocate(total: number, weights: readonly number[], out: number[]): void {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i] as number;
  out.length = n;
  if (sum === 0) {
    for (let i = 0; i < n; i++) out[i] = 0;
    return;
  }
  let given = 0;
  const remainders: number[] = [];
  for (let i = 0; i < n; i++) {
    const product = total * (weights[i] as number);
    const share = Math.floor(product / sum);
    out[i] = share;
    given += share;
    remainders.push(product - share * sum);
  }
  for (let left = total - given; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < n; i++) if ((remainders[i] as number) > (remainders[best] as number)) best = i;
    out[best] = (out[best] as number) + 1;
    remainders[best] = -1;
  }
}
