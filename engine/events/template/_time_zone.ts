/**
 * Time zones for event timestamps: the UTC offset at an instant, cached so
 * that the per-event cost is an array lookup.
 *
 * Offsets come from Temporal. Each lookup that misses the cache asks
 * Temporal for the offset and for the zone's previous and next transitions,
 * and caches the whole interval between them (typically half a year), so
 * the result is exact across DST changes at any instant and Temporal
 * objects are only made once per interval, not per event.
 *
 * @module
 */

const MAX_INTERVALS = 512;

/**
 * Abbreviations that Python's `zoneinfo` prints for `%Z` but ICU does not
 * know in any locale, by zone and UTC offset (seconds).
 */
const ABBREVIATIONS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  "Asia/Tokyo": { 32400: "JST" },
  "Asia/Seoul": { 32400: "KST" },
  "Asia/Shanghai": { 28800: "CST" },
  "Asia/Taipei": { 28800: "CST" },
  "Asia/Manila": { 28800: "PST" },
  "Asia/Karachi": { 18000: "PKT" },
  "Asia/Kolkata": { 19800: "IST" },
  "Asia/Calcutta": { 19800: "IST" },
  "Asia/Jerusalem": { 7200: "IST", 10800: "IDT" },
  "Asia/Tel_Aviv": { 7200: "IST", 10800: "IDT" },
  "Europe/Moscow": { 10800: "MSK", 14400: "MSK" },
  "Europe/Dublin": { 0: "GMT", 3600: "IST" },
  "America/St_Johns": { [-12600]: "NST", [-9000]: "NDT" },
};

/** The locale whose short zone names match tzdata's for a zone. */
function localeFor(zone: string): string | null {
  if (
    zone.startsWith("America/") || zone.startsWith("US/") ||
    zone.startsWith("Canada/") || zone === "Pacific/Honolulu"
  ) return "en-US";
  if (zone.startsWith("Europe/") || zone.startsWith("Atlantic/")) {
    return "en-GB";
  }
  if (zone.startsWith("Australia/")) return "en-AU";
  if (zone === "Pacific/Auckland" || zone === "NZ") return "en-NZ";
  switch (zone) {
    case "Africa/Johannesburg":
      return "en-ZA";
    case "Africa/Lagos":
      return "en-NG";
    case "Africa/Nairobi":
      return "en-KE";
    case "Asia/Hong_Kong":
      return "en-HK";
    case "Asia/Singapore":
      return "en-SG";
    case "Asia/Jakarta":
      return "en-ID";
  }
  return zone.startsWith("Africa/") ? "en-GB" : null;
}

/** tzdata's numeric abbreviation: `+04`, `+0530`, `-03`. */
function numericAbbreviation(offset: number): string {
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  return sign + String(h).padStart(2, "0") +
    (m === 0 ? "" : String(m).padStart(2, "0"));
}

const zones = new Map<string, TimeZone>();

/**
 * An IANA time zone (or `UTC`, or a fixed offset such as `+03:00`).
 *
 * @example
 * ```ts
 * import { TimeZone } from "./_time_zone.ts";
 * const ny = TimeZone.of("America/New_York");
 * if (ny.offsetAt(Date.UTC(2024, 0, 1) * 1000) !== -5 * 3600) throw new Error();
 * if (ny.offsetAt(Date.UTC(2024, 6, 1) * 1000) !== -4 * 3600) throw new Error();
 * ```
 */
export class TimeZone {
  /** The name the zone was made from. */
  readonly name: string;
  /** Whether the offset never changes (UTC). */
  readonly fixed: boolean;
  #starts: number[] = [];
  #ends: number[] = [];
  #offsets: number[] = [];
  #last = -1;
  #abbreviations = new Map<number, string>();

  private constructor(name: string, fixed: boolean) {
    this.name = name;
    this.fixed = fixed;
  }

  /**
   * The zone named `name`; one shared instance per name.
   *
   * @param name An IANA name (`Europe/Berlin`), `UTC`, or an offset.
   * @returns The zone.
   * @throws {Error} When the name is not a known time zone.
   */
  static of(name: string): TimeZone {
    let zone = zones.get(name);
    if (zone === undefined) {
      const upper = name.toUpperCase();
      const fixed = upper === "UTC" || upper === "ETC/UTC" || upper === "Z";
      if (!fixed) {
        try {
          Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name);
        } catch {
          throw new Error(`Unknown time zone \`${name}\``);
        }
      }
      zone = new TimeZone(fixed ? "UTC" : name, fixed);
      zones.set(name, zone);
    }
    return zone;
  }

  /**
   * The UTC offset in seconds at an instant.
   *
   * @param us The instant, in epoch microseconds.
   * @returns Seconds east of UTC (negative west of it).
   */
  offsetAt(us: number): number {
    if (this.fixed) return 0;
    const last = this.#last;
    if (
      last >= 0 && (this.#starts[last] as number) <= us &&
      us < (this.#ends[last] as number)
    ) {
      return this.#offsets[last] as number;
    }
    // Binary search for the last interval starting at or before `us`.
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] as number) <= us) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i >= 0 && us < (this.#ends[i] as number)) {
      this.#last = i;
      return this.#offsets[i] as number;
    }
    return this.#load(us, lo);
  }

  #load(us: number, at: number): number {
    const ms = Math.floor(us / 1000);
    const here = Temporal.Instant.fromEpochMilliseconds(ms)
      .toZonedDateTimeISO(this.name);
    const offset = here.offsetNanoseconds / 1e9;
    const next = here.getTimeZoneTransition("next");
    // Transitions fall on whole seconds, so the last one at or before `ms`
    // is the last one before `ms + 1`.
    const previous = Temporal.Instant.fromEpochMilliseconds(ms + 1)
      .toZonedDateTimeISO(this.name).getTimeZoneTransition("previous");
    const start = previous === null ? -Infinity : previous.epochMilliseconds * 1000;
    const end = next === null ? Infinity : next.epochMilliseconds * 1000;
    if (this.#starts.length >= MAX_INTERVALS) {
      this.#starts = [];
      this.#ends = [];
      this.#offsets = [];
      at = 0;
    }
    this.#starts.splice(at, 0, start);
    this.#ends.splice(at, 0, end);
    this.#offsets.splice(at, 0, offset);
    this.#last = at;
    return offset;
  }

  /**
   * The zone's abbreviation at an instant, as Python's `%Z` prints it:
   * `UTC`, `EST`, `CEST`, or tzdata's numeric form (`+04`) where the zone
   * has no letters.
   *
   * @param us The instant, in epoch microseconds.
   * @returns The abbreviation.
   */
  abbreviationAt(us: number): string {
    if (this.fixed) return "UTC";
    const offset = this.offsetAt(us);
    let abbr = this.#abbreviations.get(offset);
    if (abbr === undefined) {
      abbr = ABBREVIATIONS[this.name]?.[offset] ?? this.#icuAbbreviation(us) ??
        numericAbbreviation(offset);
      this.#abbreviations.set(offset, abbr);
    }
    return abbr;
  }

  #icuAbbreviation(us: number): string | null {
    const locale = localeFor(this.name);
    if (locale === null) return null;
    const name = new Intl.DateTimeFormat(locale, {
      timeZone: this.name,
      timeZoneName: "short",
    }).formatToParts(new Date(Math.floor(us / 1000)))
      .find((part) => part.type === "timeZoneName")?.value;
    if (name === undefined || /^(GMT|UTC)[+\u2212-]/.test(name)) return null;
    return name;
  }
}
