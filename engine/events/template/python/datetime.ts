/**
 * `module.datetime`: Python's `timedelta`, `timezone.utc`, and
 * `datetime.now()` / `fromisoformat()` / `fromtimestamp()`, for templates
 * that do date arithmetic (`timestamp - module.datetime.timedelta(hours=3)`).
 *
 * The arithmetic itself (`+`, `-`, `*` between timestamps, timedeltas and
 * numbers) is in {@linkcode addTime}, {@linkcode subTime} and
 * {@linkcode mulTime}, which the template operators call. An aware
 * timestamp plus a timedelta moves its wall-clock time and keeps its zone,
 * as Python does.
 *
 * @module
 */
import { param, splitArgs } from "../_args.ts";
import { PY_REPR } from "../_py_repr.ts";
import { EventDate, EventTime, EventTimestamp, TimeZone } from "../timestamp.ts";
import { pyRound } from "./_format.ts";
import { PY_BOOL, PY_EQ } from "./values.ts";

const US_PER_SECOND = 1_000_000;
const US_PER_DAY = 86_400_000_000;

/**
 * A duration, as Python's `datetime.timedelta`, held in microseconds.
 *
 * @example
 * ```ts
 * import { Timedelta } from "./datetime.ts";
 * const td = Timedelta.of({ hours: 26, minutes: 3, seconds: 4.5 });
 * if (String(td) !== "1 day, 2:03:04.500000" || td.total_seconds() !== 93784.5) throw new Error(String(td));
 * if (String(Timedelta.of({ seconds: -1 })) !== "-1 day, 23:59:59") throw new Error();
 * ```
 */
export class Timedelta {
  readonly #us: number;

  /**
   * Creates a duration.
   *
   * @param us Microseconds (rounded to the nearest, ties to even).
   */
  constructor(us: number) {
    if (!Number.isFinite(us)) throw new Error(`OverflowError: cannot make a timedelta of ${us} microseconds`);
    this.#us = pyRound(us);
  }

  /**
   * A duration from Python's keyword arguments.
   *
   * @param parts `weeks`, `days`, `hours`, `minutes`, `seconds`,
   * `milliseconds`, `microseconds` (fractions allowed).
   * @returns The duration.
   */
  static of(parts: Readonly<Partial<Record<TimedeltaUnit, number>>>): Timedelta {
    let us = 0;
    for (const [unit, size] of UNITS) {
      const n = parts[unit];
      if (n !== undefined) us += n * size;
    }
    return new Timedelta(us);
  }

  /** `"datetime.timedelta"`; keeps Nunjucks' Jinja-compat from treating it as a dict. */
  get [Symbol.toStringTag](): string {
    return "datetime.timedelta";
  }

  /** The duration in microseconds. */
  get microsecondsTotal(): number {
    return this.#us;
  }

  /** Whole days, negative for negative durations (Python's normalized form). */
  get days(): number {
    return Math.floor(this.#us / US_PER_DAY);
  }

  /** Seconds within the day, 0 to 86399. */
  get seconds(): number {
    return Math.floor((this.#us - this.days * US_PER_DAY) / US_PER_SECOND);
  }

  /** Microseconds within the second, 0 to 999999. */
  get microseconds(): number {
    return this.#us - this.days * US_PER_DAY - this.seconds * US_PER_SECOND;
  }

  /**
   * The duration in seconds.
   *
   * @returns Seconds, with a fraction.
   */
  total_seconds(): number {
    return this.#us / US_PER_SECOND;
  }

  /** Python's `str()`: `1 day, 2:03:04.500000`. */
  toString(): string {
    const days = this.days;
    let s = this.seconds;
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    s -= m * 60;
    let out = `${h}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
    if (this.microseconds !== 0) out += "." + String(this.microseconds).padStart(6, "0");
    if (days !== 0) out = `${days} day${Math.abs(days) === 1 ? "" : "s"}, ` + out;
    return out;
  }

  /** Python's `repr()`: `datetime.timedelta(days=1, seconds=3600)`. */
  [PY_REPR](): string {
    const parts: string[] = [];
    if (this.days !== 0) parts.push(`days=${this.days}`);
    if (this.seconds !== 0) parts.push(`seconds=${this.seconds}`);
    if (this.microseconds !== 0) parts.push(`microseconds=${this.microseconds}`);
    return `datetime.timedelta(${parts.length === 0 ? "0" : parts.join(", ")})`;
  }

  /** A zero duration is false. */
  [PY_BOOL](): boolean {
    return this.#us !== 0;
  }

  /** Equal durations are equal. */
  [PY_EQ](other: unknown): boolean {
    return other instanceof Timedelta && other.#us === this.#us;
  }

  /**
   * Microseconds for comparisons (`td < other`), the text otherwise.
   *
   * @param hint What JavaScript asks for.
   * @returns The number or the text.
   */
  [Symbol.toPrimitive](hint: string): string | number {
    return hint === "string" ? this.toString() : this.#us;
  }
}

/** The keywords of `timedelta(...)`. */
export type TimedeltaUnit = "weeks" | "days" | "hours" | "minutes" | "seconds" | "milliseconds" | "microseconds";

const UNITS: ReadonlyArray<readonly [TimedeltaUnit, number]> = [
  ["weeks", 7 * US_PER_DAY],
  ["days", US_PER_DAY],
  ["hours", 3600 * US_PER_SECOND],
  ["minutes", 60 * US_PER_SECOND],
  ["seconds", US_PER_SECOND],
  ["milliseconds", 1000],
  ["microseconds", 1],
];
/** Python's positional order: `timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks)`. */
const POSITIONAL: readonly TimedeltaUnit[] = [
  "days",
  "seconds",
  "microseconds",
  "milliseconds",
  "minutes",
  "hours",
  "weeks",
];

function timedelta(...args: unknown[]): Timedelta {
  const [positional, keywords] = splitArgs(args);
  const parts: Partial<Record<TimedeltaUnit, number>> = {};
  for (const name of Object.keys(keywords)) {
    if (!UNITS.some(([unit]) => unit === name)) {
      throw new Error(`TypeError: timedelta() got an unexpected keyword argument '${name}'`);
    }
  }
  POSITIONAL.forEach((unit, i) => {
    const v = param(positional, keywords, i, unit);
    if (v === undefined || v === null) return;
    if (typeof v !== "number" && typeof v !== "boolean") {
      throw new Error(`TypeError: unsupported type for timedelta ${unit} component: ${typeof v}`);
    }
    parts[unit] = Number(v);
  });
  return Timedelta.of(parts);
}

function zoneOf(ts: EventTimestamp): TimeZone | null {
  const name = ts.tzinfo;
  return name === null ? null : TimeZone.of(name);
}

/** Wall-clock microseconds of a timestamp (UTC plus its offset). */
function wall(ts: EventTimestamp): number {
  return ts.epochMicroseconds + (ts.utcoffset() ?? 0) * US_PER_SECOND;
}

/** The instant a wall-clock time in a zone names; the earlier offset when it is ambiguous or skipped. */
function fromWall(local: number, zone: TimeZone | null): number {
  if (zone === null || zone.fixed) return local;
  const before = zone.offsetAt(local - US_PER_DAY);
  const after = zone.offsetAt(local + US_PER_DAY);
  for (const offset of [before, after]) {
    const utc = local - offset * US_PER_SECOND;
    if (zone.offsetAt(utc) === offset) return utc;
  }
  return local - before * US_PER_SECOND;
}

function shifted(ts: EventTimestamp, us: number): EventTimestamp {
  if (ts instanceof EventTime) {
    throw new Error("TypeError: unsupported operand type(s) for +: 'datetime.time' and 'datetime.timedelta'");
  }
  if (ts instanceof EventDate) {
    return new EventDate(ts.epochMicroseconds + Math.trunc(us / US_PER_DAY) * US_PER_DAY);
  }
  const zone = zoneOf(ts);
  return new EventTimestamp(fromWall(wall(ts) + us, zone), zone);
}

/**
 * `a + b` for timestamps and timedeltas.
 *
 * @param a The left operand.
 * @param b The right operand.
 * @returns The sum, or `undefined` when neither is a time value.
 */
export function addTime(a: unknown, b: unknown): unknown {
  if (a instanceof Timedelta) {
    if (b instanceof Timedelta) return new Timedelta(a.microsecondsTotal + b.microsecondsTotal);
    if (b instanceof EventTimestamp) return shifted(b, a.microsecondsTotal);
  } else if (a instanceof EventTimestamp && b instanceof Timedelta) return shifted(a, b.microsecondsTotal);
  return undefined;
}

/**
 * `a - b` for timestamps and timedeltas: a timestamp minus a timedelta is
 * a timestamp, minus a timestamp a timedelta.
 *
 * @param a The left operand.
 * @param b The right operand.
 * @returns The difference, or `undefined` when neither is a time value.
 */
export function subTime(a: unknown, b: unknown): unknown {
  if (a instanceof Timedelta && b instanceof Timedelta) return new Timedelta(a.microsecondsTotal - b.microsecondsTotal);
  if (a instanceof EventTimestamp) {
    if (b instanceof Timedelta) return shifted(a, -b.microsecondsTotal);
    if (b instanceof EventTimestamp) {
      if ((a.tzinfo === null) !== (b.tzinfo === null)) {
        throw new Error("TypeError: can't subtract offset-naive and offset-aware datetimes");
      }
      // Python subtracts wall times when both share a zone, instants otherwise.
      const same = a.tzinfo === b.tzinfo;
      return new Timedelta(
        same ? wall(a) - wall(b) : a.epochMicroseconds - b.epochMicroseconds,
      );
    }
  }
  return undefined;
}

/**
 * `a * b` and `a / b` for a timedelta and a number (`td / td` is a
 * number).
 *
 * @param a The left operand.
 * @param b The right operand.
 * @param op `*` or `/`.
 * @returns The result, or `undefined` when neither is a timedelta.
 */
export function mulTime(a: unknown, b: unknown, op: "*" | "/"): unknown {
  if (op === "*") {
    if (a instanceof Timedelta && typeof b === "number") return new Timedelta(a.microsecondsTotal * b);
    if (b instanceof Timedelta && typeof a === "number") return new Timedelta(b.microsecondsTotal * a);
    return undefined;
  }
  if (a instanceof Timedelta) {
    if (b instanceof Timedelta) return a.microsecondsTotal / b.microsecondsTotal;
    if (typeof b === "number") {
      if (b === 0) throw new Error("ZeroDivisionError: division by zero");
      return new Timedelta(a.microsecondsTotal / b);
    }
  }
  return undefined;
}

function zoneArg(tz: unknown): string | TimeZone | null {
  if (tz === undefined || tz === null) return null;
  if (typeof tz === "string" || tz instanceof TimeZone) return tz;
  throw new Error(`TypeError: tzinfo argument must be None or a time zone, not \`${String(tz)}\``);
}

const ISO =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,6})\d*)?)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)?$/;

function fromisoformat(text: unknown): EventTimestamp {
  const m = typeof text === "string" ? ISO.exec(text.trim()) : null;
  if (m === null) throw new Error(`ValueError: Invalid isoformat string: '${String(text)}'`);
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const us = Number((m[7] ?? "").padEnd(6, "0"));
  const local = Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + us;
  const tz = m[8];
  if (tz === undefined) return new EventTimestamp(local, null);
  if (tz === "Z") return new EventTimestamp(local, "UTC");
  const digits = tz.replace(/:/g, "");
  const sign = digits[0] === "-" ? -1 : 1;
  const offset = sign *
    (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5) || 0) * 60 + Number(digits.slice(5, 7) || 0));
  const name = offset === 0 ? "UTC" : `${digits[0]}${digits.slice(1, 3)}:${digits.slice(3, 5) || "00"}`;
  return new EventTimestamp(local - offset * US_PER_SECOND, name);
}

function nowUs(): number {
  return Date.now() * 1000;
}

/** What `module.datetime` offers. */
export interface DatetimeModule {
  /** `timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)` */
  timedelta: (...args: unknown[]) => Timedelta;
  /** `timezone.utc`; zones are passed around by name. */
  timezone: { utc: string };
  /** `datetime.now(tz=None)`, `utcnow()`, `fromisoformat(s)`, `fromtimestamp(t, tz=None)`. */
  datetime: {
    now(...args: unknown[]): EventTimestamp;
    utcnow(): EventTimestamp;
    fromisoformat(text: unknown): EventTimestamp;
    fromtimestamp(...args: unknown[]): EventTimestamp;
  };
  /** `date.today()`, `date.fromisoformat(s)`. */
  date: { today(): EventDate; fromisoformat(text: unknown): EventDate };
}

/**
 * Creates `module.datetime`.
 *
 * @param clock Where `now()` reads the time, in epoch microseconds (the
 * system clock by default).
 * @returns The module.
 *
 * @example
 * ```ts
 * import { createDatetime } from "./datetime.ts";
 * const datetime = createDatetime();
 * const td = datetime.timedelta({ __keywords: true, minutes: 90 });
 * if (String(td) !== "1:30:00") throw new Error(String(td));
 * if (datetime.datetime.fromisoformat("2024-01-02T03:04:05+02:00").isoformat() !== "2024-01-02T03:04:05+02:00") {
 *   throw new Error();
 * }
 * ```
 */
export function createDatetime(clock: () => number = nowUs): DatetimeModule {
  return {
    timedelta,
    timezone: { utc: "UTC" },
    datetime: {
      now(...args) {
        const [positional, keywords] = splitArgs(args);
        const tz = zoneArg(param(positional, keywords, 0, "tz"));
        if (tz !== null) return new EventTimestamp(clock(), tz);
        const us = clock();
        return new EventTimestamp(us - new Date(us / 1000).getTimezoneOffset() * 60 * US_PER_SECOND, null);
      },
      utcnow: () => new EventTimestamp(clock(), null),
      fromisoformat,
      fromtimestamp(...args) {
        const [positional, keywords] = splitArgs(args);
        const t = param(positional, keywords, 0, "timestamp");
        if (typeof t !== "number") throw new Error("TypeError: fromtimestamp() expects a number of seconds");
        const tz = zoneArg(param(positional, keywords, 1, "tz"));
        const us = pyRound(t * US_PER_SECOND);
        if (tz !== null) return new EventTimestamp(us, tz);
        return new EventTimestamp(us - new Date(us / 1000).getTimezoneOffset() * 60 * US_PER_SECOND, null);
      },
    },
    date: {
      today() {
        const us = clock();
        const local = us - new Date(us / 1000).getTimezoneOffset() * 60 * US_PER_SECOND;
        return new EventDate(Math.floor(local / US_PER_DAY) * US_PER_DAY);
      },
      fromisoformat(text) {
        const ts = fromisoformat(text);
        return new EventDate(Math.floor(ts.epochMicroseconds / US_PER_DAY) * US_PER_DAY);
      },
    },
  };
}
