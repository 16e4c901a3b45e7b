/**
 * Python's operators for template values. Nunjucks compiles `a + b` to
 * JavaScript's `+`; the compiler hooks in `syntax.ts` make it call these
 * instead, which keep plain JavaScript arithmetic for two numbers and
 * follow Python otherwise: `timestamp - timedelta`, `[1] + [2]`,
 * `'-' * 20`, `'%05d' % n`, `-7 % 3 == 2`, `x in dict`.
 *
 * @module
 */
import { EventTimestamp } from "../timestamp.ts";
import { printf } from "./_format.ts";
import { Bytes } from "./bytes.ts";
import { addTime, mulTime, subTime, Timedelta } from "./datetime.ts";
import { isDict, pyEq, pyStr, pyTypeName, tuple } from "./values.ts";
import { Row } from "../samples.ts";

function unsupported(op: string, a: unknown, b: unknown): Error {
  return new Error(`TypeError: unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

function repeat(seq: unknown, times: unknown): unknown {
  if (typeof times === "boolean") times = Number(times);
  if (typeof times !== "number" || !Number.isInteger(times)) return undefined;
  const n = Math.max(0, times);
  if (typeof seq === "string") return seq.repeat(n);
  if (Array.isArray(seq)) {
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(...seq);
    return seq instanceof Row ? tuple(out) : out;
  }
  return undefined;
}

/**
 * `a + b`: numbers add, strings, lists, tuples and bytes concatenate, a
 * timestamp plus a timedelta is a timestamp.
 *
 * @param a The left operand.
 * @param b The right operand.
 * @returns The sum.
 *
 * @example
 * ```ts
 * import { pyAdd } from "./operators.ts";
 * if (pyAdd(1, 2) !== 3 || JSON.stringify(pyAdd([1], [2])) !== "[1,2]") throw new Error();
 * ```
 */
export function pyAdd(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number") return a + b;
  if (typeof a === "string" && typeof b === "string") return a + b;
  if (Array.isArray(a) && Array.isArray(b)) {
    const out = [...a, ...b];
    return a instanceof Row && b instanceof Row ? tuple(out) : out;
  }
  if (a instanceof Bytes && b instanceof Bytes) return a.concat(b);
  if (typeof a === "object" || typeof b === "object") {
    const t = addTime(a, b);
    if (t !== undefined) return t;
    if (
      a instanceof EventTimestamp || a instanceof Timedelta || b instanceof EventTimestamp || b instanceof Timedelta
    ) {
      throw unsupported("+", a, b);
    }
  }
  return (a as number) + (b as number);
}

/**
 * `a - b`: numbers subtract; a timestamp minus a timedelta is a
 * timestamp, minus a timestamp a timedelta.
 *
 * @param a The left operand.
 * @param b The right operand.
 * @returns The difference.
 */
export function pySub(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "object" || typeof b === "object") {
    const t = subTime(a, b);
    if (t !== undefined) return t;
    if (
      a instanceof EventTimestamp || a instanceof Timedelta || b instanceof EventTimestamp || b instanceof Timedelta
    ) {
      throw unsupported("-", a, b);
    }
  }
  return (a as number) - (b as number);
}

/**
 * `a * b`: numbers multiply; a string or list times an integer repeats;
 * a timedelta scales.
 *
 * @param a The left operand.
 * @param b The right operand.
 * @returns The product.
 *
 * @example
 * ```ts
 * import { pyMul } from "./operators.ts";
 * if (pyMul("ab", 3) !== "ababab" || pyMul(2, 4) !== 8) throw new Error();
 * ```
 */
export function pyMul(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number") return a * b;
  const r = repeat(a, b) ?? repeat(b, a) ?? mulTime(a, b, "*");
  if (r !== undefined) return r;
  if (typeof a === "string" || typeof b === "string") throw unsupported("*", a, b);
  return (a as number) * (b as number);
}

/**
 * `a / b`: true division; dividing by zero fails as in Python.
 *
 * @param a The left operand.
 * @param b The right operand.
 * @returns The quotient.
 */
export function pyDiv(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number" && b !== 0) return a / b;
  if (b === 0 || b === false) throw new Error("ZeroDivisionError: division by zero");
  const r = mulTime(a, b, "/");
  if (r !== undefined) return r;
  return (a as number) / (b as number);
}

/**
 * `a // b`: floor division, as Python computes it.
 *
 * @param a The left operand.
 * @param b The right operand.
 * @returns The floored quotient.
 */
export function pyFloorDiv(a: unknown, b: unknown): unknown {
  if (a instanceof Timedelta) {
    if (b instanceof Timedelta) return Math.floor(a.microsecondsTotal / b.microsecondsTotal);
    if (typeof b === "number") return new Timedelta(Math.floor(a.microsecondsTotal / b));
  }
  const x = Number(a);
  const y = Number(b);
  if (y === 0) throw new Error("ZeroDivisionError: integer division or modulo by zero");
  if (Number.isInteger(x) && Number.isInteger(y)) return Math.floor(x / y);
  // CPython's float_floor_div.
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod && (y < 0) !== (mod < 0)) {
    mod += y;
    div -= 1;
  }
  if (div === 0) return 0 * (x / y);
  const floor = Math.floor(div);
  return div - floor > 0.5 ? floor + 1 : floor;
}

/**
 * `a % b`: Python's modulo (the sign of the divisor) for numbers, and
 * printf-style formatting for a string: `'%05.1f' % x`, `'%s-%s' % (a, b)`.
 *
 * @param a The left operand.
 * @param b The right operand.
 * @returns The remainder or the formatted text.
 *
 * @example
 * ```ts
 * import { pyMod } from "./operators.ts";
 * if (pyMod(-7, 3) !== 2 || pyMod("%03d", 7) !== "007") throw new Error();
 * ```
 */
export function pyMod(a: unknown, b: unknown): unknown {
  if (typeof a === "number" && typeof b === "number" && b !== 0) {
    const r = a % b;
    return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
  }
  if (typeof a === "string") return printf(a, b);
  if (b === 0 || b === false) throw new Error("ZeroDivisionError: integer division or modulo by zero");
  if (a instanceof Timedelta && b instanceof Timedelta) {
    return new Timedelta(pyMod(a.microsecondsTotal, b.microsecondsTotal) as number);
  }
  return pyMod(Number(a), Number(b));
}

/**
 * `-a`: numbers negate, and so do timedeltas.
 *
 * @param a The operand.
 * @returns The negation.
 */
export function pyNeg(a: unknown): unknown {
  if (typeof a === "number") return -a;
  if (a instanceof Timedelta) return new Timedelta(-a.microsecondsTotal);
  return -(a as number);
}

/**
 * `a ~ b`: both sides as Python prints them, joined.
 *
 * @param a The left operand.
 * @param b The right operand.
 * @returns The text.
 */
export function pyConcat(a: unknown, b: unknown): string {
  return typeof a === "string" && typeof b === "string" ? a + b : pyStr(a) + pyStr(b);
}

/**
 * `key in container`: a substring, a list item (by `==`), a dict key.
 *
 * @param key The value looked for.
 * @param container Where it is looked for.
 * @returns Whether it is there.
 *
 * @example
 * ```ts
 * import { pyIn } from "./operators.ts";
 * if (!pyIn("b", "abc") || !pyIn("k", { k: 1 }) || pyIn("toString", {}) || !pyIn([1], [[1]])) throw new Error();
 * ```
 */
export function pyIn(key: unknown, container: unknown): boolean {
  if (typeof container === "string") {
    if (typeof key !== "string") {
      throw new Error(`TypeError: 'in <string>' requires string as left operand, not ${pyTypeName(key)}`);
    }
    return container.includes(key);
  }
  if (Array.isArray(container)) {
    return container.includes(key) || container.some((v) => pyEq(v, key));
  }
  if (container === null || container === undefined || typeof container !== "object") {
    throw new Error(`TypeError: argument of type '${pyTypeName(container)}' is not iterable`);
  }
  if (isDict(container)) return Object.hasOwn(container, String(key));
  if (container instanceof Map || container instanceof Set) return container.has(key);
  if (container instanceof Bytes) {
    const hay = container.toUint8Array();
    if (typeof key === "number") return hay.includes(key);
    const needle = Bytes.from(key, "look for it in bytes").toUint8Array();
    for (let i = 0; i + needle.length <= hay.length; i++) {
      if (needle.every((b, j) => hay[i + j] === b)) return true;
    }
    return false;
  }
  if (typeof (container as { as_dict?: unknown }).as_dict === "function") {
    return Object.hasOwn((container as { as_dict(): object }).as_dict(), String(key));
  }
  return String(key) in container;
}

/**
 * What `{% for %}` iterates: a dict's keys (or, for `for k, v in d`, its
 * items, as Nunjucks allows), a Map's or Set's entries, any iterable as a
 * list.
 *
 * @param value The value after `in`.
 * @param names How many loop variables there are.
 * @returns An array (or string) to walk, or the value when it is empty.
 */
export function pyIter(value: unknown, names: number): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  if (isDict(value)) return names === 1 ? Object.keys(value) : Object.entries(value);
  if (value instanceof Map) return names === 1 ? [...value.keys()] : [...value.entries()];
  if (Symbol.iterator in value) return [...(value as Iterable<unknown>)];
  return names === 1 ? Object.keys(value) : Object.entries(value);
}

/**
 * `{% set a, b = value %}`: the values for each name.
 *
 * @param value A list or tuple of exactly `n` items; any other value is
 * given to every name, as Nunjucks does.
 * @param n How many names.
 * @returns The `n` values.
 */
export function pyUnpack(value: unknown, n: number): unknown[] {
  if (Array.isArray(value) || typeof value === "string") {
    const items = typeof value === "string" ? [...value] : value;
    if (items.length > n) throw new Error(`ValueError: too many values to unpack (expected ${n})`);
    if (items.length < n) {
      throw new Error(`ValueError: not enough values to unpack (expected ${n}, got ${items.length})`);
    }
    return items;
  }
  return Array.from({ length: n }, () => value);
}

/**
 * A chained comparison, `a < b <= c`, each operand evaluated once and the
 * chain stopping at the first false link, as in Python.
 *
 * @param first The first operand.
 * @param rest Operators and functions that evaluate the next operands.
 * @returns Whether every link holds.
 */
export function pyCompareChain(first: unknown, ...rest: unknown[]): boolean {
  let left = first;
  for (let i = 0; i < rest.length; i += 2) {
    const op = rest[i] as string;
    const right = (rest[i + 1] as () => unknown)();
    if (!compare(left, op, right)) return false;
    left = right;
  }
  return true;
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case "==":
      return pyEq(a, b);
    case "!=":
      return !pyEq(a, b);
    case "===":
      return a === b;
    case "!==":
      return a !== b;
    case "<":
      return (a as number) < (b as number);
    case ">":
      return (a as number) > (b as number);
    case "<=":
      return (a as number) <= (b as number);
    default:
      return (a as number) >= (b as number);
  }
}
