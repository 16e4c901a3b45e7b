/**
 * Member lookup as Jinja does it: `obj.name` and `obj[key]` find Python's
 * methods on strings, lists and dicts, negative indexes count from the
 * end, and `obj[a:b:c]` slices strings, lists, tuples and bytes.
 *
 * @module
 */
import { Row } from "../samples.ts";
import { Bytes } from "./bytes.ts";
import { DICT_METHODS, LIST_METHODS } from "./collections.ts";
import { STR_METHODS } from "./strings.ts";
import { isDict, pyRepr, pyTypeName, tuple } from "./values.ts";

const toStringOf = Object.prototype.toString;
const arrayProto = Array.prototype as unknown as Record<string, unknown>;

/** A function bound to its object, as Nunjucks' own lookup returns it. */
function bind(obj: object, fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args) => fn.apply(obj, args);
}

/**
 * `obj.key` / `obj[key]` in a template.
 *
 * A list method wins over the array's own member of that name, except on
 * arrays whose class defines the name itself: a sample row's column named
 * `count` or `index`, a sample's `pick`. Dict methods apply to what
 * Nunjucks' compat layer treats as a dict (`[object Object]`).
 *
 * @param obj The object.
 * @param key The name or index.
 * @returns The member (methods bound to `obj`), or `undefined`.
 *
 * @example
 * ```ts
 * import { memberLookup } from "./_lookup.ts";
 * const upper = memberLookup("abc", "upper") as () => string;
 * if (upper() !== "ABC" || memberLookup([1, 2, 3], -1) !== 3) throw new Error();
 * ```
 */
export function memberLookup(obj: unknown, key: unknown): unknown {
  if (obj === undefined || obj === null) return undefined;
  if (typeof obj === "string") {
    if (typeof key === "number") return key < 0 ? obj[obj.length + key] : obj[key];
    const method = STR_METHODS.get(key as string);
    if (method !== undefined) return (...args: unknown[]) => method(obj, ...args);
  } else if (typeof obj === "object") {
    if (Array.isArray(obj)) {
      if (typeof key === "number") return key < 0 ? obj[obj.length + key] : obj[key];
      const method = LIST_METHODS.get(key as string);
      if (
        method !== undefined &&
        (obj.constructor === Array ||
          (obj as unknown as Record<string, unknown>)[key as string] === arrayProto[key as string])
      ) {
        return (...args: unknown[]) => method(obj, ...args);
      }
    } else {
      const method = DICT_METHODS.get(key as string);
      if (method !== undefined && toStringOf.call(obj) === "[object Object]") {
        return (...args: unknown[]) => method(obj as Record<string, unknown>, ...args);
      }
      if (typeof key === "number" && obj instanceof Bytes) return obj.at(key);
    }
  }
  const value = (obj as Record<string | number, unknown>)[key as string];
  if (typeof value !== "function") return value;
  // A function that is also a module (faker's `company`, both `company()` and
  // `company.name()`) keeps its members: it binds itself.
  return CALLABLE in value ? value : bind(obj as object, value as (...args: unknown[]) => unknown);
}

/** Marks functions that carry members of their own (see faker.ts). */
const CALLABLE = Symbol.for("eventum.callableModule");

/**
 * Whether `obj.key` with this constant name finds the same member on every
 * kind of object: no string, list or dict method has the name, so
 * {@linkcode plainMember} may look it up.
 *
 * @param key The member's name.
 * @returns Whether it is plain.
 */
export function isPlainKey(key: string): boolean {
  return !STR_METHODS.has(key) && !LIST_METHODS.has(key) && !DICT_METHODS.has(key);
}

/**
 * `obj.key` for a constant name that {@linkcode isPlainKey} accepts: what
 * {@linkcode memberLookup} returns, with none of its checks for methods.
 *
 * @param obj The object.
 * @param key The member's name.
 * @returns The member (methods bound to `obj`), or `undefined`.
 *
 * @example
 * ```ts
 * import { plainMember } from "./_lookup.ts";
 * if (plainMember({ a: 1 }, "a") !== 1 || plainMember("abc", "length") !== 3) throw new Error();
 * ```
 */
export function plainMember(obj: unknown, key: string): unknown {
  if (obj === undefined || obj === null) return undefined;
  const value = (obj as Record<string, unknown>)[key];
  if (typeof value !== "function") return value;
  return CALLABLE in value ? value : bind(obj as object, value as (...args: unknown[]) => unknown);
}

/** Nunjucks' `callWrap`: calls `fn` with `this` = `context`, or says why it cannot. */
function callWrap(fn: unknown, name: string, context: unknown, args: unknown[]): unknown {
  if (!fn) throw new Error("Unable to call `" + name + "`, which is undefined or falsey");
  if (typeof fn !== "function") throw new Error("Unable to call `" + name + "`, which is not a function");
  return fn.apply(context, args);
}

/**
 * `obj.key(args)` in a template: what `callWrap(memberLookup(obj, key), ...)`
 * does, without making a bound function for each call. Objects that are not
 * strings, lists or dicts with a method of that name (modules such as
 * `module.rand`, samples, timestamps) call their member directly.
 *
 * @param obj The object.
 * @param key The member's name.
 * @param name The callee as the template wrote it, for error messages.
 * @param context `this` for functions that are not bound to `obj`.
 * @param args The arguments.
 * @returns What the member returned.
 *
 * @example
 * ```ts
 * import { callMember } from "./_lookup.ts";
 * if (callMember("abc", "upper", "s.upper", null, []) !== "ABC") throw new Error();
 * if (callMember({ f: (x: number) => x + 1 }, "f", "o.f", null, [1]) !== 2) throw new Error();
 * ```
 */
export function callMember(obj: unknown, key: unknown, name: string, context: unknown, args: unknown[]): unknown {
  if (
    typeof obj === "object" && obj !== null && !Array.isArray(obj) &&
    !(DICT_METHODS.has(key as string) && toStringOf.call(obj) === "[object Object]") &&
    !(typeof key === "number" && obj instanceof Bytes)
  ) {
    const value = (obj as Record<string | number, unknown>)[key as string];
    if (typeof value === "function") return value.apply(CALLABLE in value ? context : obj, args);
    return callWrap(value, name, context, args);
  }
  return callWrap(memberLookup(obj, key), name, context, args);
}

/**
 * `obj.key(args)` for a constant name that {@linkcode isPlainKey} accepts:
 * what {@linkcode callMember} does, with none of its checks for methods.
 *
 * @param obj The object.
 * @param key The member's name.
 * @param name The callee as the template wrote it, for error messages.
 * @param context `this` for functions that are not bound to `obj`.
 * @param args The arguments.
 * @returns What the member returned.
 */
export function callPlain(obj: unknown, key: string, name: string, context: unknown, args: unknown[]): unknown {
  if (obj === undefined || obj === null) return callWrap(undefined, name, context, args);
  const value = (obj as Record<string, unknown>)[key];
  if (typeof value === "function") return value.apply(CALLABLE in value ? context : obj, args);
  return callWrap(value, name, context, args);
}

/**
 * `obj[key]` in a template: as {@linkcode memberLookup}, except that a
 * dict's item wins over its method of the same name (`d['items']`).
 *
 * @param obj The object.
 * @param key The key or index.
 * @returns The item.
 */
export function itemLookup(obj: unknown, key: unknown): unknown {
  if (isDict(obj) && Object.hasOwn(obj, key as string)) return obj[key as string];
  return memberLookup(obj, key);
}

/** Python's `PySlice_AdjustIndices`: the indexes a slice visits. */
function indices(length: number, start: unknown, stop: unknown, step: unknown): [number, number, number] {
  const s = step === null || step === undefined ? 1 : Number(step);
  if (!Number.isInteger(s)) throw new Error("TypeError: slice indices must be integers or None");
  if (s === 0) throw new Error("ValueError: slice step cannot be zero");
  const adjust = (v: unknown, fallback: number): number => {
    if (v === null || v === undefined) return fallback;
    let i = Number(v);
    if (!Number.isInteger(i)) throw new Error("TypeError: slice indices must be integers or None");
    if (i < 0) {
      i += length;
      if (i < 0) i = s < 0 ? -1 : 0;
    } else if (i >= length) i = s < 0 ? length - 1 : length;
    return i;
  };
  return [adjust(start, s < 0 ? length - 1 : 0), adjust(stop, s < 0 ? -1 : length), s];
}

function pick<T>(length: number, start: unknown, stop: unknown, step: unknown, at: (i: number) => T): T[] {
  const [from, to, s] = indices(length, start, stop, step);
  const out: T[] = [];
  if (s > 0) { for (let i = from; i < to; i += s) out.push(at(i)); }
  else for (let i = from; i > to; i += s) out.push(at(i));
  return out;
}

/**
 * `obj[start:stop:step]` in a template, by Python's rules: a string gives
 * a string, a tuple (a sample row) a tuple, bytes give bytes, and any
 * other list a list.
 *
 * @param obj The sequence.
 * @param start The first index, or `null`.
 * @param stop The index to stop before, or `null`.
 * @param step The step, or `null` for 1.
 * @returns The slice; `undefined` for an undefined sequence.
 *
 * @example
 * ```ts
 * import { sliceLookup } from "./_lookup.ts";
 * if (sliceLookup("abcdef", null, 3, 1) !== "abc" || sliceLookup("abc", null, null, -1) !== "cba") throw new Error();
 * ```
 */
export function sliceLookup(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (obj === undefined || obj === null) return undefined;
  if (typeof obj === "string") {
    const [from, to, s] = indices(obj.length, start, stop, step);
    if (s === 1) return from < to ? obj.slice(from, to) : "";
    return pick(obj.length, start, stop, step, (i) => obj[i]).join("");
  }
  if (Array.isArray(obj)) {
    const items = pick(obj.length, start, stop, step, (i) => obj[i]);
    return obj instanceof Row ? tuple(items) : items;
  }
  if (obj instanceof Bytes) {
    return new Bytes(Uint8Array.from(pick(obj.length, start, stop, step, (i) => obj.at(i) as number)));
  }
  throw new Error(`TypeError: '${pyTypeName(obj)}' object is not subscriptable`);
}

/**
 * `{% set obj.attr = value %}`: sets an attribute of a `namespace()` (or a
 * dict).
 *
 * @param obj The namespace.
 * @param key The attribute.
 * @param value The value.
 */
export function setAttribute(obj: unknown, key: unknown, value: unknown): void {
  if (obj instanceof Namespace || isDict(obj)) {
    (obj as Record<string, unknown>)[String(key)] = value;
    return;
  }
  throw new Error(
    `Cannot set \`${String(key)}\` on a ${pyTypeName(obj)}: \`{% set x.attr = ... %}\` works on a \`namespace()\``,
  );
}

/**
 * Jinja's `namespace(...)`: an object whose attributes `{% set ns.attr %}`
 * can change from inside loops.
 *
 * @example
 * ```ts
 * import { Namespace } from "./_lookup.ts";
 * const ns = new Namespace([["count", 1]]);
 * if (String(ns) !== "<Namespace {'count': 1}>") throw new Error(String(ns));
 * ```
 */
export class Namespace {
  [key: string]: unknown;

  /**
   * Creates a namespace.
   *
   * @param entries The initial attributes.
   */
  constructor(entries: Iterable<readonly [string, unknown]> = []) {
    for (const [k, v] of entries) this[k] = v;
  }

  /** `"Namespace"`; keeps Nunjucks' Jinja-compat from treating it as a dict. */
  get [Symbol.toStringTag](): string {
    return "Namespace";
  }

  /** Jinja's `repr()`: `<Namespace {'count': 1}>`. */
  toString(): string {
    const parts = Object.keys(this).map((k) => `${pyRepr(k)}: ${pyRepr(this[k])}`);
    return `<Namespace {${parts.join(", ")}}>`;
  }
}
