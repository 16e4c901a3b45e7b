/**
 * Semantic checks: a parsed scenario against the plugin specs, producing the
 * engine graph and every mistake found, each with its span.
 *
 * @module
 */
import * as v from "valibot";
import { basename, dirname, isAbsolute, relative, resolve } from "node:path";
import type { FileNode, Statement, Value } from "./ast.ts";
import { describeValue } from "./ast.ts";
import { diag, type Diagnostic, hasErrors, type Span, tick } from "./diagnostics.ts";
import { didYouMean, suggest } from "../engine/suggest.ts";
import {
  convertBlock,
  type ConvertContext,
  convertStatement,
  INVALID,
  problemDiagnostics,
  SpanMap,
  validate,
} from "./_convert.ts";
import type { GeneratorGraph, Graph, InputNode, Needs, OutputNode, PluginNode, SampleNode } from "../engine/graph.ts";
import { bool, Duration, duration, int, isRef, oneOf, type Ref, str, strings, withArgs } from "../engine/schema.ts";
import type { AnySpec, CheckEnv, PluginKind } from "../engine/spec.ts";
import { pluginsOf } from "../engine/registry.ts";
import { defaultDeadLetter, type DeliveryOptions, deliverySchema } from "../engine/outputs/delivery.ts";
import { checkPatternBlock, checkPatternInput, type PatternDef } from "./_patterns.ts";

/** How the checker reaches files. */
export interface CheckHost {
  exists(path: string): boolean;
  /** The file's text, or undefined when it cannot be read. */
  readText(path: string): string | undefined;
  /** The names of the files in a folder, for suggestions. */
  listFiles?(dir: string): string[];
}

/** The default host: the real file system. */
export const denoHost: CheckHost = {
  exists(path) {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  },
  readText(path) {
    try {
      return Deno.readTextFileSync(path);
    } catch {
      return undefined;
    }
  },
  listFiles(dir) {
    try {
      return [...Deno.readDirSync(dir)].filter((e) => e.isFile).map((e) => e.name);
    } catch {
      return [];
    }
  },
};

/**
 * A hint for a file that was not found: a file with a close name in the same
 * folder, or where relative paths start.
 */
export function missingFileHint(host: CheckHost, dir: string, rel: string): string {
  const path = resolve(dir, rel);
  const near = suggest(basename(path), host.listFiles?.(dirname(path)) ?? []);
  if (near !== undefined) return `did you mean ${JSON.stringify(relative(dir, resolve(dirname(path), near)))}?`;
  return "paths are relative to the scenario's folder";
}

/** Options for {@link checkFiles}. */
export interface CheckOptions {
  /** `-p name=value` overrides, as text. */
  params?: Record<string, string>;
  host?: CheckHost;
  /** The text of the files, for places inside multi-line strings. */
  sources?: ReadonlyMap<string, string>;
}

const paramValue = v.union(
  [
    v.string(),
    v.number(),
    v.boolean(),
    v.custom<Ref>(isRef),
    v.array(v.union([v.string(), v.number(), v.boolean()])),
  ],
  "expected a string, number, boolean, `env(...)` or a list",
);

const sampleSchema = withArgs(
  v.pipe(
    v.object({
      items: v.pipe(v.optional(v.array(v.unknown(), "expected a list")), v.description("The sample's items, inline.")),
      csv: v.pipe(v.optional(str()), v.description("A CSV file, relative to the scenario.")),
      json: v.pipe(v.optional(str()), v.description("A JSON file holding an array, relative to the scenario.")),
      header: v.pipe(v.optional(bool(), false), v.description("CSV: the first row names the columns.")),
      delimiter: v.pipe(v.optional(str(), ","), v.description("CSV: the cell delimiter.")),
      quote: v.pipe(v.optional(str(), '"'), v.description("CSV: the quote character.")),
    }),
    v.check(
      (s) => [s.items, s.csv, s.json].filter((x) => x !== undefined).length === 1,
      (issue) => {
        const s = issue.input as Record<string, unknown>;
        const none = ["items", "csv", "json"].every((k) => s[k] === undefined);
        return `${none ? "a sample needs a source" : "a sample has one source"}: ` +
          '`items [...]`, `csv "file"` or `json "file"`';
      },
    ),
  ),
  [],
);

const permissionsSchema = v.object({
  run: v.optional(strings()),
  net: v.optional(strings()),
  read: v.optional(strings()),
  write: v.optional(strings()),
  env: v.optional(strings()),
});

/** The options of a generator block, other than its plugins. */
const generatorSchema = v.object({
  mode: v.pipe(
    v.optional(oneOf(["sample", "live"] as const), "sample"),
    v.description("`sample`: as fast as possible; `live`: in step with the clock."),
  ),
  timezone: v.pipe(v.optional(str(), "UTC"), v.description("The IANA timezone of timestamps and of local times.")),
  seed: v.pipe(v.optional(int(0)), v.description("Makes sample-mode output reproducible.")),
  skip_past: v.pipe(v.optional(bool(), true), v.description("Live mode: drop timestamps already past at start.")),
  batch: v.optional(
    v.object({
      size: v.optional(int(1), 10_000),
      delay: v.optional(duration(), () => new Duration(0)),
    }),
    {},
  ),
  param: v.optional(v.array(withArgs(v.object({ name: str(), value: paramValue }), ["name"]))),
  permissions: v.optional(permissionsSchema, {}),
  samples: v.optional(v.record(v.string(), sampleSchema), {}),
});

const PLUGIN_STATEMENTS = new Set(["input", "event", "output"]);
const TOP_LEVEL = ["generator", "pattern", "import"];
const tagsSchema = v.optional(strings(), []);

/** The result of checking a scenario. */
export interface Checked {
  graph: Graph;
  diagnostics: Diagnostic[];
  /** Where each need was declared: key `generator\0kind\0value`. */
  needSpans: Map<string, Span>;
}

/**
 * Checks parsed files (the main file first, then its imports) and builds the
 * graph of their generators.
 *
 * @param files The main file and the files it imports.
 * @param options Param overrides and the file host.
 * @returns The graph (meaningful only when there are no errors) and the diagnostics.
 */
export function checkFiles(files: readonly FileNode[], options: CheckOptions = {}): Checked {
  const diagnostics: Diagnostic[] = [];
  const host = options.host ?? denoHost;
  const generators: GeneratorGraph[] = [];
  const names = new Map<string, Span>();
  const usedOverrides = new Set<string>();
  const needSpans = new Map<string, Span>();
  const patterns = collectPatterns(files, options, diagnostics);
  for (const file of files) {
    for (const st of file.statements) {
      switch (st.name) {
        case "generator": {
          const g = checkGenerator(st, file.path, host, options, usedOverrides, diagnostics, needSpans, patterns);
          if (!g) break;
          const prev = names.get(g.name);
          if (prev) {
            diagnostics.push(diag("EVT2007", ["generator", tick(g.name)], {
              span: st.args[0]?.span ?? st.nameSpan,
              hint: `also defined at ${prev.file}:${prev.line}`,
            }));
          } else names.set(g.name, st.args[0]?.span ?? st.nameSpan);
          generators.push(g);
          break;
        }
        case "pattern":
        case "import":
          break; // patterns are collected first; imports are resolved by the loader
        default:
          diagnostics.push(diag("EVT2001", [tick(st.name), ""], {
            span: st.nameSpan,
            hint: didYouMean(st.name, TOP_LEVEL) ??
              (generatorKeys.has(st.name)
                ? `\`${st.name}\` belongs inside a \`generator "name" { ... }\` block`
                : "a file holds `generator`, `pattern` and `import` statements"),
          }));
      }
    }
  }
  for (const name of Object.keys(options.params ?? {})) {
    if (!usedOverrides.has(name)) {
      diagnostics.push(diag("EVT2008", ["param", tick(name)], {
        hint: "`-p NAME=value` overrides a `param` declared in a generator",
      }));
    }
  }
  if (files.length > 0 && generators.length === 0 && !hasErrors(diagnostics)) {
    diagnostics.push(diag("EVT2011", ["the scenario has no `generator` block"], {
      span: { file: files[0]!.path, line: 1, column: 1, offset: 0, length: 0 },
    }));
  }
  return { graph: { version: 1, generators }, diagnostics, needSpans };
}

/** Checks every `pattern NAME { ... }` of the scenario and its imports. */
function collectPatterns(
  files: readonly FileNode[],
  options: CheckOptions,
  diagnostics: Diagnostic[],
): Map<string, PatternDef> {
  const patterns = new Map<string, PatternDef>();
  const seen = new Map<string, Span>();
  const ctx: ConvertContext = {
    sources: options.sources ?? new Map(),
    diagnostics,
    param: () => undefined,
    paramNames: () => [],
  };
  for (const file of files) {
    for (const st of file.statements) {
      if (st.name !== "pattern") continue;
      const name = nameArg(st, "pattern", diagnostics);
      if (name === undefined) continue;
      const span = st.args[0]?.span ?? st.nameSpan;
      const prev = seen.get(name);
      if (prev) {
        diagnostics.push(diag("EVT2007", ["pattern", tick(name)], {
          span,
          hint: `also defined at ${prev.file}:${prev.line}`,
        }));
        continue;
      }
      seen.set(name, span);
      const body = checkPatternBlock(st, name, ctx, diagnostics);
      if (body) patterns.set(name, { body, span });
    }
  }
  return patterns;
}

const generatorKeys = new Set([...Object.keys(generatorSchema.entries), ...PLUGIN_STATEMENTS]);

function nameArg(st: Statement, what: string, diagnostics: Diagnostic[]): string | undefined {
  const a = st.args[0];
  if (a && (a.kind === "string" || a.kind === "name") && st.args.length === 1) {
    return a.kind === "string" ? a.value : a.name;
  }
  diagnostics.push(diag("EVT2013", [`expected a name after \`${what}\`, as in \`${what} "web" { ... }\``], {
    span: a?.span ?? st.nameSpan,
  }));
  return undefined;
}

function checkGenerator(
  st: Statement,
  file: string,
  host: CheckHost,
  options: CheckOptions,
  usedOverrides: Set<string>,
  diagnostics: Diagnostic[],
  needSpans: Map<string, Span>,
  patterns: ReadonlyMap<string, PatternDef>,
): GeneratorGraph | undefined {
  const name = nameArg(st, "generator", diagnostics);
  if (name === undefined) return undefined;
  const label = `generator ${tick(name)}`;
  const dir = dirname(resolve(file));
  const body = st.block?.statements ?? [];
  if (!st.block) {
    diagnostics.push(diag("EVT2013", [`${label} needs a block \`{ ... }\``], { span: st.nameSpan }));
    return undefined;
  }

  // Params first, so that `param("x")` resolves everywhere else.
  const params: Record<string, unknown> = {};
  const paramSpans = new Map<string, Span>();
  const overrides = options.params ?? {};
  const refSpans = new Map<string, Span>();
  const ctx: ConvertContext = {
    onRef: (ref, span) => {
      if ("$env" in ref && !refSpans.has(ref.$env)) refSpans.set(ref.$env, span);
    },
    sources: options.sources ?? new Map(),
    diagnostics,
    param: (n) => params[n],
    paramNames: () => Object.keys(params),
  };
  for (const p of body.filter((s) => s.name === "param")) {
    const spans = new SpanMap();
    const raw = convertStatement(p, generatorSchema.entries.param.wrapped.item, { spans, path: [] }, ctx);
    const pname = p.args[0]?.kind === "name" ? p.args[0].name : "?";
    const r = validate(
      generatorSchema.entries.param.wrapped.item,
      raw,
      {
        spans,
        owner: p.nameSpan,
        label: `param ${tick(pname)}`,
        describe: (path) => (path[0] === "value" ? `param ${tick(pname)}` : undefined),
      },
      diagnostics,
    );
    if (!r.ok) continue;
    if (paramSpans.has(r.output.name)) {
      diagnostics.push(diag("EVT2007", ["param", tick(r.output.name)], { span: p.args[0]?.span ?? p.nameSpan }));
      continue;
    }
    paramSpans.set(r.output.name, p.nameSpan);
    params[r.output.name] = r.output.value;
    const o = overrides[r.output.name];
    if (o !== undefined) {
      usedOverrides.add(r.output.name);
      params[r.output.name] = coerce(o, r.output.value);
    }
  }

  const spans = new SpanMap();
  const general = body.filter((s) => !PLUGIN_STATEMENTS.has(s.name) && s.name !== "param");
  const before = diagnostics.length;
  const raw = convertBlock(general, generatorSchema, { spans, path: [] }, label, ctx, {}, [
    ...PLUGIN_STATEMENTS,
    "param",
  ]);
  // A misspelt `input`/`event`/`output` is reported once, not again as missing.
  const misspelt = new Set(
    diagnostics.slice(before).map((d) => /did you mean `(\w+)`/.exec(d.hint ?? "")?.[1]).filter(Boolean),
  );
  const r = validate(generatorSchema, raw, {
    spans,
    owner: st.nameSpan,
    label,
    describe: (path) =>
      path[0] === "samples" && path.length >= 2
        ? path.length === 2
          ? `sample ${tick(path[1] as string)}`
          : `${tick(path.slice(2).join("."))} of sample ${tick(path[1] as string)}`
        : undefined,
  }, diagnostics);
  const opts = r.ok ? r.output : undefined;
  if (typeof raw.timezone === "string") checkTimezone(raw.timezone, spans, st.nameSpan, diagnostics);

  const checkEnv: CheckEnv = {
    dir,
    exists: (p) => host.exists(p),
    readText: (p) => host.readText(p),
    missingFileHint: (rel) => missingFileHint(host, dir, rel),
  };
  const inputs: InputNode[] = [];
  const outputs: OutputNode[] = [];
  let event: PluginNode | undefined;
  let eventSeen = false;
  const needs: Needs = {};
  const grants: Needs = { read: [dir] };
  const access = {
    needs,
    grants,
    mark: (kind: string, value: string, span: Span) => {
      const key = `${name}\0${kind}\0${value}`;
      if (!needSpans.has(key)) needSpans.set(key, span);
    },
  };
  for (const s of body) {
    if (s.name === "input") {
      const tagStatements = s.block?.statements.filter((x) => x.name === "tags") ?? [];
      const node = isPatternInput(s)
        ? checkPatternInput(withoutTags(s), patterns, ctx, diagnostics)
        : checkPlugin("input", s, ctx, checkEnv, access, diagnostics, ["tags"]);
      const tspans = new SpanMap();
      const rawTags = convertBlock(
        tagStatements,
        v.object({ tags: tagsSchema }),
        { spans: tspans, path: [] },
        "input",
        ctx,
      );
      const tags = validate(v.object({ tags: tagsSchema }), rawTags, {
        spans: tspans,
        owner: s.nameSpan,
        label: "input",
      }, diagnostics);
      if (node && tags.ok) inputs.push({ ...node, tags: tags.output.tags });
    } else if (s.name === "event") {
      if (eventSeen) {
        diagnostics.push(diag("EVT2013", [`${label} has a second \`event\` block: a generator has one event plugin`], {
          span: s.nameSpan,
          hint: "put all templates in one `event template { ... }`",
        }));
        continue;
      }
      eventSeen = true;
      event = checkPlugin("event", s, ctx, checkEnv, access, diagnostics, []);
    } else if (s.name === "output") {
      const fmt = s.block?.statements.filter((x) => x.name === "format") ?? [];
      const node = checkPlugin("output", s, ctx, checkEnv, access, diagnostics, OUTPUT_COMMON);
      const format = checkFormat(fmt, node?.plugin, ctx, checkEnv, diagnostics);
      const n = body.filter((x) => x.name === "output").indexOf(s);
      const delivery = checkDelivery(s, name, n, node?.plugin, dir, ctx, diagnostics);
      if (delivery) (grants.write ??= []).push(delivery.dead_letter);
      if (node && format && delivery) outputs.push({ ...node, format, delivery });
    }
  }
  const absent = (["input", "event", "output"] as const).filter((k) =>
    !body.some((s) => s.name === k) && !misspelt.has(k)
  );
  if (absent.length === 3) {
    diagnostics.push(diag("EVT2011", [`${label} is empty: it needs an input, an event plugin and an output`], {
      span: st.nameSpan,
      hint: "samples/hello.evt is a small complete generator",
    }));
    absent.length = 0;
  }
  for (const [key, what] of [["input", "an input"], ["event", "an event plugin"], ["output", "an output"]] as const) {
    if (absent.includes(key)) {
      diagnostics.push(diag("EVT2005", [tick(key), label], {
        span: st.nameSpan,
        hint: `a generator needs ${what}, as in \`${EXAMPLES[key]}\``,
      }));
    }
  }
  if (!opts || !event) return undefined;

  const samples: Record<string, SampleNode> = {};
  for (const [sname, s] of Object.entries(opts.samples)) {
    if (s.items !== undefined) {
      samples[sname] = { kind: "items", items: s.items };
      continue;
    }
    const rel = (s.csv ?? s.json) as string;
    const path = resolve(dir, rel);
    if (!host.exists(path)) {
      const key = s.csv !== undefined ? "csv" : "json";
      diagnostics.push(diag("EVT2009", ["sample", tick(sname), `file \`${rel}\` not found`], {
        span: spans.find(["samples", sname, key]).span ?? st.nameSpan,
        hint: missingFileHint(host, dir, rel),
      }));
      continue;
    }
    if (!isInside(path, dir)) (needs.read ??= []).push(path);
    samples[sname] = s.csv !== undefined
      ? { kind: "csv", path, header: s.header, delimiter: s.delimiter, quote: s.quote }
      : { kind: "json", path };
  }
  const declared = opts.permissions;
  for (const k of ["run", "net", "read", "write", "env"] as const) {
    const own = (declared[k] ?? []).map((x, i) => {
      const value = (k === "read" || k === "write") && !isAbsolute(x) ? resolve(dir, x) : x;
      const span = spans.find(["permissions", k, i]).span;
      if (span) needSpans.set(`${name}\0${k}\0${value}`, span);
      return value;
    });
    const list = [...own, ...(needs[k] ?? [])];
    if (list.length) needs[k] = [...new Set(list)];
  }
  for (const variable of envRefs([inputs, event, outputs, params])) {
    if (!needs.env?.includes(variable)) (needs.env ??= []).push(variable);
    const span = refSpans.get(variable);
    const key = `${name}\0env\0${variable}`;
    if (span && !needSpans.has(key)) needSpans.set(key, span);
  }
  const graph: GeneratorGraph = {
    name,
    dir,
    mode: opts.mode,
    timezone: opts.timezone,
    skipPast: opts.skip_past,
    batch: { size: opts.batch.size, delay: opts.batch.delay },
    params,
    needs,
    grants,
    samples,
    inputs,
    event,
    outputs,
  };
  if (opts.seed !== undefined) graph.seed = opts.seed;
  return graph;
}

const EXAMPLES = {
  input: "input static { count 1 }",
  event: 'event template { template t """..."""  }',
  output: "output stdout { format json }",
} as const;

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith("/") ? dir : dir + "/");
}

/** Every `env("X")` name referenced in plugin options. */
function envRefs(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) { for (const i of x) envRefs(i, out); }
  else if (x && typeof x === "object") {
    if ("$env" in x && typeof x.$env === "string") out.add(x.$env);
    else for (const i of Object.values(x)) envRefs(i, out);
  }
  return out;
}

function coerce(text: string, declared: unknown): unknown {
  if (typeof declared === "number") {
    const n = Number(text);
    return Number.isFinite(n) && text.trim() !== "" ? n : text;
  }
  if (typeof declared === "boolean") return text === "true" ? true : text === "false" ? false : text;
  return text;
}

let zones: string[] | undefined;

function checkTimezone(tz: string, spans: SpanMap, owner: Span, diagnostics: Diagnostic[]): void {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
  } catch {
    zones ??= [...Intl.supportedValuesOf("timeZone"), "UTC"];
    diagnostics.push(diag("EVT2010", ["`timezone`", `unknown timezone ${JSON.stringify(tz)}`], {
      span: spans.find(["timezone"]).span ?? owner,
      hint: didYouMean(tz, zones) ?? 'use an IANA name such as "Europe/Berlin" or "UTC"',
    }));
  }
}

/**
 * Checks a plugin statement (`input NAME ...`, `event NAME ...`,
 * `output NAME ...`) against the named plugin's spec.
 */
function checkPlugin(
  kind: PluginKind,
  st: Statement,
  ctx: ConvertContext,
  env: CheckEnv,
  access: { needs: Needs; grants: Needs; mark?: (kind: string, value: string, span: Span) => void },
  diagnostics: Diagnostic[],
  common: readonly string[],
): PluginNode | undefined {
  const spec = lookup(kind, st.args[0], st, diagnostics);
  if (!spec) return undefined;
  const { needs, grants } = access;
  const pluginName = st.args[0] as Value & { kind: "name" };
  const own = { ...st, args: st.args.slice(1) } as Statement;
  if (st.block) own.block = { ...st.block, statements: st.block.statements.filter((s) => !common.includes(s.name)) };
  const spans = new SpanMap();
  const label = `${kind} ${tick(spec.name)}`;
  const raw = convertStatement(own, spec.schema, { spans, path: [] }, ctx, { label, alsoKnown: common });
  const owner = pluginName.span;
  spans.set([], owner);
  if (raw === INVALID) return undefined;
  const r = validate(spec.schema, raw ?? {}, { spans, owner, label }, diagnostics);
  if (!r.ok) return undefined;
  const options = r.output as Record<string, unknown>;
  if (spec.check) {
    const problems = (spec.check as (o: unknown, e: CheckEnv) => ReturnType<NonNullable<AnySpec["check"]>>)(
      options,
      env,
    );
    if (problems.length) {
      diagnostics.push(...problemDiagnostics(problems, { spans, owner, label }, ctx.sources));
      return undefined;
    }
  }
  if (spec.access) {
    const a = (spec.access as (o: unknown, dir: string) => { needs?: Needs; grants?: Needs })(options, env.dir);
    addNeeds(needs, a.needs);
    addNeeds(grants, a.grants);
    // A need of the plugin's own (an address to reach) points at the plugin.
    for (const [kind, values] of Object.entries(a.needs ?? {})) {
      for (const value of values ?? []) access.mark?.(kind, value, owner);
    }
  }
  return { plugin: spec.name, options };
}

function isPatternInput(st: Statement): boolean {
  const first = st.args[0];
  return first?.kind === "name" && first.name === "pattern";
}

function withoutTags(st: Statement): Statement {
  if (!st.block) return st;
  return { ...st, block: { ...st.block, statements: st.block.statements.filter((x) => x.name !== "tags") } };
}

function addNeeds(into: Needs, more: Needs | undefined): void {
  for (const k of Object.keys(more ?? {}) as (keyof Needs)[]) (into[k] ??= []).push(...(more?.[k] ?? []));
}

function lookup(
  kind: PluginKind,
  first: Value | undefined,
  st: Statement,
  diagnostics: Diagnostic[],
): AnySpec | undefined {
  const registry = pluginsOf(kind);
  if (!first || first.kind !== "name") {
    diagnostics.push(diag("EVT2013", [
      `expected the name of ${kind === "input" ? "an" : "a"} ${kind} plugin after \`${st.name}\`${
        first ? `, found ${describeValue(first)}` : ""
      }`,
    ], {
      span: first?.span ?? st.nameSpan,
      hint: `${kind} plugins: ${[...registry.keys()].map(tick).join(", ")}`,
    }));
    return undefined;
  }
  const spec = registry.get(first.name);
  if (!spec) {
    diagnostics.push(diag("EVT2002", [kind, tick(first.name)], {
      span: first.span,
      hint: didYouMean(first.name, registry.keys()) ??
        `${kind} plugins: ${[...registry.keys()].map(tick).join(", ")}`,
    }));
    return undefined;
  }
  return spec;
}

const DELIVERY_KEYS = Object.keys(deliverySchema.entries);
const OUTPUT_COMMON = ["format", ...DELIVERY_KEYS];

/** Checks an output's delivery options (batching, retries, dead letters...). */
function checkDelivery(
  st: Statement,
  generator: string,
  n: number,
  plugin: string | undefined,
  dir: string,
  ctx: ConvertContext,
  diagnostics: Diagnostic[],
): DeliveryOptions | undefined {
  const statements = st.block?.statements.filter((x) => DELIVERY_KEYS.includes(x.name)) ?? [];
  const spans = new SpanMap();
  const label = `output ${tick(plugin ?? "?")}`;
  const raw = convertBlock(statements, deliverySchema, { spans, path: [] }, label, ctx);
  const r = validate(deliverySchema, raw, { spans, owner: st.nameSpan, label }, diagnostics);
  if (!r.ok) return undefined;
  const fallback = defaultDeadLetter(dir, generator, n, plugin ?? "output");
  return {
    ...r.output,
    dead_letter: r.output.dead_letter === undefined ? fallback : resolve(dir, r.output.dead_letter),
  };
}

function checkFormat(
  statements: Statement[],
  outputPlugin: string | undefined,
  ctx: ConvertContext,
  env: CheckEnv,
  diagnostics: Diagnostic[],
): OutputNode["format"] | undefined {
  if (statements.length > 1) {
    diagnostics.push(diag("EVT2006", ["`format`", "output"], { span: statements[1]!.nameSpan }));
  }
  const st = statements[0];
  if (!st) {
    const spec = outputPlugin ? pluginsOf("output").get(outputPlugin) : undefined;
    return { plugin: (spec as { defaultFormat?: string } | undefined)?.defaultFormat ?? "plain", options: {} };
  }
  return checkPlugin("formatter", st, ctx, env, { needs: {}, grants: {} }, diagnostics, []);
}

/** Every statement name a generator block accepts, for the language docs. */
export function generatorStatements(): string[] {
  return [...generatorKeys];
}
