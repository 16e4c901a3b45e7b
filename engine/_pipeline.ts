/**
 * What happens to a run of due timestamps: the event plugin renders them,
 * each output's formatter formats them, and the outputs write them — for
 * this shard's part of the timeline only.
 *
 * @module
 */
import { BLOCK } from "./random.ts";
import type { Clock } from "./clock.ts";
import type { Lateness } from "./lateness.ts";
import type { EventPlugin, Formatter, Produced } from "./spec.ts";
import type { Delivery } from "./outputs/delivery.ts";
import type { Counters, RunOptions } from "./run.ts";
import { joinParts, type RenderPool } from "./render_pool.ts";

/** Part `index` of `count` (0-based) of a timeline split into blocks of {@link BLOCK} timestamps. */
export interface Shard {
  index: number;
  count: number;
}

/** An output's delivery with its formatter. */
export interface Sink {
  delivery: Delivery;
  formatter: Formatter;
}

/** What a pipeline is made of. */
export interface PipelineOptions {
  event: EventPlugin;
  sinks: Sink[];
  counters: Counters;
  tags: readonly (readonly string[])[];
  name: string;
  options: RunOptions;
  shard?: Shard;
  /** Live mode: where lateness is recorded, against this clock. */
  lateness?: Lateness;
  clock?: Clock;
  /** Render workers that may share the rendering (independent events, no shard). */
  pool?: RenderPool;
}

/** Render workers start once rendering has taken this long (ms): starting one costs about 0.3 s of CPU... */
const POOL_AFTER_MS = 300;
/** ...when rendering takes at least this long per timestamp (µs); cheaper events cost more to move than to render. */
const POOL_COST_US = 5;

/** Renders, formats and writes runs of timestamps; counts everything. */
export class Pipeline {
  #o: PipelineOptions;
  /** The position in the whole timeline of the next timestamp. */
  position = 0;
  #rendered = 0;
  /** Time spent rendering on this thread (ms), before render workers join. */
  #renderMs = 0;
  /** A batch rendered with the render workers, formatted and written during the next one. */
  #held: { produced: Produced; timestamps: Float64Array } | undefined;
  /** Set when the run must end: a template asked to stop, or the count is reached. */
  done = false;

  constructor(options: PipelineOptions) {
    this.#o = options;
  }

  /** How many more timestamps the run may take. */
  wanted(): number {
    const { count } = this.#o.options;
    if (count === undefined) return Infinity;
    // Sharded runs count timestamps of the whole timeline, so every shard agrees.
    return this.#o.shard ? count - this.position : Math.max(1, count - this.#rendered);
  }

  /** The generator's written count: the smallest among its outputs. */
  updateWritten(): void {
    const { sinks, counters } = this.#o;
    counters.written = sinks.length ? Math.min(...sinks.map((s) => s.delivery.counters.written)) : 0;
  }

  /** Whether timestamp `position` belongs to this shard. */
  #mine(position: number): boolean {
    const s = this.#o.shard;
    return !s || Math.floor(position / BLOCK) % s.count === s.index;
  }

  /** Renders on this thread alone; starts the render workers once the run shows it is long and costly. */
  #renderHere(timestamps: Float64Array, inputs: Uint16Array, start: number): Produced {
    const { pool } = this.#o;
    if (!pool) return this.#produce(timestamps, inputs, start);
    const t0 = performance.now();
    const produced = this.#produce(timestamps, inputs, start);
    this.#renderMs += performance.now() - t0;
    const done = start + timestamps.length;
    if (this.#renderMs >= POOL_AFTER_MS && (this.#renderMs * 1000) / done >= POOL_COST_US) pool.start();
    return produced;
  }

  #produce(timestamps: Float64Array, inputs: Uint16Array, start: number): Produced {
    const { event, tags, shard } = this.#o;
    const batch = (from: number, to: number) => ({
      start: start + from,
      timestamps: timestamps.subarray(from, to),
      inputs: inputs.subarray(from, to),
      length: to - from,
      tags,
    });
    if (!shard) return event.produce(batch(0, timestamps.length));
    // This shard's runs of whole blocks inside the batch.
    const runs: [number, number][] = [];
    for (let i = 0; i < timestamps.length;) {
      const next = Math.min(timestamps.length, (Math.floor((start + i) / BLOCK) + 1) * BLOCK - start);
      if (this.#mine(start + i)) {
        const last = runs.at(-1);
        if (last && last[1] === i) last[1] = next;
        else runs.push([i, next]);
      }
      i = next;
    }
    if (event.independent) {
      // Render only this shard's blocks, shifting stamps back to batch positions.
      return joinParts(runs.map(([from, to]) => ({ offset: from, produced: event.produce(batch(from, to)) })));
    }
    // Events carry state from one to the next: render everything, keep ours.
    const all = event.produce(batch(0, timestamps.length));
    const keep = (k: number) => this.#mine(start + (all.stamps[k] as number));
    const out: Produced = { ...all, events: [], stamps: [], origins: [], failed: 0, dropped: 0 };
    for (let k = 0; k < all.events.length; k++) {
      if (!keep(k)) continue;
      out.events.push(all.events[k] as string);
      out.stamps.push(all.stamps[k] as number);
      out.origins.push(all.origins[k] as number);
    }
    const mineCount = runs.reduce((n, [a, b]) => n + b - a, 0);
    out.failed = timestamps.length ? Math.round(all.failed * mineCount / timestamps.length) : 0;
    out.dropped = timestamps.length ? Math.round(all.dropped * mineCount / timestamps.length) : 0;
    return out;
  }

  /**
   * Renders and writes a run of timestamps that are due.
   *
   * @param timestamps Ascending epoch microseconds.
   * @param inputs The input each came from (an index into the tags).
   */
  async deliver(timestamps: Float64Array, inputs: Uint16Array): Promise<void> {
    const { counters, pool, event, tags } = this.#o;
    const start = this.position;
    this.position += timestamps.length;
    if (this.#o.shard) {
      for (let i = 0; i < timestamps.length; i++) if (this.#mine(start + i)) counters.timestamps++;
    } else counters.timestamps += timestamps.length;
    if (!pool?.ready) {
      await this.#flushHeld();
      return await this.#submit(this.#account(this.#renderHere(timestamps, inputs, start)), timestamps);
    }
    // With render workers: the engine renders its part, then formats and
    // writes the batch before this one while the workers finish theirs.
    const job = pool.dispatch(start, timestamps, inputs);
    job.renderLocal((from, to) =>
      event.produce({
        start: start + from,
        timestamps: timestamps.subarray(from, to),
        inputs: inputs.subarray(from, to),
        length: to - from,
        tags,
      })
    );
    await this.#flushHeld();
    this.#held = { produced: this.#account(await job.finish()), timestamps: timestamps.slice() };
  }

  /** Formats and writes the batch held back by {@link deliver}, if any. Call at the end of the run. */
  async flush(): Promise<void> {
    await this.#flushHeld();
  }

  async #flushHeld(): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    if (held) await this.#submit(held.produced, held.timestamps);
  }

  /** Counts what was rendered, cuts it at `count`, and sets `done` when the run must end. */
  #account(produced: Produced): Produced {
    const { counters, options, name } = this.#o;
    const limit = options.count;
    if (limit !== undefined && !this.#o.shard && produced.events.length > limit - this.#rendered) {
      const keep = limit - this.#rendered;
      produced.events.length = keep;
      produced.origins.length = keep;
      produced.stamps.length = keep;
    }
    this.#rendered += produced.events.length;
    counters.generated += produced.events.length + produced.failed;
    counters.failed += produced.failed;
    counters.dropped += produced.dropped;
    for (const f of produced.failures) options.onFailure?.(name, f);
    if (
      produced.exhausted || (limit !== undefined && this.wanted() <= 0) ||
      (limit !== undefined && !this.#o.shard && this.#rendered >= limit)
    ) {
      this.done = true;
    }
    return produced;
  }

  /** Formats the events for each output and queues them; writing goes on in the background. */
  async #submit(produced: Produced, timestamps: Float64Array): Promise<void> {
    const { counters, options, name, sinks, lateness, clock } = this.#o;
    if (lateness && clock) {
      const now = clock.now();
      for (const k of produced.stamps) lateness.record(now - (timestamps[k] as number));
    }
    // Each output formats and queues; writing goes on in the background.
    await Promise.all(sinks.map((s) => {
      const f = s.formatter.format(produced);
      const failed = f.failed ?? f.failures.length;
      if (failed) {
        s.delivery.refuse(failed);
        for (const x of f.failures.slice(0, 10)) options.onFailure?.(name, x);
      }
      const records = f.lines;
      const timesOf = f.events ?? produced.stamps.map((_, k) => k);
      const stampTimes = new Array<number>(records.length);
      for (let r = 0; r < records.length; r++) {
        stampTimes[r] = timestamps[produced.stamps[timesOf[r] as number] as number] as number;
      }
      return s.delivery.submit({ records, timestamps: stampTimes, counts: f.counts ?? records.map(() => 1) });
    }));
    this.updateWritten();
    options.onProgress?.(name, counters);
  }
}
