/**
 * Live mode on a fake clock: every event leaves when the clock reaches its
 * timestamp, runs of due events leave together, past ones are skipped, and
 * lateness is measured. Runs instantly.
 */
import { deepEqual, equal } from "node:assert/strict";
import { FakeClock } from "./clock.ts";
import type { Graph } from "./graph.ts";
import { runGraph } from "./run.ts";

const S = 1_000_000;

function graph(dir: string, inputs: Graph["generators"][0]["inputs"], skipPast = true): Graph {
  return {
    version: 1,
    generators: [{
      name: "live",
      dir,
      mode: "live",
      timezone: "UTC",
      seed: 1,
      skipPast,
      batch: { size: 100, delay: 0 },
      params: {},
      needs: {},
      grants: {},
      samples: {},
      inputs,
      event: {
        plugin: "template",
        options: {
          pick: "all",
          on_error: "fail",
          template: [{ name: "t", inline: { text: "{{ timestamp.timestamp() }}" }, initial: false, to: [], vars: {} }],
        },
      },
      outputs: [{
        plugin: "file",
        options: { path: "out.log", write_mode: "overwrite", separator: "\n" },
        format: { plugin: "plain", options: {} },
      }],
    }],
  };
}

/** A clock that records when each write happens, by wrapping sleeps. */
function read(dir: string): number[] {
  return Deno.readTextFileSync(`${dir}/out.log`).trim().split("\n").filter(Boolean).map(Number);
}

Deno.test("live mode sleeps until each timestamp and hands over what is due", async () => {
  const dir = Deno.makeTempDirSync();
  const start = 1_700_000_000 * S;
  const clock = new FakeClock(start);
  const g = graph(dir, [{
    plugin: "timestamps",
    options: { list: ["+1s", "+1.5s", "+1.5s", "+3s"] },
    tags: [],
  }]);
  const [r] = await runGraph(g, { now: start, seed: 1, clock });
  equal(r?.error, undefined);
  // One sleep per distinct due time; the two events due together leave together.
  deepEqual(clock.sleeps, [start + S, start + 1.5 * S, start + 3 * S]);
  deepEqual(read(dir), [1_700_000_001, 1_700_000_001.5, 1_700_000_001.5, 1_700_000_003]);
  deepEqual(r?.lateness, { count: 4, p50: 0, p99: 0, max: 0 });
});

Deno.test("lateness is measured against the clock at hand-over", async () => {
  const dir = Deno.makeTempDirSync();
  const start = 1_700_000_000 * S;
  // A clock whose sleeps overshoot by 2 ms, like a busy machine.
  const clock = new FakeClock(start);
  const sleepUntil = clock.sleepUntil.bind(clock);
  clock.sleepUntil = async (us: number) => {
    await sleepUntil(us);
    clock.advance(2000);
  };
  const [r] = await runGraph(
    graph(dir, [{ plugin: "timer", options: { every: S, count: 1, start: "now", repeat: 5 }, tags: [] }]),
    {
      now: start,
      seed: 1,
      clock,
    },
  );
  equal(r?.lateness?.count, 5);
  equal(Math.round((r?.lateness?.max ?? 0) / 100), 20);
});

Deno.test("skip_past drops timestamps before the start; skip_past false keeps them", async () => {
  const start = 1_700_000_000 * S;
  const inputs = [{ plugin: "timestamps", options: { list: ["-2s", "-1s", "+1s"] }, tags: [] }];
  const a = Deno.makeTempDirSync();
  await runGraph(graph(a, inputs), { now: start, seed: 1, clock: new FakeClock(start) });
  deepEqual(read(a), [1_700_000_001]);
  const b = Deno.makeTempDirSync();
  await runGraph(graph(b, inputs, false), { now: start, seed: 1, clock: new FakeClock(start) });
  deepEqual(read(b), [1_699_999_998, 1_699_999_999, 1_700_000_001]);
});

Deno.test("aborting a live run stops it and writes what was handed over", async () => {
  const dir = Deno.makeTempDirSync();
  const start = 1_700_000_000 * S;
  const clock = new FakeClock(start);
  const controller = new AbortController();
  const sleepUntil = clock.sleepUntil.bind(clock);
  clock.sleepUntil = async (us: number) => {
    if (us >= start + 3 * S) controller.abort();
    await sleepUntil(us);
  };
  const [r] = await runGraph(
    graph(dir, [{ plugin: "timer", options: { every: S, count: 1, start: "now" }, tags: [] }]),
    {
      now: start,
      seed: 1,
      clock,
      signal: controller.signal,
    },
  );
  equal(r?.error, undefined);
  deepEqual(read(dir), [1_700_000_000, 1_700_000_001, 1_700_000_002]);
});

Deno.test("batch delay: due events wait up to the delay for more, and a full batch leaves at once", async () => {
  const dir = Deno.makeTempDirSync();
  const start = 1_700_000_000 * S;
  const clock = new FakeClock(start);
  const g = graph(dir, [{
    plugin: "timestamps",
    options: { list: ["+1s", "+1.2s", "+1.4s", "+3s", "+3.1s", "+3.2s", "+3.3s"] },
    tags: [],
  }]);
  const gen = g.generators[0] as Graph["generators"][0];
  gen.batch = { size: 3, delay: 0.5 * S };
  const [r] = await runGraph(g, { now: start, seed: 1, clock });
  equal(r?.error, undefined);
  // 1s, 1.2s, 1.4s fill a batch of 3 at 1.4s; 3s, 3.1s, 3.2s fill the next at 3.2s; 3.3s waits out its delay.
  deepEqual(clock.sleeps, [start + 1.4 * S, start + 3.2 * S, start + 3.8 * S]);
  equal(read(dir).length, 7);
  equal(r?.lateness?.max, 0.5 * S);
});
