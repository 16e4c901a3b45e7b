/**
 * `module.random`: Python's `random` functions, drawing from the
 * generator's seeded stream when one is given (Python's own module is
 * unseeded; templates that want repeatable runs should prefer
 * `module.rand`).
 *
 * @module
 */
import { param, splitArgs } from "../_args.ts";
import type { RandomSource } from "./uuid.ts";

function int(value: unknown, what: string): number {
  if (typeof value === "boolean") return Number(value);
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new Error(`TypeError: ${what} must be an integer, got \`${String(value)}\``);
  }
  return value;
}

function sequence(value: unknown, what: string): readonly unknown[] {
  if (typeof value === "string") return [...value];
  if (Array.isArray(value)) return value;
  throw new Error(`TypeError: ${what} expects a list, got \`${String(value)}\``);
}

/** What `module.random` offers. */
export interface RandomModule {
  random(): number;
  uniform(a: unknown, b: unknown): number;
  randint(a: unknown, b: unknown): number;
  randrange(...args: unknown[]): number;
  choice(seq: unknown): unknown;
  choices(...args: unknown[]): unknown[];
  sample(...args: unknown[]): unknown[];
  shuffle(list: unknown): null;
  gauss(mu?: unknown, sigma?: unknown): number;
  normalvariate(mu?: unknown, sigma?: unknown): number;
  expovariate(lambd: unknown): number;
  triangular(low?: unknown, high?: unknown, mode?: unknown): number;
  getrandbits(k: unknown): number;
}

/**
 * Creates `module.random`.
 *
 * @param source Where values come from (`Math.random` when absent).
 * @returns The module.
 *
 * @example
 * ```ts
 * import { createRandom } from "./random.ts";
 * const random = createRandom({ float: () => 0.5 });
 * if (random.randint(1, 10) !== 6 || random.choice(["a", "b", "c"]) !== "b") throw new Error();
 * ```
 */
export function createRandom(source: RandomSource = { float: Math.random }): RandomModule {
  const float = () => source.float();
  const below = (n: number) => Math.floor(float() * n);
  let spare: number | undefined;
  const gauss = (mu: number, sigma: number): number => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return mu + sigma * z;
    }
    const u = 1 - float();
    const v = float();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return mu + sigma * r * Math.cos(2 * Math.PI * v);
  };
  return {
    random: float,
    uniform(a, b) {
      const x = Number(a);
      return x + (Number(b) - x) * float();
    },
    randint(a, b) {
      const lo = int(a, "randint()'s `a`");
      const hi = int(b, "randint()'s `b`");
      if (hi < lo) throw new Error(`ValueError: empty range in randrange(${lo}, ${hi + 1})`);
      return lo + below(hi - lo + 1);
    },
    randrange(...args) {
      const [positional] = splitArgs(args);
      const [start, stop, step] = positional.length === 1 ? [0, int(positional[0], "randrange()'s `stop`"), 1] : [
        int(positional[0], "randrange()'s `start`"),
        int(positional[1], "randrange()'s `stop`"),
        positional[2] === undefined ? 1 : int(positional[2], "randrange()'s `step`"),
      ];
      const n = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
      if (step === 0 || n <= 0) throw new Error(`ValueError: empty range in randrange(${start}, ${stop}, ${step})`);
      return start + step * below(n);
    },
    choice(seq) {
      const items = sequence(seq, "choice()");
      if (items.length === 0) throw new Error("IndexError: Cannot choose from an empty sequence");
      return items[below(items.length)];
    },
    choices(...args) {
      const [positional, keywords] = splitArgs(args);
      const items = sequence(positional[0], "choices()");
      const weights = param(positional, keywords, 1, "weights");
      const k = int(keywords.k ?? positional[3] ?? 1, "choices()'s `k`");
      const cumulative: number[] = [];
      if (Array.isArray(weights)) {
        let total = 0;
        for (const w of weights) cumulative.push(total += Number(w));
      }
      return Array.from({ length: k }, () => {
        if (cumulative.length === 0) return items[below(items.length)];
        const x = float() * (cumulative.at(-1) as number);
        const i = cumulative.findIndex((c) => x < c);
        return items[i < 0 ? items.length - 1 : i];
      });
    },
    sample(...args) {
      const [positional, keywords] = splitArgs(args);
      const pool = [...sequence(positional[0], "sample()")];
      const k = int(param(positional, keywords, 1, "k"), "sample()'s `k`");
      if (k < 0 || k > pool.length) throw new Error("ValueError: Sample larger than population or is negative");
      const out: unknown[] = [];
      for (let i = 0; i < k; i++) out.push(pool.splice(below(pool.length), 1)[0]);
      return out;
    },
    shuffle(list) {
      if (!Array.isArray(list) || Object.isFrozen(list)) {
        throw new Error("TypeError: shuffle() needs a list it can change");
      }
      for (let i = list.length - 1; i > 0; i--) {
        const j = below(i + 1);
        [list[i], list[j]] = [list[j], list[i]];
      }
      return null;
    },
    gauss: (mu = 0, sigma = 1) => gauss(Number(mu), Number(sigma)),
    normalvariate: (mu = 0, sigma = 1) => gauss(Number(mu), Number(sigma)),
    expovariate: (lambd) => -Math.log(1 - float()) / Number(lambd),
    triangular(low = 0, high = 1, mode) {
      const lo = Number(low);
      const hi = Number(high);
      const c = mode === undefined || mode === null ? 0.5 : (Number(mode) - lo) / (hi - lo);
      const u = float();
      return u < c ? lo + (hi - lo) * Math.sqrt(u * c) : hi - (hi - lo) * Math.sqrt((1 - u) * (1 - c));
    },
    getrandbits(k) {
      const bits = int(k, "getrandbits()'s `k`");
      if (bits > 53) throw new Error("ValueError: getrandbits() is limited to 53 bits here");
      return Math.floor(float() * 2 ** bits);
    },
  };
}
