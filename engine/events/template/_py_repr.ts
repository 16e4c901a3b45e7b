/**
 * Python's `repr()` for the values templates print, so that a sample row
 * renders as `('wks02', '172.16.0.4')` exactly as it did in the Python
 * Eventum.
 *
 * @module
 */

/**
 * Objects that know their own Python representation (rows, timestamps)
 * implement a method under this key.
 */
export const PY_REPR: unique symbol = Symbol("eventum.pyRepr");

/** An object with its own Python representation. */
export interface PyReprable {
  [PY_REPR](): string;
}

const PLAIN = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;
const NEEDS_ESCAPE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function escapeChar(ch: string, quote: string): string {
  switch (ch) {
    case "\\":
      return "\\\\";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
    case " ":
      return " ";
  }
  if (ch === quote) return "\\" + quote;
  if (!NEEDS_ESCAPE.test(ch)) return ch;
  const code = ch.codePointAt(0) as number;
  if (code <= 0xff) return "\\x" + code.toString(16).padStart(2, "0");
  if (code <= 0xffff) return "\\u" + code.toString(16).padStart(4, "0");
  return "\\U" + code.toString(16).padStart(8, "0");
}

/**
 * Python's `repr()` of a string: single quotes unless the string holds a
 * single quote and no double quote, with Python's escapes.
 *
 * @param text The string.
 * @returns The quoted string.
 *
 * @example
 * ```ts
 * import { reprString } from "./_py_repr.ts";
 * if (reprString("it's") !== `"it's"`) throw new Error("wrong quotes");
 * ```
 */
export function reprString(text: string): string {
  if (PLAIN.test(text)) return "'" + text + "'";
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  // Iterating a string walks code points; lone surrogates come out alone.
  for (const ch of text) {
    out += ch === quote || ch === "\\" || ch < " " || ch > "~" ? escapeChar(ch, quote) : ch;
  }
  return out + quote;
}

/**
 * Python's `repr()` of a number. Integers print without a fraction (a
 * JavaScript number does not remember whether it was `60` or `60.0`).
 *
 * @param n The number.
 * @returns The digits as Python prints them.
 */
export function reprNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isNaN(n)) return "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  const [mantissa, exp] = n.toExponential().split("e") as [string, string];
  const e = Number(exp);
  // Both languages print the shortest round-tripping digits; they differ
  // only in where they switch to exponent form and how they write it.
  if (e >= -4 && e < 16) return String(n);
  const sign = e < 0 ? "-" : "+";
  const digits = String(Math.abs(e)).padStart(2, "0");
  return mantissa + "e" + sign + digits;
}

function isReprable(value: object): value is PyReprable {
  return typeof (value as Partial<PyReprable>)[PY_REPR] === "function";
}

/**
 * Python's `repr()` of a template value: strings quoted, `None`, `True`,
 * lists in brackets, dicts in braces, rows as tuples.
 *
 * @param value Any value.
 * @returns Its Python representation.
 *
 * @example
 * ```ts
 * import { pyRepr } from "./_py_repr.ts";
 * const text = pyRepr({ a: [1, "x", null, true] });
 * if (text !== "{'a': [1, 'x', None, True]}") throw new Error(text);
 * ```
 */
export function pyRepr(value: unknown): string {
  return repr(value, new Set());
}

function repr(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return reprString(value);
    case "number":
      return reprNumber(value);
    case "boolean":
      return value ? "True" : "False";
    case "undefined":
      return "None";
    case "bigint":
      return String(value);
    case "symbol":
    case "function":
      return String(value);
  }
  if (typeof value !== "object" || value === null) return "None";
  if (isReprable(value)) return value[PY_REPR]();
  if (seen.has(value)) return Array.isArray(value) ? "[...]" : "{...}";
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      let out = "[";
      for (let i = 0; i < value.length; i++) {
        if (i > 0) out += ", ";
        out += repr(value[i], seen);
      }
      return out + "]";
    }
    if (value instanceof Map) {
      const parts: string[] = [];
      for (const [k, v] of value) {
        parts.push(repr(k, seen) + ": " + repr(v, seen));
      }
      return "{" + parts.join(", ") + "}";
    }
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const parts: string[] = [];
      for (const k of Object.keys(value)) {
        parts.push(
          reprString(k) + ": " +
            repr((value as Record<string, unknown>)[k], seen),
        );
      }
      return "{" + parts.join(", ") + "}";
    }
    return String(value);
  } finally {
    seen.delete(value);
  }
}

/**
 * Python's `repr()` of a tuple: `('a', 'b')`, `('a',)`, `()`.
 *
 * @param items The tuple's items.
 * @returns The tuple as Python prints it.
 */
export function reprTuple(items: ArrayLike<unknown>): string {
  const n = items.length;
  if (n === 1) return "(" + pyRepr(items[0]) + ",)";
  let out = "(";
  for (let i = 0; i < n; i++) {
    if (i > 0) out += ", ";
    out += pyRepr(items[i]);
  }
  return out + ")";
}
