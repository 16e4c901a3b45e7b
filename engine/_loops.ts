/**
 * The two ways a generator runs: sample mode takes timestamps as fast as the
 * pipeline goes; live mode hands each run of timestamps over when the clock
 * reaches them, and serves interactive inputs (HTTP) as requests arrive.
 *
 * @module
 */
import type { MergedBatch, Merger } from "./merge.ts";
import type { Pipeline } from "./_pipeline.ts";
import type { Clock } from "./clock.ts";
import type { InputPlugin } from "./spec.ts";

/** Events closer together than this (us) are a dense stream: sent on the timer's tick, not each on its instant. */
const DENSE_US = 1000;

/** What both loops need. */
export interface LoopOptions {
  merger: Merger;
  pipeline: Pipeline;
  batchSize: number;
  signal: AbortSignal;
  /** Stop at this timestamp (exclusive). */
  until?: number;
  /** Drop timestamps before this instant (live mode's `skip_past`). */
  skipBefore?: number;
}

/** Cuts a batch at `until` (exclusive) and drops what lies before `from`. */
function clip(b: MergedBatch, from: number, until: number): { batch: MergedBatch; ended: boolean } {
  let lo = 0;
  while (lo < b.length && (b.timestamps[lo] as number) < from) lo++;
  let hi = lo;
  while (hi < b.length && (b.timestamps[hi] as number) < until) hi++;
  if (lo === 0 && hi === b.length) return { batch: b, ended: false };
  return {
    batch: { timestamps: b.timestamps.subarray(lo, hi), inputs: b.inputs.subarray(lo, hi), length: hi - lo },
    ended: hi < b.length,
  };
}

/** Sample mode: no waiting. */
export async function sampleLoop(o: LoopOptions): Promise<void> {
  const until = o.until ?? Infinity;
  while (!o.signal.aborted && !o.pipeline.done) {
    const raw = await o.merger.next(Math.min(o.batchSize, o.pipeline.wanted()));
    if (raw.length === 0) return;
    const { batch, ended } = clip(raw, -Infinity, until);
    if (batch.length) await o.pipeline.deliver(batch.timestamps, batch.inputs);
    if (ended) return;
  }
}

/** What live mode needs beyond sample mode. */
export interface LiveOptions extends LoopOptions {
  clock: Clock;
  /** Inputs served as they produce (stamped with the time of arrival), with their index in the graph. */
  interactive: { input: InputPlugin; index: number }[];
  /**
   * `batch { delay }`, microseconds: how long a due event may wait for more
   * to join its batch; it leaves when the delay is over or the batch is full.
   */
  batchDelay?: number;
}

/**
 * When the events from `at` on leave: at the first one's time, or with a
 * batch delay, when the delay is over or `size` of them are due, whichever
 * comes first.
 *
 * @example
 * ```ts
 * import { batchWake } from "./_loops.ts";
 * const b = { timestamps: new Float64Array([0, 10, 20, 30]), inputs: new Uint16Array(4), length: 4 };
 * if (batchWake(b, 0, 100, 0) !== 0) throw new Error("no delay: at once");
 * if (batchWake(b, 0, 100, 25) !== 25) throw new Error("the delay");
 * if (batchWake(b, 0, 2, 25) !== 10) throw new Error("the batch is full first");
 * ```
 */
export function batchWake(batch: MergedBatch, at: number, size: number, delay: number): number {
  const due = batch.timestamps[at] as number;
  if (delay <= 0 || size <= 1) return due;
  const last = at + size - 1;
  const full = last < batch.length ? batch.timestamps[last] as number : Infinity;
  return Math.min(due + delay, full);
}

/** Live mode: each run of timestamps leaves when the clock reaches it. */
export async function liveLoop(o: LiveOptions): Promise<void> {
  const until = o.until ?? Infinity;
  let from = o.skipBefore ?? -Infinity;
  // Interactive inputs feed a queue from their own loops.
  const queue: MergedBatch[] = [];
  let wake: (() => void) | undefined;
  let open = o.interactive.length;
  const pumps = o.interactive.map(async ({ input, index }) => {
    try {
      while (!o.signal.aborted) {
        const ts = await input.read(o.batchSize);
        if (ts.length === 0) break;
        queue.push({ timestamps: ts, inputs: new Uint16Array(ts.length).fill(index), length: ts.length });
        wake?.();
      }
    } finally {
      open--;
      wake?.();
    }
  });
  let batch: MergedBatch | undefined;
  let at = 0;
  let timedDone = o.merger.size === 0;
  while (!o.signal.aborted && !o.pipeline.done) {
    if (!timedDone && (!batch || at >= batch.length)) {
      const raw = await o.merger.next(Math.min(o.batchSize, o.pipeline.wanted()));
      if (raw.length === 0) timedDone = true;
      else {
        const c = clip(raw, from, until);
        batch = c.batch;
        at = 0;
        if (c.ended) timedDone = true;
        if (batch.length === 0 && !c.ended) continue;
        from = -Infinity;
      }
    }
    // Serve what interactive inputs brought.
    while (queue.length && !o.pipeline.done) {
      const q = queue.shift() as MergedBatch;
      await o.pipeline.deliver(q.timestamps, q.inputs);
    }
    const due = batch && at < batch.length ? batch.timestamps[at] as number : Infinity;
    if (due === Infinity) {
      if (timedDone && open === 0 && queue.length === 0) break;
      if (timedDone) {
        // Only interactive inputs are left: wait for them.
        await new Promise<void>((resolve) => {
          wake = resolve;
          o.signal.addEventListener("abort", () => resolve(), { once: true });
          if (queue.length || open === 0) resolve();
        });
        wake = undefined;
      }
      continue;
    }
    // A dense stream is served on the timer's tick, everything due at once.
    const coarse = batch !== undefined && at + 1 < batch.length &&
      (batch.timestamps[at + 1] as number) - due < DENSE_US;
    const wakeAt = batchWake(batch as MergedBatch, at, o.batchSize, o.batchDelay ?? 0);
    if (o.interactive.length && open > 0) {
      // Wake early if a request arrives while we wait.
      const early = new AbortController();
      const onAbort = () => early.abort();
      o.signal.addEventListener("abort", onAbort, { once: true });
      wake = () => early.abort();
      if (queue.length) early.abort();
      await o.clock.sleepUntil(wakeAt, early.signal, coarse);
      wake = undefined;
      o.signal.removeEventListener("abort", onAbort);
    } else {
      await o.clock.sleepUntil(wakeAt, o.signal, coarse);
    }
    if (o.signal.aborted) break;
    const now = o.clock.now();
    if (now < due) continue; // woken early by a request
    const b = batch as MergedBatch;
    let end = at + 1;
    while (end < b.length && (b.timestamps[end] as number) <= now) end++;
    await o.pipeline.deliver(b.timestamps.subarray(at, end), b.inputs.subarray(at, end));
    at = end;
  }
  for (const { input } of o.interactive) await input.close?.();
  await Promise.allSettled(pumps);
}
