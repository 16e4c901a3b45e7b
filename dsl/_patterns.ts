/**
 * Time patterns in the language: top-level `pattern NAME { ... }`
 * definitions (reusable, importable), and `input pattern` statements that
 * use them by name, layer several, or define one inline:
 *
 * ```
 * pattern workday { oscillator { period 1d; start 2024-03-04; end +7d } multiplier 48000 ... }
 * input pattern workday
 * input pattern [workday, nightly] { tags ["web"] }
 * input pattern { oscillator { period 1h } multiplier 600 spreader uniform }
 * ```
 *
 * Both resolve to the graph form of the `pattern` input: `{ layers: [...] }`.
 *
 * @module
 */
import type { Statement, Value } from "./ast.ts";
import { diag, type Diagnostic, type Span, tick } from "./diagnostics.ts";
import { convertBlock, type ConvertContext, SpanMap, validate } from "./_convert.ts";
import { didYouMean } from "../engine/suggest.ts";
import { type PatternBody, patternBodySchema } from "../engine/inputs/pattern.ts";
import type { PluginNode } from "../engine/graph.ts";

/** A checked pattern definition. */
export interface PatternDef {
  body: PatternBody;
  span: Span;
}

/**
 * Checks a `pattern NAME { ... }` block.
 *
 * @returns The body, or undefined when it has mistakes (reported).
 */
export function checkPatternBlock(
  st: Statement,
  name: string,
  ctx: ConvertContext,
  diagnostics: Diagnostic[],
): PatternBody | undefined {
  const label = `pattern ${tick(name)}`;
  if (!st.block) {
    diagnostics.push(diag("EVT2013", [`${label} needs a block \`{ oscillator {...} multiplier N ... }\``], {
      span: st.nameSpan,
    }));
    return undefined;
  }
  const spans = new SpanMap();
  const raw = convertBlock(st.block.statements, patternBodySchema, { spans, path: [] }, label, ctx);
  const owner = st.args[0]?.span ?? st.nameSpan;
  const r = validate(patternBodySchema, raw, { spans, owner, label }, diagnostics);
  return r.ok ? r.output : undefined;
}

/** The names an `input pattern` statement refers to, with their spans. */
function references(args: readonly Value[], diagnostics: Diagnostic[]): { name: string; span: Span }[] {
  const out: { name: string; span: Span }[] = [];
  const take = (v: Value) => {
    if (v.kind === "name") out.push({ name: v.name, span: v.span });
    else if (v.kind === "string" && !v.triple) out.push({ name: v.value, span: v.span });
    else if (v.kind === "list") v.items.forEach(take);
    else if (v.kind !== "invalid") {
      diagnostics.push(diag("EVT2013", ["expected the name of a pattern, as in `input pattern workday`"], {
        span: v.span,
      }));
    }
  };
  args.forEach(take);
  return out;
}

/**
 * Checks `input pattern ...` and builds its graph node.
 *
 * @param st The statement without its `tags`.
 * @param patterns Every definition in the scenario and its imports.
 */
export function checkPatternInput(
  st: Statement,
  patterns: ReadonlyMap<string, PatternDef>,
  ctx: ConvertContext,
  diagnostics: Diagnostic[],
): PluginNode | undefined {
  const pluginName = st.args[0] as Value;
  const refs = references(st.args.slice(1), diagnostics);
  const layers: PatternBody[] = [];
  let ok = true;
  for (const ref of refs) {
    const def = patterns.get(ref.name);
    if (def) layers.push(def.body);
    else {
      ok = false;
      diagnostics.push(diag("EVT2008", ["pattern", tick(ref.name)], {
        span: ref.span,
        hint: didYouMean(ref.name, patterns.keys()) ??
          (patterns.size
            ? `patterns: ${[...patterns.keys()].map(tick).join(", ")}`
            : "define it with `pattern NAME { ... }`"),
      }));
    }
  }
  const inline = st.block?.statements ?? [];
  if (inline.length) {
    const label = "input `pattern`";
    const spans = new SpanMap();
    const raw = convertBlock(inline, patternBodySchema, { spans, path: [] }, label, ctx, {}, ["tags"]);
    const r = validate(patternBodySchema, raw, { spans, owner: pluginName.span, label }, diagnostics);
    if (r.ok) layers.push(r.output);
    else ok = false;
  }
  if (ok && layers.length === 0) {
    diagnostics.push(diag("EVT2005", ["a pattern", "input `pattern`"], {
      span: pluginName.span,
      hint: "name one (`input pattern workday`), layer several (`[a, b]`) or write it in the block",
    }));
    return undefined;
  }
  return ok ? { plugin: "pattern", options: { layers } } : undefined;
}
