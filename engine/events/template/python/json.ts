/**
 * Python's `json.dumps` (what Jinja's `tojson` filter and `module.json`
 * use): `", "` and `": "` separators, non-ASCII escaped as `\uXXXX`,
 * `indent=`, `sort_keys=`.
 *
 * @module
 */
import { param, splitArgs } from "../_args.ts";
import { isDict, pyTypeName, strNumber } from "./values.ts";

/** Options of {@linkcode dumps}, as Python names them. */
export interface DumpsOptions {
  /** Spaces (or a string) per level; `undefined` writes one line. */
  indent?: number | string | undefined;
  /** Sort the keys of objects (default `false`). */
  sort_keys?: boolean;
  /** Escape every character outside ASCII (default `true`). */
  ensure_ascii?: boolean;
  /** The item and key separators; Python's defaults depend on `indent`. */
  separators?: readonly [string, string] | undefined;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  "\\": "\\\\",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

function quote(text: string, ascii: boolean): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code !== 0x22 && code !== 0x5c && (code < 0x7f || !ascii)) continue;
    const ch = text[i] as string;
    out += text.slice(from, i) + (ESCAPES[ch] ?? "\\u" + code.toString(16).padStart(4, "0"));
    from = i + 1;
  }
  return out + text.slice(from) + '"';
}

function number(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  return strNumber(n);
}

/**
 * Python's `json.dumps(value, ...)`.
 *
 * @param value The value: dicts, lists, tuples, samples, strings, numbers,
 * booleans, `None`, and objects with a `toJSON()` (timestamps).
 * @param options As Python's keywords.
 * @returns The JSON text.
 * @throws {Error} `TypeError` for values JSON cannot hold (bytes,
 * undefined).
 *
 * @example
 * ```ts
 * import { dumps } from "./json.ts";
 * if (dumps({ b: [1, "é"], a: null }, { sort_keys: true }) !== '{"a": null, "b": [1, "\\u00e9"]}') throw new Error();
 * ```
 */
export function dumps(value: unknown, options: DumpsOptions = {}): string {
  const indent = typeof options.indent === "number" ? " ".repeat(Math.max(0, options.indent)) : options.indent;
  const [itemSep, keySep] = options.separators ?? (indent === undefined ? [", ", ": "] : [",", ": "]);
  const ascii = options.ensure_ascii ?? true;
  const sort = options.sort_keys ?? false;
  const seen = new Set<object>();
  const write = (v: unknown, depth: number): string => {
    switch (typeof v) {
      case "string":
        return quote(v, ascii);
      case "number":
        return number(v);
      case "boolean":
        return v ? "true" : "false";
      case "bigint":
        return String(v);
    }
    if (v === null) return "null";
    if (typeof v !== "object") throw new Error(`TypeError: Object of type ${pyTypeName(v)} is not JSON serializable`);
    let entries: [string, unknown][] | undefined;
    let items: readonly unknown[] | undefined;
    if (Array.isArray(v)) items = v;
    else if (isDict(v)) entries = Object.entries(v);
    else if (v instanceof Map) entries = [...v].map(([k, x]) => [typeof k === "string" ? k : number(Number(k)), x]);
    else if (typeof (v as { toJSON?: unknown }).toJSON === "function") {
      return write((v as { toJSON(): unknown }).toJSON(), depth);
    } else throw new Error(`TypeError: Object of type ${pyTypeName(v)} is not JSON serializable`);
    if (seen.has(v)) throw new Error("ValueError: Circular reference detected");
    seen.add(v);
    try {
      const inner = indent === undefined ? "" : "\n" + indent.repeat(depth + 1);
      const outer = indent === undefined ? "" : "\n" + indent.repeat(depth);
      if (items !== undefined) {
        if (items.length === 0) return "[]";
        return "[" + inner + items.map((x) => write(x, depth + 1)).join(itemSep + inner) + outer + "]";
      }
      const list = entries as [string, unknown][];
      if (list.length === 0) return "{}";
      if (sort) list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return "{" + inner +
        list.map(([k, x]) => quote(k, ascii) + keySep + write(x, depth + 1)).join(itemSep + inner) + outer + "}";
    } finally {
      seen.delete(v);
    }
  };
  return write(value, 0);
}

/**
 * Jinja's `tojson`: {@linkcode dumps} with sorted keys, and `<`, `>`, `&`,
 * `'` escaped so the result is safe inside HTML.
 *
 * @param value The value.
 * @param indent Spaces per level, or `undefined` for one line.
 * @returns The JSON text.
 *
 * @example
 * ```ts
 * import { tojson } from "./json.ts";
 * if (tojson({ q: "<a href='x'>" }) !== '{"q": "\\u003ca href=\\u0027x\\u0027\\u003e"}') throw new Error();
 * ```
 */
export function tojson(value: unknown, indent?: number | string): string {
  return dumps(value, { sort_keys: true, indent }).replace(/[<>&']/g, (ch) => HTML_SAFE[ch] as string);
}

const HTML_SAFE: Readonly<Record<string, string>> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "'": "\\u0027",
};

/** What `module.json` offers. */
export interface JsonModule {
  /** `json.dumps(obj, indent=None, sort_keys=False, ensure_ascii=True, separators=None)` */
  dumps: (...args: unknown[]) => string;
  /** `json.loads(s)` */
  loads: (s: unknown) => unknown;
}

/**
 * Creates `module.json`.
 *
 * @returns The module.
 */
export function createJson(): JsonModule {
  return {
    dumps(...args) {
      const [positional, keywords] = splitArgs(args);
      const indent = param(positional, keywords, 1, "indent");
      const separators = keywords.separators;
      return dumps(positional[0], {
        indent: typeof indent === "number" || typeof indent === "string" ? indent : undefined,
        sort_keys: keywords.sort_keys === true,
        ensure_ascii: keywords.ensure_ascii !== false,
        separators: Array.isArray(separators) && separators.length === 2
          ? [String(separators[0]), String(separators[1])]
          : undefined,
      });
    },
    loads(s) {
      const text = typeof s === "string" ? s : String(s);
      try {
        return JSON.parse(text);
      } catch (e) {
        throw new Error(`json.decoder.JSONDecodeError: ${(e as Error).message}`);
      }
    },
  };
}
