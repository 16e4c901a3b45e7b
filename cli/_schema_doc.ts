/**
 * Plugin options as documentation: walks a plugin's valibot schema into
 * rows of name, type, whether it is required, its default, its allowed
 * values and its description, in the words of the DSL. Drives
 * `eventum plugins` and `docs/plugins.md`.
 *
 * @module
 */
import { argsOf, DateTime, Duration, Size } from "../engine/schema.ts";

/** One option of a plugin, or of a block inside it (`rotate.size`). */
export interface OptionDoc {
  /** The dotted path: `rotate.size`. */
  name: string;
  /** The type as a scenario writes it: `duration`, `list of string`, `` `a` | `b` ``. */
  type: string;
  required: boolean;
  /** The default as a scenario would write it. */
  default?: string;
  description?: string;
  /** Set when positional values of the statement fill it: its place, from 1. */
  position?: number;
  /** True for an option written once per item, as a statement of its own (`template`). */
  repeated?: boolean;
}

/** What a schema says once its wrappers are peeled off. */
interface Peeled {
  base: Node;
  optional: boolean;
  default?: unknown;
  description?: string;
  actions: Node[];
  /** Rules over the whole value (`v.check`) with a fixed message. */
  rules: string[];
  positional: readonly string[];
}

/** A valibot schema or action, as plain data. */
interface Node {
  kind: string;
  type: string;
  wrapped?: Node;
  pipe?: Node[];
  default?: unknown;
  description?: string;
  options?: unknown[];
  item?: Node;
  entries?: Record<string, Node>;
  requirement?: unknown;
  message?: unknown;
  literal?: unknown;
  check?: (x: unknown) => boolean;
}

const OPTIONAL = new Set(["optional", "exact_optional", "nullish", "undefinedable", "nullable"]);

function peel(schema: unknown): Peeled {
  let s = schema as Node;
  const out: Peeled = { base: s, optional: false, actions: [], rules: [], positional: [] };
  for (;;) {
    if (out.positional.length === 0) out.positional = argsOf(s);
    if (s.pipe && s.pipe[0] && s.pipe[0] !== s) {
      for (const a of s.pipe.slice(1)) {
        if (a.type === "description") out.description ??= a.description ?? "";
        else if (a.type === "check" && typeof a.message === "string") out.rules.push(a.message);
        else out.actions.push(a);
      }
      s = s.pipe[0];
      continue;
    }
    if (OPTIONAL.has(s.type) && s.wrapped) {
      out.optional = true;
      if (s.default !== undefined && out.default === undefined) out.default = s.default;
      s = s.wrapped;
      continue;
    }
    out.base = s;
    return out;
  }
}

const isObject = (n: Node) => n.entries !== undefined;

/** The kind of value a `custom` schema accepts, found by trying it. */
function customType(n: Node): string {
  const accepts = (x: unknown) => {
    try {
      return n.check?.(x) === true;
    } catch {
      return false;
    }
  };
  if (accepts("x")) return accepts({ $env: "X" }) ? "string, `env(...)` or `secret(...)`" : "string";
  if (accepts(new Duration(1_000_000))) return "duration";
  if (accepts(new Size(1))) return "size";
  if (accepts(new DateTime("now"))) return "time";
  return "value";
}

/**
 * A schema's type as a scenario writes it.
 *
 * @param schema A valibot schema.
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { typeOf } from "./_schema_doc.ts";
 * if (typeOf(v.picklist(["a", "b"])) !== "`a` | `b`") throw new Error();
 * ```
 */
export function typeOf(schema: unknown): string {
  const p = peel(schema);
  const n = p.base;
  const bounds = () => {
    const parts: string[] = [];
    for (const a of p.actions) if (a.type === "min_value") parts.push(`>= ${a.requirement}`);
    for (const a of p.actions) if (a.type === "max_value") parts.push(`<= ${a.requirement}`);
    return parts.length ? ` ${parts.join(", ")}` : "";
  };
  switch (n.type) {
    case "custom":
      return customType(n);
    case "string":
      return "string";
    case "number": {
      const whole = p.actions.some((a) => a.type === "integer");
      return (whole ? "whole number" : "number") + bounds();
    }
    case "boolean":
      return "`true` | `false`";
    case "picklist":
      return (n.options ?? []).map((o) => `\`${o}\``).join(" | ");
    case "literal":
      return `\`${n.literal}\``;
    case "array": {
      const item = n.item ? peel(n.item).base : undefined;
      if (item && isObject(item)) return "block";
      return `list of ${n.item ? typeOf(n.item) : "values"}`;
    }
    case "object":
    case "strict_object":
    case "loose_object":
      return "block";
    case "record":
      return "block of `name value`";
    case "union":
    case "variant":
      return [...new Set((n.options ?? []).map(typeOf))].join(" or ");
    case "unknown":
    case "any":
      return "any value";
    default:
      return n.type;
  }
}

const UNITS: [string, number][] = [["w", 604_800e6], ["d", 86_400e6], ["h", 3_600e6], ["m", 60e6], ["s", 1e6], [
  "ms",
  1e3,
], ["us", 1]];

/** Microseconds as a duration literal: `100ms`, `1h30m`. */
function durationText(us: number): string {
  if (us === 0) return "0s";
  let rest = us;
  let out = "";
  for (const [unit, size] of UNITS) {
    const k = Math.floor(rest / size);
    if (k > 0) {
      out += `${k}${unit}`;
      rest -= k * size;
    }
  }
  return out;
}

/**
 * A default value as a scenario writes it, or undefined when it says nothing
 * (an empty block) or depends on the machine (a default computed by a
 * function, other than a duration or size, such as this host's name).
 */
export function literal(value: unknown): string | undefined {
  const x = typeof value === "function" ? (value as () => unknown)() : value;
  if (x === undefined) return undefined;
  if (typeof value === "function" && !(x instanceof Duration || x instanceof Size)) return undefined;
  if (x instanceof Duration) return durationText(x.us);
  if (x instanceof Size) return x.raw;
  if (x instanceof DateTime) return x.text;
  if (typeof x === "string") return JSON.stringify(x);
  if (typeof x === "number" || typeof x === "boolean") return String(x);
  if (Array.isArray(x)) return `[${x.map((i) => literal(i) ?? "").join(", ")}]`;
  if (typeof x === "object" && Object.keys(x as object).length === 0) return undefined;
  return JSON.stringify(x);
}

/**
 * The options of a schema, nested blocks flattened to dotted names.
 *
 * @param schema An object schema (a plugin's options).
 * @returns The options, in the order the schema declares them.
 */
export function optionsOf(schema: unknown): OptionDoc[] {
  return walk(schema, "");
}

function walk(schema: unknown, prefix: string): OptionDoc[] {
  const p = peel(schema);
  const out: OptionDoc[] = [];
  const entries = p.base.entries ?? {};
  for (const [key, child] of Object.entries(entries)) {
    const c = peel(child);
    const doc: OptionDoc = { name: prefix + key, type: typeOf(child), required: !c.optional };
    // Names and times are written bare: `write_mode overwrite`, `start now`.
    const bare = typeof c.default === "string" && (c.base.type === "picklist" || doc.type === "time");
    const def = bare ? c.default as string : literal(c.default);
    if (def !== undefined) doc.default = def;
    if (c.description) doc.description = c.description;
    const position = p.positional.indexOf(key);
    if (position >= 0) doc.position = position + 1;
    out.push(doc);
    let inner: unknown;
    if (isObject(c.base)) inner = child;
    else if (c.base.type === "array" && c.base.item && isObject(peel(c.base.item).base)) {
      doc.repeated = true;
      inner = c.base.item;
    }
    if (inner !== undefined) out.push(...walk(inner, `${prefix}${key}.`));
  }
  return out;
}

/** Rules over a whole block that the options alone do not say (`rotate` needs `size` or `every`). */
export function rulesOf(schema: unknown): string[] {
  const out: string[] = [];
  const visit = (s: unknown) => {
    const p = peel(s);
    out.push(...p.rules);
    for (const child of Object.values(p.base.entries ?? {})) {
      const c = peel(child);
      out.push(...c.rules);
      if (isObject(c.base)) visit(c.base);
      else if (c.base.type === "array" && c.base.item) visit(c.base.item);
    }
  };
  visit(schema);
  return [...new Set(out)];
}

/** The names positional values fill, in order. */
export function positionalOf(schema: unknown): readonly string[] {
  return peel(schema).positional;
}
