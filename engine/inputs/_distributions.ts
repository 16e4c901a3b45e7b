/**
 * Seeded samplers for the distributions a time pattern spreads events with,
 * and their cumulative distribution functions (used by the tests). Every
 * sampler draws from an {@link Rng}, so a seed gives the same numbers.
 *
 * @module
 */
import type { Rng } from "../random.ts";

/** Draws one number from a distribution. */
export type Sampler = (rng: Rng) => number;

/** Parameters of the uniform distribution on [low, high). */
export interface UniformParams {
  low: number;
  high: number;
}

/** Parameters of the triangular distribution on [left, right] peaking at `mode`. */
export interface TriangularParams {
  left: number;
  mode: number;
  right: number;
}

/** Parameters of the beta distribution on [0, 1]; both shapes above 0. */
export interface BetaParams {
  a: number;
  b: number;
}

/**
 * A sampler for the uniform distribution on [low, high).
 *
 * @param p The bounds, `low < high`.
 * @returns A sampler.
 * @example
 * ```ts
 * import { uniform } from "./_distributions.ts";
 * import { Rng } from "../random.ts";
 * const x = uniform({ low: 2, high: 3 })(new Rng(1));
 * if (!(x >= 2 && x < 3)) throw new Error(String(x));
 * ```
 */
export function uniform(p: UniformParams): Sampler {
  const { low } = p;
  const width = p.high - p.low;
  return (rng) => low + width * rng.float();
}

/**
 * A sampler for the triangular distribution, by its inverse CDF.
 *
 * @param p `left ≤ mode ≤ right`, `left < right`.
 * @returns A sampler.
 * @example
 * ```ts
 * import { triangular } from "./_distributions.ts";
 * import { Rng } from "../random.ts";
 * const x = triangular({ left: 0, mode: 0.2, right: 1 })(new Rng(1));
 * if (!(x >= 0 && x <= 1)) throw new Error(String(x));
 * ```
 */
export function triangular(p: TriangularParams): Sampler {
  const { left, mode, right } = p;
  const width = right - left;
  const split = width > 0 ? (mode - left) / width : 0;
  const lo = width * (mode - left);
  const hi = width * (right - mode);
  return (rng) => {
    const u = rng.float();
    return u < split ? left + Math.sqrt(u * lo) : right - Math.sqrt((1 - u) * hi);
  };
}

/**
 * A sampler for the beta distribution, as NumPy draws it: Jöhnk's algorithm
 * when both shapes are at most 1, otherwise `X / (X + Y)` with
 * `X ~ Gamma(a)` and `Y ~ Gamma(b)` (Marsaglia–Tsang, normals by the polar
 * method; a shape below 1 by the boost `Gamma(s) = Gamma(s + 1) · U^(1/s)`).
 *
 * @param p The shapes `a > 0` and `b > 0`.
 * @returns A sampler of numbers in [0, 1].
 * @example
 * ```ts
 * import { beta } from "./_distributions.ts";
 * import { Rng } from "../random.ts";
 * const rng = new Rng(1);
 * const draw = beta({ a: 4, b: 3 });
 * let sum = 0;
 * for (let i = 0; i < 10_000; i++) sum += draw(rng);
 * if (Math.abs(sum / 10_000 - 4 / 7) > 0.01) throw new Error(String(sum));
 * ```
 */
export function beta(p: BetaParams): Sampler {
  const { a, b } = p;
  if (!(a > 0 && b > 0)) throw new RangeError(`Beta shapes must be above 0, got a=${a}, b=${b}`);
  if (a <= 1 && b <= 1) return johnk(a, b);
  // One shape is at least 1, so its gamma variate is above 0 and the ratio is never 0 / 0.
  const x = gamma(a);
  const y = gamma(b);
  return (rng) => {
    const gx = x(rng);
    return gx / (gx + y(rng));
  };
}

/** Jöhnk's beta sampler for shapes at most 1, in logarithms when the powers underflow. */
function johnk(a: number, b: number): Sampler {
  const ia = 1 / a;
  const ib = 1 / b;
  return (rng) => {
    for (;;) {
      const u = rng.float();
      const v = rng.float();
      const x = Math.pow(u, ia);
      const y = Math.pow(v, ib);
      const s = x + y;
      if (s > 1) continue;
      if (s > 0) return x / s;
      if (u === 0 || v === 0) continue;
      let lx = Math.log(u) * ia;
      let ly = Math.log(v) * ib;
      const lm = Math.max(lx, ly);
      lx -= lm;
      ly -= lm;
      return Math.exp(lx - Math.log(Math.exp(lx) + Math.exp(ly)));
    }
  };
}

/** A sampler of `Gamma(shape, 1)` (Marsaglia–Tsang; below 1 by the boost). */
function gamma(shape: number): Sampler {
  if (shape < 1) {
    const g = gamma(shape + 1);
    const inv = 1 / shape;
    return (rng) => g(rng) * Math.pow(rng.float(), inv);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const normal = normals();
  return (rng) => {
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal(rng);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = rng.float();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  };
}

/** Standard normal variates by the Marsaglia polar method, both of each pair used. */
function normals(): Sampler {
  let spare = 0;
  let has = false;
  return (rng) => {
    if (has) {
      has = false;
      return spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * rng.float() - 1;
      v = 2 * rng.float() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt(-2 * Math.log(s) / s);
    spare = v * m;
    has = true;
    return u * m;
  };
}

/**
 * The CDF of the uniform distribution.
 *
 * @example
 * ```ts
 * import { uniformCdf } from "./_distributions.ts";
 * if (uniformCdf({ low: 0, high: 4 })(1) !== 0.25) throw new Error();
 * ```
 */
export function uniformCdf(p: UniformParams): (x: number) => number {
  return (x) => x <= p.low ? 0 : x >= p.high ? 1 : (x - p.low) / (p.high - p.low);
}

/**
 * The CDF of the triangular distribution.
 *
 * @example
 * ```ts
 * import { triangularCdf } from "./_distributions.ts";
 * if (triangularCdf({ left: 0, mode: 0.5, right: 1 })(0.5) !== 0.5) throw new Error();
 * ```
 */
export function triangularCdf(p: TriangularParams): (x: number) => number {
  const { left, mode, right } = p;
  const width = right - left;
  return (x) => {
    if (x <= left) return 0;
    if (x >= right) return 1;
    if (x <= mode) return (x - left) * (x - left) / (width * (mode - left));
    return 1 - (right - x) * (right - x) / (width * (right - mode));
  };
}

/**
 * The CDF of the beta distribution: the regularized incomplete beta
 * function, by its continued fraction (modified Lentz).
 *
 * @example
 * ```ts
 * import { betaCdf } from "./_distributions.ts";
 * const f = betaCdf({ a: 2, b: 2 });
 * if (Math.abs(f(0.5) - 0.5) > 1e-12) throw new Error();
 * ```
 */
export function betaCdf(p: BetaParams): (x: number) => number {
  const { a, b } = p;
  const lnB = lnGamma(a) + lnGamma(b) - lnGamma(a + b);
  return (x) => {
    if (x <= 0) return 0;
    if (x >= 1) return 1;
    const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - lnB);
    return x < (a + 1) / (a + b + 2) ? front * betaFraction(x, a, b) / a : 1 - front * betaFraction(1 - x, b, a) / b;
  };
}

/** The continued fraction of the incomplete beta function. */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - (a + b) * x / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

const LANCZOS = [
  676.5203681218851,
  -1259.1392167224028,
  771.32342877765313,
  -176.61502916214059,
  12.507343278686905,
  -0.13857109526572012,
  9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** The natural logarithm of the gamma function for x > 0 (Lanczos, g = 7). */
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let s = 0.99999999999980993;
  for (let i = 0; i < LANCZOS.length; i++) s += (LANCZOS[i] as number) / (x + i + 1);
  const t = x + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}
