import { deepEqual, equal } from "node:assert/strict";
import { renderChart, toCsv, toJson } from "./_chart.ts";
import type { Timeline } from "../engine/timeline.ts";

const S = 1_000_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const JAN1 = Date.UTC(2024, 0, 1) * 1000;

/** A timeline of evenly spaced bins from `from`. */
function tl(bin: number, from: number, series: [string, number[]][], more: Partial<Timeline> = {}): Timeline {
  const n = series[0]?.[1].length ?? 0;
  const merged = Array.from({ length: n }, (_, i) => series.reduce((a, [, c]) => a + (c[i] ?? 0), 0));
  return {
    generator: "web",
    seed: 7,
    bin,
    from,
    to: from + n * bin,
    timezone: "UTC",
    starts: Array.from({ length: n }, (_, i) => from + i * bin),
    series: series.map(([label, counts]) => ({ label, counts, total: counts.reduce((a, b) => a + b, 0) })),
    merged,
    total: merged.reduce((a, b) => a + b, 0),
    truncated: false,
    ...more,
  };
}

Deno.test("a chart has a header, a bar per bin scaled to the width, and totals", () => {
  const t = tl(H, JAN1, [["input 1: timer", [10, 40, 0, 1200]], ["input 2: static [web, db]", [0, 0, 5, 0]]]);
  equal(
    renderChart(t, { width: 50 }),
    `web: 4 bins of 1h from 2024-01-01 00:00 to 2024-01-01 04:00 (UTC), seed 7

2024-01-01 00:00 ▎                              10
2024-01-01 01:00 ▉                              40
2024-01-01 02:00 ▏                               5
2024-01-01 03:00 ███████████████████████████ 1,200

input 1: timer             1,250
input 2: static [web, db]      5
merged                     1,255`,
  );
});

Deno.test("labels: dates for days, seconds without the date within one day, with it across days", () => {
  const rows = (t: Timeline) => renderChart(t, { width: 40 }).split("\n").slice(2, -3);
  deepEqual(rows(tl(D, JAN1, [["input 1: timer", [3, 1]]])), [
    "2024-01-01 ███████████████████████████ 3",
    "2024-01-02 █████████                   1",
  ]);
  deepEqual(rows(tl(5 * S, JAN1 + 10 * H, [["input 1: timer", [2, 1]]])), [
    "10:00:00 █████████████████████████████ 2",
    "10:00:05 ██████████████▌               1",
  ]);
  deepEqual(rows(tl(30 * S, JAN1 - 30 * S, [["input 1: timer", [1, 1]]])), [
    "2023-12-31 23:59:30 ██████████████████ 1",
    "2024-01-01 00:00:00 ██████████████████ 1",
  ]);
  deepEqual(rows(tl(250_000, JAN1, [["input 1: timer", [1, 0]]])), [
    "00:00:00.000 █████████████████████████ 1",
    "00:00:00.250                           0",
  ]);
});

Deno.test("labels and the header are in the generator's timezone", () => {
  const t = tl(H, JAN1, [["input 1: timer", [1, 2]]], { timezone: "Europe/Berlin" });
  equal(
    renderChart(t, { width: 40 }),
    `web: 2 bins of 1h from 2024-01-01 01:00 to 2024-01-01 03:00 (Europe/Berlin), seed 7

2024-01-01 01:00 ██████████▌           1
2024-01-01 02:00 █████████████████████ 2

input 1: timer  3
merged          3`,
  );
});

Deno.test("too many bins are not drawn: the chart suggests a larger --bin", () => {
  const t = tl(M, JAN1, [["input 1: timer", Array.from({ length: 1440 }, () => 1)]]);
  equal(
    renderChart(t),
    `web: 1,440 bins of 1m from 2024-01-01 00:00 to 2024-01-02 00:00 (UTC), seed 7

1,440 bins are too many to draw: pass a larger --bin, such as --bin 30m, or --format csv for every bin

input 1: timer  1,440
merged          1,440`,
  );
  const weeks = tl(7 * D, JAN1, [["input 1: timer", Array.from({ length: 500 }, () => 1)]]);
  equal(
    renderChart(weeks).split("\n")[2],
    "500 bins are too many to draw: narrow the range with --from and --to, or use --format csv",
  );
});

Deno.test("an empty timeline and a truncated one say so", () => {
  equal(
    renderChart(tl(S, JAN1, [["input 1: timer", []]])),
    `web: no timestamps (seed 7)

input 1: timer  0
merged          0`,
  );
  const cut = renderChart(tl(H, JAN1, [["input 1: timer", [5]]], { truncated: true }), { width: 30 });
  equal(
    cut.split("\n").at(-1),
    "Reading stopped at the limit of timestamps, so the plot ends early: narrow it with --from and --to",
  );
});

Deno.test("CSV has ISO 8601 starts with offsets, a column per input and merged; labels are quoted when needed", () => {
  const t = tl(H, JAN1, [["input 1: timer", [1, 0]], ["input 2: static [a, b]", [2, 3]]], {
    timezone: "America/New_York",
  });
  equal(
    toCsv(t),
    `start,input 1: timer,"input 2: static [a, b]",merged
2023-12-31T19:00:00-05:00,1,2,3
2023-12-31T20:00:00-05:00,0,3,3`,
  );
  equal(toCsv(tl(500_000, JAN1, [["input 1: timer", [1]]])).split("\n")[1], "2024-01-01T00:00:00+00:00,1,1");
  equal(
    toCsv(tl(500_000, JAN1 + 500_000, [["input 1: timer", [1]]])).split("\n")[1],
    "2024-01-01T00:00:00.500000+00:00,1,1",
  );
});

Deno.test("JSON carries every generator with ISO times and the counts", () => {
  const a = tl(H, JAN1, [["input 1: timer", [1, 2]]]);
  const b = tl(D, JAN1, [["input 1: static", [4]]], { generator: "db", timezone: "Asia/Kolkata" });
  deepEqual(JSON.parse(toJson([a, b])), [
    {
      generator: "web",
      timezone: "UTC",
      seed: 7,
      bin: H,
      binText: "1h",
      from: "2024-01-01T00:00:00+00:00",
      to: "2024-01-01T02:00:00+00:00",
      starts: ["2024-01-01T00:00:00+00:00", "2024-01-01T01:00:00+00:00"],
      series: [{ label: "input 1: timer", counts: [1, 2], total: 3 }],
      merged: [1, 2],
      total: 3,
      truncated: false,
    },
    {
      generator: "db",
      timezone: "Asia/Kolkata",
      seed: 7,
      bin: D,
      binText: "1d",
      from: "2024-01-01T05:30:00+05:30",
      to: "2024-01-02T05:30:00+05:30",
      starts: ["2024-01-01T05:30:00+05:30"],
      series: [{ label: "input 1: static", counts: [4], total: 4 }],
      merged: [4],
      total: 4,
      truncated: false,
    },
  ]);
});
