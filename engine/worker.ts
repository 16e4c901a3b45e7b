/**
 * The engine Worker. The program spawns it from its own entry module with
 * exactly the granted permissions; the module starts the engine when it
 * finds itself in a Worker named {@link ENGINE_WORKER}. User templates never
 * run on the main thread.
 *
 * @module
 */
import type { Graph } from "./graph.ts";
import { type Counters, type GeneratorResult, runGraph, type Shard } from "./run.ts";
import type { Failure } from "./spec.ts";
import { type Grants, workerPermissions } from "./permissions.ts";
import { RunError } from "./run_error.ts";
import { type Timeline, timeline, type TimelineOptions } from "./timeline.ts";
import { type RenderOptions, type RenderStep, renderSteps } from "./render.ts";
import { type Preview, type PreviewOptions, previewSteps } from "./preview.ts";
import { RENDER_WORKER } from "./render_pool.ts";

/** The name the engine Worker is spawned with. */
export const ENGINE_WORKER = "eventum-engine";

/** What a run is asked for, besides its graph. */
export interface RunRequest {
  /** The start of the run; by default the moment the engine starts it. */
  now?: number;
  seed: number;
  count?: number;
  until?: number;
  shard?: Shard;
  /** Threads rendering events in all (1: the engine's own only); the engine asks for render workers with `spawn-renderers`. */
  threads?: number;
}

/** Main thread → worker. */
export type ToWorker =
  | ({ type: "run"; graph: Graph } & RunRequest)
  | { type: "renderer-port"; id: number; port: MessagePort }
  | { type: "call"; fn: keyof Calls; graph: Graph; options: unknown }
  | { type: "stop"; hard?: boolean };

/** Worker → main thread. */
export type FromWorker =
  | { type: "progress"; generator: string; counters: Counters }
  | { type: "failure"; generator: string; failure: Failure }
  | { type: "done"; results: GeneratorResult[] }
  | { type: "crash"; message: string }
  | { type: "result"; value: unknown }
  | { type: "call-error"; code: string; message: string }
  | { type: "spawn-renderers"; id: number; count: number };

/** One-shot computations that run in the sandbox: a graph and options in, plain data out. */
const CALLS = {
  timeline: (graph: Graph, options: TimelineOptions): Promise<Timeline[]> => timeline(graph, options),
  render: (graph: Graph, options: RenderOptions): Promise<RenderStep[]> => renderSteps(graph, options),
  preview: (graph: Graph, options: PreviewOptions): Promise<Preview> => previewSteps(graph, options),
};
type Calls = typeof CALLS;

/** True when this module runs inside the engine Worker. */
export function isEngineWorker(): boolean {
  const g = globalThis as { name?: string; postMessage?: unknown; document?: unknown };
  return g.name === ENGINE_WORKER && typeof g.postMessage === "function" &&
    typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";
}

/** Serves run requests inside the engine Worker. */
export function serveEngine(): void {
  const scope = globalThis as unknown as {
    postMessage(m: FromWorker): void;
    onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  };
  const controller = new AbortController();
  const hard = new AbortController();
  let lastProgress = 0;
  const portWanted = new Map<number, (port: MessagePort) => void>();
  let nextPool = 0;
  scope.onmessage = async (e) => {
    const msg = e.data;
    if (msg.type === "renderer-port") {
      portWanted.get(msg.id)?.(msg.port);
      return;
    }
    if (msg.type === "stop") {
      controller.abort();
      if (msg.hard) hard.abort();
      return;
    }
    if (msg.type === "call") {
      try {
        const fn = CALLS[msg.fn] as (g: Graph, o: unknown) => Promise<unknown>;
        scope.postMessage({ type: "result", value: await fn(msg.graph, msg.options) });
      } catch (err) {
        scope.postMessage({
          type: "call-error",
          code: err instanceof RunError ? err.code : "EVT4000",
          message: err instanceof Error ? err.message : String(err),
        });
      }
      return;
    }
    try {
      const opts = {
        ...(msg.now === undefined ? {} : { now: msg.now }),
        seed: msg.seed,
        signal: controller.signal,
        hardStop: hard.signal,
        onFailure: (generator: string, failure: Failure) => scope.postMessage({ type: "failure", generator, failure }),
        onProgress: (generator: string, counters: Counters) => {
          const t = performance.now();
          if (t - lastProgress < 100) return;
          lastProgress = t;
          scope.postMessage({ type: "progress", generator, counters: { ...counters } });
        },
      };
      const results = await runGraph(msg.graph, {
        ...opts,
        ...(msg.count === undefined ? {} : { count: msg.count }),
        ...(msg.until === undefined ? {} : { until: msg.until }),
        ...(msg.shard === undefined ? {} : { shard: msg.shard }),
        ...(msg.threads === undefined ? {} : {
          renderers: {
            threads: msg.threads,
            spawn(count: number, onPort: (port: MessagePort) => void) {
              const id = nextPool++;
              portWanted.set(id, onPort);
              scope.postMessage({ type: "spawn-renderers", id, count });
            },
          },
        }),
      });
      scope.postMessage({ type: "done", results });
    } catch (err) {
      scope.postMessage({ type: "crash", message: err instanceof Error ? err.message : String(err) });
    }
  };
}

function spawnWorker(entry: string | URL, name: string, graph: Graph, grants: Grants): Worker {
  return new Worker(entry, {
    type: "module",
    name,
    deno: { permissions: workerPermissions(graph, grants) },
  } as WorkerOptions);
}

function spawnEngine(entry: string | URL, graph: Graph, grants: Grants): Worker {
  return spawnWorker(entry, ENGINE_WORKER, graph, grants);
}

/**
 * Runs one of the sandboxed computations (`timeline`, `render`, `preview`)
 * in a fresh engine Worker with the graph's permissions.
 *
 * @param sandbox The entry module, the grants, and a `signal` that
 * terminates the Worker at once (a template stuck in a loop cannot stop by
 * itself); the call then rejects with the signal's reason.
 */
export function callSandboxed<K extends keyof Calls>(
  fn: K,
  graph: Graph,
  options: Parameters<Calls[K]>[1],
  sandbox: { entry: string | URL; grants: Grants; signal?: AbortSignal },
): ReturnType<Calls[K]> {
  const { signal } = sandbox;
  if (signal?.aborted) return Promise.reject(signal.reason) as ReturnType<Calls[K]>;
  const worker = spawnEngine(sandbox.entry, graph, sandbox.grants);
  return new Promise((resolve, reject) => {
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener("abort", abort);
    };
    const abort = () => {
      finish();
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", abort, { once: true });
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type !== "result" && m.type !== "call-error" && m.type !== "crash") return;
      finish();
      if (m.type === "result") resolve(m.value as Awaited<ReturnType<Calls[K]>>);
      else if (m.type === "call-error") reject(new RunError(m.code, m.message));
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      finish();
      reject(new Error(e.message));
    };
    worker.postMessage({ type: "call", fn, graph, options } satisfies ToWorker);
  }) as ReturnType<Calls[K]>;
}

/** Computes timelines in the sandboxed engine Worker (for `eventum plot`). */
export function timelineSandboxed(
  graph: Graph,
  options: TimelineOptions,
  sandbox: { entry: string | URL; grants: Grants },
): Promise<Timeline[]> {
  return callSandboxed("timeline", graph, options, sandbox);
}

/** Options for {@link runSandboxed}. */
export interface SandboxedOptions extends RunRequest {
  /** The module to spawn as the Worker: the program's own entry. */
  entry: string | URL;
  grants: Grants;
  signal?: AbortSignal;
  /** Aborting gives up on writes: what is not written goes to dead-letter files (a second Ctrl-C). */
  hardStop?: AbortSignal;
  onFailure?: (generator: string, failure: Failure) => void;
  onProgress?: (generator: string, counters: Counters) => void;
}

/**
 * Runs a graph in a Worker whose permissions are exactly the grants plus the
 * scenario's own files.
 *
 * @returns One result per generator.
 */
export function runSandboxed(graph: Graph, options: SandboxedOptions): Promise<GeneratorResult[]> {
  const worker = spawnEngine(options.entry, graph, options.grants);
  return new Promise((resolve, reject) => {
    const stop = () => worker.postMessage({ type: "stop" } satisfies ToWorker);
    const hardStop = () => worker.postMessage({ type: "stop", hard: true } satisfies ToWorker);
    options.signal?.addEventListener("abort", stop, { once: true });
    options.hardStop?.addEventListener("abort", hardStop, { once: true });
    const renderers: Worker[] = [];
    const finish = () => {
      options.signal?.removeEventListener("abort", stop);
      options.hardStop?.removeEventListener("abort", hardStop);
      worker.terminate();
      for (const r of renderers) r.terminate();
    };
    // Render workers get the engine's permissions and talk to it through a port of their own.
    const spawnRenderers = (id: number, count: number) => {
      for (let i = 0; i < count; i++) {
        const r = spawnWorker(options.entry, RENDER_WORKER, graph, options.grants);
        renderers.push(r);
        r.onerror = (e) => {
          e.preventDefault();
          finish();
          reject(new Error(`a render worker failed: ${e.message}`));
        };
        const { port1, port2 } = new MessageChannel();
        r.postMessage({ type: "port", port: port2 }, [port2]);
        worker.postMessage({ type: "renderer-port", id, port: port1 } satisfies ToWorker, [port1]);
      }
    };
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      switch (m.type) {
        case "progress":
          options.onProgress?.(m.generator, m.counters);
          break;
        case "failure":
          options.onFailure?.(m.generator, m.failure);
          break;
        case "done":
          finish();
          resolve(m.results);
          break;
        case "crash":
          finish();
          reject(new Error(m.message));
          break;
        case "spawn-renderers":
          spawnRenderers(m.id, m.count);
          break;
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      finish();
      reject(new Error(e.message));
    };
    const msg: ToWorker = { type: "run", graph, seed: options.seed };
    if (options.now !== undefined) msg.now = options.now;
    if (options.count !== undefined) msg.count = options.count;
    if (options.until !== undefined) msg.until = options.until;
    if (options.shard !== undefined) msg.shard = options.shard;
    if (options.threads !== undefined && options.threads > 1) msg.threads = options.threads;
    worker.postMessage(msg);
  });
}
