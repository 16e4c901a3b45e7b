/**
 * Rendering on several threads without changing a byte of the output.
 *
 * An event plugin that is `independent` renders an event from the seed and
 * the event's position alone: randomness restarts at each block of
 * {@link BLOCK} timestamps. Such a generator's batches are cut at block
 * boundaries; render workers (which the main thread spawns with the
 * engine's own permissions, each talking to the engine through a port of its
 * own) render whole blocks while the engine renders the
 * rest, and the parts are put back in order. A block cut by a batch boundary
 * is always rendered by the engine, which rendered its first part: its
 * random stream goes on where it stopped.
 *
 * Workers start only once a run has shown it is long (starting one costs
 * about as much as rendering tens of thousands of events), and the share of
 * each batch they get is tuned batch by batch so that neither side waits.
 *
 * @module
 */
import type { GeneratorGraph } from "./graph.ts";
import { BLOCK, Rng } from "./random.ts";
import { EventError, type EventPlugin, type Failure, type Produced } from "./spec.ts";
import { createEvent } from "./_event.ts";
import { State } from "./events/template/state.ts";

/** The name render workers are spawned with. */
export const RENDER_WORKER = "eventum-render";

/** Engine → render worker. */
export type ToRenderer =
  | { type: "init"; generator: GeneratorGraph; seed: number; tags: readonly (readonly string[])[] }
  | { type: "produce"; id: number; start: number; timestamps: Float64Array; inputs: Uint16Array }
  | { type: "close" };

/** Render worker → engine. */
export type FromRenderer =
  | { type: "ready" }
  | { type: "broken"; message: string }
  | { type: "produced"; id: number; produced: Produced; done: number }
  | { type: "failed"; id: number; failure: Failure };

/** How many threads render, and how render workers are started. */
export interface RenderThreads {
  /** Threads rendering in all, the engine's included. */
  threads: number;
  /** Starts `count` render workers; the port to each arrives through `onPort`. */
  spawn(count: number, onPort: (port: MessagePort) => void): void;
}

interface Helper {
  port: MessagePort;
  pending: Map<number, { resolve(r: { produced: Produced; done: number }): void; reject(e: Error): void }>;
}

/** Renders `[from, to)` of the batch on this thread. */
export type LocalRender = (from: number, to: number) => Produced;

/** A batch being rendered by the engine and the workers. */
export interface RenderJob {
  /** Renders the engine's part. */
  renderLocal(local: LocalRender): void;
  /** Waits for the workers' parts and puts the batch together. */
  finish(): Promise<Produced>;
}

/** A part of a batch, or the error rendering it threw. */
type Outcome = { error: unknown; part?: { offset: number; produced: Produced } };

function attempt(render: () => Produced, offset: number): Outcome {
  try {
    return { error: undefined, part: { offset, produced: render() } };
  } catch (error) {
    return { error };
  }
}

/** Milliseconds since the epoch, comparable across threads. */
function wallMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Puts parts rendered for `[offset, ...)` of a batch back together, in order. */
export function joinParts(parts: readonly { offset: number; produced: Produced }[]): Produced {
  const first = parts[0]?.produced;
  const out: Produced = {
    events: [],
    stamps: [],
    origins: [],
    sources: first?.sources ?? [],
    failed: 0,
    dropped: 0,
    exhausted: false,
    failures: [],
  };
  for (const { offset, produced: p } of parts) {
    for (let i = 0; i < p.events.length; i++) {
      out.events.push(p.events[i] as string);
      out.stamps.push((p.stamps[i] as number) + offset);
      out.origins.push(p.origins[i] as number);
    }
    out.failed += p.failed;
    out.dropped += p.dropped;
    out.exhausted ||= p.exhausted;
    for (const f of p.failures) out.failures.push(f);
  }
  return out;
}

/**
 * How a batch of `length` timestamps starting at timeline position `start`
 * is shared: the engine renders `[0, localEnd)` and `[tail, length)`, the
 * helpers split `[localEnd, tail)`, which is whole blocks only.
 *
 * @param start The position of the batch's first timestamp.
 * @param length The batch's length.
 * @param localShare The fraction of the batch the engine should render.
 *
 * @example
 * ```ts
 * import { split } from "./render_pool.ts";
 * const s = split(1000, 5000, 0.5);
 * // 1000..1024 finishes a block; 5120..6000 starts one; whole blocks between.
 * if (s.tail !== 5120 - 1000 || (s.localEnd - 24) % 1024 !== 0) throw new Error(JSON.stringify(s));
 * ```
 */
export function split(start: number, length: number, localShare: number): { localEnd: number; tail: number } {
  const head = Math.min(length, (BLOCK - (start % BLOCK)) % BLOCK);
  const tail = Math.max(head, Math.floor((start + length) / BLOCK) * BLOCK - start);
  const blocks = (tail - head) / BLOCK;
  const want = localShare * length - head - (length - tail);
  const local = Math.max(0, Math.min(blocks, Math.round(want / BLOCK)));
  return { localEnd: head + local * BLOCK, tail };
}

/** Render workers for one generator. */
export class RenderPool {
  #threads: RenderThreads;
  #init: Extract<ToRenderer, { type: "init" }>;
  #helpers: Helper[] = [];
  #ready: Helper[] = [];
  #started = false;
  #closed = false;
  #next = 0;
  /** The fraction of each batch the engine renders itself. */
  #share: number | undefined;

  /**
   * @param threads Where workers come from and how many threads render.
   * @param generator The generator, as the engine runs it.
   * @param seed Its seed.
   * @param tags The tags of its inputs.
   */
  constructor(
    threads: RenderThreads,
    generator: GeneratorGraph,
    seed: number,
    tags: readonly (readonly string[])[],
  ) {
    this.#threads = threads;
    this.#init = { type: "init", generator, seed, tags };
  }

  /** Whether any worker is ready to render. */
  get ready(): boolean {
    return this.#ready.length > 0;
  }

  /** The most threads that rendered a batch together, the engine's included. */
  threadsUsed = 1;

  /** Starts the workers; each joins in once it is ready. */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#threads.spawn(this.#threads.threads - 1, (port) => {
      if (this.#closed) return port.close();
      const helper: Helper = { port, pending: new Map() };
      this.#helpers.push(helper);
      port.onmessage = (e: MessageEvent<FromRenderer>) => this.#receive(helper, e.data);
      port.postMessage(this.#init);
    });
  }

  #receive(helper: Helper, msg: FromRenderer): void {
    if (msg.type === "ready") {
      if (!this.#closed) this.#ready.push(helper);
      return;
    }
    if (msg.type === "broken") return this.#lose(helper, new Error(msg.message));
    const waiting = helper.pending.get(msg.id);
    helper.pending.delete(msg.id);
    if (msg.type === "failed") return waiting?.reject(new EventError(msg.failure));
    waiting?.resolve({ produced: msg.produced, done: msg.done });
  }

  #lose(helper: Helper, error: Error): void {
    this.#ready = this.#ready.filter((h) => h !== helper);
    for (const w of helper.pending.values()) w.reject(error);
    helper.pending.clear();
    helper.port.postMessage({ type: "close" } satisfies ToRenderer);
    helper.port.close();
  }

  /**
   * Sends the ready workers their part of a batch. The engine renders the
   * rest with the job's `renderLocal`, may do other work, then collects
   * everything in order with `finish`.
   *
   * @param start The position of the batch's first timestamp in the timeline.
   * @param timestamps The batch's timestamps.
   * @param inputs The input of each.
   */
  dispatch(start: number, timestamps: Float64Array, inputs: Uint16Array): RenderJob {
    const helpers = this.#ready;
    const n = timestamps.length;
    this.#share ??= 1 / (helpers.length + 1);
    this.threadsUsed = Math.max(this.threadsUsed, helpers.length + 1);
    const { localEnd, tail } = split(start, n, this.#share);
    // Whole blocks for the workers, in contiguous runs.
    const blocks = (tail - localEnd) / BLOCK;
    const remote: Promise<{ offset: number; produced: Produced; done: number }>[] = [];
    let at = localEnd;
    helpers.forEach((h, k) => {
      const count = Math.round(blocks * (k + 1) / helpers.length) - Math.round(blocks * k / helpers.length);
      if (count === 0) return;
      const from = at;
      at += count * BLOCK;
      remote.push(
        this.#send(h, start + from, timestamps.slice(from, at), inputs.slice(from, at)).then((r) => ({
          offset: from,
          ...r,
        })),
      );
    });
    // Settled at once, so that a batch abandoned on an error leaves no rejection unhandled.
    const remoteDone = Promise.allSettled(remote);
    let first: Outcome = { error: undefined };
    let last: Outcome | undefined;
    let perMs = 0;
    return {
      renderLocal: (local) => {
        const t0 = performance.now();
        first = attempt(() => local(0, localEnd), 0);
        if (tail < n) last = attempt(() => local(tail, n), tail);
        perMs = (localEnd + n - tail) / Math.max(performance.now() - t0, 0.001);
      },
      finish: async () => {
        const ready = wallMs();
        const settled = await remoteDone;
        // An error stops the run with the first failure in timeline order, as on one thread.
        const outcomes: Outcome[] = [
          first,
          ...settled.map((r): Outcome =>
            r.status === "fulfilled" ? { error: undefined, part: r.value } : { error: r.reason }
          ),
          ...(last ? [last] : []),
        ];
        const failed = outcomes.find((o) => o.error !== undefined);
        if (failed) throw failed.error;
        // Balance: move to the engine what it would have waited for, or to the
        // workers what they were idle for (the engine also formats and writes).
        const done = settled.map((r) => (r as PromiseFulfilledResult<{ done: number }>).value.done);
        const lag = Math.max(0, ...done) - ready;
        if (done.length) this.#share = Math.min(0.95, Math.max(0.05, (this.#share as number) + (lag * perMs) / n / 2));
        return joinParts(outcomes.map((o) => o.part as { offset: number; produced: Produced }));
      },
    };
  }

  #send(
    helper: Helper,
    start: number,
    timestamps: Float64Array,
    inputs: Uint16Array,
  ): Promise<{ produced: Produced; done: number }> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      helper.pending.set(id, { resolve, reject });
      const msg: ToRenderer = { type: "produce", id, start, timestamps, inputs };
      helper.port.postMessage(msg, [timestamps.buffer as ArrayBuffer, inputs.buffer as ArrayBuffer]);
    });
  }

  /** Stops the workers. */
  close(): void {
    this.#closed = true;
    for (const h of this.#helpers) this.#lose(h, new Error("the render pool is closed"));
    this.#helpers = [];
  }
}

/** True when this module runs inside a render worker. */
export function isRenderWorker(): boolean {
  const g = globalThis as { name?: string; postMessage?: unknown };
  return g.name === RENDER_WORKER && typeof g.postMessage === "function" &&
    typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";
}

/** Serves render requests inside a render worker, on the port the main thread hands it. */
export function serveRenderer(): void {
  const scope = globalThis as unknown as {
    onmessage: ((e: MessageEvent<{ type: "port"; port: MessagePort }>) => void) | null;
    close(): void;
  };
  scope.onmessage = (e) => {
    if (e.data.type === "port") render(e.data.port, () => scope.close());
  };
}

function render(port: MessagePort, close: () => void): void {
  const post = (m: FromRenderer) => port.postMessage(m);
  let event: EventPlugin | undefined;
  let tags: readonly (readonly string[])[] = [];
  // Requests wait for the plugin: messages are handled one after the other.
  let queue = Promise.resolve();
  port.onmessage = (e: MessageEvent<ToRenderer>) => {
    const msg = e.data;
    queue = queue.then(async () => {
      if (msg.type === "close") {
        event?.close?.();
        port.close();
        close();
      } else if (msg.type === "init") {
        tags = msg.tags;
        const g = msg.generator;
        try {
          event = await createEvent(g, new Rng(msg.seed, g.name), new State());
          post({ type: "ready" });
        } catch (err) {
          post({ type: "broken", message: err instanceof Error ? err.message : String(err) });
        }
      } else if (event) {
        try {
          const { start, timestamps, inputs } = msg;
          const produced = event.produce({ start, timestamps, inputs, length: timestamps.length, tags });
          post({ type: "produced", id: msg.id, produced, done: wallMs() });
        } catch (err) {
          const failure: Failure = err instanceof EventError
            ? err.failure
            : { source: "render worker", code: "EVT4000", message: err instanceof Error ? err.message : String(err) };
          post({ type: "failed", id: msg.id, failure });
        }
      }
    });
  };
}
