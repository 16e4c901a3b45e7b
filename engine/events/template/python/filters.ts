/**
 * Jinja's filters, tests and globals where Nunjucks lacks them or differs:
 * `tojson`, `format`, `int`/`float` with Python's parsing, `round` with
 * Python's rounding, `map`, `select('in', ...)`, `selectattr(attr, test,
 * arg)`, `unique`, `min`/`max`, `groupby` as a list of `(grouper, list)`
 * tuples, `items`, `truncate` with Jinja's leeway, `is integer`,
 * `namespace()`, `dict()`...
 *
 * Every filter accepts Jinja's keyword arguments (`| sort(attribute='x')`,
 * `| truncate(20, end='..')`).
 *
 * @module
 */
import { splitArgs } from "../_args.ts";
import { Row } from "../samples.ts";
import { formatSpec, printf, pyRound } from "./_format.ts";
import { memberLookup, Namespace } from "./_lookup.ts";
import { decodeBase64, encodeBase64 } from "./base64.ts";
import { Bytes } from "./bytes.ts";
import { DICT_METHODS, dictEntries, pyCompare } from "./collections.ts";
import { tojson } from "./json.ts";
import { pyAdd, pyIn } from "./operators.ts";
import { STR_METHODS } from "./strings.ts";
import { isDict, pyEq, pyRepr, pyStr, pyTruth, pyTypeName, tuple } from "./values.ts";

/** What Nunjucks binds `this` to when it calls a filter or test. */
interface FilterContext {
  env?: {
    getFilter(name: string): (...args: unknown[]) => unknown;
    getTest(name: string): (...args: unknown[]) => unknown;
  };
}

type Filter = (this: FilterContext, value: unknown, ...args: unknown[]) => unknown;
type Test = (this: FilterContext, value: unknown, ...args: unknown[]) => boolean;

/** Reads a filter's arguments by position or keyword, by Jinja's signature. */
function args(given: readonly unknown[], names: readonly string[], defaults: readonly unknown[] = []): unknown[] {
  const [positional, keywords] = splitArgs(given);
  return names.map((name, i) =>
    i < positional.length ? positional[i] : Object.hasOwn(keywords, name) ? keywords[name] : defaults[i]
  );
}

function str(value: unknown, method: string, ...rest: unknown[]): unknown {
  return (STR_METHODS.get(method) as (s: string, ...a: unknown[]) => unknown)(pyStr(value), ...rest);
}

/**
 * Jinja's attribute getter: `a.b.0` walks keys, attributes and indexes.
 *
 * @param path A dotted path, or an index.
 * @returns A function reading it from a value.
 */
function getter(path: unknown): (value: unknown) => unknown {
  if (typeof path === "number") return (value) => memberLookup(value, path);
  const parts = String(path).split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return (value) => {
    let v = value;
    for (const p of parts) v = memberLookup(v, p);
    return v;
  };
}

function toList(value: unknown, filter: string): unknown[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [...value];
  if (isDict(value)) return Object.keys(value);
  if (value instanceof Map) return [...value.keys()];
  if (value !== null && typeof value === "object" && Symbol.iterator in value) return [...(value as Iterable<unknown>)];
  throw new Error(`TypeError: '${pyTypeName(value)}' object is not iterable (in the \`${filter}\` filter)`);
}

const INT = {
  2: /^[+-]?(?:0[bB])?_?[01]+(?:_[01]+)*$/,
  8: /^[+-]?(?:0[oO])?_?[0-7]+(?:_[0-7]+)*$/,
  10: /^[+-]?\d+(?:_\d+)*$/,
  16: /^[+-]?(?:0[xX])?_?[\da-fA-F]+(?:_[\da-fA-F]+)*$/,
} as const;
const FLOAT =
  /^[+-]?(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?|inf(?:inity)?|nan)$/i;

/**
 * Python's `int(text, base)`.
 *
 * @param text The text.
 * @param base 2, 8, 10 or 16 (0 infers it from a prefix).
 * @returns The number, or `undefined` when Python would raise `ValueError`.
 */
export function parsePyInt(text: string, base = 10): number | undefined {
  const t = text.trim();
  let b = base;
  if (b === 0) {
    const prefix = /^[+-]?0([xXoObB])/.exec(t)?.[1]?.toLowerCase();
    b = prefix === "x" ? 16 : prefix === "o" ? 8 : prefix === "b" ? 2 : 10;
    if (b === 10 && /^[+-]?0+[1-9]/.test(t)) return undefined;
  }
  const re = INT[b as keyof typeof INT];
  if (re === undefined) {
    const digits = t.replace(/_/g, "");
    const n = parseInt(digits, b);
    return Number.isNaN(n) || n.toString(b) !== digits.replace(/^\+/, "").replace(/^(-?)0+(?=.)/, "$1").toLowerCase()
      ? undefined
      : n;
  }
  if (!re.test(t)) return undefined;
  const sign = t[0] === "-" ? -1 : 1;
  const prefix = b === 16 ? /^0[xX]/ : b === 8 ? /^0[oO]/ : b === 2 ? /^0[bB]/ : /^$/;
  const digits = t.replace(/^[+-]/, "").replace(prefix, "").replace(/_/g, "");
  return sign * (b === 10 ? Number(digits) : parseInt(digits, b));
}

/**
 * Python's `float(text)`.
 *
 * @param text The text.
 * @returns The number, or `undefined` when Python would raise `ValueError`.
 */
export function parsePyFloat(text: string): number | undefined {
  const t = text.trim();
  if (!FLOAT.test(t)) return undefined;
  const lower = t.toLowerCase().replace(/^\+/, "");
  if (lower.endsWith("nan")) return NaN;
  if (lower.endsWith("inf") || lower.endsWith("infinity")) return lower[0] === "-" ? -Infinity : Infinity;
  return Number(t.replace(/_/g, ""));
}

function truncateInt(x: number): number {
  if (!Number.isFinite(x)) {
    if (Number.isNaN(x)) return NaN;
    throw new Error("OverflowError: cannot convert float infinity to integer");
  }
  return Math.trunc(x) || 0;
}

function toInt(value: unknown, fallback: unknown, base: number): unknown {
  if (typeof value === "number") return Number.isNaN(value) ? fallback : truncateInt(value);
  if (typeof value === "boolean") return Number(value);
  if (typeof value === "string" || value instanceof Bytes) {
    const text = typeof value === "string" ? value : value.decode("latin-1");
    const n = parsePyInt(text, base);
    if (n !== undefined) return n;
    const f = parsePyFloat(text);
    if (f === undefined || Number.isNaN(f)) return fallback;
    return truncateInt(f);
  }
  return fallback;
}

function toFloat(value: unknown, fallback: unknown): unknown {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return Number(value);
  if (typeof value === "string") return parsePyFloat(value) ?? fallback;
  return fallback;
}

function length(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "string" || Array.isArray(value)) return value.length;
  if (isDict(value)) return Object.keys(value).length;
  if (value instanceof Map || value instanceof Set) return value.size;
  const n = (value as { length?: unknown }).length;
  if (typeof n === "number") return n;
  if (typeof (value as { as_dict?: unknown }).as_dict === "function") {
    return Object.keys((value as { as_dict(): object }).as_dict()).length;
  }
  throw new Error(`TypeError: object of type '${pyTypeName(value)}' has no len()`);
}

function testFunction(ctx: FilterContext, name: unknown): (value: unknown, ...a: unknown[]) => boolean {
  const n = String(name);
  const test = Object.hasOwn(JINJA_TESTS, n) ? JINJA_TESTS[n] : ctx.env?.getTest(n);
  if (test === undefined) throw new Error(`No test named \`${n}\``);
  return (value, ...a) => pyTruth(test.call(ctx, value, ...a));
}

function selectOrReject(
  ctx: FilterContext,
  items: unknown[],
  given: unknown[],
  attr: boolean,
  keep: boolean,
): unknown[] {
  const [positional] = splitArgs(given);
  const read = attr ? getter(positional[0]) : (v: unknown) => v;
  const rest = attr ? positional.slice(1) : positional;
  const check = rest.length === 0
    ? pyTruth
    : ((t) => (v: unknown) => t(v, ...rest.slice(1)))(testFunction(ctx, rest[0]));
  return items.filter((item) => check(read(item)) === keep);
}

function sortKey(caseSensitive: unknown): (v: unknown) => unknown {
  return pyTruth(caseSensitive) ? (v) => v : (v) => (typeof v === "string" ? v.toLowerCase() : v);
}

function minMax(value: unknown, given: unknown[], sign: 1 | -1): unknown {
  const [caseSensitive, attribute] = args(given, ["case_sensitive", "attribute"], [false, null]);
  const items = toList(value, sign > 0 ? "max" : "min");
  if (items.length === 0) return undefined;
  const read = attribute === null || attribute === undefined ? (v: unknown) => v : getter(attribute);
  const key = sortKey(caseSensitive);
  let best = items[0];
  for (const item of items.slice(1)) {
    if (pyCompare(key(read(item)), key(read(best))) * sign > 0) best = item;
  }
  return best;
}

const WORD_BEGINNING = /([-\s({[<]+)/;
const DICT_METHOD_NAMES: ReadonlySet<string> = new Set(DICT_METHODS.keys());

/** A group from the `groupby` filter: a tuple with `grouper` and `list` attributes. */
class GroupTuple extends Row {
  /** The shared value. */
  get grouper(): unknown {
    return this[0];
  }
  /** The items that have it. */
  get list(): unknown {
    return this[1];
  }
}

const filters: Record<string, Filter> = {
  tojson(value, ...given) {
    const [indent] = args(given, ["indent"], [null]);
    return tojson(value, typeof indent === "number" || typeof indent === "string" ? indent : undefined);
  },
  format(value, ...given) {
    const [positional, keywords] = splitArgs(given);
    if (positional.length > 0 && Object.keys(keywords).length > 0) {
      throw new Error("can't handle positional and keyword arguments at the same time");
    }
    return printf(pyStr(value), Object.keys(keywords).length > 0 ? keywords : tuple(positional));
  },
  int(value, ...given) {
    const [fallback, base] = args(given, ["default", "base"], [0, 10]);
    return toInt(value, fallback, Number(base));
  },
  float(value, ...given) {
    const [fallback] = args(given, ["default"], [0]);
    return toFloat(value, fallback);
  },
  round(value, ...given) {
    const [precision, method] = args(given, ["precision", "method"], [0, "common"]);
    if (typeof value !== "number" && typeof value !== "boolean") {
      throw new Error(`TypeError: type ${pyTypeName(value)} doesn't define __round__ method`);
    }
    const x = Number(value);
    const p = Number(precision);
    if (method === "common") return pyRound(x, p);
    if (method !== "ceil" && method !== "floor") throw new Error("method must be common, ceil or floor");
    const factor = 10 ** p;
    return (method === "ceil" ? Math.ceil(x * factor) : Math.floor(x * factor)) / factor;
  },
  length: (value) => length(value),
  count: (value) => length(value),
  string: (value) => pyStr(value),
  list: (value) => [...toList(value, "list")],
  items(value) {
    if (value === undefined) return [];
    if (isDict(value)) return Object.keys(value).map((k) => tuple([k, value[k]]));
    if (value instanceof Map) return [...value].map(([k, v]) => tuple([k, v]));
    if (typeof (value as { as_dict?: unknown })?.as_dict === "function") {
      return Object.entries((value as { as_dict(): object }).as_dict()).map(([k, v]) => tuple([k, v]));
    }
    throw new Error("Can only get item pairs from a mapping.");
  },
  join(value, ...given) {
    const [separator, attribute] = args(given, ["d", "attribute"], ["", null]);
    let items = toList(value, "join");
    if (attribute !== null && attribute !== undefined) items = items.map(getter(attribute));
    return items.map(pyStr).join(pyStr(separator));
  },
  default(value, ...given) {
    const [fallback, boolean] = args(given, ["default_value", "boolean"], ["", false]);
    return value === undefined || (pyTruth(boolean) && !pyTruth(value)) ? fallback : value;
  },
  map(value, ...given) {
    const items = toList(value, "map");
    const [positional, keywords] = splitArgs(given);
    if (positional.length === 0 && Object.hasOwn(keywords, "attribute")) {
      const read = getter(keywords.attribute);
      const fallback = keywords.default;
      return items.map((item) => {
        const v = read(item);
        return v === undefined ? fallback : v;
      });
    }
    if (positional.length === 0) throw new Error("map requires a filter argument");
    const name = String(positional[0]);
    const filter = Object.hasOwn(JINJA_FILTERS, name) ? JINJA_FILTERS[name] : this.env?.getFilter(name);
    if (filter === undefined) throw new Error(`No filter named \`${name}\``);
    const rest = positional.slice(1);
    const extra = Object.keys(keywords).length > 0 ? [{ ...keywords, __keywords: true }] : [];
    return items.map((item) => filter.call(this, item, ...rest, ...extra));
  },
  select(value, ...given) {
    return selectOrReject(this, toList(value, "select"), given, false, true);
  },
  reject(value, ...given) {
    return selectOrReject(this, toList(value, "reject"), given, false, false);
  },
  selectattr(value, ...given) {
    return selectOrReject(this, toList(value, "selectattr"), given, true, true);
  },
  rejectattr(value, ...given) {
    return selectOrReject(this, toList(value, "rejectattr"), given, true, false);
  },
  unique(value, ...given) {
    const [caseSensitive, attribute] = args(given, ["case_sensitive", "attribute"], [false, null]);
    const read = attribute === null || attribute === undefined ? (v: unknown) => v : getter(attribute);
    const key = sortKey(caseSensitive);
    const seen: unknown[] = [];
    const out: unknown[] = [];
    for (const item of toList(value, "unique")) {
      const k = key(read(item));
      if (seen.some((s) => pyEq(s, k))) continue;
      seen.push(k);
      out.push(item);
    }
    return out;
  },
  min: (value, ...given) => minMax(value, given, -1),
  max: (value, ...given) => minMax(value, given, 1),
  sum(value, ...given) {
    const [attribute, start] = args(given, ["attribute", "start"], [null, 0]);
    let items = toList(value, "sum");
    if (attribute !== null && attribute !== undefined) items = items.map(getter(attribute));
    return items.reduce((total, v) => pyAdd(total, v), start);
  },
  attr(value, ...given) {
    // Jinja reads an attribute, never a dict's item.
    const [name] = args(given, ["name"]);
    return isDict(value) && !DICT_METHOD_NAMES.has(String(name)) ? undefined : memberLookup(value, name);
  },
  groupby(value, ...given) {
    const [attribute, fallback, caseSensitive] = args(given, ["attribute", "default", "case_sensitive"], [
      undefined,
      null,
      false,
    ]);
    const read = getter(attribute);
    const value_ = (item: unknown) => {
      const v = read(item);
      return v === undefined && fallback !== null ? fallback : v;
    };
    const key = sortKey(caseSensitive);
    const sorted = [...toList(value, "groupby")].sort((a, b) => pyCompare(key(value_(a)), key(value_(b))));
    const groups: GroupTuple[] = [];
    for (const item of sorted) {
      const last = groups.at(-1);
      if (last !== undefined && pyEq(key(last[0]), key(value_(item)))) (last[1] as unknown[]).push(item);
      else {
        const group = new GroupTuple(2);
        group[0] = value_(item);
        group[1] = [item];
        groups.push(group);
      }
    }
    return groups;
  },
  dictsort(value, ...given) {
    const [caseSensitive, by, reverse] = args(given, ["case_sensitive", "by", "reverse"], [false, "key", false]);
    if (by !== "key" && by !== "value") throw new Error('You can only sort by either "key" or "value"');
    const key = sortKey(caseSensitive);
    const entries = isDict(value) ? Object.entries(value) : [];
    const pos = by === "key" ? 0 : 1;
    entries.sort((a, b) => pyCompare(key(a[pos]), key(b[pos])) * (pyTruth(reverse) ? -1 : 1));
    return entries.map((e) => tuple(e));
  },
  truncate(value, ...given) {
    const [len, killwords, end, leeway] = args(given, ["length", "killwords", "end", "leeway"], [
      255,
      false,
      "...",
      5,
    ]);
    const s = pyStr(value);
    const n = Number(len);
    const tail = pyStr(end);
    if (s.length <= n + Number(leeway ?? 5)) return s;
    if (pyTruth(killwords)) return s.slice(0, Math.max(0, n - tail.length)) + tail;
    const cut = s.slice(0, Math.max(0, n - tail.length));
    const space = cut.lastIndexOf(" ");
    return (space < 0 ? cut : cut.slice(0, space)) + tail;
  },
  center(value, ...given) {
    const [width] = args(given, ["width"], [80]);
    return str(value, "center", width);
  },
  title(value) {
    return pyStr(value).split(WORD_BEGINNING).filter((item) => item !== "").map((item) =>
      item.charAt(0).toUpperCase() + item.slice(1).toLowerCase()
    ).join("");
  },
  capitalize: (value) => str(value, "capitalize"),
  upper: (value) => pyStr(value).toUpperCase(),
  lower: (value) => pyStr(value).toLowerCase(),
  trim(value, ...given) {
    const [chars] = args(given, ["chars"], [null]);
    return str(value, "strip", chars);
  },
  replace(value, ...given) {
    const [old, replacement, count] = args(given, ["old", "new", "count"], [undefined, undefined, null]);
    return str(value, "replace", pyStr(old), pyStr(replacement), count);
  },
  indent(value, ...given) {
    const [width, first, blank] = args(given, ["width", "first", "blank"], [4, false, false]);
    const indention = typeof width === "string" ? width : " ".repeat(Number(width));
    const lines = (STR_METHODS.get("splitlines") as (s: string) => string[])(pyStr(value) + "\n");
    let out: string;
    if (pyTruth(blank)) out = lines.join("\n" + indention);
    else {
      out = lines.shift() ?? "";
      if (lines.length > 0) out += "\n" + lines.map((line) => (line ? indention + line : line)).join("\n");
    }
    return pyTruth(first) ? indention + out : out;
  },
  reverse(value) {
    if (typeof value === "string") return [...value].reverse().join("");
    return [...toList(value, "reverse")].reverse();
  },
  first(value) {
    const items = toList(value, "first");
    return items[0];
  },
  last(value) {
    const items = toList(value, "last");
    return items.at(-1);
  },
  pprint: (value) => pyRepr(value),
  filesizeformat(value, ...given) {
    const [binary] = args(given, ["binary"], [false]);
    const bytes = Number(toFloat(value, 0));
    const base = pyTruth(binary) ? 1024 : 1000;
    const prefixes = pyTruth(binary)
      ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
      : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
    if (bytes === 1) return "1 Byte";
    if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
    let unit = base;
    let prefix = prefixes[0] as string;
    for (let i = 0; i < prefixes.length; i++) {
      unit = base ** (i + 2);
      prefix = prefixes[i] as string;
      if (bytes < unit) break;
    }
    return `${formatSpec((base * bytes) / unit, ".1f")} ${prefix}`;
  },
  b64encode(value, ...given) {
    const [encoding] = args(given, ["encoding"], ["utf-8"]);
    const data = value instanceof Bytes ? value : Bytes.fromText(pyStr(value), String(encoding));
    return encodeBase64(data.toUint8Array());
  },
  b64decode(value, ...given) {
    const [encoding] = args(given, ["encoding"], ["utf-8"]);
    const text = value instanceof Bytes ? value.decode("latin-1") : pyStr(value);
    return new Bytes(decodeBase64(text)).decode(String(encoding));
  },
};
filters.d = filters.default as Filter;
/**
 * The filters Jinja has and Nunjucks lacks or implements differently.
 *
 * @example
 * ```ts
 * import { JINJA_FILTERS } from "./filters.ts";
 * const f = (name: string, ...a: unknown[]) => JINJA_FILTERS[name]!.call({}, ...(a as [unknown]));
 * if (f("int", "12") !== 12 || f("int", "x") !== 0 || f("int", 3.9) !== 3) throw new Error();
 * if (f("format", "%s-%05d", "a", 7) !== "a-00007") throw new Error();
 * if (f("tojson", { b: 1, a: "<" }) !== '{"a": "\\u003c", "b": 1}') throw new Error();
 * ```
 */
export const JINJA_FILTERS: Readonly<Record<string, Filter>> = filters;

/** Whether a value is a Jinja sequence or mapping one can iterate. */
function iterable(value: unknown): boolean {
  return typeof value === "string" ||
    (typeof value === "object" && value !== null &&
      (Array.isArray(value) || isDict(value) || Symbol.iterator in value));
}

/**
 * Jinja's tests where Nunjucks lacks them or differs (`is integer`,
 * `is in`, `is none`, `is true`...).
 *
 * @example
 * ```ts
 * import { JINJA_TESTS } from "./filters.ts";
 * if (!JINJA_TESTS.integer!.call({}, 3) || JINJA_TESTS.integer!.call({}, true)) throw new Error();
 * if (!JINJA_TESTS.in!.call({}, "b", ["a", "b"])) throw new Error();
 * ```
 */
export const JINJA_TESTS: Readonly<Record<string, Test>> = {
  boolean: (v) => typeof v === "boolean",
  true: (v) => v === true,
  false: (v) => v === false,
  none: (v) => v === null,
  null: (v) => v === null,
  integer: (v) => typeof v === "number" && Number.isInteger(v),
  float: (v) => typeof v === "number" && !Number.isInteger(v),
  number: (v) => typeof v === "number" || typeof v === "boolean",
  string: (v) => typeof v === "string",
  mapping: (v) => isDict(v) || v instanceof Map,
  iterable,
  sequence: (v) => typeof v === "string" || Array.isArray(v) || isDict(v),
  callable: (v) => typeof v === "function",
  defined: (v) => v !== undefined,
  undefined: (v) => v === undefined,
  in: (v, container) => pyIn(v, container),
  eq: (a, b) => pyEq(a, b),
  equalto: (a, b) => pyEq(a, b),
  "==": (a, b) => pyEq(a, b),
  ne: (a, b) => !pyEq(a, b),
  "!=": (a, b) => !pyEq(a, b),
  lt: (a, b) => (a as number) < (b as number),
  lessthan: (a, b) => (a as number) < (b as number),
  "<": (a, b) => (a as number) < (b as number),
  le: (a, b) => (a as number) <= (b as number),
  "<=": (a, b) => (a as number) <= (b as number),
  gt: (a, b) => (a as number) > (b as number),
  greaterthan: (a, b) => (a as number) > (b as number),
  ">": (a, b) => (a as number) > (b as number),
  ge: (a, b) => (a as number) >= (b as number),
  ">=": (a, b) => (a as number) >= (b as number),
  sameas: (a, b) => a === b,
  odd: (v) => typeof v === "number" && Math.abs(v % 2) === 1,
  even: (v) => typeof v === "number" && v % 2 === 0,
  divisibleby: (v, n) => typeof v === "number" && typeof n === "number" && v % n === 0,
  lower: (v) => {
    const s = pyStr(v);
    return s.toLowerCase() !== s.toUpperCase() && s === s.toLowerCase();
  },
  upper: (v) => {
    const s = pyStr(v);
    return s.toLowerCase() !== s.toUpperCase() && s === s.toUpperCase();
  },
  truthy: (v) => pyTruth(v),
  falsy: (v) => !pyTruth(v),
  filter(v) {
    try {
      return typeof v === "string" && (Object.hasOwn(JINJA_FILTERS, v) || this.env?.getFilter(v) !== undefined);
    } catch {
      return false;
    }
  },
  test(v) {
    try {
      return typeof v === "string" && (Object.hasOwn(JINJA_TESTS, v) || this.env?.getTest(v) !== undefined);
    } catch {
      return false;
    }
  },
};

/**
 * Jinja's global functions Nunjucks lacks: `namespace(...)` and
 * `dict(...)`.
 *
 * @example
 * ```ts
 * import { JINJA_GLOBALS } from "./filters.ts";
 * const d = JINJA_GLOBALS.dict!({ a: 1 }, { __keywords: true, b: 2 }) as Record<string, number>;
 * if (d.a !== 1 || d.b !== 2) throw new Error();
 * ```
 */
export const JINJA_GLOBALS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  namespace: (...given) => new Namespace(dictEntries(given)),
  dict: (...given) => Object.fromEntries(dictEntries(given)),
};
