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
import { events as eventSpecs, formatters, inputs as inputSpecs, outputs as outputSpecs } from "./registry.ts";
import type { EventPlugin, Failure, Formatter, InputPlugin, OutputPlugin, Produced } from "./spec.ts";
import { EventError } from "./spec.ts";
import { State } from "./events/template/state.ts";
import { readTextSandboxed } from "./sandbox.ts";

/** What a generator has done so far. */
export interface Counters {
  /** Timestamps taken from the inputs. */
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
  /** The start of the run, epoch microseconds (the injected clock). */
  now: number;
  /** The seed of generators without their own. */
  seed: number;
  /** Stop after this many events per generator. */
  count?: number;
  /** Stop at this timestamp (epoch microseconds, exclusive). */
  until?: number;
  /** Aborting stops the inputs; what was rendered is still written. */
  signal?: AbortSignal;
  /** Called with failures that did not stop the run (capped). */
  onFailure?: (generator: string, failure: Failure) => void;
  /** Called after each batch. */
  onProgress?: (generator: string, counters: Counters) => void;
  /** The clock for live mode, epoch microseconds. */
  clock?: () => number;
  /** Sleeps in live mode. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** How a generator's run ended. */
export interface GeneratorResult {
  name: string;
  seed: number;
  counters: Counters;
  /** Set when the run stopped on an error. */
  error?: Failure;
}

/** A run-time error with a diagnostic code, reported without a stack trace. */
export class RunError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "RunError";
  }
}

/**
 * Runs every generator of a graph to its end.
 *
 * @param graph The compiled scenario.
 * @param options The clock, seed and bounds.
 * @returns One result per generator, in graph order.
 */
export async function runGraph(graph: Graph, options: RunOptions): Promise<GeneratorResult[]> {
  const globals = new State();
  return await Promise.all(graph.generators.map((g) => runGenerator(g, globals, options)));
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

interface Sink {
  output: OutputPlugin;
  formatter: Formatter;
  written: number;
}

async function runGenerator(g: GeneratorGraph, globals: State, options: RunOptions): Promise<GeneratorResult> {
  const seed = g.seed ?? options.seed;
  const rng = new Rng(seed, g.name);
  const counters: Counters = { timestamps: 0, generated: 0, written: 0, failed: 0, dropped: 0 };
  let rendered = 0;
  const result: GeneratorResult = { name: g.name, seed, counters };
  const readText = readTextSandboxed;
  const inputs: InputPlugin[] = [];
  const sinks: Sink[] = [];
  let event: EventPlugin | undefined;
  const fail = (failure: Failure) => {
    result.error = failure;
    return result;
  };
  try {
    for (const [i, node] of g.inputs.entries()) {
      const spec = inputSpecs.get(node.plugin);
      if (!spec) return fail({ source: g.name, code: "EVT4002", message: `Unknown input plugin \`${node.plugin}\`` });
      inputs.push(
        await spec.create(node.options, {
          now: options.now,
          timezone: g.timezone,
          mode: g.mode,
          rng: rng.child(`input:${i}`),
          dir: g.dir,
          readText,
        }),
      );
    }
    const merger = new Merger(inputs);
    if (g.mode === "sample" && !merger.finite && options.count === undefined && options.until === undefined) {
      const endless = g.inputs.find((_, i) => !inputs[i]?.finite)?.plugin ?? "?";
      return fail({
        source: g.name,
        code: "EVT4004",
        message:
          `Input \`${endless}\` of generator \`${g.name}\` never ends in sample mode: bound it (for a timer, \`repeat N\`) or run with --count N or --until TIME`,
      });
    }
    const eventSpec = eventSpecs.get(g.event.plugin);
    if (!eventSpec) {
      return fail({ source: g.name, code: "EVT4002", message: `Unknown event plugin \`${g.event.plugin}\`` });
    }
    event = await eventSpec.create(g.event.options, {
      dir: g.dir,
      timezone: g.timezone,
      rng: rng.child("event"),
      params: g.params,
      samples: g.samples,
      shared: new State(),
      globals,
      readText,
    });
    for (const node of g.outputs) {
      const spec = outputSpecs.get(node.plugin);
      const fspec = formatters.get(node.format.plugin);
      if (!spec || !fspec) {
        return fail({
          source: g.name,
          code: "EVT4002",
          message: `Unknown output \`${node.plugin}\` or formatter \`${node.format.plugin}\``,
        });
      }
      const formatter = await fspec.create(node.format.options, { dir: g.dir, readText });
      sinks.push({ output: await spec.create(node.options, { dir: g.dir }), formatter, written: 0 });
    }
    const tags = g.inputs.map((i) => i.tags);
    const limit = options.count ?? Infinity;
    const clock = options.clock ?? (() => Date.now() * 1000);
    const sleep = options.sleep ?? sleepFor;
    const live = g.mode === "live";
    let skipBefore = live && g.skipPast ? options.now : -Infinity;
    for (;;) {
      if (options.signal?.aborted || rendered >= limit) break;
      const want = Math.min(g.batch.size, Math.max(1, limit - rendered));
      const b = await merger.next(want);
      if (b.length === 0) break;
      let { timestamps, inputs: ins } = b;
      if (options.until !== undefined) {
        let n = 0;
        while (n < timestamps.length && (timestamps[n] as number) < options.until) n++;
        timestamps = timestamps.subarray(0, n);
        ins = ins.subarray(0, n);
      }
      if (skipBefore > -Infinity) {
        let s = 0;
        while (s < timestamps.length && (timestamps[s] as number) < skipBefore) s++;
        if (s === timestamps.length && s > 0) continue;
        skipBefore = -Infinity;
        timestamps = timestamps.subarray(s);
        ins = ins.subarray(s);
      }
      if (timestamps.length === 0) break;
      let stop = false;
      let from = 0;
      while (from < timestamps.length && !stop) {
        let to = timestamps.length;
        if (live) {
          const due = timestamps[from] as number;
          const wait = (due - clock()) / 1000;
          if (wait > 0) await sleep(wait, options.signal);
          if (options.signal?.aborted) {
            stop = true;
            break;
          }
          const now = clock();
          to = from + 1;
          while (to < timestamps.length && (timestamps[to] as number) <= now) to++;
        }
        const part = {
          timestamps: timestamps.subarray(from, to),
          inputs: ins.subarray(from, to),
          length: to - from,
          tags,
        };
        from = to;
        counters.timestamps += part.length;
        const produced = event.produce(part);
        if (produced.events.length > limit - rendered) {
          const keep = limit - rendered;
          produced.events.length = keep;
          produced.origins.length = keep;
        }
        rendered += produced.events.length;
        counters.generated += produced.events.length + produced.failed;
        counters.failed += produced.failed;
        counters.dropped += produced.dropped;
        for (const f of produced.failures) options.onFailure?.(g.name, f);
        await writeAll(sinks, produced, counters, g.name, options);
        options.onProgress?.(g.name, counters);
        if (produced.exhausted || rendered >= limit) stop = true;
      }
      if (stop || (options.until !== undefined && timestamps.length < b.length)) break;
    }
  } catch (e) {
    if (e instanceof EventError) return fail(e.failure);
    if (e instanceof RunError) return fail({ source: g.name, code: e.code, message: e.message });
    return fail({ source: g.name, code: "EVT4000", message: e instanceof Error ? e.message : String(e) });
  } finally {
    event?.close?.();
    for (const s of sinks) {
      try {
        await s.output.close();
      } catch (e) {
        result.error ??= { source: g.name, code: "EVT4005", message: `Cannot close output: ${(e as Error).message}` };
      }
    }
    for (const i of inputs) await i.close?.();
  }
  return result;
}

async function writeAll(
  sinks: Sink[],
  produced: Produced,
  counters: Counters,
  name: string,
  options: RunOptions,
): Promise<void> {
  let formatFailures = 0;
  await Promise.all(sinks.map(async (s) => {
    const f = s.formatter.format(produced);
    if (f.failures.length) {
      formatFailures = Math.max(formatFailures, f.failures.length);
      for (const x of f.failures.slice(0, 10)) options.onFailure?.(name, x);
    }
    await s.output.write(f.lines);
    s.written += f.lines.length;
  }));
  counters.failed += formatFailures;
  counters.written = sinks.length ? Math.min(...sinks.map((s) => s.written)) : 0;
}
