/**
 * Lateness of live-mode events: how long after its timestamp each event was
 * handed to the outputs. Kept as a histogram with buckets 1% wide, so a run
 * of any length uses the same few kilobytes and percentiles stay within 1%.
 *
 * @module
 */

/** Percentiles of lateness, in microseconds. */
export interface LatenessSummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

const GROWTH = Math.log(1.01);

/** Records lateness values and reports percentiles. */
export class Lateness {
  #buckets = new Float64Array(2048);
  #count = 0;
  #max = 0;

  /** Records one event `us` microseconds late (negative counts as 0). */
  record(us: number, times = 1): void {
    const v = us > 0 ? us : 0;
    const i = v < 1 ? 0 : Math.min(this.#buckets.length - 1, 1 + Math.floor(Math.log(v) / GROWTH));
    this.#buckets[i] = (this.#buckets[i] as number) + times;
    this.#count += times;
    if (v > this.#max) this.#max = v;
  }

  /** The value below which a fraction `q` of the events fall (upper edge of its bucket). */
  quantile(q: number): number {
    if (this.#count === 0) return 0;
    const want = q * this.#count;
    let seen = 0;
    for (let i = 0; i < this.#buckets.length; i++) {
      seen += this.#buckets[i] as number;
      if (seen >= want) return Math.min(this.#max, i === 0 ? 1 : Math.exp(i * GROWTH));
    }
    return this.#max;
  }

  /**
   * The summary printed at the end of a live run.
   *
   * @example
   * ```ts
   * import { Lateness } from "./lateness.ts";
   * const l = new Lateness();
   * for (let i = 1; i <= 100; i++) l.record(i * 10);
   * const s = l.summary();
   * if (s.count !== 100 || s.max !== 1000 || Math.abs(s.p50 - 500) > 10) throw new Error(JSON.stringify(s));
   * ```
   */
  summary(): LatenessSummary {
    return { count: this.#count, p50: this.quantile(0.5), p99: this.quantile(0.99), max: this.#max };
  }
}
