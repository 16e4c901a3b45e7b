/**
 * The `timestamp` object templates see: an instant in the scenario's time
 * zone with the API of Python's `datetime` (`isoformat()`, `strftime()`,
 * `year` ... `microsecond`, `weekday()`, `timestamp()`), as the Python
 * Eventum exposed it.
 *
 * It is built from epoch microseconds and computes its calendar fields
 * lazily, on the first read; the UTC offset comes from a per-zone cache of
 * offset intervals (see `_time_zone.ts`), so no Temporal object is made per
 * event. `strftime` formats are compiled once and cached.
 *
 * @module
 */
import { isKeywords, param, splitArgs } from "./_args.ts";
import { PY_REPR, reprString } from "./_py_repr.ts";
import { TimeZone } from "./_time_zone.ts";

export { TimeZone };

const US_PER_DAY = 86_400_000_000;
const US_PER_HOUR = 3_600_000_000;
const US_PER_MINUTE = 60_000_000;
const US_PER_SECOND = 1_000_000;

const DAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const TWO: readonly string[] = Array.from(
  { length: 100 },
  (_, i) => String(i).padStart(2, "0"),
);

function two(n: number): string {
  return n < 100 ? TWO[n] as string : String(n);
}

function six(n: number): string {
  return String(n).padStart(6, "0");
}

function year4(y: number): string {
  return y >= 1000 ? String(y) : y >= 0 ? String(y).padStart(4, "0") : "-" + String(-y).padStart(4, "0");
}

/**
 * A proleptic Gregorian date to days since 1970-01-01 (after Howard
 * Hinnant's `days_from_civil`; `#fields` inlines the inverse).
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) +
    day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function isoWeeksInYear(year: number): number {
  const p = (y: number) => (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400)) % 7;
  return p(year) === 4 || p(year - 1) === 3 ? 53 : 52;
}

/** `+HHMM` (`%z`) or `+HH:MM` (isoformat), with seconds when nonzero. */
function formatOffset(offset: number, colon: boolean): string {
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = Math.round(abs % 60);
  const sep = colon ? ":" : "";
  return sign + two(h) + sep + two(m) + (s === 0 ? "" : sep + two(s));
}

/** One `strftime` directive: `%-d`, `%_H`, `%10Y`, `%:z`... */
interface Directive {
  readonly code: string;
  readonly flag: string;
  readonly width: number;
  readonly colon: boolean;
}

type Compiled = ReadonlyArray<string | Directive>;

const FORMAT_CACHE_LIMIT = 256;
const formats = new Map<string, Compiled>();

function compile(format: string): Compiled {
  const cached = formats.get(format);
  if (cached !== undefined) return cached;
  const ops: Array<string | Directive> = [];
  let literal = "";
  let i = 0;
  while (i < format.length) {
    const ch = format[i] as string;
    if (ch !== "%") {
      literal += ch;
      i++;
      continue;
    }
    let j = i + 1;
    let flag = "";
    while (j < format.length && "-_0^#".includes(format[j] as string)) {
      flag = format[j] as string;
      j++;
    }
    let width = 0;
    while (j < format.length && /[0-9]/.test(format[j] as string)) {
      width = width * 10 + Number(format[j]);
      j++;
    }
    let colon = false;
    if (format[j] === ":" && format[j + 1] === "z") {
      colon = true;
      j++;
    }
    // glibc's E and O modifiers select alternative numerals; the C locale
    // has none, so they are skipped.
    if ((format[j] === "E" || format[j] === "O") && j + 1 < format.length) j++;
    const code = format[j];
    if (code === undefined) {
      literal += format.slice(i);
      break;
    }
    if (!KNOWN.has(code)) {
      // Unknown directives are printed as written, as glibc does.
      literal += format.slice(i, j + 1);
    } else if (code === "%" && flag === "" && width === 0) {
      literal += "%";
    } else {
      if (literal !== "") ops.push(literal);
      literal = "";
      ops.push({ code, flag, width, colon });
    }
    i = j + 1;
  }
  if (literal !== "") ops.push(literal);
  if (formats.size >= FORMAT_CACHE_LIMIT) formats.clear();
  formats.set(format, ops);
  return ops;
}

const KNOWN = new Set(
  "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZf%".split(""),
);
/** Directives whose default padding is spaces rather than zeros. */
const SPACE_PADDED = new Set(["e", "k", "l"]);
const NUMERIC = new Set("CdeGgHIjklmMsSuUVwWyYf".split(""));
const TIMESPECS = new Set([
  "auto",
  "hours",
  "minutes",
  "seconds",
  "milliseconds",
  "microseconds",
]);

/**
 * An event's timestamp with Python's `datetime` API.
 *
 * @example
 * ```ts
 * import { EventTimestamp } from "./timestamp.ts";
 * const us = Date.UTC(2024, 6, 1, 12, 30, 5) * 1000 + 250;
 * const ts = new EventTimestamp(us, "Europe/Berlin");
 * if (ts.isoformat() !== "2024-07-01T14:30:05.000250+02:00") throw new Error();
 * if (ts.strftime("%d/%b/%Y:%H:%M:%S %z") !== "01/Jul/2024:14:30:05 +0200") {
 *   throw new Error();
 * }
 * if (ts.hour !== 14 || ts.weekday() !== 0) throw new Error();
 * ```
 */
export class EventTimestamp {
  #us: number;
  #zone: TimeZone | null;
  #ready = false;
  #offset = 0;
  #days = 0;
  #year = 0;
  #month = 0;
  #day = 0;
  #hour = 0;
  #minute = 0;
  #second = 0;
  #micro = 0;
  #iso: string | null = null;

  /**
   * Creates a timestamp.
   *
   * @param us The instant, in epoch microseconds (fractions are floored).
   * @param timezone An IANA name (`Europe/Berlin`), `UTC` (the default), a
   * {@linkcode TimeZone}, or `null` for a naive value with no zone (as
   * Python's `date()` and `time()` give).
   * @throws {Error} When the time zone is unknown.
   */
  constructor(us: number, timezone: string | TimeZone | null = "UTC") {
    this.#us = Math.floor(us);
    this.#zone = typeof timezone === "string" ? TimeZone.of(timezone) : timezone;
  }

  /**
   * Moves this object to another instant, to reuse one object per event.
   * Only safe when no template kept a reference to it (a template that
   * stores `timestamp` in state would see the stored value change), so
   * prefer a new object per event unless profiling says otherwise.
   *
   * @param us The new instant, in epoch microseconds.
   * @returns This object.
   */
  reset(us: number): this {
    this.#us = Math.floor(us);
    this.#ready = false;
    this.#iso = null;
    return this;
  }

  /** `"EventTimestamp"`; keeps Nunjucks' Jinja-compat from seeing a dict. */
  get [Symbol.toStringTag](): string {
    return "EventTimestamp";
  }

  /** The instant in epoch microseconds. */
  get epochMicroseconds(): number {
    return this.#us;
  }

  /** The time zone's name (`UTC`, `Europe/Berlin`), or `null` when naive. */
  get tzinfo(): string | null {
    return this.#zone?.name ?? null;
  }

  #fields(): void {
    const zone = this.#zone;
    const offset = zone === null ? 0 : zone.offsetAt(this.#us);
    const local = this.#us + offset * US_PER_SECOND;
    const days = Math.floor(local / US_PER_DAY);
    let rest = local - days * US_PER_DAY;
    // civilFromDays, inlined to spare an array per event.
    const z = days + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor(
      (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) -
        Math.floor(doe / 146096)) / 365,
    );
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const month = mp < 10 ? mp + 3 : mp - 9;
    this.#offset = offset;
    this.#days = days;
    this.#year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    this.#month = month;
    this.#day = doy - Math.floor((153 * mp + 2) / 5) + 1;
    this.#hour = Math.floor(rest / US_PER_HOUR);
    rest -= this.#hour * US_PER_HOUR;
    this.#minute = Math.floor(rest / US_PER_MINUTE);
    rest -= this.#minute * US_PER_MINUTE;
    this.#second = Math.floor(rest / US_PER_SECOND);
    this.#micro = rest - this.#second * US_PER_SECOND;
    this.#ready = true;
  }

  /** The year, such as 2024. */
  get year(): number {
    if (!this.#ready) this.#fields();
    return this.#year;
  }
  /** The month, 1 to 12. */
  get month(): number {
    if (!this.#ready) this.#fields();
    return this.#month;
  }
  /** The day of the month, 1 to 31. */
  get day(): number {
    if (!this.#ready) this.#fields();
    return this.#day;
  }
  /** The hour, 0 to 23. */
  get hour(): number {
    if (!this.#ready) this.#fields();
    return this.#hour;
  }
  /** The minute, 0 to 59. */
  get minute(): number {
    if (!this.#ready) this.#fields();
    return this.#minute;
  }
  /** The second, 0 to 59. */
  get second(): number {
    if (!this.#ready) this.#fields();
    return this.#second;
  }
  /** The microsecond, 0 to 999999. */
  get microsecond(): number {
    if (!this.#ready) this.#fields();
    return this.#micro;
  }

  /**
   * The day of the week, Monday being 0 and Sunday 6.
   *
   * @returns 0 to 6.
   */
  weekday(): number {
    if (!this.#ready) this.#fields();
    return (((this.#days + 3) % 7) + 7) % 7;
  }

  /**
   * The day of the week, Monday being 1 and Sunday 7.
   *
   * @returns 1 to 7.
   */
  isoweekday(): number {
    return this.weekday() + 1;
  }

  #yearDay(): number {
    if (!this.#ready) this.#fields();
    return this.#days - daysFromCivil(this.#year, 1, 1) + 1;
  }

  #isoCalendar(): [number, number, number] {
    const weekday = this.isoweekday();
    let year = this.#year;
    let week = Math.floor((this.#yearDay() - weekday + 10) / 7);
    if (week < 1) {
      year -= 1;
      week = isoWeeksInYear(year);
    } else if (week > isoWeeksInYear(year)) {
      year += 1;
      week = 1;
    }
    return [year, week, weekday];
  }

  /**
   * The ISO 8601 year, week number and weekday.
   *
   * @returns `[year, week, weekday]`, such as `[2024, 1, 1]`.
   */
  isocalendar(): [number, number, number] {
    return this.#isoCalendar();
  }

  /**
   * The instant as POSIX seconds.
   *
   * @returns Seconds since 1970-01-01T00:00:00Z, with a fraction.
   */
  timestamp(): number {
    return this.#us / US_PER_SECOND;
  }

  /**
   * The zone's abbreviation at this instant (`UTC`, `CEST`, `+04`).
   *
   * @returns The abbreviation, or `null` when naive.
   */
  tzname(): string | null {
    return this.#zone?.abbreviationAt(this.#us) ?? null;
  }

  /**
   * The UTC offset in seconds (Python returns a `timedelta`).
   *
   * @returns Seconds east of UTC, or `null` when naive.
   */
  utcoffset(): number | null {
    if (this.#zone === null) return null;
    if (!this.#ready) this.#fields();
    return this.#offset;
  }

  /**
   * ISO 8601 text, by Python's rules: `2024-01-01T00:00:00+00:00`, with
   * `.ffffff` only when the microseconds are not zero.
   *
   * @param args Optional `sep` (default `T`) and `timespec` (`auto`,
   * `hours`, `minutes`, `seconds`, `milliseconds`, `microseconds`),
   * positionally or as keywords.
   * @returns The text.
   */
  isoformat(...args: unknown[]): string {
    if (args.length === 0) {
      return this.#iso ??= this.#isoformat("T", "auto");
    }
    const [positional, keywords] = splitArgs(args);
    const sep = param(positional, keywords, 0, "sep") ?? "T";
    const timespec = param(positional, keywords, 1, "timespec") ?? "auto";
    if (typeof timespec !== "string" || !TIMESPECS.has(timespec)) {
      throw new Error(`Unknown timespec ${"`" + String(timespec) + "`"}`);
    }
    return this.#isoformat(String(sep), timespec);
  }

  #isoformat(sep: string, timespec: string): string {
    if (!this.#ready) this.#fields();
    let out = year4(this.#year) + "-" + two(this.#month) + "-" +
      two(this.#day) + sep + two(this.#hour);
    if (timespec !== "hours") {
      out += ":" + two(this.#minute);
      if (timespec !== "minutes") {
        out += ":" + two(this.#second);
        if (timespec === "milliseconds") {
          out += "." + String(Math.floor(this.#micro / 1000)).padStart(3, "0");
        } else if (
          timespec === "microseconds" ||
          (timespec === "auto" && this.#micro !== 0)
        ) {
          out += "." + six(this.#micro);
        }
      }
    }
    return this.#zone === null ? out : out + formatOffset(this.#offset, true);
  }

  /**
   * Formats with C/Python `strftime` directives in the C locale: `%a %A %w
   * %d %b %B %m %y %Y %H %I %p %M %S %f %z %Z %j %U %W %c %x %X %% %e %T %F
   * %s %G %V %u %g %C %D %R %r %h %k %l %P %n %t %:z`, glibc's flags (`%-d`
   * no padding, `%_d` spaces, `%0e` zeros, `%^a` upper case, `%#Z` swapped
   * case) and widths (`%10Y`). Unknown directives print as written.
   *
   * @param format The format.
   * @returns The formatted text.
   */
  strftime(format: string): string {
    if (typeof format !== "string") {
      throw new Error(
        `Cannot format a timestamp with ${
          isKeywords(format) ? "keywords" : "`" + String(format) + "`"
        }: expected a format string`,
      );
    }
    if (!this.#ready) this.#fields();
    const ops = compile(format);
    let out = "";
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i] as string | Directive;
      out += typeof op === "string" ? op : this.#directive(op);
    }
    return out;
  }

  #directive(d: Directive): string {
    const { code, flag, width } = d;
    let value: string | number;
    switch (code) {
      case "a":
        value = (DAY_NAMES[this.weekday()] as string).slice(0, 3);
        break;
      case "A":
        value = DAY_NAMES[this.weekday()] as string;
        break;
      case "w":
        value = (this.weekday() + 1) % 7;
        break;
      case "u":
        value = this.weekday() + 1;
        break;
      case "d":
      case "e":
        value = this.#day;
        break;
      case "b":
      case "h":
        value = (MONTH_NAMES[this.#month - 1] as string).slice(0, 3);
        break;
      case "B":
        value = MONTH_NAMES[this.#month - 1] as string;
        break;
      case "m":
        value = this.#month;
        break;
      case "y":
        value = ((this.#year % 100) + 100) % 100;
        break;
      case "Y":
        value = this.#year;
        break;
      case "C":
        value = Math.floor(this.#year / 100);
        break;
      case "G":
        value = this.#isoCalendar()[0];
        break;
      case "g":
        value = ((this.#isoCalendar()[0] % 100) + 100) % 100;
        break;
      case "V":
        value = this.#isoCalendar()[1];
        break;
      case "H":
      case "k":
        value = this.#hour;
        break;
      case "I":
      case "l":
        value = this.#hour % 12 === 0 ? 12 : this.#hour % 12;
        break;
      case "p":
        value = this.#hour < 12 ? "AM" : "PM";
        break;
      case "P":
        value = this.#hour < 12 ? "am" : "pm";
        break;
      case "M":
        value = this.#minute;
        break;
      case "S":
        value = this.#second;
        break;
      case "f":
        value = this.#micro;
        break;
      case "j":
        value = this.#yearDay();
        break;
      case "U": {
        const sunday = (this.weekday() + 1) % 7;
        value = Math.floor((this.#yearDay() - 1 + 7 - sunday) / 7);
        break;
      }
      case "W":
        value = Math.floor((this.#yearDay() - 1 + 7 - this.weekday()) / 7);
        break;
      case "s":
        value = Math.floor(this.#us / US_PER_SECOND);
        break;
      case "z":
        value = this.#zone === null ? "" : formatOffset(this.#offset, d.colon);
        break;
      case "Z":
        value = this.tzname() ?? "";
        break;
      case "c":
        value = this.strftime("%a %b %e %H:%M:%S %Y");
        break;
      case "x":
        value = this.strftime("%m/%d/%y");
        break;
      case "X":
      case "T":
        value = this.strftime("%H:%M:%S");
        break;
      case "D":
        value = this.strftime("%m/%d/%y");
        break;
      case "F":
        value = year4(this.#year) + "-" + two(this.#month) + "-" +
          two(this.#day);
        break;
      case "R":
        value = this.strftime("%H:%M");
        break;
      case "r":
        value = this.strftime("%I:%M:%S %p");
        break;
      case "n":
        value = "\n";
        break;
      case "t":
        value = "\t";
        break;
      default: // "%" with a flag or width
        value = "%";
    }
    if (typeof value === "number") {
      return this.#number(value, code, flag, width);
    }
    if (flag === "^") value = value.toUpperCase();
    else if (flag === "#") {
      value = value === value.toUpperCase() ? value.toLowerCase() : value.toUpperCase();
    }
    return width > value.length ? value.padStart(width, flag === "0" ? "0" : " ") : value;
  }

  #number(n: number, code: string, flag: string, width: number): string {
    const digits = String(Math.abs(n));
    const sign = n < 0 ? "-" : "";
    if (flag === "-") return sign + digits;
    let size = width;
    if (size === 0) {
      size = code === "Y" || code === "G"
        ? 4
        : code === "j"
        ? 3
        : code === "f"
        ? 6
        : code === "s" || code === "w" || code === "u"
        ? 1
        : 2;
    }
    const pad = flag === "_" ? " " : flag === "0" ? "0" : SPACE_PADDED.has(code) ? " " : "0";
    if (!NUMERIC.has(code) || sign.length + digits.length >= size) {
      return sign + digits;
    }
    return pad === "0" ? sign + digits.padStart(size - sign.length, "0") : (sign + digits).padStart(size, " ");
  }

  /**
   * The C library's `ctime()` form: `Mon Jan  1 00:00:00 2024`.
   *
   * @returns The text.
   */
  ctime(): string {
    return this.strftime("%a %b %e %H:%M:%S %Y");
  }

  /**
   * The calendar date, as Python's `datetime.date()`.
   *
   * @returns A naive value printing as `2024-01-01`.
   */
  date(): EventDate {
    if (!this.#ready) this.#fields();
    return new EventDate(this.#days * US_PER_DAY);
  }

  /**
   * The time of day, as Python's `datetime.time()`.
   *
   * @returns A naive value printing as `14:30:05` (with `.ffffff` when the
   * microseconds are not zero).
   */
  time(): EventTime {
    if (!this.#ready) this.#fields();
    // Python formats times on 1900-01-01.
    const epoch1900 = -2_208_988_800 * US_PER_SECOND;
    return new EventTime(
      epoch1900 + this.#hour * US_PER_HOUR + this.#minute * US_PER_MINUTE +
        this.#second * US_PER_SECOND + this.#micro,
    );
  }

  /**
   * The same wall-clock time with some fields changed, as Python's
   * `replace(year=..., ..., microsecond=...)`. A wall time that a DST change
   * skips or repeats resolves to the earlier offset.
   *
   * @param args Keyword arguments, or positional ones in Python's order.
   * @returns A new timestamp in the same zone.
   */
  replace(...args: unknown[]): EventTimestamp {
    if (!this.#ready) this.#fields();
    const [positional, keywords] = splitArgs(args);
    const names = [
      "year",
      "month",
      "day",
      "hour",
      "minute",
      "second",
      "microsecond",
    ] as const;
    const current = [
      this.#year,
      this.#month,
      this.#day,
      this.#hour,
      this.#minute,
      this.#second,
      this.#micro,
    ];
    const v = names.map((name, i) => {
      const given = param(positional, keywords, i, name);
      if (given === undefined || given === null) return current[i] as number;
      if (typeof given !== "number" || !Number.isInteger(given)) {
        throw new Error(
          `Cannot replace \`${name}\` of a timestamp with ${"`" + String(given) + "`"}: expected an integer`,
        );
      }
      return given;
    }) as [number, number, number, number, number, number, number];
    const [y, mo, d, h, mi, s, us] = v;
    const lastDay = daysFromCivil(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, 1) -
      daysFromCivil(y, mo, 1);
    if (
      mo < 1 || mo > 12 || d < 1 || d > lastDay || h < 0 || h > 23 ||
      mi < 0 || mi > 59 || s < 0 || s > 59 || us < 0 || us > 999_999
    ) {
      throw new Error(
        `Cannot replace fields of a timestamp: ${
          y + "-" + mo + "-" + d + " " + h + ":" + mi + ":" + s + "." + us
        } is not a valid date and time`,
      );
    }
    const local = daysFromCivil(y, mo, d) * US_PER_DAY + h * US_PER_HOUR +
      mi * US_PER_MINUTE + s * US_PER_SECOND + us;
    return new EventTimestamp(this.#toUtc(local), this.#zone);
  }

  #toUtc(local: number): number {
    const zone = this.#zone;
    if (zone === null) return local;
    // Try the offsets in force just before and after; keep the first that
    // maps back to the same wall time (the earlier one when both do).
    const before = zone.offsetAt(local - US_PER_DAY);
    const after = zone.offsetAt(local + US_PER_DAY);
    for (const offset of [before, after]) {
      const utc = local - offset * US_PER_SECOND;
      if (zone.offsetAt(utc) === offset) return utc;
    }
    return local - before * US_PER_SECOND;
  }

  /**
   * The same instant in another time zone.
   *
   * @param timezone An IANA name or a {@linkcode TimeZone}.
   * @returns A new timestamp.
   */
  astimezone(timezone: string | TimeZone): EventTimestamp {
    return new EventTimestamp(this.#us, timezone);
  }

  /**
   * Python's `str(datetime)`: `2024-01-01 00:00:00+00:00`.
   *
   * @returns The text.
   */
  toString(): string {
    return this.#isoformat(" ", "auto");
  }

  /**
   * The ISO text, as `JSON.stringify` and the `dump` filter write it.
   *
   * @returns `isoformat()`.
   */
  toJSON(): string {
    return this.isoformat();
  }

  /**
   * Text for string contexts (`'at ' ~ timestamp`), epoch microseconds for
   * comparisons (`timestamp < other`).
   *
   * @param hint The conversion JavaScript asks for.
   * @returns The text or the number.
   */
  [Symbol.toPrimitive](hint: string): string | number {
    return hint === "number" ? this.#us : this.toString();
  }

  /** Python's `repr()`. */
  [PY_REPR](): string {
    if (!this.#ready) this.#fields();
    let out = `datetime.datetime(${this.#year}, ${this.#month}, ${this.#day}, ${this.#hour}, ${this.#minute}`;
    if (this.#second !== 0 || this.#micro !== 0) out += `, ${this.#second}`;
    if (this.#micro !== 0) out += `, ${this.#micro}`;
    if (this.#zone !== null) {
      out += `, tzinfo=zoneinfo.ZoneInfo(key=${reprString(this.#zone.name)})`;
    }
    return out + ")";
  }
}

/** A calendar date, as Python's `datetime.date`. */
export class EventDate extends EventTimestamp {
  /**
   * Creates a date.
   *
   * @param us Midnight of the date, in epoch microseconds (naive).
   */
  constructor(us: number) {
    super(us, null);
  }

  /**
   * `YYYY-MM-DD`.
   *
   * @returns The text.
   */
  override isoformat(): string {
    return this.strftime("%F");
  }

  /**
   * `YYYY-MM-DD`.
   *
   * @returns The text.
   */
  override toString(): string {
    return this.isoformat();
  }

  /** Python's `repr()`. */
  override [PY_REPR](): string {
    return `datetime.date(${this.year}, ${this.month}, ${this.day})`;
  }
}

/** A time of day, as Python's `datetime.time`. */
export class EventTime extends EventTimestamp {
  /**
   * Creates a time of day.
   *
   * @param us The time on 1900-01-01, in epoch microseconds (naive).
   */
  constructor(us: number) {
    super(us, null);
  }

  /**
   * `HH:MM:SS`, with `.ffffff` when the microseconds are not zero.
   *
   * @returns The text.
   */
  override isoformat(): string {
    return this.microsecond === 0 ? this.strftime("%H:%M:%S") : this.strftime("%H:%M:%S.%f");
  }

  /**
   * As {@linkcode EventTime.isoformat}.
   *
   * @returns The text.
   */
  override toString(): string {
    return this.isoformat();
  }

  /** Python's `repr()`. */
  override [PY_REPR](): string {
    let out = `datetime.time(${this.hour}, ${this.minute}`;
    if (this.second !== 0 || this.microsecond !== 0) out += `, ${this.second}`;
    if (this.microsecond !== 0) out += `, ${this.microsecond}`;
    return out + ")";
  }
}
