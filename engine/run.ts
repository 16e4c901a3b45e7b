/**
 * Runs a graph: for each generator, inputs → merge → event plugin →
 * formatters → outputs, batch by batch. Generators of one graph run
 * concurrently and share `globals`. This module does no permission handling:
 * it runs wherever it is called, which for `eventum gen` is a sandboxed
 * Worker (see `worker.ts`).
 *
 * @module
 */
import type { GeneratorGraph, Graph } from "./graph.ts";
import { Merger } from "./merge.ts";
import { Rng } from "./random.ts";
import { formatters, outputs as outputSpecs } from "./registry.ts";
import { createEvent } from "./_event.ts";
import { RenderPool, type RenderThreads } from "./render_pool.ts";
import type { EventPlugin, Failure, InputPlugin } from "./spec.ts";
import { EventError, OutputClosed } from "./spec.ts";
import { State } from "./events/template/state.ts";
import { readTextSandboxed } from "./sandbox.ts";
import { type Clock, realClock } from "./clock.ts";
import { Lateness, type LatenessSummary } from "./lateness.ts";
import { createInputs } from "./inputs/create.ts";
import { RunError } from "./run_error.ts";
import { Pipeline, type Shard, type Sink } from "./_pipeline.ts";
import { liveLoop, sampleLoop } from "./_loops.ts";
import { defaultDeadLetter, Delivery, deliveryOptions, type OutputCounters } from "./outputs/delivery.ts";
import { compileRecordTemplate } from "./outputs/_record_template.ts";

/** What a generator has done so far. */
export interface Counters {
  /** Timestamps taken from the inputs (this shard's, when sharded). */
  timestamps: number;
  /** Events the event plugin produced, including those that failed to render. */
  generated: number;
  /** Events written by every output (the smallest count among outputs). */
  written: number;
  /** Events that failed to render or to format. */
  failed: number;
  /** Events dropped on purpose by a template. */
  dropped: number;
}

/** Options of a run. */
export interface RunOptions {
  /** The start of the run, epoch microseconds; by default the clock's time when the run starts. */
  now?: number;
  /** The seed of generators without their own. */
  seed: number;
  /** Stop after this many events per generator (timestamps, when sharded). */
  count?: number;
  /** Stop at this timestamp (epoch microseconds, exclusive). */
  until?: number;
  /** Render and write only this part of the timeline. */
  shard?: Shard;
  /** Aborting stops the inputs; what was rendered is still written. */
  signal?: AbortSignal;
  /** Aborting gives up on writing: what is left goes to the dead-letter files. */
  hardStop?: AbortSignal;
  /** Called with failures that did not stop the run (capped). */
  onFailure?: (generator: string, failure: Failure) => void;
  /** Called after each batch. */
  onProgress?: (generator: string, counters: Counters) => void;
  /** The clock of live mode; the real one by default. */
  clock?: Clock;
  /** Render workers for sample-mode generators whose events are independent (see render_pool.ts). */
  renderers?: RenderThreads;
}

/** How a generator's run ended. */
export interface GeneratorResult {
  name: string;
  seed: number;
  counters: Counters;
  /** Each output's own counts: events written, failed, retried, dead-lettered, dropped. */
  outputs: { label: string; counters: OutputCounters }[];
  /** Live mode: how late events were handed to the outputs. */
  lateness?: LatenessSummary;
  /** Live mode: seconds the generator ran on its clock (the achieved rate is `generated / seconds`). */
  seconds?: number;
  /** Threads that rendered events, when more than one did (see render_pool.ts). */
  threads?: number;
  /** Set when the run stopped on an error. */
  error?: Failure;
  /** Set when the run ended early without an error: an output's reader went away. */
  stopped?: string;
}

export { RunError };

export type { Shard };

/**
 * Runs every generator of a graph to its end.
 *
 * @param graph The compiled scenario.
 * @param options The clock, seed and bounds.
 * @returns One result per generator, in graph order.
 */
export async function runGraph(graph: Graph, options: RunOptions): Promise<GeneratorResult[]> {
  const globals = new State(undefined, { rng: new Rng(options.seed, "globals") });
  const now = options.now ?? Math.round((options.clock ?? realClock).now());
  return await Promise.all(graph.generators.map((g) => runGenerator(g, globals, { ...options, now })));
}

async function runGenerator(
  g: GeneratorGraph,
  globals: State,
  options: RunOptions & { now: number },
): Promise<GeneratorResult> {
  const seed = g.seed ?? options.seed;
  const rng = new Rng(seed, g.name);
  const counters: Counters = { timestamps: 0, generated: 0, written: 0, failed: 0, dropped: 0 };
  const result: GeneratorResult = { name: g.name, seed, counters, outputs: [] };
  const readText = readTextSandboxed;
  const clock = options.clock ?? realClock;
  const stop = new AbortController();
  const abort = () => stop.abort();
  options.signal?.addEventListener("abort", abort, { once: true });
  if (options.signal?.aborted) stop.abort();
  const live = g.mode === "live";
  let inputs: InputPlugin[] = [];
  const sinks: Sink[] = [];
  let event: EventPlugin | undefined;
  let pool: RenderPool | undefined;
  const fail = (failure: Failure) => {
    result.error = failure;
    return result;
  };
  try {
    inputs = await createInputs(g, {
      now: options.now,
      rng,
      clock,
      signal: stop.signal,
      readText,
      ...(live && g.skipPast ? { from: options.now } : {}),
    });
    event = await createEvent(g, rng, globals);
    const bounded = options.count !== undefined || options.until !== undefined || event.ends === true;
    if (!live && !bounded && !inputs.every((i) => i.finite)) {
      const endless = g.inputs.find((_, i) => !inputs[i]?.finite)?.plugin ?? "?";
      return fail({
        source: g.name,
        code: "EVT4004",
        message: `Input \`${endless}\` of generator \`${g.name}\` never ends in sample mode: bound it ` +
          `(for a timer, \`repeat N\`) or run with --count N or --until TIME`,
      });
    }
    for (const [n, node] of g.outputs.entries()) {
      const spec = outputSpecs.get(node.plugin);
      const fspec = formatters.get(node.format.plugin);
      if (!spec || !fspec) {
        return fail({
          source: g.name,
          code: "EVT4002",
          message: `Unknown output \`${node.plugin}\` or formatter \`${node.format.plugin}\``,
        });
      }
      const formatter = await fspec.create(node.format.options, { dir: g.dir, timezone: g.timezone, readText });
      const label = `output \`${node.plugin}\``;
      const output = await spec.create(node.options, {
        dir: g.dir,
        timezone: g.timezone,
        label,
        compile: (text) => compileRecordTemplate(text, { dir: g.dir, timezone: g.timezone, readText }),
      });
      const settings = deliveryOptions(node.delivery, defaultDeadLetter(g.dir, g.name, n, node.plugin));
      const delivery = new Delivery(output, settings, {
        live,
        label,
        ...(spec.delivery ? { defaults: spec.delivery } : {}),
      });
      sinks.push({ delivery, formatter });
      options.hardStop?.addEventListener("abort", () => delivery.abort(), { once: true });
      result.outputs.push({ label, counters: delivery.counters });
    }
    const timed = inputs.map((input, i) => ({ input, i })).filter((x) => !(live && x.input.interactive));
    const merger = new Merger(timed.map((x) => x.input), { indexes: timed.map((x) => x.i) });
    const lateness = live ? new Lateness() : undefined;
    const threads = options.renderers;
    if (!live && event.independent && !options.shard && threads && threads.threads > 1) {
      pool = new RenderPool(threads, g, seed, g.inputs.map((i) => i.tags));
    }
    const pipeline = new Pipeline({
      event,
      sinks,
      counters,
      tags: g.inputs.map((i) => i.tags),
      name: g.name,
      options,
      ...(options.shard ? { shard: options.shard } : {}),
      ...(lateness ? { lateness, clock } : {}),
      ...(pool ? { pool } : {}),
    });
    const loop = {
      merger,
      pipeline,
      batchSize: g.batch.size,
      signal: stop.signal,
      ...(options.until === undefined ? {} : { until: options.until }),
      ...(live && g.skipPast ? { skipBefore: options.now } : {}),
    };
    if (live) {
      const interactive = inputs.map((input, index) => ({ input, index })).filter((x) => x.input.interactive);
      const began = clock.now();
      await liveLoop({ ...loop, clock, interactive, batchDelay: g.batch.delay });
      result.seconds = (clock.now() - began) / 1e6;
    } else {
      await sampleLoop(loop);
    }
    await pipeline.flush();
    if (pool && pool.threadsUsed > 1) result.threads = pool.threadsUsed;
    if (lateness) result.lateness = lateness.summary();
  } catch (e) {
    if (e instanceof OutputClosed) {
      result.stopped = e.message;
      return result;
    }
    if (e instanceof EventError) return fail(e.failure);
    if (e instanceof RunError) return fail({ source: g.name, code: e.code, message: e.message });
    return fail({ source: g.name, code: "EVT4000", message: e instanceof Error ? e.message : String(e) });
  } finally {
    options.signal?.removeEventListener("abort", abort);
    stop.abort();
    pool?.close();
    event?.close?.();
    for (const s of sinks) {
      try {
        await s.delivery.close();
      } catch (e) {
        if (e instanceof OutputClosed) {
          result.stopped ??= e.message;
          continue;
        }
        result.error ??= {
          source: g.name,
          code: "EVT4005",
          message: `${s.delivery.label}: ${(e as Error).message}`,
        };
      }
    }
    if (sinks.length) counters.written = Math.min(...sinks.map((s) => s.delivery.counters.written));
    for (const i of inputs) await i.close?.();
  }
  return result;
}
