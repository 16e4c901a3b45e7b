/**
 * Timelines: how many timestamps a scenario's inputs produce per interval,
 * without rendering any event (`eventum plot`).
 *
 * Inputs are created exactly as a run creates them (`inputs/create.ts`:
 * same random streams, same context), merged in time order, and counted in
 * bins. Interactive inputs (driven from outside, such as HTTP) have no
 * timeline and are left out. Live mode's `skip_past` is not applied: the
 * plot shows everything the inputs produce.
 *
 * Bins are aligned to their width from the epoch in the generator's
 * timezone: with `1h` bins in `Asia/Kolkata` a bin starts at every local
 * `HH:00`, not at `HH:30`. Bins of a whole number of days start at local
 * midnight, and bins of several days on a Monday (so `7d` bins are ISO
 * weeks). Across a daylight saving change a bin may be shorter or longer than
 * its width, so that the next ones stay on the local clock; each bin's start
 * is in {@link Timeline.starts}.
 *
 * The first and last bins are the ones holding `from` and `to` (or the first
 * and last timestamps); only timestamps in `[from, to)` are counted.
 *
 * @module
 */
import type { GeneratorGraph, Graph, InputNode } from "./graph.ts";
import { type MergedBatch, Merger } from "./merge.ts";
import { Rng } from "./random.ts";
import { readTextSandboxed } from "./sandbox.ts";
import type { InputPlugin } from "./spec.ts";
import { realClock } from "./clock.ts";
import { createInputs } from "./inputs/create.ts";
import { RunError } from "./run_error.ts";
import { TimeZone } from "./events/template/_time_zone.ts";

const SECOND = 1_000_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The bin widths chosen when none is given, in microseconds. */
export const NICE_BINS: readonly number[] = [
  SECOND,
  5 * SECOND,
  10 * SECOND,
  30 * SECOND,
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  7 * DAY,
];

/** How many timestamps a timeline reads at most, by default. */
export const DEFAULT_LIMIT = 50_000_000;

/** How many bins a timeline may have. */
export const MAX_BINS = 1_000_000;

/** Timestamps kept in memory to bin them without reading the inputs twice. */
const REPLAY_LIMIT = 4_000_000;
const CHUNK = 65_536;
/** 1970-01-05, the first Monday after the epoch, as a day number. */
const MONDAY = 4;

/** Options of {@link timeline}. */
export interface TimelineOptions {
  /** The start of the run, epoch microseconds. */
  now: number;
  /** The seed of generators without their own. */
  seed: number;
  /** The bin width in microseconds; about 60 bins over the span when absent. */
  bin?: number;
  /** Count timestamps from here (epoch microseconds, included). */
  from?: number;
  /** Count timestamps up to here (epoch microseconds, excluded); needed for endless inputs. */
  to?: number;
  /** Only the inputs whose plugin or tag is this, or whose 1-based index it is. */
  input?: string;
  /** Only this generator. */
  generator?: string;
  /** Stop after reading this many timestamps per generator ({@link DEFAULT_LIMIT}). */
  limit?: number;
}

/** The counts of one input. */
export interface Series {
  /** `input 1: timer`, with the tags in brackets when there are some. */
  label: string;
  total: number;
  /** One count per bin. */
  counts: number[];
}

/** How many timestamps a generator's inputs produce per bin. */
export interface Timeline {
  generator: string;
  /** The seed the inputs were created with. */
  seed: number;
  /** The bin width, microseconds. */
  bin: number;
  /** The start of the first bin, epoch microseconds. */
  from: number;
  /** The end of the last bin (excluded), epoch microseconds. */
  to: number;
  timezone: string;
  /** The start of each bin, epoch microseconds. */
  starts: number[];
  /** One per selected input, in declaration order. */
  series: Series[];
  /** The counts of every selected input together. */
  merged: number[];
  total: number;
  /** True when reading stopped at the limit before `to` or the end of the inputs. */
  truncated: boolean;
}

/**
 * How an input is named in a timeline.
 *
 * @param node The input.
 * @param index Its 0-based index.
 * @returns `input 1: timer`, or `input 2: static [web, login]` with tags.
 * @example
 * ```ts
 * import { inputLabel } from "./timeline.ts";
 * if (inputLabel({ plugin: "timer", options: {}, tags: ["web"] }, 0) !== "input 1: timer [web]") throw new Error();
 * ```
 */
export function inputLabel(node: InputNode, index: number): string {
  return `input ${index + 1}: ${node.plugin}${node.tags.length ? ` [${node.tags.join(", ")}]` : ""}`;
}

/**
 * The inputs a `--input NAME` selects: those whose plugin or one of whose
 * tags is `name`, or whose 1-based index it is.
 *
 * @param generator The generator.
 * @param name The selector; every input when absent.
 * @returns 0-based indices, in declaration order.
 * @example
 * ```ts
 * import { selectInputs } from "./timeline.ts";
 * import type { GeneratorGraph } from "./graph.ts";
 * const g = { inputs: [{ plugin: "timer", options: {}, tags: [] }, { plugin: "static", options: {}, tags: ["web"] }] };
 * if (selectInputs(g as GeneratorGraph, "web").join() !== "1") throw new Error();
 * if (selectInputs(g as GeneratorGraph, "1").join() !== "0") throw new Error();
 * ```
 */
export function selectInputs(generator: GeneratorGraph, name?: string): number[] {
  return generator.inputs.flatMap((node, i) =>
    name === undefined || name === String(i + 1) || node.plugin === name || node.tags.includes(name) ? [i] : []
  );
}

/**
 * The nice bin width that gives about 60 bins over a span.
 *
 * @param span Microseconds.
 * @returns One of {@link NICE_BINS}.
 * @example
 * ```ts
 * import { chooseBin } from "./timeline.ts";
 * if (chooseBin(3_600_000_000) !== 60_000_000) throw new Error(); // 1h → 1m
 * if (chooseBin(86_400_000_000) !== 1_800_000_000) throw new Error(); // 1d → 30m
 * ```
 */
export function chooseBin(span: number): number {
  if (!(span > 0)) return NICE_BINS[0] as number;
  let best = NICE_BINS[0] as number;
  for (const b of NICE_BINS) {
    if (Math.abs(Math.log(span / b / 60)) < Math.abs(Math.log(span / best / 60))) best = b;
  }
  return best;
}

/**
 * Writes a duration the way `parseDuration` reads it.
 *
 * @param us Microseconds.
 * @returns `1h30m`, `7d`, `500ms`.
 * @example
 * ```ts
 * import { formatDuration } from "./timeline.ts";
 * if (formatDuration(5_400_000_000) !== "1h30m") throw new Error();
 * ```
 */
export function formatDuration(us: number): string {
  if (us === 0) return "0s";
  let rest = Math.round(us);
  let out = "";
  for (
    const [unit, size] of [["d", DAY], ["h", HOUR], ["m", MINUTE], ["s", SECOND], ["ms", 1000], ["us", 1]] as const
  ) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}

/**
 * Counts the timestamps of a scenario's inputs per bin, without rendering
 * any event.
 *
 * @param graph The compiled scenario.
 * @param options The clock, seed, bins, range and selection.
 * @returns One timeline per generator that has a selected input, in graph order.
 * @throws {RunError} For an endless input without `to` (`EVT4004`) or too many bins (`EVT4000`).
 * @throws {Error} When `generator` or `input` selects nothing, or an input cannot be created.
 * @example
 * ```ts
 * import { timeline } from "./timeline.ts";
 * import type { Graph } from "./graph.ts";
 * const graph = {
 *   version: 1,
 *   generators: [{
 *     name: "g", dir: ".", mode: "sample", timezone: "UTC", skipPast: false, batch: { size: 1000, delay: 0 },
 *     params: {}, needs: {}, grants: {}, samples: {}, event: { plugin: "template", options: {} }, outputs: [],
 *     inputs: [{
 *       plugin: "timer",
 *       options: { every: 60_000_000, count: 1, start: "2024-01-01T00:00", repeat: 90 },
 *       tags: [],
 *     }],
 *   }],
 * } satisfies Graph;
 * const [t] = await timeline(graph, { now: 0, seed: 1, bin: 3_600_000_000 }); // 1h bins
 * if (t?.merged.join() !== "60,30" || t.total !== 90) throw new Error();
 * ```
 */
export async function timeline(graph: Graph, options: TimelineOptions): Promise<Timeline[]> {
  const generators = graph.generators.filter((g) => options.generator === undefined || g.name === options.generator);
  if (generators.length === 0) {
    throw new Error(
      `No generator \`${options.generator}\`: the scenario has ${
        graph.generators.map((g) => `\`${g.name}\``).join(", ")
      }`,
    );
  }
  const out: Timeline[] = [];
  for (const g of generators) {
    const picked = selectInputs(g, options.input);
    const t = picked.length ? await generatorTimeline(g, picked, options) : undefined;
    if (t) out.push(t);
  }
  if (out.length === 0) {
    const list = generators.flatMap((g) => g.inputs.map((n, i) => `${inputLabel(n, i)} of \`${g.name}\``));
    throw new Error(`No input with a timeline is \`${options.input}\`: the inputs are ${list.join("; ")}`);
  }
  return out;
}

/** Reads merged batches up to the limit, and notes whether the limit cut the inputs short. */
class Reader {
  #merger: Merger;
  #limit: number;
  #to: number;
  #read = 0;
  #ended = false;
  truncated = false;

  constructor(inputs: InputPlugin[], limit: number, to: number) {
    this.#merger = new Merger(inputs);
    this.#limit = limit;
    this.#to = to;
  }

  async next(): Promise<MergedBatch | undefined> {
    if (this.#ended) return undefined;
    if (this.#read >= this.#limit) {
      this.#ended = true;
      const more = await this.#merger.next(1);
      this.truncated = more.length > 0 && (more.timestamps[0] as number) < this.#to;
      return undefined;
    }
    const b = await this.#merger.next(Math.min(CHUNK, this.#limit - this.#read));
    if (b.length === 0) {
      this.#ended = true;
      return undefined;
    }
    this.#read += b.length;
    return b;
  }
}

/** Bin boundaries in a timezone. */
class Grid {
  #width: number;
  #days: number;
  #zone: TimeZone;
  #timezone: string;

  constructor(width: number, timezone: string) {
    this.#width = width;
    this.#days = width % DAY === 0 ? width / DAY : 0;
    this.#zone = TimeZone.of(timezone);
    this.#timezone = timezone;
  }

  #local(t: number): number {
    return t + this.#zone.offsetAt(t) * SECOND;
  }

  /** The start of the bin holding `t`. */
  start(t: number): number {
    if (this.#days) {
      const day = Math.floor(this.#local(t) / DAY);
      return this.#midnight(day - mod(day - MONDAY, this.#days));
    }
    return t - mod(this.#local(t), this.#width);
  }

  /** The start of the bin after the one starting at `start`. */
  next(start: number): number {
    if (this.#days) return this.#midnight(Math.floor(this.#local(start) / DAY) + this.#days);
    return this.start(start + this.#width);
  }

  #midnight(day: number): number {
    if (this.#zone.fixed) return day * DAY;
    const date = new Temporal.PlainDate(1970, 1, 1).add({ days: day });
    return Number(date.toZonedDateTime(this.#timezone).epochNanoseconds / 1000n);
  }
}

function tooManyBins(bin: number): RunError {
  return new RunError(
    "EVT4000",
    `The plot would have more than ${MAX_BINS.toLocaleString("en-US")} bins of ${
      formatDuration(bin)
    }: pass a larger --bin or a shorter range`,
  );
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** Counts per bin, opening bins as timestamps reach them. */
class Counts {
  readonly starts: number[] = [];
  readonly merged: number[] = [];
  readonly series: number[][];
  end = -Infinity;
  #grid: Grid;
  #bin: number;

  constructor(grid: Grid, bin: number, inputs: number) {
    this.#grid = grid;
    this.#bin = bin;
    this.series = Array.from({ length: inputs }, () => []);
  }

  open(start: number): void {
    if (this.starts.length >= MAX_BINS) throw tooManyBins(this.#bin);
    this.starts.push(start);
    this.merged.push(0);
    for (const s of this.series) s.push(0);
    this.end = this.#grid.next(start);
  }

  /** Counts a batch; returns true when it reached `to`. */
  add(b: MergedBatch, from: number, to: number): boolean {
    const { timestamps, inputs } = b;
    for (let j = 0; j < b.length; j++) {
      const t = timestamps[j] as number;
      if (t < from) continue;
      if (t >= to) return true;
      if (this.starts.length === 0) this.open(this.#grid.start(t));
      while (t >= this.end) this.open(this.end);
      const i = this.merged.length - 1;
      this.merged[i] = (this.merged[i] as number) + 1;
      const s = this.series[inputs[j] as number] as number[];
      s[i] = (s[i] as number) + 1;
    }
    return false;
  }
}

/** A generator's inputs, created afresh, and what stops them. */
interface Source {
  all: InputPlugin[];
  stop: AbortController;
}

async function generatorTimeline(
  g: GeneratorGraph,
  selected: number[],
  options: TimelineOptions,
): Promise<Timeline | undefined> {
  const seed = g.seed ?? options.seed;
  const limit = options.limit ?? DEFAULT_LIMIT;
  // `never` and `-never` bound nothing.
  const fromOpt = options.from !== undefined && Number.isFinite(options.from) ? options.from : undefined;
  const toOpt = options.to !== undefined && Number.isFinite(options.to) ? options.to : undefined;
  const from = fromOpt ?? -Infinity;
  const to = toOpt ?? Infinity;
  const open = async (): Promise<Source> => {
    const stop = new AbortController();
    try {
      const all = await createInputs(g, {
        now: options.now,
        rng: new Rng(seed, g.name),
        clock: realClock,
        signal: stop.signal,
        readText: readTextSandboxed,
        ...(fromOpt === undefined ? {} : { from: fromOpt }),
      });
      return { all, stop };
    } catch (e) {
      stop.abort();
      throw e;
    }
  };
  const close = async (s: Source) => {
    s.stop.abort();
    for (const input of s.all) await input.close?.();
  };
  let src = await open();
  try {
    const picked = selected.filter((i) => !src.all[i]?.interactive);
    if (picked.length === 0) return undefined;
    const reader = () => new Reader(picked.map((i) => src.all[i] as InputPlugin), limit, to);
    let read = reader();
    if (to === Infinity) {
      const endless = picked.find((i) => !src.all[i]?.finite);
      if (endless !== undefined) {
        throw new RunError(
          "EVT4004",
          `Input \`${g.inputs[endless]?.plugin}\` (input ${endless + 1}) of generator \`${g.name}\` never ends: ` +
            "pass --to TIME (or --until TIME) to plot up to a time, or bound it (for a timer, `repeat N`)",
        );
      }
    }
    let bin = options.bin;
    let pending: MergedBatch[] = [];
    if (bin === undefined) {
      const seen = await findSpan(read, from, to, toOpt !== undefined);
      const lo = fromOpt ?? seen.first;
      const hi = toOpt ?? seen.last;
      bin = lo === undefined || hi === undefined ? NICE_BINS[0] as number : chooseBin(hi - lo);
      if (seen.kept) pending = seen.kept;
      else {
        await close(src);
        src = await open();
        read = reader();
      }
    }
    if (fromOpt !== undefined && toOpt !== undefined && (toOpt - fromOpt) / bin > MAX_BINS + 1) throw tooManyBins(bin);
    const grid = new Grid(bin, g.timezone);
    const counts = new Counts(grid, bin, picked.length);
    if (fromOpt !== undefined) counts.open(grid.start(fromOpt));
    let reached = pending.some((b) => counts.add(b, from, to));
    while (!reached) {
      const b = await read.next();
      if (!b) break;
      reached = counts.add(b, from, to);
    }
    const truncated = read.truncated;
    if (toOpt !== undefined && !truncated && counts.starts.length) {
      while (counts.end < toOpt) counts.open(counts.end);
    }
    const series = picked.map((i, k) => {
      const c = counts.series[k] as number[];
      return { label: inputLabel(g.inputs[i] as InputNode, i), total: sum(c), counts: c };
    });
    const start = counts.starts[0] ?? fromOpt ?? options.now;
    return {
      generator: g.name,
      seed,
      bin,
      from: start,
      to: counts.starts.length ? counts.end : start,
      timezone: g.timezone,
      starts: counts.starts,
      series,
      merged: counts.merged,
      total: sum(counts.merged),
      truncated,
    };
  } finally {
    await close(src);
  }
}

/**
 * Reads until the span of the timestamps in `[from, to)` is known: the first
 * one when `to` is given, else the last one too. Keeps the batches read
 * (from the first one that reaches `from`) so they need not be read again,
 * unless there are too many.
 */
async function findSpan(
  reader: Reader,
  from: number,
  to: number,
  firstOnly: boolean,
): Promise<{ first?: number; last?: number; kept?: MergedBatch[] }> {
  let first: number | undefined;
  let last: number | undefined;
  let kept: MergedBatch[] | undefined = [];
  let size = 0;
  for (;;) {
    const b = await reader.next();
    if (!b) break;
    let done = false;
    for (let j = 0; j < b.length; j++) {
      const t = b.timestamps[j] as number;
      if (t < from) continue;
      if (t >= to) {
        done = true;
        break;
      }
      first ??= t;
      last = t;
    }
    if (kept && first !== undefined) {
      kept.push({ timestamps: b.timestamps.slice(), inputs: b.inputs.slice(), length: b.length });
      size += b.length;
      if (size > REPLAY_LIMIT) kept = undefined;
    }
    if (done || (firstOnly && first !== undefined)) break;
  }
  return {
    ...(first === undefined ? {} : { first }),
    ...(last === undefined ? {} : { last }),
    ...(kept ? { kept } : {}),
  };
}

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/**
 * The graph without what timelines do not use: event plugins' options and
 * outputs, so their `env()` and `secret()` calls need no value.
 *
 * @param graph A compiled scenario.
 * @returns The same graph with inputs only.
 */
export function inputsOnly(graph: Graph): Graph {
  return {
    ...graph,
    generators: graph.generators.map((g) => ({
      ...g,
      params: {},
      event: { plugin: g.event.plugin, options: {} },
      outputs: [],
    })),
  };
}
