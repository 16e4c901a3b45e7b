/**
 * Python's `list` and `dict` methods for template values:
 * `items.append(x)`, `items.pop(0)`, `items.sort(reverse=True)`,
 * `d.get('k', 0)`, `d.update(k=1)`, `d.items()`... The template runtime
 * finds them by name through {@linkcode LIST_METHODS} and
 * {@linkcode DICT_METHODS}, replacing the partial set Nunjucks'
 * Jinja-compat layer offers.
 *
 * @module
 */
import { isKeywords, splitArgs } from "../_args.ts";
import { isDict, pyEq, pyRepr, pyTypeName, tuple } from "./values.ts";

/** A Python list method: the list, then the call's arguments. */
export type ListMethod = (list: unknown[], ...args: unknown[]) => unknown;
/** A Python dict method: the dict, then the call's arguments. */
export type DictMethod = (dict: Record<string, unknown>, ...args: unknown[]) => unknown;

function mutable(list: unknown[], method: string): unknown[] {
  if (Object.isFrozen(list)) {
    throw new Error(`AttributeError: '${pyTypeName(list)}' object has no attribute '${method}' (it cannot change)`);
  }
  return list;
}

function index(value: unknown, method: string): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new Error(`TypeError: '${pyTypeName(value)}' object cannot be interpreted as an integer in ${method}()`);
  }
  return value;
}

function items(value: unknown, method: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [...value];
  if (isDict(value)) return Object.keys(value);
  if (value !== null && typeof value === "object" && Symbol.iterator in value) {
    return [...(value as Iterable<unknown>)];
  }
  throw new Error(`TypeError: '${pyTypeName(value)}' object is not iterable (in ${method}())`);
}

/**
 * Python's ordering of two values for `sort()`, `min`, `max`: numbers by
 * value, strings by code point, lists item by item.
 *
 * @param a A value.
 * @param b Another value.
 * @returns Negative, zero or positive.
 */
export function pyCompare(a: unknown, b: unknown): number {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === "number" || ta === "boolean") && (tb === "number" || tb === "boolean")) {
    return Number(a) - Number(b) || 0;
  }
  if (ta === "string" && tb === "string") return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = pyCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (ta === "object" && tb === "object" && a !== null && b !== null) {
    const x = Number(a);
    const y = Number(b);
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  }
  throw new Error(`TypeError: '<' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/**
 * Python's `list` methods, by name.
 *
 * @example
 * ```ts
 * import { LIST_METHODS } from "./collections.ts";
 * const list = [3, 1, 2];
 * LIST_METHODS.get("sort")!(list, { __keywords: true, reverse: true });
 * if (list.join() !== "3,2,1" || LIST_METHODS.get("pop")!(list, 0) !== 3) throw new Error();
 * ```
 */
export const LIST_METHODS: ReadonlyMap<string, ListMethod> = new Map<string, ListMethod>([
  ["append", (list, x) => {
    mutable(list, "append").push(x);
    return null;
  }],
  ["extend", (list, other) => {
    mutable(list, "extend").push(...items(other, "extend"));
    return null;
  }],
  ["insert", (list, at, x) => {
    const i = index(at, "insert");
    mutable(list, "insert").splice(i < 0 ? Math.max(0, list.length + i) : Math.min(i, list.length), 0, x);
    return null;
  }],
  ["pop", (list, at) => {
    mutable(list, "pop");
    if (list.length === 0) throw new Error("IndexError: pop from empty list");
    if (at === undefined) return list.pop();
    const i = index(at, "pop");
    const j = i < 0 ? list.length + i : i;
    if (j < 0 || j >= list.length) throw new Error("IndexError: pop index out of range");
    return list.splice(j, 1)[0];
  }],
  ["remove", (list, x) => {
    const i = list.findIndex((y) => pyEq(y, x));
    if (i < 0) throw new Error("ValueError: list.remove(x): x not in list");
    mutable(list, "remove").splice(i, 1);
    return null;
  }],
  ["index", (list, x, start, end) => {
    const from = typeof start === "number" ? (start < 0 ? Math.max(0, list.length + start) : start) : 0;
    const to = typeof end === "number" ? (end < 0 ? list.length + end : Math.min(end, list.length)) : list.length;
    for (let i = from; i < to; i++) if (pyEq(list[i], x)) return i;
    throw new Error(`ValueError: ${pyRepr(x)} is not in list`);
  }],
  ["count", (list, x) => list.reduce((n: number, y) => (pyEq(y, x) ? n + 1 : n), 0)],
  ["find", (list, x) => list.findIndex((y) => pyEq(y, x))],
  ["sort", (list, ...args) => {
    const [, keywords] = splitArgs(args);
    const key = keywords.key;
    const reverse = keywords.reverse === true;
    const by = typeof key === "function" ? (v: unknown) => (key as (v: unknown) => unknown)(v) : (v: unknown) => v;
    const sorted = list.map((v) => [by(v), v] as const).sort((a, b) => pyCompare(a[0], b[0]) * (reverse ? -1 : 1));
    const out = mutable(list, "sort");
    sorted.forEach(([, v], i) => (out[i] = v));
    return null;
  }],
  ["reverse", (list) => {
    mutable(list, "reverse").reverse();
    return null;
  }],
  ["copy", (list) => list.slice()],
  ["clear", (list) => {
    mutable(list, "clear").length = 0;
    return null;
  }],
]);

function keywordsOrDict(value: unknown): [string, unknown][] {
  if (value === undefined || value === null) return [];
  if (isDict(value)) {
    return Object.entries(value).filter(([k]) => !(k === "__keywords" && isKeywords(value)));
  }
  if (value instanceof Map) return [...value].map(([k, v]) => [String(k), v]);
  if (Array.isArray(value)) {
    return value.map((pair, i) => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new Error(
          `ValueError: dictionary update sequence element #${i} has length ${pyRepr(pair)}; 2 is required`,
        );
      }
      return [String(pair[0]), pair[1]];
    });
  }
  if (typeof (value as { as_dict?: unknown }).as_dict === "function") {
    return Object.entries((value as { as_dict(): Record<string, unknown> }).as_dict());
  }
  throw new Error(`TypeError: '${pyTypeName(value)}' object is not iterable`);
}

/**
 * The entries of `dict(...)` / `d.update(...)`: a dict, a list of pairs,
 * and keyword arguments.
 *
 * @param args The call's arguments.
 * @returns The key-value pairs, in order.
 */
export function dictEntries(args: readonly unknown[]): [string, unknown][] {
  const [positional, keywords] = splitArgs(args);
  if (positional.length > 1) throw new Error(`TypeError: expected at most 1 argument, got ${positional.length}`);
  return [...keywordsOrDict(positional[0]), ...Object.entries(keywords)];
}

/**
 * Python's `dict` methods, by name.
 *
 * @example
 * ```ts
 * import { DICT_METHODS } from "./collections.ts";
 * const d: Record<string, unknown> = { a: 1 };
 * DICT_METHODS.get("update")!(d, { __keywords: true, b: 2 });
 * if (DICT_METHODS.get("get")!(d, "b") !== 2 || DICT_METHODS.get("get")!(d, "z") !== null) throw new Error();
 * ```
 */
export const DICT_METHODS: ReadonlyMap<string, DictMethod> = new Map<string, DictMethod>([
  ["items", (d) => Object.keys(d).map((k) => tuple([k, d[k]]))],
  ["keys", (d) => Object.keys(d)],
  ["values", (d) => Object.values(d)],
  ["get", (d, key, fallback) => {
    const k = String(key);
    return Object.hasOwn(d, k) ? d[k] : fallback === undefined ? null : fallback;
  }],
  ["pop", (d, key, ...rest) => {
    const k = String(key);
    if (Object.hasOwn(d, k)) {
      const v = d[k];
      delete d[k];
      return v;
    }
    if (rest.length > 0) return rest[0];
    throw new Error(`KeyError: ${pyRepr(key)}`);
  }],
  ["popitem", (d) => {
    const k = Object.keys(d).at(-1);
    if (k === undefined) throw new Error("KeyError: 'popitem(): dictionary is empty'");
    const v = d[k];
    delete d[k];
    return tuple([k, v]);
  }],
  ["setdefault", (d, key, fallback) => {
    const k = String(key);
    if (!Object.hasOwn(d, k)) d[k] = fallback === undefined ? null : fallback;
    return d[k];
  }],
  ["update", (d, ...args) => {
    for (const [k, v] of dictEntries(args)) d[k] = v;
    return null;
  }],
  ["copy", (d) => ({ ...d })],
  ["clear", (d) => {
    for (const k of Object.keys(d)) delete d[k];
    return null;
  }],
  ["has_key", (d, key) => Object.hasOwn(d, String(key))],
  ["iteritems", (d) => Object.keys(d).map((k) => tuple([k, d[k]]))],
  ["iterkeys", (d) => Object.keys(d)],
  ["itervalues", (d) => Object.values(d)],
]);
