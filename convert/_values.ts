/**
 * YAML values as `.evt` text: strings, numbers, durations from seconds,
 * times, lists, and the `${params.x}` / `${secrets.x}` substitutions of the
 * Python Eventum as `param("x")` / `secret("x")`.
 *
 * @module
 */
import { isScalar, isSeq, type Node } from "yaml";
import { tick } from "../dsl/diagnostics.ts";
import { checkTime } from "../engine/time.ts";
import type { Ctx } from "./_context.ts";
import { plainValue, type YamlFile } from "./_yaml.ts";

/**
 * What an option takes, which decides how a value and a `${...}` in it are
 * written: `text` options take `secret()`, `seconds` become durations.
 */
export type Kind = "str" | "text" | "int" | "number" | "bool" | "time" | "seconds" | "any";

/**
 * A string in double quotes, escaped for the `.evt` lexer.
 *
 * @example
 * ```ts
 * import { quote } from "./_values.ts";
 * if (quote('a "b"\n') !== '"a \\"b\\"\\n"') throw new Error(quote('a "b"\n'));
 * ```
 */
export function quote(s: string): string {
  return `"${
    // deno-lint-ignore no-control-regex
    s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
      switch (c) {
        case "\\":
          return "\\\\";
        case '"':
          return '\\"';
        case "\n":
          return "\\n";
        case "\r":
          return "\\r";
        case "\t":
          return "\\t";
        case "\0":
          return "\\0";
        default:
          return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
      }
    })}"`;
}

/** A name: bare when it is a plain identifier, quoted otherwise. */
export function ident(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) && !["true", "false", "now", "never"].includes(name)
    ? name
    : quote(name);
}

const UNITS: [string, number][] = [["d", 86_400e6], ["h", 3_600e6], ["m", 60e6], ["s", 1e6], ["ms", 1e3], ["us", 1]];

/**
 * A duration in microseconds as `.evt` text.
 *
 * @example
 * ```ts
 * import { durationText } from "./_values.ts";
 * if (durationText(90_000_000) !== "1m30s" || durationText(500_000) !== "500ms") throw new Error();
 * ```
 */
export function durationText(us: number): string {
  let rest = Math.round(us);
  if (rest <= 0) return "0s";
  let out = "";
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/** A number as `.evt` text. */
export function numberText(n: number): string {
  return Number.isInteger(n) || !Number.isFinite(n) ? String(n) : String(n);
}

const BARE_TIME =
  /^(?:now|never|[+-](?:\d+(?:\.\d+)?(?:us|ms|s|m|h|d|w))+|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}:\d{2}(?::\d{2})?)$/;

/**
 * A Python Eventum "versatile datetime" as `.evt` text, or undefined when it
 * is not one the language reads (such as dateparser's `yesterday 3pm`).
 *
 * @example
 * ```ts
 * import { timeText } from "./_values.ts";
 * if (timeText("2024-06-01 09:00:00") !== "2024-06-01T09:00:00") throw new Error();
 * if (timeText("June 15, 2024") !== undefined) throw new Error();
 * ```
 */
export function timeText(value: string): string | undefined {
  const t = value.trim().replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, "$1T$2");
  if (checkTime(t) !== undefined) return undefined;
  return BARE_TIME.test(t) ? t : quote(t);
}

const REF = /\$\{\s*(params|secrets)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;
const WHOLE_REF = /^\$\{\s*(params|secrets)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}$/;

/** A value given with `-p` as `.evt` text, typed as `eventum gen -p` would. */
function givenText(raw: string, kind: Kind): string {
  if (kind === "seconds") return durationText(Number(raw) * 1e6);
  if (kind === "time") return timeText(raw) ?? quote(raw);
  if (/^-?\d+(\.\d+)?$/.test(raw)) return raw;
  if (raw === "true" || raw === "false") return raw;
  return quote(raw);
}

/** The placeholder a param without a value gets, so the scenario still checks. */
function placeholder(kind: Kind): string {
  switch (kind) {
    case "int":
      return "1";
    case "number":
      return "0";
    case "bool":
      return "false";
    case "time":
      return '"now"';
    case "seconds":
      return "1s";
    default:
      return '""';
  }
}

/**
 * Writes `param("name")` for `${params.name}`, declaring the param with the
 * value given on the command line or a placeholder (and a warning).
 */
function paramRef(ctx: Ctx, y: YamlFile, node: Node, name: string, kind: Kind, fallback?: string): string {
  const given = ctx.given[name];
  if (kind === "seconds") {
    // Durations cannot come from a param: write the value itself.
    if (given !== undefined) return givenText(given, kind);
    ctx.warn(
      "EVT5007",
      [tick(`\${params.${name}}`), "a duration cannot come from a `param`"],
      y,
      node,
      "wrote `1s`: pass `-p NAME=SECONDS` to `eventum convert` to write the value",
    );
    return placeholder(kind);
  }
  if (!ctx.params.has(name)) {
    if (given !== undefined) ctx.params.set(name, { value: givenText(given, kind), from: "-p" });
    else {
      const value = fallback ?? placeholder(kind);
      ctx.params.set(name, { value, from: "placeholder" });
      ctx.warn(
        "EVT5010",
        [tick(name), "it came from startup.yml or `--params`"],
        y,
        node,
        `declared as \`param ${name} = ${value}\`: run with \`-p ${name}=VALUE\`, or give \`-p ${name}=VALUE\` to \`eventum convert\``,
      );
    }
  }
  return `param(${quote(name)})`;
}

/**
 * A YAML value as `.evt` text for an option of the given kind; undefined
 * (with a warning) when it cannot be written.
 *
 * @param ctx The conversion.
 * @param y The file.
 * @param node The value.
 * @param kind What the option takes.
 * @param what How messages name the option, such as "`count` of input `cron`".
 * @param fallback The value a param without one gets, when the kind's placeholder would not check.
 */
export function valueText(
  ctx: Ctx,
  y: YamlFile,
  node: Node | null | undefined,
  kind: Kind,
  what: string,
  fallback?: string,
): string | undefined {
  if (node === null || node === undefined) {
    ctx.warn("EVT5007", [what, "it has no value"], y, node);
    return undefined;
  }
  if (isSeq(node) && kind === "any") {
    const parts: string[] = [];
    for (const item of node.items as Node[]) {
      const t = valueText(ctx, y, item, "any", what);
      if (t !== undefined) parts.push(t);
    }
    return `[${parts.join(", ")}]`;
  }
  if (!isScalar(node)) {
    if (kind === "any") {
      ctx.warn("EVT5007", [what, "a mapping cannot be written as a value here"], y, node);
      return undefined;
    }
    ctx.warn("EVT5007", [what, "expected a single value"], y, node);
    return undefined;
  }
  const v = node.value;
  if (typeof v === "string") {
    const whole = WHOLE_REF.exec(v);
    if (whole) {
      const [, scope, name] = whole as unknown as [string, string, string];
      if (scope === "params") return paramRef(ctx, y, node, name, kind, fallback);
      if (kind === "text") return `secret(${quote(name)})`;
      ctx.warn(
        "EVT5007",
        [tick(v), `${what} cannot take a secret here`],
        y,
        node,
        "only credentials (`password`, `token`, `username`...) take `secret()`",
      );
      return undefined;
    }
    if (v.includes("${")) return embedded(ctx, y, node, v, kind, what);
  }
  return scalarText(ctx, y, node, v, kind, what);
}

/** A plain scalar value for a kind. */
function scalarText(ctx: Ctx, y: YamlFile, node: Node, v: unknown, kind: Kind, what: string): string | undefined {
  switch (kind) {
    case "int":
    case "number": {
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      if (!Number.isFinite(n) || (kind === "int" && !Number.isInteger(n))) {
        ctx.warn(
          "EVT5007",
          [what, `expected ${kind === "int" ? "a whole number" : "a number"}, got ${tick(String(v))}`],
          y,
          node,
        );
        return undefined;
      }
      return numberText(n);
    }
    case "seconds": {
      const n = typeof v === "number" ? v : Number(v);
      if (!Number.isFinite(n) || n < 0) {
        ctx.warn("EVT5007", [what, `expected seconds, got ${tick(String(v))}`], y, node);
        return undefined;
      }
      return durationText(n * 1e6);
    }
    case "bool":
      if (typeof v !== "boolean") {
        ctx.warn("EVT5007", [what, `expected true or false, got ${tick(String(v))}`], y, node);
        return undefined;
      }
      return String(v);
    case "time": {
      const t = v === null ? undefined : timeText(String(v));
      if (t === undefined) {
        ctx.warn(
          "EVT5007",
          [
            what,
            `${tick(String(v))} is not a time the language reads (ISO 8601, \`now\`, \`never\`, \`+1h\`, \`14:30\`)`,
          ],
          y,
          node,
          "human-readable dates (dateparser) are not supported: write the date in ISO 8601",
        );
        return undefined;
      }
      return t;
    }
    case "any":
      if (typeof v === "number") return numberText(v);
      if (typeof v === "boolean") return String(v);
      if (v === null) {
        ctx.warn("EVT5007", [what, "`null` has no equivalent"], y, node);
        return undefined;
      }
      return quote(String(v));
    default:
      if (v === null) {
        ctx.warn("EVT5007", [what, "`null` has no equivalent"], y, node);
        return undefined;
      }
      return quote(String(v));
  }
}

/** A string with `${...}` inside a longer text: the values given with `-p` are written in; otherwise kept as text. */
function embedded(ctx: Ctx, y: YamlFile, node: Node, v: string, kind: Kind, what: string): string | undefined {
  const refs = [...v.matchAll(REF)];
  const unknown = refs.filter((m) => m[1] === "secrets" || ctx.given[m[2] as string] === undefined);
  if (refs.length === 0 || unknown.length > 0 || v.replace(REF, "").includes("${")) {
    ctx.warn(
      "EVT5007",
      [tick(v), `${what} cannot hold a substitution inside a longer text`],
      y,
      node,
      "the text is written as is; edit it, or give the params to `eventum convert` with `-p NAME=VALUE`",
    );
    return scalarText(ctx, y, node, v, kind === "seconds" ? "str" : kind, what);
  }
  const text = v.replace(REF, (_, _scope, name: string) => ctx.given[name] as string);
  ctx.warn(
    "EVT5007",
    [tick(v), `${what} cannot hold a \`param\` inside a longer text`],
    y,
    node,
    `wrote the value given with \`-p\`: ${quote(text)}`,
  );
  return scalarText(ctx, y, node, text, kind, what);
}

/** A list of strings (or substitutions) as `.evt` text. */
export function listText(
  ctx: Ctx,
  y: YamlFile,
  node: Node | null | undefined,
  kind: Kind,
  what: string,
): string | undefined {
  if (!isSeq(node)) {
    if (isScalar(node) && kind !== "any") {
      const one = valueText(ctx, y, node, kind, what);
      return one === undefined ? undefined : `[${one}]`;
    }
    ctx.warn("EVT5007", [what, "expected a list"], y, node);
    return undefined;
  }
  const parts: string[] = [];
  for (const item of node.items as Node[]) {
    const t = valueText(ctx, y, item, kind, what);
    if (t !== undefined) parts.push(t);
  }
  return `[${parts.join(", ")}]`;
}

/** A YAML scalar's string, or undefined. */
export function stringOf(node: Node | null | undefined): string | undefined {
  const v = plainValue(node);
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/**
 * A path of the Python config as `.evt` text, relative to the scenario; a
 * `${params.x}` inside it is written with the value given with `-p` (or
 * kept, with a warning).
 */
export function pathText(ctx: Ctx, y: YamlFile, node: Node | null | undefined, what: string): string | undefined {
  const raw = stringOf(node);
  if (raw === undefined) return valueText(ctx, y, node, "str", what);
  if (!raw.includes("${")) return quote(ctx.path(raw));
  const t = valueText(ctx, y, node, "str", what);
  if (t === undefined || t.startsWith("param(")) return t;
  const substituted = JSON.parse(t) as string;
  return substituted.includes("${") ? t : quote(ctx.path(substituted));
}
