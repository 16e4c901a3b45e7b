/**
 * Seeded random streams. Every consumer of randomness (inputs, picking modes,
 * `module.rand`, faker, sample picks) draws from its own stream derived from
 * the scenario seed and a stream name, so adding a draw in one place never
 * shifts the numbers seen in another.
 *
 * @module
 */
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";

/** A 32-bit FNV-1a hash of a string, mixed with a seed. */
function hash32(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** SplitMix32: spreads one 32-bit seed over the generator's 128-bit state. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

function generator(seed: number) {
  const st = { s: seed };
  return xoroshiro128plusFromState([splitmix32(st), splitmix32(st), splitmix32(st), splitmix32(st) | 1]);
}

/**
 * How many timestamps make a block: randomness restarts at each block (see
 * {@link Rng.enterBlock}), which is what lets `--shard` split a run.
 */
export const BLOCK = 1024;

/** The seed of a child stream named `name` under `seed`. */
export function deriveSeed(seed: number, name: string): number {
  return hash32(seed >>> 0, name);
}

/**
 * A seeded random stream.
 *
 * @example
 * ```ts
 * import { Rng } from "./random.ts";
 * const a = new Rng(7, "picks");
 * const b = new Rng(7, "picks");
 * if (a.float() !== b.float()) throw new Error("not reproducible");
 * ```
 */
export class Rng {
  #gen;
  #children: Rng[] = [];
  /** The 32-bit seed this stream was made from. */
  readonly seed: number;

  /**
   * @param seed The scenario seed (any integer; taken modulo 2^32).
   * @param name The stream name; streams with different names are independent.
   */
  constructor(seed: number, name = "") {
    this.seed = deriveSeed(seed, name);
    this.#gen = generator(this.seed);
  }

  /** A child stream, independent of this one and of its other children. */
  child(name: string): Rng {
    const c = new Rng(this.seed, name);
    this.#children.push(c);
    return c;
  }

  /**
   * Restarts this stream and every child made from it at block `block`: the
   * numbers drawn next depend only on the seed, the stream's name and the
   * block. Event plugins enter a block every {@link BLOCK} timestamps, so a
   * shard can render its blocks without rendering the others.
   */
  enterBlock(block: number): void {
    this.#gen = generator(deriveSeed(this.seed, `block:${block}`));
    for (const c of this.#children) c.enterBlock(block);
  }

  /** A float in [0, 1). */
  float(): number {
    return uniformFloat64(this.#gen);
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** A random 32-bit unsigned integer. */
  uint32(): number {
    return this.#gen.next() >>> 0;
  }

  /** An index in [0, n). */
  index(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.index(items.length)] as T;
  }

  /**
   * An index drawn with the given non-negative weights.
   * @returns -1 when every weight is zero
   */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    if (!(total > 0)) return -1;
    let r = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** A standard normal variate (Box–Muller). */
  gauss(mu = 0, sigma = 1): number {
    let u = 0;
    while (u === 0) u = this.float();
    const v = this.float();
    return mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** A fresh seed for runs that were not given one. */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] as number;
}
