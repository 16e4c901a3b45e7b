import { deepEqual, equal, ok, throws } from "node:assert/strict";
import * as v from "valibot";
import { Rng } from "../random.ts";
import { FakeClock } from "../clock.ts";
import { argsOf, DateTime, Duration, entriesOf, unwrap } from "../schema.ts";
import type { InputContext, InputPlugin } from "../spec.ts";
import { type PatternBody, patternBodySchema, patternInput, spreaderSchema } from "./pattern.ts";
import { factorBounds, Factors, Layer, type LayerPlan, sortNumbers } from "./_pattern.ts";

const HOUR = 3_600_000_000;
const DAY = 24 * HOUR;
const T0 = "2024-01-01T00:00:00Z";
const T0_US = Date.parse(T0) * 1000;

function context(options: { seed?: number; timezone?: string; from?: number } = {}): InputContext {
  return {
    now: T0_US,
    clock: new FakeClock(T0_US),
    signal: new AbortController().signal,
    timezone: options.timezone ?? "UTC",
    mode: "sample",
    rng: new Rng(options.seed ?? 1),
    dir: ".",
    readText: () => "",
    ...(options.from === undefined ? {} : { from: options.from }),
  };
}

async function drain(input: InputPlugin, max = 4096): Promise<Float64Array> {
  const parts: Float64Array[] = [];
  let n = 0;
  for (;;) {
    const b = await input.read(max);
    if (b.length === 0) break;
    parts.push(b);
    n += b.length;
  }
  const all = new Float64Array(n);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

/** A pattern body in graph form. */
function body(overrides: Partial<Record<keyof PatternBody, unknown>> = {}): Record<string, unknown> {
  return {
    oscillator: { period: HOUR, start: T0, end: "+10h" },
    multiplier: 100,
    spreader: { distribution: "uniform" },
    ...overrides,
  };
}

async function generate(layers: Record<string, unknown>[], ctx = context()): Promise<Float64Array> {
  return await drain(await patternInput.create(v.parse(patternInput.schema, { layers }), ctx));
}

function ascending(xs: Float64Array): boolean {
  for (let i = 1; i < xs.length; i++) if ((xs[i] as number) < (xs[i - 1] as number)) return false;
  return true;
}

/** How many timestamps fall in each period. */
function perPeriod(xs: Float64Array, start: number, period: number, periods: number): number[] {
  const counts = new Array<number>(periods).fill(0);
  for (const t of xs) {
    const k = Math.floor((t - start) / period);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

Deno.test("randomizer factors stay within their bounds and cover them", () => {
  for (const direction of ["decrease", "increase", "mixed"] as const) {
    const randomizer = { deviation: 0.2, direction, sampling: 1024 };
    const [low, high] = factorBounds(randomizer);
    const factors = new Factors(randomizer, 42);
    const first = Array.from({ length: 1024 }, (_, k) => factors.at(k));
    ok(first.every((f) => f >= low && f <= high), direction);
    ok(Math.min(...first) - low < 0.002, `${direction}: min ${Math.min(...first)} is far from ${low}`);
    ok(high - Math.max(...first) < 0.002, `${direction}: max ${Math.max(...first)} is far from ${high}`);
    // The next 1024 periods use the same factors, shuffled.
    const second = Array.from({ length: 1024 }, (_, k) => factors.at(1024 + k));
    deepEqual([...second].sort(), [...first].sort());
    ok(second.join() !== first.join());
    // Going back to an earlier period gives the same factor.
    equal(factors.at(5), first[5]);
  }
  deepEqual(factorBounds(undefined), [1, 1]);
  equal(new Factors(undefined, 1).at(12345), 1);
});

Deno.test("each period holds floor(multiplier × factor) timestamps", async () => {
  const randomizer = { deviation: 0.3, direction: "mixed" as const, sampling: 16 };
  const layer = body({ multiplier: 1000, randomizer, oscillator: { period: HOUR, start: T0, end: "+40h" } });
  const ctx = context({ seed: 7 });
  const all = await generate([layer], ctx);
  // The same layer, made directly with the stream the input gives it, tells the factor of each period.
  const plan: LayerPlan = {
    start: T0_US,
    end: T0_US + 40 * HOUR,
    period: HOUR,
    multiplier: 1000,
    randomizer,
    spreader: { distribution: "uniform", low: 0, high: 1 },
  };
  const reference = new Layer(plan, new Rng(7).child("layer:0"));
  const factors = new Factors(randomizer, new Rng(7).child("layer:0").seed);
  const expected = Array.from({ length: 40 }, (_, k) => Math.floor(1000 * factors.at(k)));
  deepEqual(Array.from({ length: 40 }, (_, k) => reference.count(k)), expected);
  deepEqual(perPeriod(all, T0_US, HOUR, 40), expected);
  ok(expected.every((n) => n >= 700 && n <= 1300));
  ok(new Set(expected).size > 10);
});

Deno.test("without a randomizer every period holds `multiplier` timestamps", async () => {
  const all = await generate([body({ multiplier: 250 })]);
  deepEqual(perPeriod(all, T0_US, HOUR, 10), new Array(10).fill(250));
});

Deno.test("timestamps ascend within [start, end), with `end` relative to `start`", async () => {
  // Periods of 2h from 00:00, ending at 05:00: periods at 0h, 2h and 4h; the third is cut at 5h.
  const all = await generate([
    body({
      oscillator: { period: 2 * HOUR, start: T0, end: "+5h" },
      multiplier: 1000,
      spreader: { distribution: "triangular", left: 0, mode: 0.9, right: 1 },
    }),
  ]);
  ok(ascending(all));
  equal(all[0]! >= T0_US, true);
  ok(all[all.length - 1]! < T0_US + 5 * HOUR);
  deepEqual(perPeriod(all, T0_US, 2 * HOUR, 3).slice(0, 2), [1000, 1000]);
  const last = perPeriod(all, T0_US, 2 * HOUR, 3)[2] as number;
  // Half of the last period is left; the triangle puts 0.5² / 0.9 ≈ 28% of its events before its middle.
  ok(last > 230 && last < 330, String(last));
  ok(all.every((t) => Number.isInteger(t)));
});

Deno.test("uniform spreader bounds are fractions of the period", async () => {
  const all = await generate([
    body({ multiplier: 500, spreader: { distribution: "uniform", low: 0.25, high: 0.5 } }),
  ]);
  ok(all.every((t) => {
    const offset = (t - T0_US) % HOUR;
    return offset >= 0.25 * HOUR && offset <= 0.5 * HOUR;
  }));
});

Deno.test("layered patterns are merged in time order", async () => {
  const a = body({ multiplier: 300, spreader: { distribution: "beta", a: 2, b: 5 } });
  const b = body({
    oscillator: { period: 90 * 60_000_000, start: "2024-01-01T00:20:00Z", end: "2024-01-01T09:00:00Z" },
    multiplier: 200,
    randomizer: { deviation: 0.5, direction: "increase" },
    spreader: { distribution: "triangular", left: 0.1, mode: 0.2, right: 0.9 },
  });
  const merged = await generate([a, b], context({ seed: 3 }));
  ok(ascending(merged));
  // Each layer alone, with the stream the input gives it.
  const parsed = v.parse(patternInput.schema, { layers: [a, b] }).layers;
  const alone = parsed.map((layer, i) => {
    const plan: LayerPlan = {
      start: Date.parse(layer.oscillator.start) * 1000,
      end: i === 0 ? T0_US + 10 * HOUR : Date.parse("2024-01-01T09:00:00Z") * 1000,
      period: layer.oscillator.period,
      multiplier: layer.multiplier,
      randomizer: layer.randomizer,
      spreader: layer.spreader,
    };
    const l = new Layer(plan, new Rng(3).child(`layer:${i}`));
    const out: number[] = [];
    for (let p = l.next(); p !== undefined; p = l.next()) out.push(...p);
    return out;
  });
  equal(alone[0]!.length, 3000);
  ok(alone[1]!.length >= 6 * 200);
  deepEqual([...merged], [...alone[0]!, ...alone[1]!].sort((x, y) => x - y));
});

Deno.test("the same seed gives the same timestamps, another seed others", async () => {
  const layers = [
    body({ randomizer: { deviation: 0.5, direction: "mixed" }, spreader: { distribution: "beta", a: 0.5, b: 0.5 } }),
    body({ spreader: { distribution: "triangular", left: 0, mode: 1, right: 1 } }),
  ];
  const one = await generate(layers, context({ seed: 11 }));
  const again = await generate(layers, context({ seed: 11 }));
  const other = await generate(layers, context({ seed: 12 }));
  deepEqual(new Uint8Array(one.buffer), new Uint8Array(again.buffer));
  ok(one.length !== other.length || one.some((t, i) => t !== other[i]));
  // Batch sizes do not matter.
  const input = await patternInput.create(v.parse(patternInput.schema, { layers }), context({ seed: 11 }));
  deepEqual([...await drain(input, 7)], [...one]);
});

Deno.test("skipping the past (`from`) gives the same later timestamps", async () => {
  const layers = [body({ randomizer: { deviation: 0.2, direction: "decrease", sampling: 16 } })];
  const all = await generate(layers);
  const from = T0_US + 4.5 * HOUR;
  const later = await generate(layers, context({ from }));
  deepEqual([...later], [...all].filter((t) => t >= from));
});

Deno.test("web traffic: a week of days within 48000 ± 15%, busiest in the afternoon in Berlin", async () => {
  const workday = v.parse(patternBodySchema, {
    oscillator: {
      period: new Duration(DAY, "1d"),
      start: new DateTime("2024-03-04T00:00:00+01:00"),
      end: new DateTime("+7d"),
    },
    multiplier: 48000,
    randomizer: { deviation: 0.15, direction: "mixed" },
    spreader: { distribution: "beta", a: 4, b: 3 },
  });
  const input = await patternInput.create({ layers: [workday] }, context({ timezone: "Europe/Berlin" }));
  ok(input.finite);
  const all = await drain(input);
  ok(ascending(all));
  // Local midnight of 2024-03-04 in Berlin, which keeps +01:00 all week (summer time starts on 03-31).
  const start = Date.parse("2024-03-03T23:00:00Z") * 1000;
  const days = perPeriod(all, start, DAY, 7);
  equal(all.length, days.reduce((a, b) => a + b, 0));
  ok(days.every((n) => n >= 48000 * 0.85 && n <= 48000 * 1.15), days.join());
  const hours = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  for (const t of all) {
    const day = hours[Math.floor((t - start) / DAY)] as number[];
    const h = Math.floor(((t - start) % DAY) / HOUR);
    day[h] = (day[h] as number) + 1;
  }
  hours.forEach((counts, d) => {
    const busiest = counts.indexOf(Math.max(...counts));
    ok(busiest >= 12 && busiest < 18, `day ${d + 1}: busiest hour ${busiest}`);
  });
});

Deno.test("a pattern that can never have an event ends at once", async () => {
  const input = await patternInput.create(
    v.parse(patternInput.schema, {
      layers: [body({
        oscillator: { period: HOUR, start: T0, end: "never" },
        multiplier: 1,
        randomizer: { deviation: 0.5, direction: "decrease" },
      })],
    }),
    context(),
  );
  equal(input.finite, false);
  equal((await input.read(10)).length, 0);
});

Deno.test("an end before the start fails when the input is created", async () => {
  const options = v.parse(patternInput.schema, {
    layers: [body({ oscillator: { period: HOUR, start: "now", end: "2023-01-01T00:00:00Z" } })],
  });
  let message = "";
  try {
    await patternInput.create(options, context());
  } catch (e) {
    message = (e as Error).message;
  }
  equal(message, "Pattern 1 ends before it starts: `2023-01-01T00:00:00Z` is before `now`");
});

/** The issues of a pattern body, as `path: message`. */
function issues(input: Record<string, unknown>): string[] {
  const r = v.safeParse(patternBodySchema, input);
  return r.success ? [] : r.issues.map((i) => `${i.path?.map((p) => p.key).join(".")}: ${i.message}`);
}

function dslBody(spreader: Record<string, unknown>, more: Record<string, unknown> = {}) {
  return { oscillator: { period: new Duration(HOUR, "1h") }, multiplier: 10, spreader, ...more };
}

Deno.test("spreader parameters are checked as the Python Eventum checks them", () => {
  const check = (spreader: Record<string, unknown>) => issues(dslBody(spreader));
  deepEqual(check({ distribution: "uniform" }), []);
  deepEqual(check({ distribution: "uniform", low: 0.5, high: 0.5 }), ["spreader.high: `low` must be less than `high`"]);
  deepEqual(check({ distribution: "uniform", low: 1 }), ["spreader.low: must be less than 1"]);
  deepEqual(check({ distribution: "uniform", high: 1.5 }), ["spreader.high: must be at most 1"]);
  deepEqual(check({ distribution: "uniform", low: -0.1 }), ["spreader.low: must be at least 0"]);
  deepEqual(check({ distribution: "triangular", left: 0, mode: 0.5, right: 1 }), []);
  deepEqual(check({ distribution: "triangular", left: 0.5, mode: 0.2, right: 1 }), [
    "spreader.mode: must be between `left` and `right`",
  ]);
  deepEqual(check({ distribution: "triangular", left: 0.5, mode: 0.5, right: 0.5 }), [
    "spreader.right: `left`, `mode` and `right` cannot all be equal",
  ]);
  deepEqual(check({ distribution: "triangular", left: 1, mode: 1, right: 1 }), ["spreader.left: must be less than 1"]);
  deepEqual(check({ distribution: "triangular", left: 0, mode: 0, right: 0 }), [
    "spreader.right: must be greater than 0",
  ]);
  deepEqual(check({ distribution: "triangular", left: 0 }), [
    "spreader.mode: `triangular` needs `mode`",
    "spreader.right: `triangular` needs `right`",
  ]);
  deepEqual(check({ distribution: "beta", a: 0, b: 2 }), ["spreader.a: must be greater than 0"]);
  deepEqual(check({ distribution: "beta", a: 1, b: 1, low: 0 }), [
    "spreader.low: `low` is not a parameter of `beta`, which takes `a` and `b`",
  ]);
  deepEqual(check({ distribution: "gauss" }), [
    "spreader.distribution: expected one of `uniform`, `triangular`, `beta`",
  ]);
  // A missing parameter has no input, which the DSL reports as a missing option.
  const missing = v.safeParse(patternBodySchema, dslBody({ distribution: "beta", a: 1 }));
  ok(!missing.success);
  equal(missing.issues[0].input, undefined);
});

Deno.test("oscillator, multiplier and randomizer are checked", () => {
  deepEqual(
    issues({
      oscillator: { period: new Duration(0, "0s"), start: "2024-01-02T00:00:00Z", end: "2024-01-01T00:00:00Z" },
      multiplier: 0,
      randomizer: { deviation: 1.5, direction: "sideways", sampling: 8 },
      spreader: { distribution: "uniform" },
    }),
    [
      "oscillator.period: must be longer than `0s`",
      "oscillator.end: must not be before `start`",
      "multiplier: must be at least 1",
      "randomizer.deviation: must be at most 1",
      "randomizer.direction: expected one of `decrease`, `increase`, `mixed`",
      "randomizer.sampling: must be at least 16",
    ],
  );
  deepEqual(issues(dslBody({ distribution: "uniform" }, { multiplier: 2.5 })), ["multiplier: must be a whole number"]);
  // A negative relative end is before the start at any time; an absolute end before `now` cannot be told yet.
  deepEqual(issues(dslBody({ distribution: "uniform" }, { oscillator: { period: new Duration(HOUR), end: "-1h" } })), [
    "oscillator.end: must not be before `start`",
  ]);
  deepEqual(issues(dslBody({ distribution: "uniform" }, { oscillator: { period: new Duration(HOUR), end: T0 } })), []);
  // Local times are checked at both ends of the offsets, like the Python Eventum.
  deepEqual(
    issues(dslBody({ distribution: "uniform" }, {
      oscillator: { period: new Duration(HOUR), start: "2024-01-01T10:00:00", end: "2024-01-01T00:00:00Z" },
    })),
    ["oscillator.end: must not be before `start`"],
  );
  // Defaults: start now, end never, sampling 1024.
  const ok1 = v.parse(
    patternBodySchema,
    dslBody({ distribution: "uniform" }, {
      randomizer: { deviation: 0, direction: "mixed" },
    }),
  );
  deepEqual(ok1.oscillator, { period: HOUR, start: "now", end: "never" });
  equal(ok1.randomizer?.sampling, 1024);
  throws(() => v.parse(patternInput.schema, { layers: [] }));
});

Deno.test("the DSL sees the spreader's positional distribution and every option", () => {
  const entries = entriesOf(patternBodySchema) ?? {};
  deepEqual(Object.keys(entries), ["oscillator", "multiplier", "randomizer", "spreader"]);
  const spreader = entries.spreader!;
  deepEqual(argsOf(unwrap(spreader)), ["distribution"]);
  deepEqual(Object.keys(entriesOf(spreader) ?? {}), ["distribution", "low", "high", "left", "mode", "right", "a", "b"]);
  deepEqual(Object.keys(entriesOf(entries.oscillator!) ?? {}), ["period", "start", "end"]);
  deepEqual(Object.keys(entriesOf(entries.randomizer!) ?? {}), ["deviation", "direction", "sampling"]);
  // The graph form parses to itself.
  const beta = { distribution: "beta", a: 4, b: 3 };
  deepEqual(v.parse(spreaderSchema, beta), beta);
  const resolved = v.parse(patternBodySchema, {
    oscillator: { period: new Duration(DAY, "1d"), start: new DateTime("2024-03-04T00:00:00+01:00"), end: "+7d" },
    multiplier: 48000,
    randomizer: { deviation: 0.15, direction: "mixed" },
    spreader: { distribution: "beta", a: 4, b: 3 },
  });
  deepEqual(v.parse(patternInput.schema, { layers: [resolved] }), { layers: [resolved] });
  deepEqual(JSON.parse(JSON.stringify(resolved)), resolved);
});

Deno.test("sortNumbers sorts as Float64Array#sort does", () => {
  const rng = new Rng(9);
  const cases: Float64Array[] = [
    Float64Array.from({ length: 10_000 }, () => rng.float()),
    Float64Array.from({ length: 5000 }, () => Math.floor(rng.float() * 10) / 10), // many equal values
    Float64Array.from({ length: 5000 }, () => (rng.chance(0.5) ? rng.float() * 1e-300 : 1 - rng.float() * 1e-12)),
    Float64Array.from({ length: 3000 }, (_, i) => 3000 - i),
    new Float64Array(100).fill(0.5),
    Float64Array.from({ length: 40 }, () => rng.float()),
  ];
  for (const xs of cases) {
    const expected = xs.slice().sort();
    sortNumbers(xs);
    deepEqual([...xs], [...expected]);
  }
});
