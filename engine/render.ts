/**
 * Renders a few steps of a generator without outputs, for `eventum render`
 * and the Studio's template debugger: each step's events and, on request, the
 * state after it.
 *
 * @module
 */
import type { GeneratorGraph, Graph } from "./graph.ts";
import { Rng } from "./random.ts";
import { events as eventSpecs } from "./registry.ts";
import { EventError } from "./spec.ts";
import { State } from "./events/template/state.ts";
import { readTextSandboxed } from "./sandbox.ts";
import { realClock } from "./clock.ts";
import { createInputs } from "./inputs/create.ts";
import { Merger } from "./merge.ts";
import { RunError } from "./run_error.ts";
import { didYouMean } from "./suggest.ts";

/** What to render. */
export interface RenderOptions {
  /** The generator; the first one by default. */
  generator?: string;
  /** Only this template of a `template` event plugin, whatever the picking mode. */
  template?: string;
  /** Every step at this instant (epoch µs); by default the inputs' timestamps, in order. */
  at?: number;
  /** How many timestamps to render. */
  steps: number;
  seed: number;
  /** The start of the run (for `now` and relative times). */
  now?: number;
  /** Include the state after each step. */
  state?: boolean;
  /** Start from this state instead of empty ones (the Studio's debugger, after editing a state). */
  initial?: StateView;
}

/** The state after a step: plain data. */
export interface StateView {
  locals: Record<string, Record<string, unknown>>;
  shared: Record<string, unknown>;
  globals: Record<string, unknown>;
  /** With `pick fsm`: the template the machine renders next. */
  next?: string;
}

/** One rendered step. */
export interface RenderStep {
  step: number;
  /** Epoch microseconds. */
  timestamp: number;
  timezone: string;
  tags: string[];
  events: { source: string; text: string }[];
  dropped: number;
  failures: string[];
  /** Set when a template failed and stopped the steps. */
  error?: string;
  state?: StateView;
}

/** JSON-safe copy: what state holds may be any template value. */
function plain(x: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(x ?? {}, (_k, v) => (typeof v === "bigint" ? String(v) : v))) as Record<
    string,
    unknown
  >;
}

function pickGenerator(graph: Graph, name: string | undefined): GeneratorGraph {
  const g = name === undefined ? graph.generators[0] : graph.generators.find((x) => x.name === name);
  if (!g) {
    const names = graph.generators.map((x) => x.name);
    const hint = name === undefined ? "" : ` (${didYouMean(name, names) ?? `generators: ${names.join(", ")}`})`;
    throw new RunError("EVT4002", `No generator named \`${name}\`${hint}`);
  }
  return g;
}

/** The event options, narrowed to one template when asked. */
function narrow(g: GeneratorGraph, template: string | undefined): Record<string, unknown> {
  if (template === undefined) return g.event.options;
  if (g.event.plugin !== "template") {
    throw new RunError("EVT4002", `--template needs the \`template\` event plugin, not \`${g.event.plugin}\``);
  }
  const all = g.event.options.template as { name: string; to?: unknown[] }[];
  const one = all.find((t) => t.name === template);
  if (!one) {
    const names = all.map((t) => t.name);
    throw new RunError(
      "EVT4002",
      `No template named \`${template}\` (${didYouMean(template, names) ?? `templates: ${names.join(", ")}`})`,
    );
  }
  return { ...g.event.options, pick: "all", template: [{ ...one, to: [], initial: true }] };
}

/**
 * Renders `steps` timestamps of a generator.
 *
 * @returns One entry per step, with its events (and state when asked).
 */
export async function renderSteps(graph: Graph, options: RenderOptions): Promise<RenderStep[]> {
  const g = pickGenerator(graph, options.generator);
  const now = options.now ?? Math.round(realClock.now());
  const rng = new Rng(g.seed ?? options.seed, g.name);
  const spec = eventSpecs.get(g.event.plugin);
  if (!spec) throw new RunError("EVT4002", `Unknown event plugin \`${g.event.plugin}\``);
  const eventRng = rng.child("event");
  const shared = new State(options.initial?.shared, { rng: eventRng.child("shared") });
  const globals = new State(options.initial?.globals, { rng: new Rng(options.seed, "globals") });
  const stop = new AbortController();
  // The same streams as a run: inputs first, then the event plugin.
  const inputs = await createInputs(g, {
    now,
    rng,
    clock: realClock,
    signal: stop.signal,
    readText: readTextSandboxed,
  });
  const event = await spec.create(narrow(g, options.template), {
    dir: g.dir,
    timezone: g.timezone,
    rng: eventRng,
    params: g.params,
    samples: g.samples,
    shared,
    globals,
    readText: readTextSandboxed,
  });
  if (options.initial) {
    const { locals, next } = options.initial;
    event.restore?.({ locals, ...(next === undefined ? {} : { next }) });
  }
  const tags = g.inputs.map((i) => i.tags);
  let times: Float64Array;
  let from: Uint16Array;
  if (options.at !== undefined) {
    times = new Float64Array(options.steps).fill(options.at);
    from = new Uint16Array(options.steps);
  } else {
    if (!inputs.every((i) => i.finite) && options.steps === Infinity) {
      throw new RunError("EVT4004", "Give a number of steps for an endless input");
    }
    const merged = await new Merger(inputs).next(options.steps);
    times = merged.timestamps;
    from = merged.inputs;
  }
  stop.abort();
  for (const i of inputs) await i.close?.();
  const out: RenderStep[] = [];
  try {
    for (let i = 0; i < times.length; i++) {
      const step: RenderStep = {
        step: i + 1,
        timestamp: times[i] as number,
        timezone: g.timezone,
        tags: [...(tags[from[i] as number] ?? [])],
        events: [],
        dropped: 0,
        failures: [],
      };
      try {
        const p = event.produce({
          start: i,
          timestamps: times.subarray(i, i + 1),
          inputs: from.subarray(i, i + 1),
          length: 1,
          tags,
        });
        step.events = p.events.map((text, k) => ({ source: p.sources[p.origins[k] as number] ?? "?", text }));
        step.dropped = p.dropped;
        step.failures = p.failures.map((f) => f.message);
        if (p.exhausted) step.failures.push("the template asked to stop the generator (`dispatch.exhaust()`)");
      } catch (e) {
        if (!(e instanceof EventError)) throw e;
        step.error = e.failure.message;
      }
      if (options.state) {
        const own = event.inspect?.();
        step.state = {
          locals: plain(own?.locals) as StateView["locals"],
          shared: plain(shared.as_dict()),
          globals: plain(globals.as_dict()),
          ...(own?.next === undefined ? {} : { next: own.next }),
        };
      }
      out.push(step);
      if (step.error) break;
    }
  } finally {
    event.close?.();
  }
  return out;
}
