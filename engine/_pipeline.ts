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
}

function concat(parts: Produced[]): Produced {
  if (parts.length === 1) return parts[0] as Produced;
  const out: Produced = {
    events: [],
    stamps: [],
    origins: [],
    sources: parts[0]?.sources ?? [],
    failed: 0,
    dropped: 0,
    exhausted: false,
    failures: [],
  };
  for (const p of parts) {
    for (let i = 0; i < p.events.length; i++) {
      out.events.push(p.events[i] as string);
      out.stamps.push(p.stamps[i] as number);
      out.origins.push(p.origins[i] as number);
    }
    out.failed += p.failed;
    out.dropped += p.dropped;
    out.exhausted ||= p.exhausted;
    out.failures.push(...p.failures);
  }
  return out;
}

/** Renders, formats and writes runs of timestamps; counts everything. */
export class Pipeline {
  #o: PipelineOptions;
  /** The position in the whole timeline of the next timestamp. */
  position = 0;
  #rendered = 0;
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
      return concat(runs.map(([from, to]) => {
        const p = event.produce(batch(from, to));
        for (let k = 0; k < p.stamps.length; k++) p.stamps[k] = (p.stamps[k] as number) + from;
        return p;
      }));
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
    const { counters, options, name, sinks, lateness, clock } = this.#o;
    const start = this.position;
    this.position += timestamps.length;
    if (this.#o.shard) {
      for (let i = 0; i < timestamps.length; i++) if (this.#mine(start + i)) counters.timestamps++;
    } else counters.timestamps += timestamps.length;
    const produced = this.#produce(timestamps, inputs, start);
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
    if (
      produced.exhausted || (limit !== undefined && this.wanted() <= 0) ||
      (limit !== undefined && !this.#o.shard && this.#rendered >= limit)
    ) {
      this.done = true;
    }
  }
}
