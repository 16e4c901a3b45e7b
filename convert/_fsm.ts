/**
 * The conditions of the Python Eventum's `fsm` transitions (`eq`, `gt`,
 * `len_ge`, `matches`, `before`, `has_tags`, `and`...) as Nunjucks
 * expressions for `to NAME when "..."`, with the same meaning: a missing
 * state value makes a comparison false.
 *
 * @module
 */
import { isMap, isScalar, isSeq, type Node } from "yaml";
import { tick } from "../dsl/diagnostics.ts";
import type { Ctx } from "./_context.ts";
import { entries, plainValue, type YamlFile } from "./_yaml.ts";

const COMPARE: Record<string, string> = { eq: "==", gt: ">", ge: ">=", lt: "<", le: "<=" };
const LENGTH: Record<string, string> = { len_eq: "==", len_gt: ">", len_ge: ">=", len_lt: "<", len_le: "<=" };
const COMPONENTS = ["year", "month", "day", "hour", "minute", "second", "microsecond"];

/** A value as a Nunjucks literal. */
export function literal(v: unknown): string {
  if (v === null || v === undefined) return "none";
  if (typeof v === "string") return `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(literal).join(", ")}]`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${literal(k)}: ${literal(x)}`).join(", ")}}`;
}

/** `shared.x` → `shared.get('x')`; undefined when the scope is not a state. */
function field(name: string): string | undefined {
  const m = /^(locals|shared|globals)\.(.+)$/.exec(name);
  return m ? `${m[1]}.get(${literal(m[2])})` : undefined;
}

/** The single `field: value` pair of a check. */
function pair(ctx: Ctx, y: YamlFile, op: string, node: Node | null): { get: string; value: unknown } | undefined {
  const list = entries(node);
  const e = list?.length === 1 ? list[0] : undefined;
  const get = e ? field(e.key) : undefined;
  if (!e || !get) {
    ctx.warn(
      "EVT5007",
      [`condition ${tick(op)}`, "expected one `locals.x`, `shared.x` or `globals.x` and its value"],
      y,
      node,
    );
    return undefined;
  }
  return { get, value: plainValue(e.value) };
}

/** A regular expression literal of Nunjucks matching at the start, as Python's `re.match`. */
function regexLiteral(pattern: string): string {
  const js = pattern.replace(/\(\?P</g, "(?<").replace(/\\\//g, "/").replace(/\//g, "\\/");
  return `r/^(?:${js})/`;
}

/**
 * Converts a condition.
 *
 * @param ctx The conversion.
 * @param y The file.
 * @param node The `when` value.
 * @returns A Nunjucks expression, or undefined (with a warning) when the condition cannot be read.
 */
export function conditionText(ctx: Ctx, y: YamlFile, node: Node | null): string | undefined {
  const list = entries(node);
  if (!list || list.length !== 1) {
    ctx.warn(
      "EVT5007",
      ["a transition condition", "expected a mapping with one check, such as `always:` or `gt: {shared.n: 3}`"],
      y,
      node,
    );
    return undefined;
  }
  const [{ key: op, value }] = list as [{ key: string; keyNode: Node; value: Node | null }];
  const guard = (get: string, test: string) => `(${get} != none and ${test})`;
  if (op in COMPARE) {
    const p = pair(ctx, y, op, value);
    if (!p) return undefined;
    return guard(p.get, `${p.get} ${COMPARE[op]} ${literal(p.value)}`);
  }
  if (op in LENGTH) {
    const p = pair(ctx, y, op, value);
    if (!p) return undefined;
    return guard(p.get, `(${p.get} | length) ${LENGTH[op]} ${literal(p.value)}`);
  }
  switch (op) {
    case "contains": {
      const p = pair(ctx, y, op, value);
      return p && guard(p.get, `${literal(p.value)} in ${p.get}`);
    }
    case "in": {
      const p = pair(ctx, y, op, value);
      return p && guard(p.get, `${p.get} in ${literal(p.value)}`);
    }
    case "matches": {
      const p = pair(ctx, y, op, value);
      if (!p) return undefined;
      return `((${p.get} is string) and ${regexLiteral(String(p.value))}.test(${p.get}))`;
    }
    case "defined": {
      const name = String(plainValue(value));
      const m = /^(locals|shared|globals)\.(.+)$/.exec(name);
      if (!m) {
        ctx.warn("EVT5007", ["condition `defined`", "expected `locals.x`, `shared.x` or `globals.x`"], y, value);
        return undefined;
      }
      return `(${literal(m[2])} in ${m[1]}.as_dict())`;
    }
    case "has_tags": {
      const v = plainValue(value);
      const tags = Array.isArray(v) ? v : [v];
      return `(${tags.map((t) => `${literal(String(t))} in tags`).join(" and ")})`;
    }
    case "before":
    case "after": {
      const parts = entries(value) ?? [];
      const known = parts.filter((e) => COMPONENTS.includes(e.key));
      if (known.length === 0 || known.length !== parts.length) {
        ctx.warn("EVT5007", [`condition ${tick(op)}`, `expected time components (${COMPONENTS.join(", ")})`], y, value);
        return undefined;
      }
      const args = known.map((e) => `${e.key}=${literal(plainValue(e.value))}`).join(", ");
      return `(timestamp.timestamp() ${op === "before" ? "<" : ">="} timestamp.replace(${args}).timestamp())`;
    }
    case "always":
      return "true";
    case "never":
      return "false";
    case "and":
    case "or": {
      if (!isSeq(value)) {
        ctx.warn("EVT5007", [`condition ${tick(op)}`, "expected a list of conditions"], y, value);
        return undefined;
      }
      const inner = (value.items as Node[]).map((n) => conditionText(ctx, y, n));
      if (inner.some((x) => x === undefined)) return undefined;
      return `(${inner.join(` ${op} `)})`;
    }
    case "not": {
      const inner = isMap(value) ? conditionText(ctx, y, value) : undefined;
      if (inner === undefined && !isMap(value)) {
        ctx.warn("EVT5007", ["condition `not`", "expected a condition"], y, value);
      }
      return inner === undefined ? undefined : `(not ${inner})`;
    }
    default:
      ctx.warn(
        "EVT5007",
        [`condition ${tick(op)}`, "unknown check"],
        y,
        list[0]?.keyNode ?? node,
        isScalar(value)
          ? undefined
          : "checks are eq, gt, ge, lt, le, matches, len_*, contains, in, before, after, defined, has_tags, always, never, and, or, not",
      );
      return undefined;
  }
}
