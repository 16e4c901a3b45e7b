import { deepEqual, equal, match, ok, rejects } from "node:assert/strict";
import type { GeneratorGraph, Graph, InputNode } from "./graph.ts";
import { chooseBin, formatDuration, timeline, type TimelineOptions } from "./timeline.ts";
import { RunError } from "./run_error.ts";
import { resolveTime } from "./time.ts";

const S = 1_000_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

function input(plugin: string, options: Record<string, unknown>, tags: string[] = []): InputNode {
  return { plugin, options, tags };
}

function generator(inputs: InputNode[], more: Partial<GeneratorGraph> = {}): GeneratorGraph {
  return {
    name: "g",
    dir: ".",
    mode: "sample",
    timezone: "UTC",
    skipPast: false,
    batch: { size: 1000, delay: 0 },
    params: {},
    needs: {},
    grants: {},
    samples: {},
    inputs,
    event: { plugin: "template", options: {} },
    outputs: [],
    ...more,
  };
}

function graph(...generators: GeneratorGraph[]): Graph {
  return { version: 1, generators };
}

const at = (text: string, timezone = "UTC") => resolveTime(text, { now: 0, timezone });
const iso = (us: number, timezone = "UTC") =>
  Temporal.Instant.fromEpochMilliseconds(us / 1000).toZonedDateTimeISO(timezone).toPlainDateTime().toString();

async function one(g: GeneratorGraph, options: Partial<TimelineOptions> = {}) {
  const [t] = await timeline(graph(g), { now: at("2024-01-01T00:00:00Z"), seed: 1, ...options });
  if (!t) throw new Error("no timeline");
  return t;
}

const timer = (every: number, repeat?: number, start = "2024-01-01T00:00:00Z", count = 1) =>
  input("timer", { every, count, start, ...(repeat === undefined ? {} : { repeat }) });

Deno.test("timestamps are counted per bin, per input and merged", async () => {
  const t = await one(
    generator([
      timer(10 * M, 12), // 00:00 … 01:50
      input("timestamps", { list: ["2024-01-01T00:30:00Z", "2024-01-01T01:59:59Z", "2024-01-01T02:00:00Z"] }, ["x"]),
    ]),
    { bin: H },
  );
  deepEqual(t.starts.map((s) => iso(s)), ["2024-01-01T00:00:00", "2024-01-01T01:00:00", "2024-01-01T02:00:00"]);
  deepEqual(t.series.map((s) => [s.label, s.total, s.counts]), [
    ["input 1: timer", 12, [6, 6, 0]],
    ["input 2: timestamps [x]", 3, [1, 1, 1]],
  ]);
  deepEqual(t.merged, [7, 7, 1]);
  equal(t.total, 15);
  equal(t.from, at("2024-01-01T00:00:00Z"));
  equal(t.to, at("2024-01-01T03:00:00Z"));
  equal(t.truncated, false);
});

Deno.test("without a bin, about 60 nice bins cover the data", async () => {
  const t = await one(
    generator([input("linspace", { start: "2024-01-01T00:00:00Z", end: "+1h", count: 3601, endpoint: true })]),
  );
  equal(t.bin, M);
  equal(t.merged.length, 61);
  equal(t.merged[0], 60);
  equal(t.merged[60], 1);
  equal(chooseBin(0), S);
  equal(chooseBin(7 * D), 3 * H);
  equal(chooseBin(365 * D), 7 * D);
  equal(formatDuration(7 * D), "7d");
  equal(formatDuration(1500), "1ms500us");
});

Deno.test("--from and --to count only [from, to) and cover the whole range with bins", async () => {
  const t = await one(generator([timer(M, 180)]), {
    bin: H,
    from: at("2024-01-01T00:30:00Z"),
    to: at("2024-01-01T05:00:00Z"),
  });
  deepEqual(t.merged, [30, 60, 60, 0, 0]);
  equal(t.from, at("2024-01-01T00:00:00Z"));
  equal(t.to, at("2024-01-01T05:00:00Z"));
  const before = await one(generator([timer(M, 180)]), { from: at("2023-01-01"), to: at("2023-01-02") });
  equal(before.total, 0);
  equal(before.bin, 30 * M);
  equal(before.merged.length, 48);
});

Deno.test("an endless input needs `to`, and stops there", async () => {
  const g = generator([timer(S)]);
  await rejects(one(g), (e: unknown) => {
    ok(e instanceof RunError);
    equal(e.code, "EVT4004");
    match(e.message, /Input `timer` \(input 1\) of generator `g` never ends: pass --to TIME \(or --until/);
    return true;
  });
  const t = await one(g, { to: at("2024-01-01T00:10:00Z") });
  equal(t.total, 600);
  equal(t.bin, 10 * S);
  equal(t.merged.length, 60);
});

Deno.test("`input` selects by plugin, tag or 1-based index; endless inputs left out do not matter", async () => {
  const g = generator([
    timer(S),
    input("static", { count: 4 }, ["web"]),
    input("timestamps", { list: ["2024-01-01T00:00:00Z"] }, ["web", "db"]),
  ]);
  const web = await one(g, { input: "web", bin: H });
  deepEqual(web.series.map((s) => s.label), ["input 2: static [web]", "input 3: timestamps [web, db]"]);
  deepEqual(web.merged, [5]);
  deepEqual((await one(g, { input: "3", bin: H })).series.map((s) => s.label), ["input 3: timestamps [web, db]"]);
  deepEqual((await one(g, { input: "static", bin: H })).merged, [4]);
  await rejects(one(g, { input: "nope" }), /No input with a timeline is `nope`: the inputs are input 1: timer of `g`/);
});

Deno.test("the limit stops reading and marks the timeline truncated", async () => {
  const t = await one(generator([timer(S, 1000)]), { limit: 100, bin: M });
  equal(t.total, 100);
  equal(t.truncated, true);
  deepEqual(t.merged, [60, 40]);
  equal((await one(generator([timer(S, 100)]), { limit: 100 })).truncated, false);
});

Deno.test("bins of hours follow the local clock: Asia/Kolkata starts them at local HH:00", async () => {
  const tz = "Asia/Kolkata";
  const t = await one(generator([timer(30 * M, 4, "2024-01-01T00:00:00Z")], { timezone: tz }), { bin: H });
  deepEqual(t.starts.map((s) => iso(s, tz)), [
    "2024-01-01T05:00:00",
    "2024-01-01T06:00:00",
    "2024-01-01T07:00:00",
  ]);
  deepEqual(t.merged, [1, 2, 1]);
});

Deno.test("across a DST change bins stay on the local clock", async () => {
  const tz = "Europe/Berlin";
  const g = generator([timer(30 * M, 12, "2024-03-31T00:00:00", 1)], { timezone: tz });
  const t = await one(g, { bin: H });
  // 02:00 does not exist that night: 00:00 and 01:00 CET, then 03:00 CEST.
  deepEqual(t.starts.map((s) => iso(s, tz)).slice(0, 4), [
    "2024-03-31T00:00:00",
    "2024-03-31T01:00:00",
    "2024-03-31T03:00:00",
    "2024-03-31T04:00:00",
  ]);
  deepEqual(t.merged, [2, 2, 2, 2, 2, 2]);
  // In October 02:00 comes twice: two bins, an hour each.
  const back = await one(generator([timer(30 * M, 8, "2024-10-27T00:00:00", 1)], { timezone: tz }), { bin: H });
  deepEqual(back.starts.map((s) => iso(s, tz)), [
    "2024-10-27T00:00:00",
    "2024-10-27T01:00:00",
    "2024-10-27T02:00:00",
    "2024-10-27T02:00:00",
  ]);
  deepEqual(back.merged, [2, 2, 2, 2]);
  const days = await one(generator([timer(H, 72, "2024-03-30T00:00:00")], { timezone: tz }), { bin: D });
  deepEqual(days.starts.map((s) => iso(s, tz)), [
    "2024-03-30T00:00:00",
    "2024-03-31T00:00:00",
    "2024-04-01T00:00:00",
    "2024-04-02T00:00:00",
  ]);
  // The day of the change has 23 hours.
  deepEqual(days.merged, [24, 23, 24, 1]);
});

Deno.test("bins of days start at local midnight, weeks on a Monday", async () => {
  const tz = "America/New_York";
  const g = generator([timer(H, 24 * 10, "2024-01-03T12:00:00")], { timezone: tz }); // a Wednesday
  const days = await one(g, { bin: D });
  equal(iso(days.starts[0] as number, tz), "2024-01-03T00:00:00");
  equal(days.merged[0], 12);
  const weeks = await one(g, { bin: 7 * D });
  deepEqual(weeks.starts.map((s) => iso(s, tz)), ["2024-01-01T00:00:00", "2024-01-08T00:00:00"]);
  deepEqual(weeks.merged, [4 * 24 + 12, 24 * 10 - (4 * 24 + 12)]);
});

Deno.test("`static` counts at `now`; generators are chosen by name", async () => {
  const a = generator([input("static", { count: 3 })], { name: "a" });
  const b = generator([input("static", { count: 5 })], { name: "b", seed: 9 });
  const now = at("2024-05-05T10:20:30Z");
  const all = await timeline(graph(a, b), { now, seed: 1 });
  deepEqual(all.map((t) => [t.generator, t.seed, t.total, t.starts]), [["a", 1, 3, [now]], ["b", 9, 5, [now]]]);
  deepEqual((await timeline(graph(a, b), { now, seed: 1, generator: "b" })).map((t) => t.generator), ["b"]);
  await rejects(timeline(graph(a, b), { now, seed: 1, generator: "c" }), /No generator `c`: the scenario has `a`, `b`/);
});

Deno.test("too many bins is an error that suggests a larger bin", async () => {
  await rejects(
    one(generator([timer(S)]), { bin: 1, to: at("2024-01-02T00:00:00Z") }),
    /more than 1,000,000 bins of 1us: pass a larger --bin/,
  );
});

Deno.test("more timestamps than fit in memory are read twice and give the same counts", async () => {
  const g = generator([timer(S, 4_200_000)]);
  const t = await one(g);
  equal(t.total, 4_200_000);
  equal(t.bin, D);
  equal(t.merged.reduce((a, b) => a + b, 0), 4_200_000);
  equal(t.merged[0], 24 * 3600);
});
