/**
 * The `input` list of a Python Eventum `generator.yml` as `input` statements:
 * `static`, `linspace`, `timer` (`seconds` → `every`), `timestamps`, `cron`
 * (croniter's trailing seconds field moved to the front), `http` and
 * `time_patterns` (each pattern file a top-level `pattern` block).
 *
 * @module
 */
import type { Node } from "yaml";
import { tick } from "../dsl/diagnostics.ts";
import { type Ctx, Opts } from "./_context.ts";
import { convertPatternFile } from "./_patterns.ts";
import { listText, quote, stringOf, timeText, valueText } from "./_values.ts";
import type { Stmt } from "./_writer.ts";
import { entries, items, type YamlFile } from "./_yaml.ts";

/** What the inputs become: their statements and the patterns they need at the top level. */
export interface InputsResult {
  inputs: Stmt[];
  patterns: Stmt[];
}

/** Where a node is, as a comment. */
export function from(y: YamlFile, node: Node | null | undefined): string {
  const s = y.span(node);
  return `from ${y.short}:${s.line}`;
}

/** Reads the single-key mapping `- name: {options}` of a plugin list. */
export function plugin(
  ctx: Ctx,
  y: YamlFile,
  node: Node,
  section: string,
): { name: string; nameNode: Node; options: Node | null } | undefined {
  const list = entries(node);
  if (!list || list.length !== 1) {
    ctx.error("EVT5003", [`\`${section}\``, "each item is a mapping with one key, the plugin's name"], y, node);
    return undefined;
  }
  const [e] = list as [{ key: string; keyNode: Node; value: Node | null }];
  return { name: e.key, nameNode: e.keyNode, options: e.value };
}

/** Adds an option when it is written and converts. */
export function put(body: Stmt[], name: string, text: string | undefined): void {
  if (text !== undefined) body.push({ head: `${name} ${text}` });
}

/** Reads `key` of the options as `kind`, named for messages. */
export function opt(o: Opts, key: string, kind: Parameters<typeof valueText>[3]): string | undefined {
  const node = o.get(key);
  if (node === undefined) return undefined;
  return valueText(o.ctx, o.y, node, kind, `${tick(key)} of ${o.label}`);
}

/**
 * A croniter expression as croner reads it: croniter puts the optional
 * seconds (and then year) fields after the five standard ones, croner puts
 * seconds first.
 *
 * @example
 * ```ts
 * import { cronText } from "./_inputs.ts";
 * if (cronText("35 10 * * * 3").expression !== "3 35 10 * * *") throw new Error();
 * if (cronText("*\/5 9-17 * * 1-5").expression !== "*\/5 9-17 * * 1-5") throw new Error();
 * ```
 */
export function cronText(expression: string): { expression: string; random: boolean } {
  const fields = expression.trim().split(/\s+/);
  const random = fields.some((f) => /R/.test(f));
  // croniter's `R` is a random value picked once; the lowest value of its field is written instead.
  const fixed = fields.map((f, i) => f.replace(/^R$/, i === 2 || i === 3 ? "1" : "0"));
  if (fixed.length === 6 || fixed.length === 7) {
    const [m, h, dom, mon, dow, s, year] = fixed;
    return { expression: [s, m, h, dom, mon, dow, ...(year === undefined ? [] : [year])].join(" "), random };
  }
  return { expression: fixed.join(" "), random };
}

function tags(o: Opts, body: Stmt[]): void {
  const node = o.get("tags");
  if (node === undefined) return;
  const t = listText(o.ctx, o.y, node, "str", `\`tags\` of ${o.label}`);
  if (t !== undefined && t !== "[]") body.push({ head: `tags ${t}` });
}

/**
 * Converts the `input` list.
 *
 * @param ctx The conversion.
 * @param y The generator file.
 * @param node The `input` value.
 * @param usedNames Pattern names already taken.
 */
export function convertInputs(ctx: Ctx, y: YamlFile, node: Node | null, usedNames: Set<string>): InputsResult {
  const out: InputsResult = { inputs: [], patterns: [] };
  const list = items(node);
  if (!list) {
    ctx.error("EVT5003", ["`input`", "expected a list of input plugins"], y, node);
    return out;
  }
  for (const item of list) {
    const p = plugin(ctx, y, item, "input");
    if (!p) continue;
    const o = new Opts(ctx, y, p.options, `input ${tick(p.name)}`);
    const body: Stmt[] = [];
    let head = `input ${p.name}`;
    switch (p.name) {
      case "static":
        put(body, "count", opt(o, "count", "int"));
        break;
      case "linspace":
        put(body, "start", opt(o, "start", "time"));
        put(body, "end", opt(o, "end", "time"));
        put(body, "count", opt(o, "count", "int"));
        put(body, "endpoint", opt(o, "endpoint", "bool"));
        break;
      case "timer":
        put(body, "every", opt(o, "seconds", "seconds"));
        put(body, "count", opt(o, "count", "int"));
        put(body, "start", opt(o, "start", "time"));
        if (o.has("repeat") && o.get("repeat") !== null && stringOf(o.get("repeat")) !== undefined) {
          put(body, "repeat", opt(o, "repeat", "int"));
        }
        break;
      case "cron": {
        const exprNode = o.get("expression");
        const expr = stringOf(exprNode);
        if (expr === undefined || expr.includes("${")) {
          const t = valueText(ctx, y, exprNode, "str", `\`expression\` of input \`cron\``);
          if (t !== undefined) head += ` ${t}`;
        } else {
          const c = cronText(expr);
          if (c.random) {
            ctx.warn(
              "EVT5007",
              [tick(expr), "croniter's `R` (a random value) has no equivalent"],
              y,
              exprNode,
              "each `R` became the lowest value of its field",
            );
          }
          head += ` ${quote(c.expression)}`;
        }
        put(body, "count", opt(o, "count", "int"));
        if (o.get("start") !== null) put(body, "start", opt(o, "start", "time"));
        if (o.get("end") !== null) put(body, "end", opt(o, "end", "time"));
        break;
      }
      case "timestamps": {
        const src = o.get("source");
        const list = items(src);
        if (list) {
          const times: string[] = [];
          for (const t of list) {
            const text = stringOf(t);
            const bare = text === undefined ? undefined : timeText(text);
            if (bare === undefined) {
              ctx.warn("EVT5007", [tick(String(text)), "not a time the language reads (ISO 8601)"], y, t);
            } else times.push(bare);
          }
          head += ` [${times.join(", ")}]`;
        } else {
          const path = stringOf(src);
          if (path === undefined) {
            ctx.error(
              "EVT5003",
              ["`source` of input `timestamps`", "expected a list of times or a file"],
              y,
              src ?? p.nameNode,
            );
          } else head += ` file ${quote(ctx.path(path))}`;
        }
        break;
      }
      case "http": {
        put(body, "port", opt(o, "port", "int"));
        const host = opt(o, "host", "str");
        // The Python Eventum listens on every interface by default.
        body.push({ head: `host ${host ?? quote("0.0.0.0")}` });
        put(body, "max_pending", opt(o, "max_pending_requests", "int"));
        break;
      }
      case "time_patterns": {
        const names: string[] = [];
        const paths = items(o.get("patterns"));
        if (!paths) {
          ctx.error(
            "EVT5003",
            ["`patterns` of input `time_patterns`", "expected a list of pattern files"],
            y,
            o.get("patterns") ?? p.nameNode,
          );
        }
        for (const pathNode of paths ?? []) {
          const path = stringOf(pathNode);
          if (path === undefined) continue;
          const pattern = convertPatternFile(ctx, { y, node: pathNode }, path, usedNames);
          if (!pattern) continue;
          names.push(pattern.name);
          out.patterns.push(pattern.stmt);
        }
        if (names.length === 0) {
          ctx.warn("EVT5007", ["input `time_patterns`", "no pattern file could be converted"], y, p.nameNode);
          o.done();
          continue;
        }
        head = `input pattern ${names.length === 1 ? names[0] : `[${names.join(", ")}]`}`;
        break;
      }
      default:
        ctx.warn(
          "EVT5004",
          ["input", tick(p.name), ""],
          y,
          p.nameNode,
          "inputs are static, linspace, timer, timestamps, cron, time_patterns and http",
        );
        continue;
    }
    tags(o, body);
    o.done();
    out.inputs.push({ head, body: body.length ? body : undefined, comment: from(y, p.nameNode) } as Stmt);
  }
  return out;
}
