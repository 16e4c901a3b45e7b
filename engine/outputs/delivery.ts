/**
 * Delivery: what stands between the pipeline and an output so that no event
 * is silently lost. Each output has its own bounded queue, writes batches of
 * `batch_size` records (or what came within `flush`), retries failures that
 * may pass on a second try (connection errors, timeouts, 429, 5xx) with
 * exponential backoff and jitter, and puts what still fails in a dead-letter
 * file. In sample mode a full queue slows the pipeline down; in live mode the
 * output's `on_full` policy says whether to wait (`block`) or to drop and
 * count (`drop`).
 *
 * For every output, events generated = written + failed + dead-lettered +
 * dropped once the output is closed.
 *
 * @module
 */
import * as v from "valibot";
import { bool, Duration, duration, int, oneOf, str } from "../schema.ts";
import type { OutputBatch, OutputPlugin, WriteResult } from "../spec.ts";
import { OutputClosed, OutputError } from "../spec.ts";
import { DeadLetter } from "./_dead_letter.ts";

/** The delivery options every output takes, as written in a scenario. */
export const deliverySchema = v.object({
  batch_size: v.pipe(v.optional(int(1)), v.description("Records per write (the output's own default otherwise).")),
  flush: v.pipe(
    v.optional(duration()),
    v.description(
      "How long a partial batch may wait for more records before it is written (the output's own default otherwise).",
    ),
  ),
  queue: v.pipe(
    v.optional(int(1)),
    v.description("Records held for the output before the pipeline waits (or, live with `on_full drop`, drops)."),
  ),
  on_full: v.pipe(
    v.optional(oneOf(["block", "drop"] as const), "block"),
    v.description("Live mode, when the queue is full: wait (`block`) or drop the events and count them (`drop`)."),
  ),
  retries: v.pipe(v.optional(int(0), 5), v.description("Attempts after the first for a batch that may pass later.")),
  backoff: v.pipe(
    v.optional(
      v.object({
        initial: v.optional(duration({ min: 1 }), () => new Duration(100_000)),
        max: v.optional(duration({ min: 1 }), () => new Duration(10_000_000)),
      }),
      {},
    ),
    v.description("Exponential backoff with jitter between attempts: the first wait and the longest."),
  ),
  write_timeout: v.pipe(
    v.optional(duration({ min: 1 }), () => new Duration(30_000_000)),
    v.description("A write that takes longer fails (and is retried)."),
  ),
  keep_order: v.pipe(v.optional(bool(), true), v.description("Write batches one at a time, in order.")),
  concurrency: v.pipe(v.optional(int(1), 4), v.description("Writes in flight at once when `keep_order false`.")),
  dead_letter: v.pipe(
    v.optional(str()),
    v.description("Where events that could not be written go, one JSON line each (beside the scenario by default)."),
  ),
});

/** The options as the graph holds them. */
export type DeliveryOptions = v.InferOutput<typeof deliverySchema> & { dead_letter: string };

/** The dead-letter file an output uses when the scenario names none: beside the scenario. */
export function defaultDeadLetter(dir: string, generator: string, n: number, plugin: string): string {
  const name = `${generator}.${n + 1}-${plugin}.dead-letter.jsonl`.replace(/[^\w.-]+/g, "_");
  return `${dir.replace(/\/$/, "")}/${name}`;
}

/**
 * Complete delivery options: the defaults, then what the graph says.
 *
 * @param given What the graph's output node holds (a scenario's are complete already).
 * @param deadLetter The dead-letter path to use when none is given.
 */
export function deliveryOptions(given: Partial<DeliveryOptions> | undefined, deadLetter: string): DeliveryOptions {
  const defaults = v.parse(deliverySchema, {});
  return { ...defaults, ...given, dead_letter: given?.dead_letter ?? deadLetter };
}

/** What an output spec may change in the defaults: local outputs write at once, network ones batch. */
export interface DeliveryDefaults {
  batch_size: number;
  /** Microseconds. */
  flush: number;
}

/** An output's own counts, in events. */
export interface OutputCounters {
  /** Events that reached this output. */
  generated: number;
  written: number;
  /** Events the formatter or the output refused outright (not worth retrying, and not dead-lettered). */
  failed: number;
  /** Event writes attempted again. */
  retried: number;
  dead_lettered: number;
  dropped: number;
}

/** A batch with its position in the queue. */
interface Pending {
  records: string[];
  timestamps: number[];
  counts: number[];
  events: number;
}

const DEFAULT_BATCH = 1000;

/** Appends without spreading (a spread of 200k items overflows the stack). */
function append(into: Pending, records: string[], timestamps: number[], counts: number[]): void {
  if (into.records.length === 0) {
    into.records = records;
    into.timestamps = timestamps;
    into.counts = counts;
    return;
  }
  for (let i = 0; i < records.length; i++) {
    into.records.push(records[i] as string);
    into.timestamps.push(timestamps[i] as number);
    into.counts.push(counts[i] as number);
  }
}

/** How the pipeline hands records to one output. */
export class Delivery {
  readonly counters: OutputCounters = { generated: 0, written: 0, failed: 0, retried: 0, dead_lettered: 0, dropped: 0 };
  #plugin: OutputPlugin;
  #o: DeliveryOptions;
  #live: boolean;
  #label: string;
  #batch: number;
  #capacity: number;
  #queue: Pending[] = [];
  #queued = 0;
  #inFlight = new Set<Promise<void>>();
  #waiters: (() => void)[] = [];
  #wake: (() => void) | undefined;
  #closing = false;
  #pump: Promise<void>;
  #dead: DeadLetter;
  #abort = new AbortController();
  #error: Error | undefined;
  #flushUs: number;
  /** When the oldest record still queued arrived (performance.now()). */
  #since = 0;
  /** A write that timed out but has not settled yet (keep_order waits for it). */
  #hung: Promise<unknown> | undefined;

  /**
   * @param plugin The output.
   * @param options Delivery options (with `dead_letter` resolved to a path).
   * @param context `live`: live mode; `label`: how messages name the output;
   *   `defaults`: the output's own batch size and flush interval.
   */
  constructor(
    plugin: OutputPlugin,
    options: DeliveryOptions,
    context: { live: boolean; label: string; defaults?: DeliveryDefaults },
  ) {
    this.#plugin = plugin;
    this.#o = options;
    this.#live = context.live;
    this.#label = context.label;
    this.#batch = options.batch_size ?? context.defaults?.batch_size ?? DEFAULT_BATCH;
    this.#flushUs = options.flush ?? context.defaults?.flush ?? 1_000_000;
    // Sample mode only needs the next batch ready while one is written; live mode absorbs slow spells.
    this.#capacity = options.queue ?? (context.live ? Math.max(10 * this.#batch, 10_000) : 2 * this.#batch);
    this.#dead = new DeadLetter(options.dead_letter, context.label);
    this.#pump = this.#run();
  }

  /** Counts events that failed before reaching the output (formatting). */
  refuse(events: number): void {
    this.counters.generated += events;
    this.counters.failed += events;
  }

  /**
   * Hands records over. Resolves once they are queued: at once while there is
   * room, later when the queue is full (sample mode, or `on_full block`).
   */
  async submit(batch: OutputBatch): Promise<void> {
    if (this.#closing) throw new Error(`${this.#label} is closed`);
    if (this.#error) throw this.#error;
    if (batch.records.length === 0) return;
    const counts = batch.counts ?? batch.records.map(() => 1);
    let events = 0;
    for (const c of counts) events += c;
    this.counters.generated += events;
    if (this.#error) throw this.#error;
    if (this.#queued >= this.#capacity) {
      if (this.#live && this.#o.on_full === "drop") {
        this.counters.dropped += events;
        return;
      }
      while (this.#queued >= this.#capacity && !this.#error) {
        await new Promise<void>((resolve) => this.#waiters.push(resolve));
      }
      // The pump may have failed while we waited.
      const failure = this.#error as Error | undefined;
      if (failure) {
        if (failure instanceof OutputClosed) this.counters.dropped += events;
        else this.counters.failed += events;
        throw failure;
      }
    }
    if (this.#queued === 0) this.#since = performance.now();
    this.#queue.push({ records: batch.records, timestamps: batch.timestamps, counts, events });
    this.#queued += batch.records.length;
    this.#wake?.();
  }

  /** Writes what is queued, closes the output, and reports whether anything failed for good. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#wake?.();
    await this.#pump;
    await Promise.all(this.#inFlight);
    try {
      await this.#plugin.close();
    } finally {
      this.#dead.close();
    }
    if (this.#error) throw this.#error;
  }

  /**
   * Stops writing and retrying at once (a second Ctrl-C): what is queued or
   * waiting for a retry goes to the dead-letter file, so it is not lost.
   */
  abort(): void {
    this.#abort.abort();
  }

  /** Takes up to one batch of records off the queue. */
  #take(): Pending {
    const out: Pending = { records: [], timestamps: [], counts: [], events: 0 };
    while (this.#queue.length && out.records.length < this.#batch) {
      const head = this.#queue[0] as Pending;
      const room = this.#batch - out.records.length;
      if (head.records.length <= room) {
        this.#queue.shift();
        append(out, head.records, head.timestamps, head.counts);
        out.events += head.events;
      } else {
        const counts = head.counts.slice(0, room);
        const events = counts.reduce((a, b) => a + b, 0);
        append(out, head.records.slice(0, room), head.timestamps.slice(0, room), counts);
        out.events += events;
        head.records = head.records.slice(room);
        head.timestamps = head.timestamps.slice(room);
        head.counts = head.counts.slice(room);
        head.events -= events;
      }
    }
    this.#queued -= out.records.length;
    // What stays queued arrived while this batch waited: it may leave at once.
    if (this.#queued > 0) this.#since = Math.min(this.#since, performance.now());
    while (this.#waiters.length && this.#queued < this.#capacity) this.#waiters.shift()?.();
    return out;
  }

  async #run(): Promise<void> {
    const flushMs = this.#flushUs / 1000;
    const limit = this.#o.keep_order ? 1 : this.#o.concurrency;
    for (;;) {
      if (this.#queued < this.#batch && !this.#closing) {
        // Wait for a full batch, the flush interval, or the end.
        await new Promise<void>((resolve) => {
          let t: ReturnType<typeof setTimeout> | undefined;
          const check = () => {
            // The oldest queued record has waited since `#since`: the flush counts from then.
            const left = flushMs - (performance.now() - this.#since);
            const full = this.#queued >= this.#batch || this.#queued >= this.#capacity;
            if (full || this.#closing || (this.#queued > 0 && left <= 0)) {
              clearTimeout(t);
              resolve();
            } else if (this.#queued > 0 && t === undefined) t = setTimeout(resolve, left);
          };
          this.#wake = check;
          check();
        });
        this.#wake = undefined;
      }
      if (this.#queued === 0) {
        if (this.#closing) return;
        continue;
      }
      const batch = this.#take();
      const write = this.#send(batch).catch((e) => {
        this.#error ??= e instanceof Error ? e : new Error(String(e));
        while (this.#waiters.length) this.#waiters.shift()?.();
      });
      this.#inFlight.add(write);
      write.finally(() => this.#inFlight.delete(write));
      if (this.#inFlight.size >= limit) await Promise.race(this.#inFlight);
    }
  }

  /** Writes one batch, retrying what may pass later, dead-lettering the rest. */
  async #send(batch: Pending): Promise<void> {
    let pending = batch;
    let lastError = "the run was stopped before this batch could be written";
    let attempts = 0;
    let retryAfter = 0;
    for (let attempt = 0; attempt <= this.#o.retries; attempt++) {
      if (this.#abort.signal.aborted) break;
      if (attempt > 0) {
        await this.#sleep(Math.max(this.#backoff(attempt), retryAfter));
        if (this.#abort.signal.aborted) break;
        this.counters.retried += pending.events;
      }
      if (this.#hung && this.#o.keep_order) {
        // Never two writes at once in order: give a timed-out write a while to
        // settle (outputs should stop when their signal aborts; this bounds those that do not).
        await Promise.race([this.#hung, this.#sleep(Math.max(1000, (5 * this.#o.write_timeout) / 1000))]);
      }
      attempts++;
      let result: WriteResult | void;
      try {
        result = await this.#write(pending);
      } catch (e) {
        lastError = e instanceof Error ? e.message : String(e);
        retryAfter = e instanceof OutputError ? e.retryAfter ?? 0 : 0;
        if (e instanceof OutputClosed) {
          // Nobody reads any more: the run ends; what was not written is counted as dropped.
          this.counters.dropped += pending.events;
          throw e;
        }
        if (!retryable(e)) return this.#deadLetter(pending, lastError);
        continue;
      }
      const failed = result?.failed ?? [];
      if (failed.length === 0) {
        this.counters.written += pending.events;
        return;
      }
      // Some records failed: count the others as written, retry what may pass.
      const bad = new Set(failed.map((f) => f.index));
      const again: Pending = { records: [], timestamps: [], counts: [], events: 0 };
      const lost: Pending = { records: [], timestamps: [], counts: [], events: 0 };
      let written = 0;
      const reasons = new Map(failed.map((f) => [f.index, f]));
      const lostErrors: string[] = [];
      for (let i = 0; i < pending.records.length; i++) {
        const c = pending.counts[i] as number;
        if (!bad.has(i)) {
          written += c;
          continue;
        }
        const f = reasons.get(i) as { retryable: boolean; error: string };
        if (!f.retryable) lostErrors.push(f.error);
        const into = f.retryable ? again : lost;
        into.records.push(pending.records[i] as string);
        into.timestamps.push(pending.timestamps[i] as number);
        into.counts.push(c);
        into.events += c;
        lastError = f.error;
      }
      this.counters.written += written;
      // Each refused record goes to the dead-letter file with its own reason.
      const byError = new Map<string, Pending>();
      for (let k = 0; k < lost.records.length; k++) {
        const error = lostErrors[k] ?? lastError;
        const group = byError.get(error) ?? { records: [], timestamps: [], counts: [], events: 0 };
        group.records.push(lost.records[k] as string);
        group.timestamps.push(lost.timestamps[k] as number);
        group.counts.push(lost.counts[k] as number);
        group.events += lost.counts[k] as number;
        byError.set(error, group);
      }
      for (const [error, group] of byError) this.#deadLetter(group, error);
      if (again.records.length === 0) return;
      pending = again;
    }
    this.#deadLetter(
      pending,
      attempts === 0 ? lastError : `gave up after ${attempts} attempt${attempts === 1 ? "" : "s"}: ${lastError}`,
    );
  }

  async #write(batch: Pending): Promise<WriteResult | void> {
    const timeout = new AbortController();
    const ms = this.#o.write_timeout / 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timeout.abort();
        reject(new OutputError(`write timed out after ${ms / 1000}s`, true));
      }, ms);
    });
    const write = this.#plugin.write(
      { records: batch.records, timestamps: batch.timestamps, counts: batch.counts },
      timeout.signal,
    );
    try {
      return await Promise.race([write, expired]);
    } catch (e) {
      if (timeout.signal.aborted) {
        // Whatever the output threw when aborted, this was a timeout: worth retrying.
        const settled = write.then(() => {}, () => {});
        this.#hung = settled;
        settled.then(() => {
          if (this.#hung === settled) this.#hung = undefined;
        });
        throw new OutputError(`write timed out after ${ms / 1000}s`, true);
      }
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  #deadLetter(batch: Pending, error: string): void {
    try {
      this.#dead.write(
        batch.records,
        this.#abort.signal.aborted && !error.includes("stopped") ? `the run was stopped: ${error}` : error,
      );
    } catch (e) {
      // Nowhere to put them: they are lost, and counted as such.
      this.counters.failed += batch.events;
      this.#error ??= e instanceof Error ? e : new Error(String(e));
      return;
    }
    this.counters.dead_lettered += batch.events;
  }

  #backoff(attempt: number): number {
    const { initial, max } = this.#o.backoff;
    const cap = Math.min(max, initial * 2 ** (attempt - 1)) / 1000;
    // Equal jitter: half the wait is fixed, half random, so retries spread out.
    return cap / 2 + Math.random() * (cap / 2);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.#abort.signal.removeEventListener("abort", done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.#abort.signal.addEventListener("abort", done, { once: true });
    });
  }

  /** How messages name the output. */
  get label(): string {
    return this.#label;
  }
}

/** True when an error may pass on a later attempt. */
export function retryable(e: unknown): boolean {
  if (e instanceof OutputError) return e.retryable;
  return e instanceof Deno.errors.ConnectionRefused || e instanceof Deno.errors.ConnectionReset ||
    e instanceof Deno.errors.ConnectionAborted || e instanceof Deno.errors.TimedOut ||
    e instanceof Deno.errors.BrokenPipe || e instanceof Deno.errors.NotConnected ||
    e instanceof Deno.errors.UnexpectedEof || e instanceof Deno.errors.Interrupted ||
    (e instanceof TypeError && /fetch|network|connect|error sending request/i.test(e.message));
}
