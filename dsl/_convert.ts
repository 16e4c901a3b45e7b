/**
 * Statements to plain option objects, guided by a plugin's schema, and the
 * schema's issues back to spans. This is what lets a new plugin need no new
 * grammar: its schema says which options exist, which repeat, and which
 * values a statement takes positionally.
 *
 * @module
 */
import * as v from "valibot";
import type { Block, CallValue, Statement, Value } from "./ast.ts";
import { describeValue } from "./ast.ts";
import { diag, type Diagnostic, type Span, tick } from "./diagnostics.ts";
import { didYouMean, suggest } from "../engine/suggest.ts";
import {
  type AnySchema,
  argsOf,
  DateTime,
  Duration,
  entriesOf,
  isRef,
  Size,
  Source,
  unwrap,
} from "../engine/schema.ts";
import type { OptionProblem } from "../engine/spec.ts";

/** A path into an options object. */
export type Path = readonly (string | number)[];

/** Marks a value that already has a diagnostic: its option is not checked again. */
export const INVALID: unique symbol = Symbol("invalid");

/** State shared while converting one scenario. */
export interface ConvertContext {
  diagnostics: Diagnostic[];
  /** Resolves `param("x")`; undefined when the name is unknown. */
  param(name: string): unknown;
  /** Names `param()` may use, for suggestions. */
  paramNames(): Iterable<string>;
  /** The text of the files, for places inside multi-line strings. */
  sources: ReadonlyMap<string, string>;
  /** Told of every `env()`/`secret()` call, with its span. */
  onRef?(ref: { $env: string } | { $secret: string }, span: Span): void;
}

/** Spans of the values of one options object, by path. */
export class SpanMap {
  #spans = new Map<string, Span>();
  #invalid = new Set<string>();
  /** Option names that a misspelt option was taken for ("did you mean"). */
  readonly suggested = new Set<string>();
  static key(path: Path): string {
    return path.join("\u0000");
  }
  set(path: Path, span: Span): void {
    this.#spans.set(SpanMap.key(path), span);
  }
  markInvalid(path: Path): void {
    this.#invalid.add(SpanMap.key(path));
  }
  /** True when the value at `path`, or one around it, already has a diagnostic. */
  isInvalid(path: Path): boolean {
    for (let n = path.length; n >= 0; n--) if (this.#invalid.has(SpanMap.key(path.slice(0, n)))) return true;
    return false;
  }
  /** The span of the deepest recorded value on `path`. */
  find(path: Path): { span?: Span; depth: number } {
    for (let n = path.length; n >= 0; n--) {
      const span = this.#spans.get(SpanMap.key(path.slice(0, n)));
      if (span) return { span, depth: n };
    }
    return { depth: -1 };
  }
}

const FUNCTIONS = ["env", "secret", "param"];

/** A DSL value as plain data for a schema, or {@link INVALID}. */
export function plainValue(val: Value, ctx: ConvertContext): unknown {
  switch (val.kind) {
    case "string":
      return val.triple ? new Source(val.value, val.span.file, val.firstLine ?? val.span.line) : val.value;
    case "number":
    case "bool":
      return val.value;
    case "name":
      return val.name === "" ? INVALID : val.name;
    case "invalid":
      return INVALID;
    case "duration":
      return new Duration(val.us, val.raw);
    case "size":
      return new Size(val.bytes, val.raw);
    case "datetime":
      return new DateTime(val.text);
    case "list": {
      const items = val.items.map((i) => plainValue(i, ctx));
      return items.includes(INVALID) ? INVALID : items;
    }
    case "call":
      return callValue(val, ctx);
  }
}

function callValue(call: CallValue, ctx: ConvertContext): unknown {
  if (!FUNCTIONS.includes(call.fn)) {
    ctx.diagnostics.push(diag("EVT2008", ["function", tick(call.fn)], {
      span: call.fnSpan,
      hint: didYouMean(call.fn, FUNCTIONS) ?? 'functions are `env("NAME")`, `secret("name")` and `param("name")`',
    }));
    return INVALID;
  }
  const arg = call.args[0];
  if (call.args.length !== 1 || arg?.kind !== "string") {
    ctx.diagnostics.push(diag("EVT2013", [`\`${call.fn}()\` takes one string, as in \`${call.fn}("NAME")\``], {
      span: call.span,
    }));
    return INVALID;
  }
  if (call.fn === "param") {
    const value = ctx.param(arg.value);
    if (value === undefined) {
      ctx.diagnostics.push(diag("EVT2008", ["param", tick(arg.value)], {
        span: arg.span,
        hint: didYouMean(arg.value, ctx.paramNames()) ?? "declare it with `param NAME = value`",
      }));
      return INVALID;
    }
    return value;
  }
  const ref = call.fn === "env" ? { $env: arg.value } : { $secret: arg.value };
  ctx.onRef?.(ref, call.span);
  return ref;
}

function schemaType(schema: AnySchema): string {
  return (unwrap(schema) as { type: string }).type;
}

/** Options that a statement holds on its line or in its block. */
export interface Converted {
  value: unknown;
}

/**
 * Converts the statements of a block against an object (or record) schema.
 *
 * @param statements The block's statements.
 * @param schema The schema of the options object.
 * @param at Where to record spans and the path of this object.
 * @param label How messages name the owner, such as "input `linspace`".
 * @param into An object to fill (holding positional values already).
 */
export function convertBlock(
  statements: readonly Statement[],
  schema: AnySchema,
  at: { spans: SpanMap; path: Path },
  label: string,
  ctx: ConvertContext,
  into: Record<string, unknown> = {},
  alsoKnown: readonly string[] = [],
): Record<string, unknown> {
  const u = unwrap(schema) as AnySchema & { type: string; value?: AnySchema };
  const entries = entriesOf(schema);
  const record = u.type === "record" ? u.value : undefined;
  const seen = new Set(Object.keys(into));
  for (const st of statements) {
    const entry = record ?? entries?.[st.name];
    if (!entry) {
      const near = suggest(st.name, [...Object.keys(entries ?? {}), ...alsoKnown]);
      if (near !== undefined) at.spans.suggested.add(SpanMap.key([...at.path, near]));
      ctx.diagnostics.push(diag("EVT2003", [tick(st.name), label], {
        span: st.nameSpan,
        hint: near === undefined ? optionList(entries) : `did you mean \`${near}\`?`,
      }));
      continue;
    }
    const path = [...at.path, st.name];
    const repeated = schemaType(entry) === "array" &&
      !(st.args.length === 1 && st.args[0]?.kind === "list" && !st.block);
    if (repeated) {
      const list = (into[st.name] ??= []) as unknown[];
      if (!Array.isArray(list)) continue;
      const item = (unwrap(entry) as unknown as { item: AnySchema }).item;
      at.spans.set(path, st.nameSpan);
      const itemPath = [...path, list.length];
      list.push(convertStatement(st, item, { spans: at.spans, path: itemPath }, ctx));
      seen.add(st.name);
      continue;
    }
    if (seen.has(st.name)) {
      ctx.diagnostics.push(diag("EVT2006", [tick(st.name), label], { span: st.nameSpan }));
      continue;
    }
    seen.add(st.name);
    into[st.name] = convertStatement(st, entry, { spans: at.spans, path }, ctx);
  }
  return into;
}

/** Options of {@link convertStatement}. */
export interface StatementOptions {
  /** How messages name the statement; defaults to its name in backticks. */
  label?: string;
  /** Options handled elsewhere that "did you mean" may still suggest. */
  alsoKnown?: readonly string[];
}

/**
 * Converts one statement's values and block against the schema of its option.
 *
 * @returns A plain value, an object, or {@link INVALID}.
 */
export function convertStatement(
  st: Statement,
  schema: AnySchema,
  at: { spans: SpanMap; path: Path },
  ctx: ConvertContext,
  options: StatementOptions = {},
): unknown {
  const names = argsOf(unwrap(schema));
  const entries = entriesOf(schema) ?? (schemaType(schema) === "record" ? {} : undefined);
  const args = st.args;
  const values = st.assign ? [...args, st.assign] : args;
  const positional = st.assign ? [...names, "value"] : names;
  const first = st.args[0];
  const label = options.label ??
    (first?.kind === "name"
      ? `${st.name} \`${first.name}\``
      : first?.kind === "string" && !first.triple
      ? `${st.name} \`${first.value}\``
      : `\`${st.name}\``);
  if (names.length === 0 && !entries && !st.block) {
    // A simple option: exactly one value, or a bare flag for booleans.
    const label = options.label ?? tick(st.name);
    const only = values[0];
    if (values.length === 0) {
      if (schemaType(schema) === "boolean") return true;
      ctx.diagnostics.push(diag("EVT2013", [`expected a value after ${label}`], { span: st.nameSpan }));
      at.spans.markInvalid(at.path);
      return INVALID;
    }
    if (values.length > 1) {
      const extra = values[1] as Value;
      ctx.diagnostics.push(diag("EVT2013", [`${label} takes one value, not ${values.length}`], {
        span: extra.span,
        hint: values.every((x) => x.kind !== "list") ? "write several values as a list: `[a, b]`" : undefined,
      }));
      at.spans.markInvalid(at.path);
      return INVALID;
    }
    const value = plainValue(only as Value, ctx);
    recordSpans(at.spans, at.path, only as Value);
    if (value === INVALID) at.spans.markInvalid(at.path);
    return value;
  }
  at.spans.set(at.path, first && first.kind !== "list" ? first.span : st.nameSpan);
  if (!entries) {
    ctx.diagnostics.push(diag("EVT2013", [`${label} takes no block`], { span: (st.block as Block).span }));
    at.spans.markInvalid(at.path);
    return INVALID;
  }
  const obj: Record<string, unknown> = {};
  let slot = 0;
  for (let i = 0; i < values.length; i++) {
    const a = values[i] as Value;
    const next = values[i + 1];
    let key: string;
    let val: Value;
    if (a.kind === "name" && entries[a.name] && next && positional[slot] !== a.name) {
      key = a.name;
      val = next;
      i++;
    } else if (slot < positional.length) {
      key = positional[slot++] as string;
      val = a;
    } else {
      ctx.diagnostics.push(diag("EVT2013", [`unexpected ${describeValue(a)} in ${label}`], {
        span: a.span,
        hint: positional.length ? `${label} takes ${positional.map(tick).join(", ")} here` : "options go in its block",
      }));
      continue;
    }
    const p = [...at.path, key];
    const plain = plainValue(val, ctx);
    recordSpans(at.spans, p, val);
    if (plain === INVALID) at.spans.markInvalid(p);
    obj[key] = plain;
  }
  if (st.block) convertBlock(st.block.statements, schema, at, label, ctx, obj, options.alsoKnown);
  return obj;
}

/** "options here: ..." for small blocks, where listing them all helps. */
function optionList(entries: Record<string, AnySchema> | undefined): string | undefined {
  const keys = Object.keys(entries ?? {});
  return keys.length > 0 && keys.length <= 8 ? `options here: ${keys.map(tick).join(", ")}` : undefined;
}

/** Records the span of a value, and of each item of a list. */
function recordSpans(spans: SpanMap, path: Path, val: Value): void {
  spans.set(path, val.span);
  if (val.kind === "list") val.items.forEach((item, i) => recordSpans(spans, [...path, i], item));
}

/** Converts the statements of a block that stands for a whole object. */
export function convertBody(
  block: Block | undefined,
  schema: AnySchema,
  at: { spans: SpanMap; path: Path },
  label: string,
  ctx: ConvertContext,
): Record<string, unknown> {
  return convertBlock(block?.statements ?? [], schema, at, label, ctx);
}

/** Where issues of one options object are anchored. */
export interface IssueAnchor {
  spans: SpanMap;
  /** Used when an option is missing: the statement that owns the object. */
  owner: Span;
  label: string;
  /** Names a path the way the user wrote it, when the dotted path would not. */
  describe?: (path: Path) => string | undefined;
}

function issueKey(path: Path): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p + 1}]` : i === 0 ? p : `.${p}`)).join("");
}

/**
 * Validates an options object and maps the schema's issues to diagnostics.
 *
 * @returns The schema's output when the options are valid.
 */
export function validate<S extends AnySchema>(
  schema: S,
  value: unknown,
  anchor: IssueAnchor,
  diagnostics: Diagnostic[],
): { ok: true; output: v.InferOutput<S> } | { ok: false } {
  const r = v.safeParse(schema, value);
  if (r.success) return { ok: true, output: r.output };
  const reported = new Set<string>();
  for (const issue of r.issues) {
    const path: (string | number)[] = (issue.path ?? []).map((p) => p.key as string | number);
    if (anchor.spans.isInvalid(path) || anchor.spans.suggested.has(SpanMap.key(path))) continue;
    const key = SpanMap.key(path);
    if (reported.has(key)) continue;
    reported.add(key);
    diagnostics.push(issueDiagnostic(issue, path, anchor));
  }
  return { ok: false };
}

function issueDiagnostic(issue: v.BaseIssue<unknown>, path: Path, anchor: IssueAnchor): Diagnostic {
  const found = anchor.spans.find(path);
  const display = (p: Path) => anchor.describe?.(p) ?? tick(issueKey(p));
  if (issue.input === undefined && found.depth < path.length && path.length > 0) {
    const missing = path[path.length - 1] as string;
    const where = path.length > 1 ? `${display(path.slice(0, -1))} of ${anchor.label}` : anchor.label;
    return diag("EVT2005", [tick(missing), where], { span: found.depth > 0 ? found.span : anchor.owner });
  }
  const span = found.span ?? anchor.owner;
  const subject = path.length ? display(path) : anchor.label;
  if (issue.type === "check") {
    // Whole-object checks explain themselves.
    return diag("EVT2014", [(path.length ? anchor.describe?.(path) : undefined) ?? anchor.label, issue.message], {
      span,
    });
  }
  if (issue.type === "picklist") {
    const options = (issue.expected ?? "").replace(/^\(|\)$/g, "").split(" | ").map((o) => o.replace(/^"|"$/g, ""));
    const hint = typeof issue.input === "string" ? didYouMean(issue.input, options) : undefined;
    return diag("EVT2010", [subject, `${issue.message}${gotWhat(issue.input)}`], { span, hint });
  }
  if (issue.kind === "schema" && !issue.message.includes(" is not a ")) {
    return diag("EVT2004", [subject, `${issue.message}${gotWhat(issue.input)}`], { span, hint: typeHint(issue) });
  }
  return diag("EVT2010", [subject, issue.message], { span });
}

/** A fix for the common wrong-type mistakes. */
function typeHint(issue: v.BaseIssue<unknown>): string | undefined {
  const input = issue.input;
  if (issue.message.startsWith("expected a duration") && typeof input === "number") {
    return `did you mean \`${input}s\`?`;
  }
  if (issue.message.startsWith("expected a size") && typeof input === "number") return `did you mean \`${input}MB\`?`;
  if (issue.message.startsWith("expected a time") && input instanceof Duration) {
    return `a time relative to the start needs a sign: \`+${input.raw}\``;
  }
  if (
    issue.message === "expected a number" && typeof input === "string" && input.trim() !== "" && !isNaN(Number(input))
  ) {
    return `numbers are written without quotes: \`${input}\``;
  }
  return undefined;
}

function gotWhat(input: unknown): string {
  if (input instanceof Duration) return `, got the duration \`${input.raw}\``;
  if (input instanceof Size) return `, got the size \`${input.raw}\``;
  if (input instanceof DateTime) return `, got the time \`${input.text}\``;
  if (input instanceof Source) return ", got a multi-line string";
  if (isRef(input)) return `, got \`${"$env" in input ? "env" : "secret"}(...)\``;
  if (typeof input === "string") return `, got ${JSON.stringify(input)}`;
  if (typeof input === "number" || typeof input === "boolean") return `, got \`${input}\``;
  if (Array.isArray(input)) return ", got a list";
  if (input && typeof input === "object") return ", got a block";
  return "";
}

/** Turns problems from a spec's `check` into diagnostics. */
export function problemDiagnostics(
  problems: OptionProblem[],
  anchor: IssueAnchor,
  sources: ReadonlyMap<string, string> = new Map(),
): Diagnostic[] {
  return problems.map((p) =>
    diag("EVT2014", [anchor.label, p.message], {
      span: (p.at && spanAt(p.at, sources)) ?? anchor.spans.find(p.path).span ?? anchor.owner,
      hint: p.hint ?? relatedHint(p.related, anchor),
    })
  );
}

function relatedHint(related: Path | undefined, anchor: IssueAnchor): string | undefined {
  const span = related && anchor.spans.find(related).span;
  return span ? `also at line ${span.line}` : undefined;
}

/** The span of a place inside a dedented multi-line string, in its source file. */
function spanAt(at: NonNullable<OptionProblem["at"]>, sources: ReadonlyMap<string, string>): Span | undefined {
  const text = sources.get(at.file);
  if (text === undefined) return undefined;
  const lines = text.split("\n");
  const line = lines[at.line - 1];
  if (line === undefined) return undefined;
  const found = at.lineText === "" ? -1 : line.lastIndexOf(at.lineText);
  const indent = found >= 0 ? found : 0;
  const column = Math.min(indent + at.column, line.length + 1);
  let offset = 0;
  for (let i = 0; i < at.line - 1; i++) offset += (lines[i] as string).length + 1;
  return { file: at.file, line: at.line, column, offset: offset + column - 1, length: 1 };
}
