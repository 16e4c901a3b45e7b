import { deepEqual, equal, ok } from "node:assert/strict";
import * as v from "valibot";
import { Cron } from "croner";
import { Rng } from "../random.ts";
import { FakeClock } from "../clock.ts";
import type { InputContext, InputPlugin } from "../spec.ts";
import { cronInput, cronProblem, cronSchema, cronTicks } from "./cron.ts";

function context(timezone: string, now = Date.parse("2024-01-01T00:00:00Z") * 1000, from?: number): InputContext {
  return {
    now,
    clock: new FakeClock(now),
    ...(from === undefined ? {} : { from }),
    signal: new AbortController().signal,
    timezone,
    mode: "sample",
    rng: new Rng(1),
    dir: ".",
    readText: () => "",
  };
}

async function create(options: Record<string, unknown>, timezone = "UTC"): Promise<InputPlugin> {
  return await cronInput.create(v.parse(cronSchema, options), context(timezone));
}

/** Reads everything (at most `limit`), in batches of `max`. */
async function drain(input: InputPlugin, max = 1000, limit = 1_000_000): Promise<number[]> {
  const all: number[] = [];
  while (all.length < limit) {
    const batch = await input.read(max);
    if (batch.length === 0) break;
    all.push(...batch);
  }
  return all;
}

const iso = (xs: Iterable<number>) => [...xs].map((us) => new Date(us / 1000).toISOString().replace(".000Z", "Z"));
const us = (text: string) => Date.parse(text) * 1000;

function ticks(expression: string, timezone: string, start: string, limit: number, end?: string): string[] {
  return iso(cronTicks(expression, { timezone, start: us(start), limit, ...(end ? { end: us(end) } : {}) }));
}

Deno.test("5 fields: every 15 minutes in working hours on weekdays (Berlin)", () => {
  // Friday 2024-01-05 16:30 CET is 15:30Z; the next weekday is Monday the 8th.
  deepEqual(ticks("*/15 9-17 * * mon-fri", "Europe/Berlin", "2024-01-05T15:30:00Z", 8), [
    "2024-01-05T15:30:00Z",
    "2024-01-05T15:45:00Z",
    "2024-01-05T16:00:00Z",
    "2024-01-05T16:15:00Z",
    "2024-01-05T16:30:00Z",
    "2024-01-05T16:45:00Z",
    "2024-01-08T08:00:00Z",
    "2024-01-08T08:15:00Z",
  ]);
  // 9:00 to 17:45, four a hour, five days a week.
  equal(
    cronTicks("*/15 9-17 * * mon-fri", {
      timezone: "UTC",
      start: us("2024-01-01T00:00:00Z"),
      end: us("2024-01-08T00:00:00Z"),
      limit: 1e6,
    }).length,
    180,
  );
});

Deno.test("6 fields: every 10 seconds", () => {
  deepEqual(ticks("*/10 * * * * *", "UTC", "2024-01-01T00:00:05Z", 4), [
    "2024-01-01T00:00:10Z",
    "2024-01-01T00:00:20Z",
    "2024-01-01T00:00:30Z",
    "2024-01-01T00:00:40Z",
  ]);
});

Deno.test("7 fields: a year ends the schedule", async () => {
  deepEqual(ticks("0 0 0 1 1 * 2025-2027", "UTC", "2024-06-01T00:00:00Z", 10), [
    "2025-01-01T00:00:00Z",
    "2026-01-01T00:00:00Z",
    "2027-01-01T00:00:00Z",
  ]);
  const input = await create({ expression: "0 30 12 29 2 * 2028", start: "2024-01-01T00:00:00Z" });
  ok(input.finite);
  deepEqual(iso(await drain(input)), ["2028-02-29T12:30:00Z"]);
});

Deno.test("names of months and days, in local time across offsets", () => {
  // Saturdays of January and July at 08:00 Berlin time: CET (+1) in January, CEST (+2) in July.
  deepEqual(ticks("0 8 * jan,JUL sat", "Europe/Berlin", "2024-01-01T00:00:00Z", 6), [
    "2024-01-06T07:00:00Z",
    "2024-01-13T07:00:00Z",
    "2024-01-20T07:00:00Z",
    "2024-01-27T07:00:00Z",
    "2024-07-06T06:00:00Z",
    "2024-07-13T06:00:00Z",
  ]);
  // L (last day of month), # (nth weekday), nicknames.
  deepEqual(ticks("0 0 L * *", "UTC", "2024-01-01T00:00:00Z", 3), [
    "2024-01-31T00:00:00Z",
    "2024-02-29T00:00:00Z",
    "2024-03-31T00:00:00Z",
  ]);
  deepEqual(ticks("0 12 * * fri#L", "UTC", "2024-01-01T00:00:00Z", 2), [
    "2024-01-26T12:00:00Z",
    "2024-02-23T12:00:00Z",
  ]);
  deepEqual(ticks("@daily", "UTC", "2024-01-01T00:00:00Z", 2), ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"]);
});

Deno.test("count events per tick, across batches", async () => {
  const input = await create({
    expression: "0 * * * *",
    count: 3,
    start: "2024-01-01T00:00:00Z",
    end: "+3h",
  });
  ok(input.finite);
  const batches: string[][] = [];
  for (;;) {
    const b = await input.read(4);
    if (b.length === 0) break;
    batches.push(iso(b));
  }
  deepEqual(batches, [
    ["2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00Z"],
    ["2024-01-01T01:00:00Z", "2024-01-01T01:00:00Z", "2024-01-01T02:00:00Z", "2024-01-01T02:00:00Z"],
    ["2024-01-01T02:00:00Z"],
  ]);
});

Deno.test("start is included, end is excluded", async () => {
  const at = await create({ expression: "*/5 * * * *", start: "2024-01-01T00:10:00Z", end: "2024-01-01T00:25:00Z" });
  deepEqual(iso(await drain(at)), ["2024-01-01T00:10:00Z", "2024-01-01T00:15:00Z", "2024-01-01T00:20:00Z"]);
  // A microsecond after a tick, that tick is gone.
  const after = await create({ expression: "* * * * *", start: "2024-01-01T00:00:00.000001Z", end: "+2m" });
  deepEqual(iso(await drain(after)), ["2024-01-01T00:01:00Z", "2024-01-01T00:02:00Z"]);
  // Without `end` the input is endless; `start` defaults to the start of the run.
  const endless = await create({ expression: "0 0 * * *" });
  equal(endless.finite, false);
  deepEqual(iso(await endless.read(2)), ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"]);
});

Deno.test("live mode's `from` skips the ticks before it", async () => {
  const options = v.parse(cronSchema, { expression: "*/10 * * * *", start: "2024-01-01T00:00:00Z", end: "+1h" });
  const input = await cronInput.create(options, context("UTC", us("2024-01-01T00:00:00Z"), us("2024-01-01T00:35:00Z")));
  deepEqual(iso(await drain(input)), ["2024-01-01T00:40:00Z", "2024-01-01T00:50:00Z"]);
});

Deno.test("an end before the start is an error", async () => {
  let message = "";
  try {
    await create({ expression: "* * * * *", start: "2024-01-02T00:00:00Z", end: "2024-01-01T00:00:00Z" });
  } catch (e) {
    message = (e as Error).message;
  }
  ok(message.startsWith("Input `cron` ends before it starts"), message);
});

Deno.test("DST in Berlin, spring 2024-03-31: a fixed time in the gap runs at its end", () => {
  // 02:30 does not exist on 03-31 (clocks go from 02:00 CET to 03:00 CEST): the job runs at 03:00 CEST.
  deepEqual(ticks("30 2 * * *", "Europe/Berlin", "2024-03-30T00:00:00Z", 3), [
    "2024-03-30T01:30:00Z", // 02:30 CET
    "2024-03-31T01:00:00Z", // 03:00 CEST, the end of the gap
    "2024-04-01T00:30:00Z", // 02:30 CEST
  ]);
  // Hourly: the wall clock skips 02:00, so the local day has 23 ticks, one real hour apart.
  const hourly = ticks("0 * * * *", "Europe/Berlin", "2024-03-30T23:00:00Z", 100, "2024-03-31T22:00:00Z");
  equal(hourly.length, 23);
  deepEqual(hourly.slice(0, 4), [
    "2024-03-30T23:00:00Z", // 00:00 CET
    "2024-03-31T00:00:00Z", // 01:00 CET
    "2024-03-31T01:00:00Z", // 03:00 CEST
    "2024-03-31T02:00:00Z", // 04:00 CEST
  ]);
  // A job with a list of hours is an interval job: 02:30 is skipped, 03:30 runs.
  deepEqual(ticks("30 2,3 * * *", "Europe/Berlin", "2024-03-31T00:00:00Z", 2), [
    "2024-03-31T01:30:00Z", // 03:30 CEST
    "2024-04-01T00:30:00Z", // 02:30 CEST
  ]);
});

Deno.test("DST in Berlin, autumn 2024-10-27: a fixed time that happens twice runs once", () => {
  // 02:00-03:00 happens twice on 10-27 (03:00 CEST goes back to 02:00 CET): the job runs at the first 02:30.
  deepEqual(ticks("30 2 * * *", "Europe/Berlin", "2024-10-26T00:00:00Z", 3), [
    "2024-10-26T00:30:00Z", // 02:30 CEST
    "2024-10-27T00:30:00Z", // 02:30 CEST, the first of the two
    "2024-10-28T01:30:00Z", // 02:30 CET
  ]);
  // Hourly: 02:00 happens twice and ticks twice, so the local day has 25 ticks, one real hour apart.
  const hourly = ticks("0 * * * *", "Europe/Berlin", "2024-10-26T22:00:00Z", 100, "2024-10-27T23:00:00Z");
  equal(hourly.length, 25);
  deepEqual(hourly.slice(0, 5), [
    "2024-10-26T22:00:00Z", // 00:00 CEST
    "2024-10-26T23:00:00Z", // 01:00 CEST
    "2024-10-27T00:00:00Z", // 02:00 CEST
    "2024-10-27T01:00:00Z", // 02:00 CET
    "2024-10-27T02:00:00Z", // 03:00 CET
  ]);
  // An interval job ticks on both 02:30s.
  deepEqual(ticks("30 2,3 * * *", "Europe/Berlin", "2024-10-27T00:00:00Z", 3), [
    "2024-10-27T00:30:00Z", // 02:30 CEST
    "2024-10-27T01:30:00Z", // 02:30 CET
    "2024-10-27T02:30:00Z", // 03:30 CET
  ]);
});

Deno.test("the fast path gives croner's own schedule around offset changes", () => {
  // Croner asked tick by tick with the timezone is the reference.
  const reference = (expression: string, timezone: string, start: number, n: number) => {
    const cron = new Cron(expression, { timezone, paused: true, mode: "auto" });
    const out: number[] = [];
    for (let d = cron.nextRun(new Date(start / 1000 - 1)); d && out.length < n; d = cron.nextRun(d)) {
      out.push(d.getTime() * 1000);
    }
    return out;
  };
  const zones: [string, string][] = [
    ["Europe/Berlin", "2024-03-31T00:00:00Z"],
    ["Europe/Berlin", "2024-10-26T23:00:00Z"],
    ["America/New_York", "2024-11-03T04:00:00Z"],
    ["Australia/Lord_Howe", "2024-04-06T14:00:00Z"], // a 30-minute change
    ["America/Sao_Paulo", "2018-11-04T02:00:00Z"], // a change at midnight
    ["Pacific/Apia", "2011-12-29T09:00:00Z"], // a day skipped
  ];
  for (const [timezone, start] of zones) {
    for (const expression of ["*/7 * * * *", "0 */20 * * * *", "15 1-3 * * *", "0 0 * * *", "30 2 * * *"]) {
      const expected = reference(expression, timezone, us(start), 80);
      const got = [...cronTicks(expression, { timezone, start: us(start), limit: 80 })];
      deepEqual(iso(got), iso(expected), `${expression} in ${timezone} from ${start}`);
    }
  }
});

Deno.test("every second for a day: 86,400 ticks, one second apart", async () => {
  const input = await cronInput.create(
    v.parse(cronSchema, { expression: "* * * * * *", start: "2024-03-31T00:00:00", end: "+1d" }),
    context("Europe/Berlin"),
  );
  const all = await drain(input, 8192);
  // The local day 2024-03-31 starts at 23:00Z; `end` is 24 real hours later, so 86,400 ticks.
  equal(all.length, 86_400);
  equal(iso([all[0] as number])[0], "2024-03-30T23:00:00Z");
  ok(all.every((t, i) => i === 0 || t - (all[i - 1] as number) === 1_000_000));
});

Deno.test("an invalid expression is a schema issue with croner's reason", () => {
  const issue = (expression: string) => {
    const r = v.safeParse(cronSchema, { expression });
    ok(!r.success, expression);
    const first = r.issues[0];
    deepEqual(first.path?.map((p) => p.key), ["expression"]);
    return first.message;
  };
  equal(issue("* * *"), "invalid cron expression `* * *`: expected 5, 6 or 7 fields separated by spaces, found 3");
  equal(issue("61 * * * *"), "invalid cron expression `61 * * * *`: minutes go from 0 to 59");
  equal(
    issue("* * * * funday"),
    "invalid cron expression `* * * * funday`: `funday` is not a valid day of week (use numbers, names, `*`, `,`, `-`, `/`)",
  );
  equal(issue("5-1 * * * *"), "invalid cron expression `5-1 * * * *`: the range `5-1` goes backwards");
  equal(
    issue("*/0 * * * *"),
    "invalid cron expression `*/0 * * * *`: a step must be a whole number of at least 1, got `0`",
  );
  equal(issue("0 0 30 2 *"), "invalid cron expression `0 0 30 2 *`: it matches no date");
  equal(cronProblem("*/15 9-17 * * mon-fri"), undefined);
  ok(v.safeParse(cronSchema, { expression: "0 0 * * *", count: 0 }).success === false);
});
