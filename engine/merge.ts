/**
 * Merges the timestamp batches of several inputs into one stream in time
 * order; ties keep input order, so the merge is deterministic.
 *
 * @module
 */
import type { InputPlugin } from "./spec.ts";

/** A merged batch: timestamps and, for each, the index of its input. */
export interface MergedBatch {
  timestamps: Float64Array;
  inputs: Uint16Array;
  length: number;
}

const EMPTY = new Float64Array(0);

/**
 * Reads merged batches from several inputs.
 *
 * @example
 * ```ts
 * import { Merger } from "./merge.ts";
 * const input = (xs: number[]) => ({ finite: true, read: (() => { let done = false; return () => done ? new Float64Array(0) : (done = true, new Float64Array(xs)); })() });
 * const m = new Merger([input([1, 3]), input([2])]);
 * const b = await m.next(10);
 * if (b.timestamps.join() !== "1,2,3" || b.inputs.join() !== "0,1,0") throw new Error();
 * ```
 */
export class Merger {
  #inputs: InputPlugin[];
  #bufs: Float64Array[];
  #pos: number[];
  #done: boolean[];
  #chunk: number;
  #indexes: number[];

  /**
   * @param inputs The inputs, in declaration order.
   * @param options `chunk`: how many timestamps to read from an input at a
   *   time; `indexes`: the number each input's timestamps are labelled with
   *   (by default its position in `inputs`).
   */
  constructor(inputs: InputPlugin[], options: { chunk?: number; indexes?: number[] } = {}) {
    this.#inputs = inputs;
    this.#bufs = inputs.map(() => EMPTY);
    this.#pos = inputs.map(() => 0);
    this.#done = inputs.map(() => false);
    this.#chunk = options.chunk ?? 8192;
    this.#indexes = options.indexes ?? inputs.map((_, i) => i);
  }

  /** How many inputs are merged. */
  get size(): number {
    return this.#inputs.length;
  }

  async #fill(i: number): Promise<boolean> {
    while (!this.#done[i] && (this.#pos[i] as number) >= (this.#bufs[i] as Float64Array).length) {
      const b = await this.#inputs[i]!.read(this.#chunk);
      if (b.length === 0) this.#done[i] = true;
      this.#bufs[i] = b;
      this.#pos[i] = 0;
    }
    return !this.#done[i];
  }

  /**
   * The next batch of at most `max` timestamps; empty when every input is
   * exhausted.
   */
  async next(max: number): Promise<MergedBatch> {
    const k = this.#inputs.length;
    if (k === 1) {
      if (!(await this.#fill(0))) return { timestamps: EMPTY, inputs: new Uint16Array(0), length: 0 };
      const buf = this.#bufs[0] as Float64Array;
      const p = this.#pos[0] as number;
      const out = buf.subarray(p, Math.min(buf.length, p + max));
      this.#pos[0] = p + out.length;
      return {
        timestamps: out,
        inputs: new Uint16Array(out.length).fill(this.#indexes[0] as number),
        length: out.length,
      };
    }
    const ts = new Float64Array(max);
    const ins = new Uint16Array(max);
    let n = 0;
    while (n < max) {
      let best = -1;
      let bestT = Infinity;
      for (let i = 0; i < k; i++) {
        if (!(await this.#fill(i))) continue;
        const t = (this.#bufs[i] as Float64Array)[this.#pos[i] as number] as number;
        if (best < 0 || t < bestT) {
          best = i;
          bestT = t;
        }
      }
      if (best < 0) break;
      // Take every timestamp of the best input that does not pass the next head.
      let limit = Infinity;
      for (let i = 0; i < k; i++) {
        if (i === best || this.#done[i]) continue;
        const t = (this.#bufs[i] as Float64Array)[this.#pos[i] as number] as number;
        // An input with a lower index wins ties, so stop before equal heads of those.
        if (t < limit || (t === limit && i < best)) limit = t;
      }
      const buf = this.#bufs[best] as Float64Array;
      let p = this.#pos[best] as number;
      const lowerTies = this.#lowerTie(best, limit);
      while (n < max && p < buf.length) {
        const t = buf[p] as number;
        if (t > limit || (t === limit && lowerTies)) break;
        ts[n] = t;
        ins[n++] = this.#indexes[best] as number;
        p++;
      }
      this.#pos[best] = p;
    }
    return { timestamps: ts.subarray(0, n), inputs: ins.subarray(0, n), length: n };
  }

  /** True when an input before `best` has its head at `limit`. */
  #lowerTie(best: number, limit: number): boolean {
    for (let i = 0; i < best; i++) {
      if (!this.#done[i] && (this.#bufs[i] as Float64Array)[this.#pos[i] as number] === limit) return true;
    }
    return false;
  }

  /** Whether every input is finite. */
  get finite(): boolean {
    return this.#inputs.every((i) => i.finite);
  }

  /** Closes every input. */
  async close(): Promise<void> {
    for (const i of this.#inputs) await i.close?.();
  }
}
