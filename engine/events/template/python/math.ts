/**
 * `module.math`: Python's `math` functions and constants.
 *
 * @module
 */

function num(value: unknown, fn: string): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return Number(value);
  throw new Error(`TypeError: math.${fn}() must be a real number, not ${value === null ? "None" : typeof value}`);
}

function domain(x: number): number {
  if (Number.isNaN(x)) throw new Error("ValueError: math domain error");
  return x;
}

function int(value: unknown, fn: string): number {
  const n = num(value, fn);
  if (!Number.isInteger(n)) throw new Error(`TypeError: math.${fn}() only accepts integral values`);
  return n;
}

function factorial(n: number): number {
  if (n < 0) throw new Error("ValueError: factorial() not defined for negative values");
  let out = 1;
  for (let i = 2; i <= n; i++) out *= i;
  return out;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

function toList(values: unknown, fn: string): number[] {
  if (Array.isArray(values)) return values.map((v) => num(v, fn));
  throw new Error(`TypeError: math.${fn}() expects a list of numbers`);
}

/**
 * Creates `module.math`.
 *
 * @returns The module.
 *
 * @example
 * ```ts
 * import { createMath } from "./math.ts";
 * const math = createMath();
 * if (math.ceil(3.14) !== 4 || math.log(8, 2) !== 3 || math.floor(-0.5) !== -1) throw new Error();
 * ```
 */
export function createMath() {
  return {
    pi: Math.PI,
    e: Math.E,
    tau: 2 * Math.PI,
    inf: Infinity,
    nan: NaN,
    ceil: (x: unknown) => Math.ceil(num(x, "ceil")),
    floor: (x: unknown) => Math.floor(num(x, "floor")),
    trunc: (x: unknown) => Math.trunc(num(x, "trunc")),
    fabs: (x: unknown) => Math.abs(num(x, "fabs")),
    sqrt: (x: unknown) => domain(Math.sqrt(num(x, "sqrt"))),
    isqrt: (x: unknown) => Math.floor(domain(Math.sqrt(int(x, "isqrt")))),
    exp: (x: unknown) => Math.exp(num(x, "exp")),
    expm1: (x: unknown) => Math.expm1(num(x, "expm1")),
    log: (x: unknown, base?: unknown) => {
      const v = num(x, "log");
      if (v <= 0) throw new Error("ValueError: math domain error");
      if (base === undefined) return Math.log(v);
      const b = num(base, "log");
      return b === 2 ? Math.log2(v) : b === 10 ? Math.log10(v) : Math.log(v) / Math.log(b);
    },
    log2: (x: unknown) => domain(Math.log2(num(x, "log2"))),
    log10: (x: unknown) => domain(Math.log10(num(x, "log10"))),
    log1p: (x: unknown) => domain(Math.log1p(num(x, "log1p"))),
    pow: (x: unknown, y: unknown) => Math.pow(num(x, "pow"), num(y, "pow")),
    sin: (x: unknown) => Math.sin(num(x, "sin")),
    cos: (x: unknown) => Math.cos(num(x, "cos")),
    tan: (x: unknown) => Math.tan(num(x, "tan")),
    asin: (x: unknown) => domain(Math.asin(num(x, "asin"))),
    acos: (x: unknown) => domain(Math.acos(num(x, "acos"))),
    atan: (x: unknown) => Math.atan(num(x, "atan")),
    atan2: (y: unknown, x: unknown) => Math.atan2(num(y, "atan2"), num(x, "atan2")),
    sinh: (x: unknown) => Math.sinh(num(x, "sinh")),
    cosh: (x: unknown) => Math.cosh(num(x, "cosh")),
    tanh: (x: unknown) => Math.tanh(num(x, "tanh")),
    hypot: (...xs: unknown[]) => Math.hypot(...xs.map((x) => num(x, "hypot"))),
    degrees: (x: unknown) => (num(x, "degrees") * 180) / Math.PI,
    radians: (x: unknown) => (num(x, "radians") * Math.PI) / 180,
    copysign: (x: unknown, y: unknown) => {
      const a = Math.abs(num(x, "copysign"));
      const b = num(y, "copysign");
      return b < 0 || Object.is(b, -0) ? -a : a;
    },
    fmod: (x: unknown, y: unknown) => num(x, "fmod") % num(y, "fmod"),
    isnan: (x: unknown) => Number.isNaN(num(x, "isnan")),
    isinf: (x: unknown) => {
      const v = num(x, "isinf");
      return v === Infinity || v === -Infinity;
    },
    isfinite: (x: unknown) => Number.isFinite(num(x, "isfinite")),
    isclose: (a: unknown, b: unknown, options?: { rel_tol?: number; abs_tol?: number }) => {
      const x = num(a, "isclose");
      const y = num(b, "isclose");
      const rel = options?.rel_tol ?? 1e-9;
      const abs = options?.abs_tol ?? 0;
      return x === y || Math.abs(x - y) <= Math.max(rel * Math.max(Math.abs(x), Math.abs(y)), abs);
    },
    factorial: (n: unknown) => factorial(int(n, "factorial")),
    comb: (n: unknown, k: unknown) => {
      const a = int(n, "comb");
      const b = int(k, "comb");
      if (b < 0 || b > a) return 0;
      let out = 1;
      for (let i = 1; i <= Math.min(b, a - b); i++) out = (out * (a - i + 1)) / i;
      return Math.round(out);
    },
    perm: (n: unknown, k?: unknown) => {
      const a = int(n, "perm");
      const b = k === undefined ? a : int(k, "perm");
      if (b < 0 || b > a) return 0;
      let out = 1;
      for (let i = 0; i < b; i++) out *= a - i;
      return out;
    },
    gcd: (...xs: unknown[]) => xs.map((x) => int(x, "gcd")).reduce(gcd, 0),
    lcm: (...xs: unknown[]) =>
      xs.map((x) => int(x, "lcm")).reduce((a, b) => (a === 0 || b === 0 ? 0 : Math.abs(a * b) / gcd(a, b)), 1),
    fsum: (values: unknown) => {
      // Neumaier's compensated sum: exact enough for what templates add up.
      let sum = 0;
      let c = 0;
      for (const x of toList(values, "fsum")) {
        const t = sum + x;
        c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
        sum = t;
      }
      return sum + c;
    },
    prod: (values: unknown) => toList(values, "prod").reduce((a, b) => a * b, 1),
  };
}

/** What `module.math` offers. */
export type MathModule = ReturnType<typeof createMath>;
