/**
 * The Studio's scenario work: check, outline, timeline, render and preview
 * the unsaved text of a `.evt` file. Checks run here (they only read
 * files); anything that runs the scenario's inputs or templates runs in the
 * sandboxed engine Worker, with the grants given to `eventum studio`, a time
 * limit, and a limit on how many run at once.
 *
 * Scenario mistakes, permission errors and template errors are data in the
 * result, never exceptions; only a malformed request throws
 * ({@link HttpError}).
 *
 * @module
 */
import { relative, resolve, sep } from "node:path";
import * as v from "valibot";
import { type CheckHost, denoHost } from "../dsl/check.ts";
import type { Diagnostic } from "../dsl/diagnostics.ts";
import { grantDiagnostics } from "../dsl/grants.ts";
import { type Loaded, loadScenario } from "../dsl/load.ts";
import { parse } from "../dsl/parse.ts";
import type { GeneratorGraph, Graph } from "../engine/graph.ts";
import type { Grants } from "../engine/permissions.ts";
import type { Preview } from "../engine/preview.ts";
import { resolveRefs } from "../engine/refs.ts";
import { formatters } from "../engine/registry.ts";
import type { RenderStep, StateView } from "../engine/render.ts";
import { RunError } from "../engine/run_error.ts";
import { checkTime, parseDuration, resolveTime } from "../engine/time.ts";
import { inputLabel, inputsOnly, type Timeline, type TimelineOptions } from "../engine/timeline.ts";
import { callSandboxed } from "../engine/worker.ts";
import { type Control, controlsOf } from "./_controls.ts";
import { HttpError, type StudioFiles } from "./_files.ts";

/** A diagnostic as the page gets it (see `studio/API.md`). */
export interface Diag {
  severity: "error" | "warning";
  code: string;
  message: string;
  /** Relative to the Studio's folder. */
  file: string;
  from: number;
  to: number;
  line: number;
  column: number;
  hint?: string;
}

/** A failure that stopped the work before any result: an unknown generator, a missing `env()`, a time limit. */
export interface WorkError {
  code: string;
  message: string;
}

/** What the scenario work needs to know. */
export interface ScenarioContext {
  files: StudioFiles;
  /** The program's entry module, spawned as the engine Worker. */
  entry: string | URL;
  grants: Grants;
  /** The default `now`, epoch microseconds. */
  now: number;
  /** The default seed. */
  seed: number;
  /** Milliseconds a sandboxed call may take before its Worker is stopped. */
  timeout: number;
  /** Timestamps a timeline reads at most. */
  limit: number;
  /** Sandboxed calls running at once at most; more wait. */
  slots: Slots;
}

/** The most steps a render may ask for. */
export const MAX_STEPS = 100;
/** The most bins a timeline may ask for. */
export const MAX_BINS = 100_000;

// ── requests ───────────────────────────────────────────────────────────────

const time = v.union([v.string(), v.number()], "expected a time: ISO 8601 text, relative text (-1h) or epoch µs");
const seed = v.pipe(v.number(), v.integer(), v.minValue(0));
const record = v.custom<Record<string, unknown>>(
  (x) => typeof x === "object" && x !== null && !Array.isArray(x),
  "expected an object",
);
const stateView = v.object({
  locals: v.optional(v.record(v.string(), record), {}),
  shared: v.optional(record, {}),
  globals: v.optional(record, {}),
  next: v.optional(v.string()),
});
const scenarioBody = v.object({ path: v.string("expected `path`"), text: v.optional(v.string()) });
const timelineBody = v.object({
  ...scenarioBody.entries,
  seed: v.optional(seed),
  now: v.optional(time),
  from: v.optional(time),
  to: v.optional(time),
  bin: v.optional(v.string()),
  generator: v.optional(v.string()),
  input: v.optional(v.string()),
});
const renderBody = v.object({
  ...scenarioBody.entries,
  generator: v.optional(v.string()),
  template: v.optional(v.string()),
  at: v.optional(time),
  steps: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_STEPS)), 5),
  seed: v.optional(seed),
  now: v.optional(time),
  state: v.optional(stateView),
});
const previewBody = v.object({ ...renderBody.entries, format: v.optional(v.string()) });

/** Reads a request body against a schema; a 400 that names the field otherwise. */
export function request<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const r = v.safeParse(schema, body);
  if (r.success) return r.output;
  const issue = r.issues[0];
  const key = issue.path?.map((p: { key: unknown }) => String(p.key)).join(".");
  throw new HttpError(400, key ? `\`${key}\`: ${issue.message}` : issue.message);
}

// ── loading ────────────────────────────────────────────────────────────────

/** The real file system, with the editor's text in place of one file. */
function overlayHost(abs: string, text: string): CheckHost {
  return {
    exists: (p) => resolve(p) === abs || denoHost.exists(p),
    readText: (p) => resolve(p) === abs ? text : denoHost.readText(p),
    listFiles: (dir) => denoHost.listFiles?.(dir) ?? [],
  };
}

/** A path relative to the Studio's folder, `/`-separated. */
function shownPath(ctx: ScenarioContext, file: string): string {
  return relative(ctx.files.root, resolve(file)).split(sep).join("/");
}

/** A diagnostic for the page. */
function toDiag(ctx: ScenarioContext, d: Diagnostic, main: string): Diag {
  const s = d.span;
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    file: s ? shownPath(ctx, s.file) : main,
    from: s?.offset ?? 0,
    to: (s?.offset ?? 0) + (s?.length ?? 0),
    line: s?.line ?? 1,
    column: s?.column ?? 1,
    ...(d.hint ? { hint: d.hint } : {}),
  };
}

interface Work {
  /** The text checked. */
  text: string;
  loaded: Loaded;
  diagnostics: Diag[];
  /** Present when the scenario may run: no errors, nothing ungranted. */
  graph?: Graph;
}

/** Loads the editor's text of a scenario and checks it, grants included. */
async function load(ctx: ScenarioContext, body: { path: string; text?: string | undefined }): Promise<Work> {
  const abs = ctx.files.resolve(body.path);
  const text = body.text ?? (await ctx.files.read(body.path)).text;
  const loaded = loadScenario(abs, { text, host: overlayHost(abs, text) });
  const denied = grantDiagnostics(loaded, ctx.grants);
  const diagnostics = [...loaded.diagnostics, ...denied].map((d) => toDiag(ctx, d, body.path));
  const ok = loaded.graph !== undefined && denied.length === 0;
  return { text, loaded, diagnostics, ...(ok ? { graph: loaded.graph } : {}) };
}

/** Fills in `env()` and `secret()`; the ones without a value make an error. */
function withRefs(graph: Graph): { graph: Graph } | { error: WorkError } {
  const { graph: resolved, missing } = resolveRefs(graph);
  return missing.length ? { error: { code: "EVT4006", message: missing.join("; ") } } : { graph: resolved };
}

/** A time from a request: epoch µs as is, text resolved in the generator's timezone. */
function timeValue(name: string, value: string | number | undefined, now: number, timezone: string) {
  if (value === undefined || typeof value === "number") return value;
  const bad = checkTime(value);
  if (bad) throw new HttpError(400, `\`${name}\`: invalid time \`${value}\`: ${bad}`);
  return resolveTime(value, { now, timezone });
}

function generatorOf(graph: Graph, name: string | undefined): GeneratorGraph | undefined {
  return name === undefined ? graph.generators[0] : graph.generators.find((g) => g.name === name);
}

// ── sandboxed calls ────────────────────────────────────────────────────────

/** A counting semaphore: how many sandboxed calls run at once. */
export class Slots {
  #free: number;
  #waiting: (() => void)[] = [];

  constructor(count: number) {
    this.#free = count;
  }

  /** Runs `fn` when a slot is free. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((r) => this.#waiting.push(r));
    try {
      return await fn();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    }
  }
}

class Timeout extends Error {}

type Calls = Parameters<typeof callSandboxed>[0];

/** Runs a computation in the sandbox; errors become data. */
async function sandboxed<T>(
  ctx: ScenarioContext,
  fn: Calls,
  graph: Graph,
  options: unknown,
  signal: AbortSignal | undefined,
): Promise<{ value: T } | { error: WorkError }> {
  const seconds = ctx.timeout / 1000;
  try {
    const value = await ctx.slots.run<unknown>(() => {
      const timeout = AbortSignal.timeout(ctx.timeout);
      const limit = new AbortController();
      timeout.addEventListener("abort", () => limit.abort(new Timeout()), { once: true });
      const all = signal ? AbortSignal.any([limit.signal, signal]) : limit.signal;
      return callSandboxed(fn, graph, options as never, { entry: ctx.entry, grants: ctx.grants, signal: all });
    });
    return { value: value as T };
  } catch (e) {
    if (e instanceof Timeout) {
      return {
        error: {
          code: "EVT4000",
          message:
            `Stopped after ${seconds}s: the ${fn} took too long (a template in an endless loop, or too much work)`,
        },
      };
    }
    if (e instanceof RunError) return { error: { code: e.code, message: e.message } };
    return { error: { code: "EVT4000", message: e instanceof Error ? e.message : String(e) } };
  }
}

// ── the calls ──────────────────────────────────────────────────────────────

/**
 * `POST /api/check`: the diagnostics of the editor's text, grants included.
 *
 * @param ctx The Studio's context.
 * @param body `{ path, text }`.
 */
export async function check(ctx: ScenarioContext, body: unknown): Promise<{ diagnostics: Diag[] }> {
  const work = await load(ctx, request(scenarioBody, body));
  return { diagnostics: work.diagnostics };
}

/** A generator as the outline lists it. */
export interface OutlineGenerator {
  name: string;
  /** The event plugin: `template`, `script` or `replay`. */
  event: string;
  /** The template plugin's picking mode. */
  pick?: string;
  templates: string[];
  inputs: string[];
  /** The formats of its outputs first, then every other formatter. */
  formatters: string[];
  timezone: string;
  seed?: number;
}

/**
 * `POST /api/outline`: the generators (when the scenario checks) and the
 * pattern controls (whenever the text parses).
 */
export async function outline(
  ctx: ScenarioContext,
  body: unknown,
): Promise<{ diagnostics: Diag[]; generators: OutlineGenerator[]; controls: Control[] }> {
  const req = request(scenarioBody, body);
  const work = await load(ctx, req);
  const parsed = parse(work.text, req.path).value;
  const controls = parsed && !parsed.recovered ? controlsOf(parsed) : [];
  const generators = (work.loaded.graph?.generators ?? []).map((g): OutlineGenerator => {
    const options = g.event.options as { pick?: string; template?: { name: string }[] };
    const own = [...new Set(g.outputs.map((o) => o.format.plugin))];
    return {
      name: g.name,
      event: g.event.plugin,
      ...(g.event.plugin === "template" && options.pick ? { pick: options.pick } : {}),
      templates: g.event.plugin === "template" ? (options.template ?? []).map((t) => t.name) : [],
      inputs: g.inputs.map((n, i) => inputLabel(n, i)),
      formatters: [...own, ...[...formatters.keys()].filter((f) => !own.includes(f))],
      timezone: g.timezone,
      ...(g.seed === undefined ? {} : { seed: g.seed }),
    };
  });
  return { diagnostics: work.diagnostics, generators, controls };
}

/** `POST /api/timeline`: histogram counts per input and merged. */
export async function timelines(
  ctx: ScenarioContext,
  body: unknown,
  signal?: AbortSignal,
): Promise<{ diagnostics: Diag[]; timelines: Timeline[]; error?: WorkError }> {
  const req = request(timelineBody, body);
  const work = await load(ctx, req);
  if (!work.graph) return { diagnostics: work.diagnostics, timelines: [] };
  const shown = work.graph.generators.filter((g) => req.generator === undefined || g.name === req.generator);
  const zones = new Set(shown.map((g) => g.timezone));
  const timezone = zones.size === 1 ? [...zones][0] as string : "UTC";
  const now = timeValue("now", req.now, ctx.now, timezone) ?? ctx.now;
  const from = timeValue("from", req.from, now, timezone);
  const to = timeValue("to", req.to, now, timezone);
  if (from !== undefined && to !== undefined && from >= to) throw new HttpError(400, "`from` must be before `to`");
  let bin: number | undefined;
  if (req.bin !== undefined) {
    const us = parseDuration(req.bin);
    if (typeof us === "string") throw new HttpError(400, `\`bin\`: invalid duration \`${req.bin}\`: ${us}`);
    if (us <= 0) throw new HttpError(400, "`bin` must be longer than zero");
    bin = us;
  }
  if (bin !== undefined && from !== undefined && to !== undefined && (to - from) / bin > MAX_BINS) {
    throw new HttpError(400, `Too many bins: more than ${MAX_BINS.toLocaleString("en-US")}; widen \`bin\``);
  }
  const refs = withRefs(inputsOnly(work.graph));
  if ("error" in refs) return { diagnostics: work.diagnostics, timelines: [], error: refs.error };
  const options: TimelineOptions = {
    now,
    seed: req.seed ?? ctx.seed,
    limit: ctx.limit,
    ...(bin === undefined ? {} : { bin }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(req.generator === undefined ? {} : { generator: req.generator }),
    ...(req.input === undefined ? {} : { input: req.input }),
  };
  const r = await sandboxed<Timeline[]>(ctx, "timeline", refs.graph, options, signal);
  return "error" in r
    ? { diagnostics: work.diagnostics, timelines: [], error: r.error }
    : { diagnostics: work.diagnostics, timelines: r.value };
}

/** The render options of a render or preview request. */
function renderOptions(ctx: ScenarioContext, graph: Graph, req: v.InferOutput<typeof renderBody>) {
  const timezone = generatorOf(graph, req.generator)?.timezone ?? "UTC";
  const now = timeValue("now", req.now, ctx.now, timezone) ?? ctx.now;
  const at = timeValue("at", req.at, now, timezone);
  if (at !== undefined && !Number.isFinite(at)) throw new HttpError(400, "`at` must be a point in time");
  const initial: StateView | undefined = req.state && {
    locals: req.state.locals as StateView["locals"],
    shared: req.state.shared,
    globals: req.state.globals,
    ...(req.state.next === undefined ? {} : { next: req.state.next }),
  };
  return {
    steps: req.steps,
    seed: req.seed ?? ctx.seed,
    now,
    state: true,
    ...(req.generator === undefined ? {} : { generator: req.generator }),
    ...(req.template === undefined ? {} : { template: req.template }),
    ...(at === undefined ? {} : { at }),
    ...(initial === undefined ? {} : { initial }),
  };
}

/**
 * `POST /api/render`: steps of a generator with the state after each,
 * optionally from a given starting state.
 */
export async function render(
  ctx: ScenarioContext,
  body: unknown,
  signal?: AbortSignal,
): Promise<{ diagnostics: Diag[]; steps: RenderStep[]; error?: WorkError }> {
  const req = request(renderBody, body);
  const work = await load(ctx, req);
  if (!work.graph) return { diagnostics: work.diagnostics, steps: [] };
  const options = renderOptions(ctx, work.graph, req);
  const refs = withRefs(work.graph);
  if ("error" in refs) return { diagnostics: work.diagnostics, steps: [], error: refs.error };
  const r = await sandboxed<RenderStep[]>(ctx, "render", refs.graph, options, signal);
  return "error" in r
    ? { diagnostics: work.diagnostics, steps: [], error: r.error }
    : { diagnostics: work.diagnostics, steps: r.value };
}

/** `POST /api/preview`: the same events as a render, through a formatter. */
export async function preview(
  ctx: ScenarioContext,
  body: unknown,
  signal?: AbortSignal,
): Promise<
  { diagnostics: Diag[]; format: string; lines: string[]; failures: string[]; steps: RenderStep[]; error?: WorkError }
> {
  const req = request(previewBody, body);
  const work = await load(ctx, req);
  const format = req.format ?? "";
  const empty = { format, lines: [], failures: [], steps: [] };
  if (!work.graph) return { diagnostics: work.diagnostics, ...empty };
  const options = { ...renderOptions(ctx, work.graph, req), ...(req.format === undefined ? {} : { format }) };
  const refs = withRefs(work.graph);
  if ("error" in refs) return { diagnostics: work.diagnostics, ...empty, error: refs.error };
  const r = await sandboxed<Preview>(ctx, "preview", refs.graph, options, signal);
  return "error" in r ? { diagnostics: work.diagnostics, ...empty, error: r.error } : {
    diagnostics: work.diagnostics,
    ...r.value,
  };
}
