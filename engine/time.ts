/**
 * Time values: durations and sizes as numbers, points in time as text that is
 * resolved when a run starts (so `now` means the start of the run, and a
 * local date-time takes the scenario's timezone). Timestamps are epoch
 * microseconds.
 *
 * @module
 */

const DURATION_UNITS: Record<string, number> = {
  us: 1,
  "µs": 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
  d: 86_400_000_000,
  w: 604_800_000_000,
};

const DURATION_PART = /(\d+(?:\.\d+)?)(us|µs|ms|s|m|h|d|w)/y;

/**
 * Parses a duration such as `500ms`, `1h30m` or `1.5s`.
 *
 * @param text The duration as written.
 * @returns Microseconds, or an error message.
 * @example
 * ```ts
 * import { parseDuration } from "./time.ts";
 * if (parseDuration("1h30m") !== 5_400_000_000) throw new Error();
 * ```
 */
export function parseDuration(text: string): number | string {
  let total = 0;
  let at = 0;
  while (at < text.length) {
    DURATION_PART.lastIndex = at;
    const m = DURATION_PART.exec(text);
    if (!m) {
      return "units are `us`, `ms`, `s`, `m`, `h`, `d` and `w`, as in `500ms` or `1h30m`";
    }
    total += Number(m[1]) * (DURATION_UNITS[m[2] as string] as number);
    at = DURATION_PART.lastIndex;
  }
  if (at === 0) return "expected a number and a unit, as in `5s`";
  return Math.round(total);
}

const SIZE_UNITS: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};

/**
 * Parses a size such as `512KB` or `1GiB`.
 *
 * @param text The size as written.
 * @returns Bytes, or an error message.
 */
export function parseSize(text: string): number | string {
  const m = /^(\d+(?:\.\d+)?)([A-Za-z]+)$/.exec(text);
  const unit = m ? SIZE_UNITS[m[2] as string] : undefined;
  if (!m || unit === undefined) {
    return "units are `B`, `KB`, `MB`, `GB`, `TB`, `KiB`, `MiB`, `GiB` and `TiB`, as in `10MB`";
  }
  return Math.round(Number(m[1]) * unit);
}

const OFFSET_RE = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const ISO_RE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const TIME_OF_DAY_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;

/**
 * Checks a point in time as written in a scenario.
 *
 * @param text `now`, `never`, `+1d`, `-30m`, `14:30`, or ISO 8601 with or without offset.
 * @returns An error message, or `undefined` when the text is valid.
 */
export function checkTime(text: string): string | undefined {
  if (text === "now" || text === "never") return undefined;
  if (text.startsWith("+") || text.startsWith("-")) {
    const d = parseDuration(text.slice(1));
    return typeof d === "string" ? d : undefined;
  }
  const tod = TIME_OF_DAY_RE.exec(text);
  if (tod) {
    return Number(tod[1]) > 23 || Number(tod[2]) > 59 || Number(tod[3] ?? 0) > 59
      ? "hours go up to 23, minutes and seconds up to 59"
      : undefined;
  }
  if (!ISO_RE.test(text)) return "expected ISO 8601 such as `2024-01-01` or `2024-01-01T08:00:00Z`";
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(text) as RegExpExecArray;
  const [y, mo, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
  if (mo < 1 || mo > 12) return "months go from 01 to 12";
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return `${date[1]}-${date[2]} has ${days} days`;
  const clock = /[T ](\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (clock && (Number(clock[1]) > 23 || Number(clock[2]) > 59 || Number(clock[3] ?? 0) > 59)) {
    return "hours go up to 23, minutes and seconds up to 59";
  }
  const zone = /([+-])(\d{2}):?(\d{2})?$/.exec(text.slice(10));
  if (zone && (Number(zone[2]) > 23 || Number(zone[3] ?? 0) > 59)) return "an offset goes up to +23:59";
  return undefined;
}

/** A date-time with an offset, read without Temporal: `2024-01-01T08:00:00.123456+01:00`. */
const FAST_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

/** What a point in time is resolved against. */
export interface TimeContext {
  /** The start of the run, epoch microseconds. */
  now: number;
  /** The IANA timezone for local date-times and times of day. */
  timezone: string;
  /** What a relative time counts from; defaults to `now`. */
  base?: number;
}

/**
 * Resolves a point in time to epoch microseconds.
 *
 * @param text A point in time accepted by {@link checkTime}.
 * @param ctx The run's start, timezone and base for relative times.
 * @returns Epoch microseconds; `Infinity` for `never`.
 * @example
 * ```ts
 * import { resolveTime } from "./time.ts";
 * const us = resolveTime("2024-01-01T00:00:01Z", { now: 0, timezone: "UTC" });
 * if (us !== 1704067201000000) throw new Error(String(us));
 * ```
 */
export function resolveTime(text: string, ctx: TimeContext): number {
  if (text === "now") return ctx.now;
  if (text === "never") return Infinity;
  if (text.startsWith("+") || text.startsWith("-")) {
    const d = parseDuration(text.slice(1));
    if (typeof d === "string") throw new RangeError(`Invalid relative time \`${text}\`: ${d}`);
    return (ctx.base ?? ctx.now) + (text[0] === "-" ? -d : d);
  }
  const tod = TIME_OF_DAY_RE.exec(text);
  if (tod) {
    const today = Temporal.Instant.fromEpochMilliseconds(Math.floor(ctx.now / 1000))
      .toZonedDateTimeISO(ctx.timezone);
    const z = today.with({
      hour: Number(tod[1]),
      minute: Number(tod[2]),
      second: Number(tod[3] ?? 0),
      millisecond: 0,
      microsecond: Number((tod[4] ?? "0").padEnd(6, "0")),
      nanosecond: 0,
    });
    return Number(z.epochNanoseconds / 1000n);
  }
  const fast = FAST_RE.exec(text);
  if (fast) {
    const micros = Number(((fast[2] ?? "") + "000000").slice(0, 6));
    return Date.parse(`${fast[1]}${fast[3]}`) * 1000 + micros;
  }
  const ns = OFFSET_RE.test(text) && text.length > 10
    ? Temporal.Instant.from(text).epochNanoseconds
    : Temporal.PlainDateTime.from(text).toZonedDateTime(ctx.timezone).epochNanoseconds;
  return Number(ns / 1000n);
}

/** Formats epoch microseconds as ISO 8601 in UTC with microseconds when present. */
export function formatUs(us: number): string {
  if (!Number.isFinite(us)) return us > 0 ? "never" : "-never";
  const ms = Math.floor(us / 1000);
  const iso = new Date(ms).toISOString();
  const micro = us - ms * 1000;
  return micro ? iso.replace("Z", `${String(micro).padStart(3, "0")}Z`) : iso;
}
