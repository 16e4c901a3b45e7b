/**
 * How Python sees template values: what prints (`str()`), what is true,
 * what is equal, and the name of a value's type. The template runtime
 * calls these where Jinja would use Python's own rules: `{{ x }}` prints
 * `None`, `True` and `['a', 1]`; `{% if [] %}` is false; `[1] == [1]`.
 *
 * @module
 */
import { PY_REPR, pyRepr, reprNumber } from "../_py_repr.ts";
import { Row } from "../samples.ts";
import { EventTimestamp } from "../timestamp.ts";
import { Bytes } from "./bytes.ts";

/** Objects that decide their own truth (Python's `__bool__`) implement a method under this key. */
export const PY_BOOL: unique symbol = Symbol("eventum.pyBool");
/** Objects that decide their own equality (Python's `__eq__`) implement a method under this key. */
export const PY_EQ: unique symbol = Symbol("eventum.pyEq");

interface PyBoolable {
  [PY_BOOL](): boolean;
}
interface PyEquatable {
  [PY_EQ](other: unknown): boolean;
}

/**
 * Whether a value is a plain object: what templates treat as a dict.
 *
 * @param value Any value.
 * @returns `true` for `{...}` literals and parsed JSON objects.
 */
export function isDict(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A tuple: an array that prints as `(1, 2)`.
 *
 * @param items The items.
 * @returns A new tuple.
 */
export function tuple(items: readonly unknown[]): Row {
  const row = new Row(items.length);
  for (let i = 0; i < items.length; i++) row[i] = items[i];
  return row;
}

/**
 * Python's `str()` of a number: integers in full, other floats as `repr()`.
 *
 * @param n The number.
 * @returns The digits.
 */
export function strNumber(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  return reprNumber(n);
}

/**
 * Python's `str()` of a template value, as `{{ value }}` and `~` print it:
 * `None`, `True`, `['a', 1]`, `{'k': 'v'}`, `b'..'`; `undefined` prints
 * nothing, as Jinja's undefined does.
 *
 * @param value Any value.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { pyStr } from "./values.ts";
 * if (pyStr([1, "a", null, true]) !== "[1, 'a', None, True]") throw new Error();
 * if (pyStr(undefined) !== "" || pyStr(2.5) !== "2.5") throw new Error();
 * ```
 */
export function pyStr(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return strNumber(value);
    case "boolean":
      return value ? "True" : "False";
    case "undefined":
      return "";
    case "object":
      if (value === null) return "None";
      if (Array.isArray(value)) {
        return value.toString === Array.prototype.toString ? pyRepr(value) : String(value);
      }
      if (isDict(value) || value instanceof Map) return pyRepr(value);
      return String(value);
    default:
      return String(value);
  }
}

/**
 * Python's truth of a value: empty lists, dicts, strings and bytes, zero,
 * `None` and a zero `timedelta` are false.
 *
 * @param value Any value.
 * @returns Whether `{% if value %}` takes the branch.
 *
 * @example
 * ```ts
 * import { pyTruth } from "./values.ts";
 * if (pyTruth([]) || pyTruth({}) || !pyTruth([0]) || pyTruth("")) throw new Error();
 * ```
 */
export function pyTruth(value: unknown): boolean {
  return typeof value !== "object" || value === null ? !!value : objectTruth(value);
}

function objectTruth(value: object): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) {
    for (const _ in value) return true;
    return false;
  }
  if (typeof (value as Partial<PyBoolable>)[PY_BOOL] === "function") return (value as PyBoolable)[PY_BOOL]();
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  const length = (value as { length?: unknown }).length;
  return typeof length === "number" ? length > 0 : true;
}

/**
 * Python's `==`: numbers equal booleans (`1 == True`), lists and dicts
 * compare by content, timestamps by instant; a string never equals a
 * number. `None` equals an undefined value, as Nunjucks lets it.
 *
 * @param a The left side.
 * @param b The right side.
 * @returns Whether they are equal.
 *
 * @example
 * ```ts
 * import { pyEq } from "./values.ts";
 * if (!pyEq([1, { a: "x" }], [1, { a: "x" }]) || pyEq("1", 1) || !pyEq(1, true)) throw new Error();
 * ```
 */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== "object" || tb !== "object" || a === null || b === null) {
    if (a === null || a === undefined) return b === null || b === undefined;
    if (ta === "number" || ta === "boolean") {
      return (tb === "number" || tb === "boolean") && Number(a) === Number(b);
    }
    if (tb === "object" && b !== null && typeof (b as Partial<PyEquatable>)[PY_EQ] === "function") {
      return (b as PyEquatable)[PY_EQ](a);
    }
    return false;
  }
  return objectEq(a as object, b as object);
}

function objectEq(a: object, b: object): boolean {
  if (typeof (a as Partial<PyEquatable>)[PY_EQ] === "function") return (a as PyEquatable)[PY_EQ](b);
  if (typeof (b as Partial<PyEquatable>)[PY_EQ] === "function") return (b as PyEquatable)[PY_EQ](a);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEq(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof EventTimestamp) {
    return b instanceof EventTimestamp && a.constructor === b.constructor &&
      a.epochMicroseconds === b.epochMicroseconds && (a.tzinfo === null) === (b.tzinfo === null);
  }
  if (a instanceof Bytes) return b instanceof Bytes && a.equals(b);
  if (isDict(a)) {
    if (!isDict(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && pyEq(a[k], b[k]));
  }
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !pyEq(v, b.get(k))) return false;
    return true;
  }
  return false;
}

/**
 * The Python type name of a value, for error messages.
 *
 * @param value Any value.
 * @returns `str`, `int`, `float`, `list`, `dict`, `NoneType`...
 */
export function pyTypeName(value: unknown): string {
  switch (typeof value) {
    case "string":
      return "str";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "boolean":
      return "bool";
    case "undefined":
      return "Undefined";
    case "function":
      return "function";
  }
  if (value === null) return "NoneType";
  if (value instanceof Row) return "tuple";
  if (Array.isArray(value)) return "list";
  if (isDict(value) || value instanceof Map) return "dict";
  if (value instanceof Bytes) return "bytes";
  const tag = (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  return typeof tag === "string" ? tag : "object";
}

export { PY_REPR, pyRepr };
