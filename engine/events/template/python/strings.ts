/**
 * Python's `str` methods for template strings: `s.split()`,
 * `s.startswith(('a', 'b'))`, `s.strip('/')`, `'{}-{}'.format(a, b)`,
 * `s.encode()`... The template runtime finds them by name through
 * {@linkcode STR_METHODS}; JavaScript's own string methods stay reachable
 * under their names (`s.toUpperCase()`).
 *
 * Indexes count UTF-16 code units, as JavaScript strings do: text outside
 * the Basic Multilingual Plane (emoji) counts two per character where
 * Python counts one.
 *
 * @module
 */
import { param, splitArgs } from "../_args.ts";
import { strFormat } from "./_format.ts";
import { Bytes } from "./bytes.ts";
import { pyTypeName, tuple } from "./values.ts";

/** A Python string method: the string, then the call's arguments. */
export type StrMethod = (s: string, ...args: unknown[]) => unknown;

const WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" +
  "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

/** What Python's `str.splitlines()` breaks at. */
const LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029";

function isSpace(ch: string): boolean {
  return WHITESPACE.includes(ch);
}

function str(value: unknown, method: string, what = "argument"): string {
  if (typeof value === "string") return value;
  throw new Error(`TypeError: ${method}() ${what} must be str, not ${pyTypeName(value)}`);
}

function optionalInt(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "number") return Math.trunc(value);
  if (typeof value === "boolean") return Number(value);
  throw new Error(`TypeError: slice indices must be integers or None, not ${pyTypeName(value)}`);
}

/** Python's slice bounds `[start:end]` clamped to a length. */
function bounds(length: number, start: unknown, end: unknown): [number, number] {
  const clamp = (i: number) => (i < 0 ? Math.max(0, i + length) : Math.min(i, length));
  return [clamp(optionalInt(start, 0)), clamp(optionalInt(end, length))];
}

function splitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isSpace(s[i] as string)) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && out.length === maxsplit) {
      out.push(s.slice(i));
      break;
    }
    let j = i;
    while (j < n && !isSpace(s[j] as string)) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

function rsplitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  let i = s.length;
  while (i > 0) {
    while (i > 0 && isSpace(s[i - 1] as string)) i--;
    if (i <= 0) break;
    if (maxsplit >= 0 && out.length === maxsplit) {
      out.push(s.slice(0, i));
      break;
    }
    let j = i;
    while (j > 0 && !isSpace(s[j - 1] as string)) j--;
    out.push(s.slice(j, i));
    i = j;
  }
  return out.reverse();
}

function split(s: string, ...args: unknown[]): string[] {
  const [positional, keywords] = splitArgs(args);
  const sep = param(positional, keywords, 0, "sep");
  const maxsplit = optionalInt(param(positional, keywords, 1, "maxsplit"), -1);
  if (sep === undefined || sep === null) return splitWhitespace(s, maxsplit);
  const by = str(sep, "split", "separator");
  if (by === "") throw new Error("ValueError: empty separator");
  const parts = s.split(by);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(by)];
}

function rsplit(s: string, ...args: unknown[]): string[] {
  const [positional, keywords] = splitArgs(args);
  const sep = param(positional, keywords, 0, "sep");
  const maxsplit = optionalInt(param(positional, keywords, 1, "maxsplit"), -1);
  if (sep === undefined || sep === null) return rsplitWhitespace(s, maxsplit);
  const by = str(sep, "rsplit", "separator");
  if (by === "") throw new Error("ValueError: empty separator");
  const parts = s.split(by);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  const keep = parts.length - maxsplit;
  return [parts.slice(0, keep).join(by), ...parts.slice(keep)];
}

function strip(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? null : str(chars, "strip", "chars");
  const drop = (ch: string) => (set === null ? isSpace(ch) : set.includes(ch));
  let i = 0;
  let j = s.length;
  if (left) { while (i < j && drop(s[i] as string)) i++; }
  if (right) { while (j > i && drop(s[j - 1] as string)) j--; }
  return s.slice(i, j);
}

function affixes(value: unknown, method: string): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  throw new Error(`TypeError: ${method} first arg must be str or a tuple of str, not ${pyTypeName(value)}`);
}

function find(s: string, sub: unknown, start: unknown, end: unknown, method: string, last: boolean): number {
  const needle = str(sub, method);
  const [i, j] = bounds(s.length, start, end);
  if (j - i < needle.length) return -1;
  const region = s.slice(i, j);
  const at = last ? region.lastIndexOf(needle) : region.indexOf(needle);
  return at < 0 ? -1 : at + i;
}

function pad(s: string, width: unknown, fill: unknown, method: string): [number, string] {
  const w = optionalInt(width, 0);
  const f = fill === undefined ? " " : str(fill, method, "fill character");
  if (f.length !== 1) throw new Error(`TypeError: The fill character must be exactly one character long`);
  return [Math.max(0, w - s.length), f];
}

function cased(s: string): boolean {
  return s.toLowerCase() !== s.toUpperCase();
}

function title(s: string): string {
  return s.replace(/[\p{L}\p{M}]+/gu, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}

/**
 * Python's `str` methods, by name.
 *
 * @example
 * ```ts
 * import { STR_METHODS } from "./strings.ts";
 * const call = (s: string, name: string, ...args: unknown[]) => STR_METHODS.get(name)!(s, ...args);
 * if (JSON.stringify(call("  a  b ", "split")) !== '["a","b"]') throw new Error();
 * if (call("log.txt", "endswith", [".log", ".txt"]) !== true) throw new Error();
 * if (call("{}-{:03d}", "format", "x", 7) !== "x-007") throw new Error();
 * ```
 */
export const STR_METHODS: ReadonlyMap<string, StrMethod> = new Map<string, StrMethod>([
  ["split", split],
  ["rsplit", rsplit],
  ["splitlines", (s, keepends) => {
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s[i] as string;
      if (!LINE_BREAKS.includes(ch)) continue;
      const end = ch === "\r" && s[i + 1] === "\n" ? i + 2 : i + 1;
      lines.push(s.slice(start, keepends === true ? end : i));
      start = end;
      i = end - 1;
    }
    if (start < s.length) lines.push(s.slice(start));
    return lines;
  }],
  ["join", (s, items) => {
    const list = typeof items === "string" ? [...items] : Array.isArray(items) ? items : null;
    if (list === null) throw new Error(`TypeError: can only join an iterable`);
    return list.map((item, i) => {
      if (typeof item !== "string") {
        throw new Error(`TypeError: sequence item ${i}: expected str instance, ${pyTypeName(item)} found`);
      }
      return item;
    }).join(s);
  }],
  ["replace", (s, old, replacement, count) => {
    const from = str(old, "replace");
    const to = str(replacement, "replace");
    const n = optionalInt(count, -1);
    if (from === "") {
      const chars = [...s];
      let out = "";
      for (let i = 0; i <= chars.length; i++) {
        if (n < 0 || i < n) out += to;
        out += chars[i] ?? "";
      }
      return out;
    }
    const parts = s.split(from);
    if (n < 0 || parts.length <= n + 1) return parts.join(to);
    return parts.slice(0, n + 1).join(to) + from + parts.slice(n + 1).join(from);
  }],
  ["strip", (s, chars) => strip(s, chars, true, true)],
  ["lstrip", (s, chars) => strip(s, chars, true, false)],
  ["rstrip", (s, chars) => strip(s, chars, false, true)],
  ["startswith", (s, prefix, start, end) => {
    const [i, j] = bounds(s.length, start, end);
    const region = s.slice(i, j);
    return affixes(prefix, "startswith").some((p) => region.startsWith(p));
  }],
  ["endswith", (s, suffix, start, end) => {
    const [i, j] = bounds(s.length, start, end);
    const region = s.slice(i, j);
    return affixes(suffix, "endswith").some((p) => region.endsWith(p));
  }],
  ["removeprefix", (s, prefix) => {
    const p = str(prefix, "removeprefix");
    return p !== "" && s.startsWith(p) ? s.slice(p.length) : s;
  }],
  ["removesuffix", (s, suffix) => {
    const p = str(suffix, "removesuffix");
    return p !== "" && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  }],
  ["upper", (s) => s.toUpperCase()],
  ["lower", (s) => s.toLowerCase()],
  ["casefold", (s) => s.toLowerCase()],
  ["swapcase", (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("")],
  ["title", title],
  ["capitalize", (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()],
  ["zfill", (s, width) => {
    const w = optionalInt(width, 0);
    if (s.length >= w) return s;
    const sign = s[0] === "+" || s[0] === "-" ? s[0] : "";
    return sign + "0".repeat(w - s.length) + s.slice(sign.length);
  }],
  ["ljust", (s, width, fill) => {
    const [n, f] = pad(s, width, fill, "ljust");
    return s + f.repeat(n);
  }],
  ["rjust", (s, width, fill) => {
    const [n, f] = pad(s, width, fill, "rjust");
    return f.repeat(n) + s;
  }],
  ["center", (s, width, fill) => {
    const [n, f] = pad(s, width, fill, "center");
    // CPython puts the odd space on the left when the width is odd.
    const left = Math.floor(n / 2) + (n & optionalInt(width, 0) & 1);
    return f.repeat(left) + s + f.repeat(n - left);
  }],
  ["find", (s, sub, start, end) => find(s, sub, start, end, "find", false)],
  ["rfind", (s, sub, start, end) => find(s, sub, start, end, "rfind", true)],
  ["index", (s, sub, start, end) => {
    const at = find(s, sub, start, end, "index", false);
    if (at < 0) throw new Error("ValueError: substring not found");
    return at;
  }],
  ["rindex", (s, sub, start, end) => {
    const at = find(s, sub, start, end, "rindex", true);
    if (at < 0) throw new Error("ValueError: substring not found");
    return at;
  }],
  ["count", (s, sub, start, end) => {
    const needle = str(sub, "count");
    const [i, j] = bounds(s.length, start, end);
    const region = s.slice(i, j);
    if (needle === "") return region.length + 1;
    return region.split(needle).length - 1;
  }],
  ["partition", (s, sep) => {
    const by = str(sep, "partition");
    const at = s.indexOf(by);
    return at < 0 ? tuple([s, "", ""]) : tuple([s.slice(0, at), by, s.slice(at + by.length)]);
  }],
  ["rpartition", (s, sep) => {
    const by = str(sep, "rpartition");
    const at = s.lastIndexOf(by);
    return at < 0 ? tuple(["", "", s]) : tuple([s.slice(0, at), by, s.slice(at + by.length)]);
  }],
  ["isdigit", (s) => /^[\p{Nd}\u00b2\u00b3\u00b9\u2070-\u2079\u2080-\u2089]+$/u.test(s)],
  ["isdecimal", (s) => /^\p{Nd}+$/u.test(s)],
  ["isnumeric", (s) => /^\p{N}+$/u.test(s)],
  ["isalpha", (s) => /^[\p{L}\p{Nl}]+$/u.test(s)],
  ["isalnum", (s) => /^[\p{L}\p{N}]+$/u.test(s)],
  ["isspace", (s) => s !== "" && [...s].every(isSpace)],
  ["isupper", (s) => cased(s) && s === s.toUpperCase()],
  ["islower", (s) => cased(s) && s === s.toLowerCase()],
  ["istitle", (s) => cased(s) && title(s) === s],
  ["isascii", (s) => [...s].every((c) => c.charCodeAt(0) < 128)],
  ["isidentifier", (s) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s)],
  ["format", (s, ...args) => {
    const [positional, keywords] = splitArgs(args);
    return strFormat(s, positional, keywords);
  }],
  ["format_map", (s, mapping) => strFormat(s, [], (mapping ?? {}) as Record<string, unknown>)],
  ["encode", (s, ...args) => {
    const [positional, keywords] = splitArgs(args);
    return Bytes.fromText(s, String(param(positional, keywords, 0, "encoding") ?? "utf-8"));
  }],
  ["expandtabs", (s, tabsize) => {
    const size = optionalInt(tabsize, 8);
    let column = 0;
    let out = "";
    for (const ch of s) {
      if (ch === "\t") {
        const n = size > 0 ? size - (column % size) : 0;
        out += " ".repeat(n);
        column += n;
      } else {
        out += ch;
        column = ch === "\n" || ch === "\r" ? 0 : column + 1;
      }
    }
    return out;
  }],
]);
