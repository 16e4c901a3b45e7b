/**
 * `input cron "EXPR" { count N; start T; end T }`: `count` events at every
 * tick of a cron expression, read in the scenario's timezone.
 *
 * - Expressions have 5 fields (`minute hour day month weekday`), 6 (a
 *   leading `second`) or 7 (a trailing `year`), with ranges, steps, lists,
 *   names (`mon-fri`, `jan`), `L`, `W`, `#` and nicknames such as `@daily`
 *   ([croner](https://croner.56k.guru) syntax; a day of month and a weekday
 *   both given match either, `+` before the weekday makes it both).
 * - The first tick is at or after `start` (a tick exactly at `start` counts);
 *   ticks go on while they are before `end` (a tick exactly at `end` does
 *   not count). `end` may be relative to `start` (`+1d`); without it the
 *   input goes on forever, unless the year field ends it.
 * - Daylight saving time, as croner (and Vixie cron) does it: a job with a
 *   single second, minute and hour (`30 2 * * *`) whose time is skipped in
 *   spring runs at the end of the gap (03:00 in Berlin), and runs once, at
 *   the first occurrence, when its time happens twice in autumn. Any other
 *   job (`0 * * * *`, `30 2,3 * * *`) follows the wall clock: a skipped time
 *   is skipped, a time that happens twice ticks twice, and the ticks go on
 *   in real time.
 *
 * Croner works out each run with `Intl`, about 40µs a call. So that a tick
 * every second stays cheap, the input asks croner only for the first tick of
 * each day, in a fixed UTC offset between two offset changes of the
 * timezone; the other ticks of that day follow from the second, minute and
 * hour fields. Jobs with a single time, which croner treats specially around
 * offset changes, ask croner with the timezone itself (one tick a day at
 * most, so that costs little).
 *
 * @module
 */
import * as v from "valibot";
import { Cron, CronPattern } from "croner";
import { int, str, time, withArgs } from "../schema.ts";
import type { InputPlugin, InputSpec } from "../spec.ts";
import { resolveTime } from "../time.ts";

const FIELDS = ["second", "minute", "hour", "day of month", "month", "day of week", "year"];
const RANGES: Record<string, string> = {
  second: "seconds go from 0 to 59",
  minute: "minutes go from 0 to 59",
  hour: "hours go from 0 to 23",
  day: "days of the month go from 1 to 31",
  month: "months go from 1 to 12 (or `jan` to `dec`)",
  dayOfWeek: "days of the week go from 0 to 7 (or `sun` to `sat`)",
  year: "years go from 1 to 9999",
};

/** The earliest instant croner handles: 0001-01-01T00:00:00Z. */
const YEAR_ONE = -62135596800000;

/**
 * What is wrong with a cron expression, in words for a scenario's author.
 *
 * @param expression A cron expression.
 * @returns The problem, or `undefined` when croner accepts the expression
 *   and it matches at least one date.
 * @example
 * ```ts
 * import { cronProblem } from "./cron.ts";
 * if (cronProblem("*\/15 9-17 * * mon-fri") !== undefined) throw new Error();
 * if (cronProblem("* * *") !== "expected 5, 6 or 7 fields separated by spaces, found 3") throw new Error();
 * ```
 */
export function cronProblem(expression: string): string | undefined {
  try {
    new CronPattern(expression, undefined, { mode: "auto" });
  } catch (e) {
    return explain(expression, e instanceof Error ? e.message : String(e));
  }
  const first = new Cron(expression, { utcOffset: 0, paused: true, mode: "auto" }).nextRun(new Date(YEAR_ONE));
  return first === null ? "it matches no date" : undefined;
}

/** Croner's complaint, reworded. */
function explain(expression: string, message: string): string {
  const text = message.replace(/^CronPattern: /, "");
  const fields = expression.trim() === "" ? 0 : expression.trim().split(/\s+/).length;
  if (/exactly five, six, or seven/.test(text)) return `expected 5, 6 or 7 fields separated by spaces, found ${fields}`;
  const range = /^Invalid value for (\w+)/.exec(text);
  if (range) return RANGES[range[1] as string] ?? lower(text);
  const illegal = /^configuration entry (\d+) \((.*)\) contains illegal characters/.exec(text);
  if (illegal) {
    const field = FIELDS[Number(illegal[1])] ?? "field";
    return `\`${illegal[2]}\` is not a valid ${field} (use numbers, names, \`*\`, \`,\`, \`-\`, \`/\`)`;
  }
  const backwards = /^From value is larger than to value: '(.*)'/.exec(text);
  if (backwards) return `the range \`${backwards[1]}\` goes backwards`;
  const step = /illegal stepping: (.*)$/.exec(text);
  if (step) return `a step must be a whole number of at least 1, got \`${step[1]}\``;
  return lower(text);
}

function lower(text: string): string {
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, "");
}

/** The options of the `cron` input. */
export const cronSchema = withArgs(
  v.object({
    expression: v.pipe(
      str(),
      v.check(
        (e) => cronProblem(e) === undefined,
        (issue) => `invalid cron expression \`${issue.input}\`: ${cronProblem(issue.input as string)}`,
      ),
      v.description(
        "The schedule: `minute hour day month weekday`, with a leading `second` and a trailing `year` optional.",
      ),
    ),
    count: v.pipe(v.optional(int(1), 1), v.description("Events per tick.")),
    start: v.pipe(v.optional(time(), "now"), v.description("The first tick is at or after this time.")),
    end: v.pipe(
      v.optional(time()),
      v.description("Ticks stop before this time; may be relative to `start`, as in `+1d`. Forever when absent."),
    ),
  }),
  ["expression"],
);

/** Options of {@link cronTicks}. */
export interface CronTicksOptions {
  /** The IANA timezone the expression is read in. */
  timezone: string;
  /** The earliest tick, epoch microseconds (included). */
  start: number;
  /** Ticks stop before this, epoch microseconds; `Infinity` by default. */
  end?: number;
  /** The most ticks to return; 1,000 by default. */
  limit?: number;
}

/**
 * The ticks of a cron expression in a time range.
 *
 * @param expression A cron expression (see {@link cronProblem}).
 * @param options The timezone, the range and how many ticks at most.
 * @returns The ticks, epoch microseconds, ascending.
 * @example
 * ```ts
 * import { cronTicks } from "./cron.ts";
 * const start = Date.UTC(2024, 0, 1) * 1000;
 * const ticks = cronTicks("0 9 * * mon", { timezone: "Europe/Berlin", start, limit: 2 });
 * const iso = [...ticks].map((us) => new Date(us / 1000).toISOString());
 * if (iso.join() !== "2024-01-01T08:00:00.000Z,2024-01-08T08:00:00.000Z") throw new Error(iso.join());
 * ```
 */
export function cronTicks(expression: string, options: CronTicksOptions): Float64Array {
  const schedule = new Schedule(expression, options.timezone, options.start);
  const end = options.end ?? Infinity;
  const limit = options.limit ?? 1000;
  const out: number[] = [];
  while (out.length < limit) {
    const t = schedule.next() * 1000;
    if (!(t < end)) break;
    out.push(t);
  }
  return new Float64Array(out);
}

const DAY = 86_400_000;

/**
 * Ticks of a cron expression one after another, epoch milliseconds.
 *
 * Between two offset changes of the timezone the wall clock is a fixed
 * offset from UTC, so there croner runs with `utcOffset` (no `Intl`) and only
 * for the first tick of a day: the rest of the day is the sorted list of the
 * seconds of the day the second, minute and hour fields allow, since the
 * other fields concern the date alone.
 */
class Schedule {
  readonly #tz: string;
  readonly #zoned: Cron;
  readonly #expression: string;
  readonly #fixedTime: boolean;
  /** The seconds of a day the time fields allow, ascending. */
  readonly #daySeconds: Int32Array;
  readonly #byOffset = new Map<number, Cron>();
  /** The next tick is at or after this. */
  #cursor: number;
  /** The current stretch of constant offset ends before this. */
  #segmentEnd = -Infinity;
  #offset = 0;
  /** Croner at the stretch's fixed offset; undefined when the offset is not whole minutes. */
  #segmentCron: Cron | undefined;
  /** The instant the current local day starts at, when ticks come from `#daySeconds`. */
  #dayStart = NaN;
  #index = 0;

  constructor(expression: string, tz: string, startUs: number) {
    this.#tz = tz;
    this.#expression = expression;
    this.#zoned = new Cron(expression, { timezone: tz, paused: true, mode: "auto" });
    const pattern = new CronPattern(expression, undefined, { mode: "auto" });
    this.#fixedTime = pattern.isFixedTime;
    const seconds: number[] = [];
    for (let h = 0; h < 24; h++) {
      if (!pattern.hour[h]) continue;
      for (let m = 0; m < 60; m++) {
        if (!pattern.minute[m]) continue;
        for (let s = 0; s < 60; s++) if (pattern.second[s]) seconds.push(h * 3600 + m * 60 + s);
      }
    }
    this.#daySeconds = new Int32Array(seconds);
    this.#cursor = Math.ceil(startUs / 1000);
  }

  /** The next tick, epoch milliseconds; `Infinity` when there is none. */
  next(): number {
    if (this.#fixedTime) return this.#from(this.#zoned, Infinity);
    for (;;) {
      if (!Number.isNaN(this.#dayStart)) {
        const i = ++this.#index;
        if (i < this.#daySeconds.length) {
          const t = this.#dayStart + (this.#daySeconds[i] as number) * 1000;
          if (t < this.#segmentEnd) {
            this.#cursor = t + 1000;
            return t;
          }
          this.#cursor = this.#segmentEnd;
        }
        this.#dayStart = NaN;
      }
      if (this.#cursor >= this.#segmentEnd) this.#segment();
      const cron = this.#segmentCron ?? this.#zoned;
      const t = this.#from(cron, this.#segmentEnd);
      if (t === Infinity) return Infinity;
      if (Number.isNaN(t)) continue;
      if (this.#segmentCron) {
        const local = t + this.#offset;
        const midnight = local - mod(local, DAY);
        this.#dayStart = midnight - this.#offset;
        this.#index = search(this.#daySeconds, (local - midnight) / 1000);
      }
      return t;
    }
  }

  /**
   * The first tick of `cron` at or after the cursor: `Infinity` when croner
   * finds none at all, NaN when it is not before `before` (the cursor then
   * moves there).
   */
  #from(cron: Cron, before: number): number {
    const run = cron.nextRun(new Date(this.#cursor - 1));
    if (run === null) return Infinity;
    const t = run.getTime();
    if (t >= before) {
      this.#cursor = before;
      return NaN;
    }
    this.#cursor = t + 1000;
    return t;
  }

  /** Finds the stretch of constant offset that holds the cursor. */
  #segment(): void {
    const zoned = Temporal.Instant.fromEpochMilliseconds(this.#cursor).toZonedDateTimeISO(this.#tz);
    const next = zoned.getTimeZoneTransition("next");
    this.#segmentEnd = next ? next.epochMilliseconds : Infinity;
    const offsetNs = zoned.offsetNanoseconds;
    this.#offset = offsetNs / 1e6;
    if (offsetNs % 60e9 !== 0) {
      this.#segmentCron = undefined;
      return;
    }
    const minutes = offsetNs / 60e9;
    let cron = this.#byOffset.get(minutes);
    if (!cron) {
      cron = new Cron(this.#expression, { utcOffset: minutes, paused: true, mode: "auto" });
      this.#byOffset.set(minutes, cron);
    }
    this.#segmentCron = cron;
  }
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** The index of `x` in an ascending array (or of the last value below it). */
function search(xs: Int32Array, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((xs[mid] as number) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The `cron` input. */
export const cronInput: InputSpec<typeof cronSchema> = {
  kind: "input",
  name: "cron",
  summary: "Events on a cron schedule, in the scenario's timezone",
  schema: cronSchema,
  examples: [
    'input cron "*/15 9-17 * * mon-fri"',
    'input cron "*/10 * * * * *" { count 3; start 2024-01-01T00:00:00Z; end +1h }',
  ],
  create(options, ctx) {
    const tctx = { now: ctx.now, timezone: ctx.timezone };
    const start = resolveTime(options.start, tctx);
    const end = options.end === undefined ? Infinity : resolveTime(options.end, { ...tctx, base: start });
    if (end < start) {
      throw new RangeError(`Input \`cron\` ends before it starts: \`${options.end}\` is before \`${options.start}\``);
    }
    // Live mode drops what is before `from`: no need to compute it.
    const first = Math.max(start, ctx.from ?? -Infinity);
    const yearBound = !new CronPattern(options.expression, undefined, { mode: "auto" }).starYear;
    return cronPlugin(new Schedule(options.expression, ctx.timezone, first), {
      count: options.count,
      end,
      finite: Number.isFinite(end) || yearBound,
    });
  },
};

function cronPlugin(schedule: Schedule, o: { count: number; end: number; finite: boolean }): InputPlugin {
  let tick = schedule.next() * 1000;
  let left = o.count;
  return {
    finite: o.finite,
    read(max) {
      const out = new Float64Array(max);
      let n = 0;
      while (n < max && tick < o.end) {
        const k = Math.min(left, max - n);
        out.fill(tick, n, n + k);
        n += k;
        left -= k;
        if (left === 0) {
          tick = schedule.next() * 1000;
          left = o.count;
        }
      }
      return n === max ? out : out.slice(0, n);
    },
  };
}
