/**
 * Renders timelines (`engine/timeline.ts`) for `eventum plot`: a bar chart
 * for a terminal, CSV and JSON. Pure functions of their arguments.
 *
 * @module
 */
import { chooseBin, formatDuration, type Timeline } from "../engine/timeline.ts";
import { TimeZone } from "../engine/events/template/_time_zone.ts";

const SECOND = 1_000_000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
/** One to seven eighths of a cell; a full cell is `█`. */
const EIGHTHS = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/** Options of {@link renderChart}. */
export interface ChartOptions {
  /** The width of a line, in columns (80). */
  width?: number;
  /** More bins than this are not drawn; the chart says what to do instead (400). */
  maxRows?: number;
}

/** A point in time in a timezone, as parts. */
interface Local {
  date: string;
  minutes: string;
  seconds: string;
  micro: number;
  offset: number;
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

function local(us: number, zone: TimeZone): Local {
  const offset = zone.offsetAt(us);
  const l = us + offset * SECOND;
  const d = new Date(Math.floor(l / 1000));
  const minutes = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
  return {
    date: `${String(d.getUTCFullYear()).padStart(4, "0")}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`,
    minutes,
    seconds: `${minutes}:${two(d.getUTCSeconds())}`,
    micro: ((l % SECOND) + SECOND) % SECOND,
    offset,
  };
}

function fraction(micro: number, digits: 3 | 6): string {
  return "." + String(digits === 3 ? Math.floor(micro / 1000) : micro).padStart(digits, "0");
}

function isoOffset(seconds: number): string {
  const abs = Math.abs(seconds);
  return `${seconds < 0 ? "-" : "+"}${two(Math.floor(abs / 3600))}:${two(Math.floor(abs / 60) % 60)}`;
}

/**
 * A point in time as ISO 8601 with its offset in a timezone, with
 * microseconds when it has some.
 *
 * @param us Epoch microseconds.
 * @param timezone An IANA name or `UTC`.
 * @returns `2024-01-01T09:00:00+01:00`.
 * @example
 * ```ts
 * import { isoIn } from "./_chart.ts";
 * if (isoIn(Date.UTC(2024, 0, 1, 8) * 1000, "Europe/Berlin") !== "2024-01-01T09:00:00+01:00") throw new Error();
 * ```
 */
export function isoIn(us: number, timezone: string): string {
  const p = local(us, TimeZone.of(timezone));
  return `${p.date}T${p.seconds}${p.micro ? fraction(p.micro, 6) : ""}${isoOffset(p.offset)}`;
}

/** Labels bins as precisely as their width needs: days, minutes, seconds or less. */
function labeller(t: Timeline): (us: number) => string {
  const zone = TimeZone.of(t.timezone);
  const oneDay = t.starts.length === 0 ||
    local(t.starts[0] as number, zone).date === local(t.starts[t.starts.length - 1] as number, zone).date;
  const day = (p: Local) => (oneDay ? "" : `${p.date} `);
  if (t.bin % DAY === 0) return (us) => local(us, zone).date;
  if (t.bin % MINUTE === 0) return (us) => ((p) => `${p.date} ${p.minutes}`)(local(us, zone));
  if (t.bin % SECOND === 0) return (us) => ((p) => `${day(p)}${p.seconds}`)(local(us, zone));
  const digits = t.bin % 1000 === 0 ? 3 : 6;
  return (us) => ((p) => `${day(p)}${p.seconds}${fraction(p.micro, digits)}`)(local(us, zone));
}

/** A count with thousands separators. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * A bar of `value / max` of `cells` columns, in eighths of a column. A value
 * above zero always shows.
 *
 * @param value The count.
 * @param max The largest count, which fills every cell.
 * @param cells The width of a full bar.
 * @returns The bar, not padded.
 * @example
 * ```ts
 * import { bar } from "./_chart.ts";
 * if (bar(3, 4, 2) !== "█▌") throw new Error();
 * if (bar(1, 1000, 2) !== "▏") throw new Error();
 * ```
 */
export function bar(value: number, max: number, cells: number): string {
  if (value <= 0 || max <= 0) return "";
  const eighths = Math.max(1, Math.round((value / max) * cells * 8));
  const rest = eighths % 8;
  return "█".repeat(Math.floor(eighths / 8)) + (rest ? EIGHTHS[rest - 1] : "");
}

function header(t: Timeline): string {
  const zone = TimeZone.of(t.timezone);
  const when = (us: number) => {
    const p = local(us, zone);
    return `${p.date} ${t.bin % MINUTE === 0 ? p.minutes : p.seconds}`;
  };
  if (t.starts.length === 0) return `${t.generator}: no timestamps (seed ${t.seed})`;
  const n = t.starts.length;
  return `${t.generator}: ${count(n)} bin${n === 1 ? "" : "s"} of ${formatDuration(t.bin)} from ${when(t.from)} to ${
    when(t.to)
  } (${t.timezone}), seed ${t.seed}`;
}

function footer(t: Timeline): string[] {
  const rows = [...t.series.map((s) => [s.label, count(s.total)]), ["merged", count(t.total)]];
  const lw = Math.max(...rows.map((r) => (r[0] as string).length));
  const cw = Math.max(...rows.map((r) => (r[1] as string).length));
  const lines = rows.map(([l, c]) => `${(l as string).padEnd(lw)}  ${(c as string).padStart(cw)}`);
  if (t.truncated) {
    lines.push("Reading stopped at the limit of timestamps, so the plot ends early: narrow it with --from and --to");
  }
  return lines;
}

/**
 * A bar chart of a timeline for a terminal: a header (generator, bin width,
 * range, timezone, seed), one line per bin with its start, a bar of its
 * count and the count, and the totals per input and merged. With more bins
 * than `maxRows` it says so and suggests a larger `--bin` instead.
 *
 * @param t The timeline.
 * @param options The line width and the most bins to draw.
 * @returns The chart, without a final newline.
 * @example
 * ```ts
 * import { renderChart } from "./_chart.ts";
 * const t = {
 *   generator: "g", seed: 1, bin: 3_600_000_000, timezone: "UTC", truncated: false,
 *   from: 1_704_067_200_000_000, to: 1_704_074_400_000_000, starts: [1_704_067_200_000_000, 1_704_070_800_000_000],
 *   series: [{ label: "input 1: timer", total: 11, counts: [8, 3] }], merged: [8, 3], total: 11,
 * };
 * const lines = renderChart(t, { width: 30 }).split("\n"); // 11 columns for the bars
 * if (lines[2] !== "2024-01-01 00:00 ███████████ 8") throw new Error(lines[2]);
 * if (lines[3] !== "2024-01-01 01:00 ████▏       3") throw new Error(lines[3]);
 * ```
 */
export function renderChart(t: Timeline, options: ChartOptions = {}): string {
  const width = options.width ?? 80;
  const maxRows = options.maxRows ?? 400;
  const out = [header(t), ""];
  const n = t.starts.length;
  if (n > maxRows) {
    const better = chooseBin(t.to - t.from);
    out.push(
      better > t.bin
        ? `${count(n)} bins are too many to draw: pass a larger --bin, such as --bin ${formatDuration(better)}, ` +
          "or --format csv for every bin"
        : `${count(n)} bins are too many to draw: narrow the range with --from and --to, or use --format csv`,
    );
  } else if (n > 0) {
    const label = labeller(t);
    const labels = t.starts.map(label);
    const counts = t.merged.map(count);
    const lw = Math.max(...labels.map((l) => l.length));
    const cw = Math.max(...counts.map((c) => c.length));
    const cells = Math.max(10, width - lw - cw - 2);
    const max = Math.max(...t.merged);
    for (let i = 0; i < n; i++) {
      out.push(
        `${labels[i]} ${bar(t.merged[i] as number, max, cells).padEnd(cells)} ${(counts[i] as string).padStart(cw)}`,
      );
    }
  }
  if (n > 0) out.push("");
  out.push(...footer(t));
  return out.join("\n");
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A timeline as CSV: the start of each bin (ISO 8601 with the offset of the
 * generator's timezone), one column of counts per input, and `merged`.
 *
 * @param t The timeline.
 * @returns The CSV, with a header line, without a final newline.
 * @example
 * ```ts
 * import { toCsv } from "./_chart.ts";
 * const t = {
 *   generator: "g", seed: 1, bin: 3_600_000_000, timezone: "UTC", truncated: false,
 *   from: 0, to: 3_600_000_000, starts: [0], series: [{ label: "input 1: timer", total: 2, counts: [2] }],
 *   merged: [2], total: 2,
 * };
 * if (toCsv(t) !== "start,input 1: timer,merged\n1970-01-01T00:00:00+00:00,2,2") throw new Error(toCsv(t));
 * ```
 */
export function toCsv(t: Timeline): string {
  const lines = [["start", ...t.series.map((s) => s.label), "merged"].map(csvField).join(",")];
  t.starts.forEach((start, i) => {
    lines.push([isoIn(start, t.timezone), ...t.series.map((s) => s.counts[i] ?? 0), t.merged[i] ?? 0].join(","));
  });
  return lines.join("\n");
}

/**
 * Timelines as JSON: per generator its name, timezone, seed, bin width
 * (`bin` in microseconds and `binText`), range and bin starts as ISO 8601
 * with offsets, the series, `merged`, `total` and `truncated`.
 *
 * @param timelines One per generator.
 * @returns A JSON array, on one line.
 * @example
 * ```ts
 * import { toJson } from "./_chart.ts";
 * const t = {
 *   generator: "g", seed: 1, bin: 60_000_000, timezone: "UTC", truncated: false,
 *   from: 0, to: 60_000_000, starts: [0], series: [], merged: [0], total: 0,
 * };
 * if (JSON.parse(toJson([t]))[0].binText !== "1m") throw new Error();
 * ```
 */
export function toJson(timelines: readonly Timeline[]): string {
  return JSON.stringify(timelines.map((t) => ({
    generator: t.generator,
    timezone: t.timezone,
    seed: t.seed,
    bin: t.bin,
    binText: formatDuration(t.bin),
    from: isoIn(t.from, t.timezone),
    to: isoIn(t.to, t.timezone),
    starts: t.starts.map((s) => isoIn(s, t.timezone)),
    series: t.series,
    merged: t.merged,
    total: t.total,
    truncated: t.truncated,
  })));
}
