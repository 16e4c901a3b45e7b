/**
 * `input pattern`: events shaped by one or more time patterns, layered. A
 * pattern, as in the Python Eventum `time_patterns` plugin, is four parts:
 *
 * ```evt
 * pattern workday {
 *   oscillator { period 1d; start 2024-03-04T00:00:00+01:00; end +7d }  // periods of 1d
 *   multiplier 48000                                    // events per period
 *   randomizer { deviation 0.15; direction mixed }      // vary that per period
 *   spreader beta { a 4; b 3 }                          // spread them over the period
 * }
 * ```
 *
 * - **oscillator**: period `k` starts at `start + k·period` (`start` is `now`
 *   by default); periods go on while they start before `end` (`never` by
 *   default; may be relative to `start`, as in `+7d`), and timestamps at or
 *   after `end` are dropped.
 * - **multiplier**: a period holds `floor(multiplier × factor)` events.
 * - **randomizer**: `sampling` factors (1024 by default) are drawn once,
 *   uniformly from `[1 - deviation, 1]` (`decrease`), `[1, 1 + deviation]`
 *   (`increase`) or `[1 - deviation, 1 + deviation]` (`mixed`), and used one
 *   per period in turn; when all are used they are shuffled and used again.
 *   Without a randomizer the factor is 1.
 * - **spreader**: a period's events are at offsets drawn from a distribution
 *   over the period, as fractions of it: `uniform { low; high }` (0 and 1 by
 *   default), `triangular { left; mode; right }` or `beta { a; b }`.
 *
 * Several patterns in one input are merged in time order. Each draws from its
 * own random stream (`layer:N`), so a seed gives the same timestamps.
 *
 * @module
 */
import * as v from "valibot";
import { duration, int, oneOf, time, withArgs } from "../schema.ts";
import type { InputSpec } from "../spec.ts";
import { resolveTime } from "../time.ts";
import { Layer, mergeLayers, type Spreader } from "./_pattern.ts";

export type { Randomizer, Spreader } from "./_pattern.ts";

const DISTRIBUTIONS = ["uniform", "triangular", "beta"] as const;
type Distribution = typeof DISTRIBUTIONS[number];
const PARAMETERS: Record<Distribution, readonly ParameterName[]> = {
  uniform: ["low", "high"],
  triangular: ["left", "mode", "right"],
  beta: ["a", "b"],
};
type ParameterName = "low" | "high" | "left" | "mode" | "right" | "a" | "b";
const ALL_PARAMETERS: readonly ParameterName[] = ["low", "high", "left", "mode", "right", "a", "b"];

function parameter(description: string) {
  return v.pipe(v.optional(v.number()), v.description(description));
}

const spreaderFields = v.object({
  distribution: v.pipe(
    oneOf(DISTRIBUTIONS),
    v.description("How events spread over a period: `uniform`, `triangular` or `beta`."),
  ),
  low: parameter("`uniform`: where events start, as a fraction of the period (0 by default)."),
  high: parameter("`uniform`: where events end, as a fraction of the period (1 by default)."),
  left: parameter("`triangular`: where the triangle starts, as a fraction of the period."),
  mode: parameter("`triangular`: where it peaks."),
  right: parameter("`triangular`: where it ends."),
  a: parameter("`beta`: the shape `a`, above 0 (the peak is at `(a - 1) / (a + b - 2)`)."),
  b: parameter("`beta`: the shape `b`, above 0."),
});
type SpreaderFields = v.InferOutput<typeof spreaderFields>;

const ticks = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(names.length === 2 ? " and " : ", ");

interface ParameterProblem {
  key: ParameterName;
  message: string;
  missing?: boolean;
}

/** The problems of a spreader's parameters, as the Python Eventum checks them. */
function spreaderProblems(o: SpreaderFields): ParameterProblem[] {
  const d = o.distribution;
  const own = PARAMETERS[d];
  const problems: ParameterProblem[] = [];
  for (const key of ALL_PARAMETERS) {
    if (o[key] !== undefined && !own.includes(key)) {
      problems.push({ key, message: `\`${key}\` is not a parameter of \`${d}\`, which takes ${ticks(own)}` });
    }
  }
  const range = (key: ParameterName, low: number, lowIncluded: boolean, high: number, highIncluded: boolean) => {
    const x = o[key];
    if (x === undefined) return;
    if (lowIncluded ? x < low : x <= low) {
      problems.push({ key, message: lowIncluded ? `must be at least ${low}` : `must be greater than ${low}` });
    } else if (highIncluded ? x > high : x >= high) {
      problems.push({ key, message: highIncluded ? `must be at most ${high}` : `must be less than ${high}` });
    }
  };
  const required = (key: ParameterName) => {
    if (o[key] === undefined) problems.push({ key, message: `\`${d}\` needs \`${key}\``, missing: true });
  };
  const before = problems.length;
  switch (d) {
    case "uniform": {
      range("low", 0, true, 1, false);
      range("high", 0, false, 1, true);
      const low = o.low ?? 0;
      const high = o.high ?? 1;
      if (problems.length === before && !(low < high)) {
        problems.push({ key: o.high === undefined ? "low" : "high", message: "`low` must be less than `high`" });
      }
      break;
    }
    case "triangular": {
      for (const key of own) required(key);
      range("left", 0, true, 1, false);
      range("mode", 0, true, 1, true);
      range("right", 0, false, 1, true);
      if (problems.length === before) {
        const { left, mode, right } = o as { left: number; mode: number; right: number };
        if (!(left <= mode && mode <= right)) {
          problems.push({ key: "mode", message: "must be between `left` and `right`" });
        } else if (left === right) {
          problems.push({ key: "right", message: "`left`, `mode` and `right` cannot all be equal" });
        }
      }
      break;
    }
    case "beta": {
      for (const key of own) required(key);
      range("a", 0, false, Infinity, false);
      range("b", 0, false, Infinity, false);
      break;
    }
  }
  return problems;
}

/**
 * The spreader of a pattern, as written in a scenario: the distribution by
 * name, then its parameters (`spreader beta { a 4; b 3 }`). Its output keeps
 * only the distribution's own parameters, with `uniform`'s defaults filled
 * in, so the graph form is accepted too.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { spreaderSchema } from "./pattern.ts";
 * const s = v.parse(spreaderSchema, { distribution: "uniform", high: 0.5 });
 * if (JSON.stringify(s) !== '{"distribution":"uniform","low":0,"high":0.5}') throw new Error();
 * if (v.safeParse(spreaderSchema, { distribution: "beta", a: 0, b: 1 }).success) throw new Error();
 * ```
 */
export const spreaderSchema = withArgs(
  v.pipe(
    spreaderFields,
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const value = dataset.value;
      for (const p of spreaderProblems(value)) {
        addIssue({
          message: p.message,
          ...(p.missing ? { input: undefined } : {}),
          path: [{ type: "object", origin: "value", input: value, key: p.key, value: value[p.key] }],
        });
      }
    }),
    v.transform((o): Spreader => {
      switch (o.distribution) {
        case "uniform":
          return { distribution: "uniform", low: o.low ?? 0, high: o.high ?? 1 };
        case "triangular":
          return {
            distribution: "triangular",
            left: o.left as number,
            mode: o.mode as number,
            right: o.right as number,
          };
        case "beta":
          return { distribution: "beta", a: o.a as number, b: o.b as number };
      }
    }),
  ),
  ["distribution"],
);

const randomizerSchema = v.object({
  deviation: v.pipe(
    v.number(),
    v.minValue(0),
    v.maxValue(1),
    v.description("How far a period's count may go from `multiplier`, as a fraction of it (0 to 1)."),
  ),
  direction: v.pipe(
    oneOf(["decrease", "increase", "mixed"]),
    v.description("`decrease` (down to `1 - deviation`), `increase` (up to `1 + deviation`) or `mixed` (both)."),
  ),
  sampling: v.pipe(
    v.optional(int(16), 1024),
    v.description("How many factors are drawn; they are used in turn and reshuffled when all are used."),
  ),
});

/** Zones at either end of the offsets, to check local times as the Python Eventum does. */
const EXTREME_ZONES = ["Etc/GMT-14", "Etc/GMT+12"];

/** True when `end` is before `start` whatever the time zone, at any `now`. */
function endsBeforeStart(start: string, end: string): boolean {
  if (end === "never") return false;
  return EXTREME_ZONES.some((timezone) =>
    [0, 4e15].every((now) => {
      const s = resolveTime(start, { now, timezone });
      return resolveTime(end, { now, timezone, base: s }) < s;
    })
  );
}

function bodySchema<P extends v.GenericSchema<unknown, number>>(period: P) {
  return v.object({
    oscillator: v.pipe(
      v.object({
        period: v.pipe(period, v.description("The length of a period.")),
        start: v.pipe(v.optional(time(), "now"), v.description("The start of the first period.")),
        end: v.pipe(
          v.optional(time(), "never"),
          v.description("Periods stop here; may be relative to `start`, as in `+7d`. Forever by default."),
        ),
      }),
      v.rawCheck(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        const o = dataset.value as unknown as { start: string; end: string };
        if (!endsBeforeStart(o.start, o.end)) return;
        addIssue({
          message: "must not be before `start`",
          path: [{ type: "object", origin: "value", input: o, key: "end", value: o.end }],
        });
      }),
      v.description("The periods: their length, the first one's start and when they stop."),
    ),
    multiplier: v.pipe(int(1), v.description("Events per period, before the randomizer.")),
    randomizer: v.pipe(
      v.optional(randomizerSchema),
      v.description("Varies the count of each period; without it every period has `multiplier` events."),
    ),
    spreader: v.pipe(spreaderSchema, v.description("How a period's events spread over it.")),
  });
}

/**
 * One time pattern as written in a `pattern NAME { ... }` block or an inline
 * `input pattern { ... }` block: `oscillator`, `multiplier`, `randomizer`
 * (optional) and `spreader`. Durations become microseconds and times stay
 * text, resolved when the run starts.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { Duration } from "../schema.ts";
 * import { patternBodySchema } from "./pattern.ts";
 * const body = v.parse(patternBodySchema, {
 *   oscillator: { period: new Duration(3_600_000_000, "1h"), end: "+1d" },
 *   multiplier: 100,
 *   spreader: { distribution: "triangular", left: 0, mode: 0.5, right: 1 },
 * });
 * if (body.oscillator.period !== 3_600_000_000 || body.oscillator.start !== "now") throw new Error();
 * ```
 */
export const patternBodySchema = bodySchema(duration({ min: 1 }));

/** A resolved pattern body: the output of {@link patternBodySchema}, as the graph holds it. */
export type PatternBody = v.InferOutput<typeof patternBodySchema>;

/** A pattern body in the graph: the period in microseconds. */
const layerSchema = bodySchema(v.pipe(v.number(), v.integer(), v.minValue(1, "must be longer than `0s`")));

const schema = v.object({
  layers: v.pipe(
    v.array(layerSchema),
    v.minLength(1),
    v.description("The patterns, each a resolved pattern body; their events are merged in time order."),
  ),
});

/**
 * The `pattern` input. Its options are the graph form, `{ layers }`, which
 * the DSL builds from pattern names and inline blocks.
 *
 * @example
 * ```ts
 * import * as v from "valibot";
 * import { Rng } from "../random.ts";
 * import { FakeClock } from "../clock.ts";
 * import { patternInput } from "./pattern.ts";
 * const layer = {
 *   oscillator: { period: 3_600_000_000, start: "2024-01-01T00:00:00Z", end: "+2h" },
 *   multiplier: 5,
 *   spreader: { distribution: "uniform" },
 * };
 * const input = await patternInput.create(v.parse(patternInput.schema, { layers: [layer] }), {
 *   now: 0, clock: new FakeClock(0), signal: new AbortController().signal, timezone: "UTC",
 *   mode: "sample", rng: new Rng(1), dir: ".", readText: () => "",
 * });
 * if ((await input.read(100)).length !== 10) throw new Error();
 * ```
 */
export const patternInput: InputSpec<typeof schema> = {
  kind: "input",
  name: "pattern",
  summary: "Events shaped like a time pattern: periods, a count per period varied at random, spread by a distribution",
  schema,
  examples: [
    [
      "pattern workday {",
      "  oscillator { period 1d; start 2024-03-04T00:00:00+01:00; end +7d }",
      "  multiplier 48000",
      "  randomizer { deviation 0.15; direction mixed }",
      "  spreader beta { a 4; b 3 }",
      "}",
      "",
      "input pattern workday",
    ].join("\n"),
    "input pattern {\n  oscillator { period 1h; end +1d }\n  multiplier 600\n  spreader uniform\n}",
  ],
  create(options, ctx) {
    const tctx = { now: ctx.now, timezone: ctx.timezone };
    let finite = true;
    const layers = options.layers.map((body, i) => {
      const start = resolveTime(body.oscillator.start, tctx);
      const end = resolveTime(body.oscillator.end, { ...tctx, base: start });
      if (end < start) {
        throw new RangeError(
          `Pattern ${i + 1} ends before it starts: \`${body.oscillator.end}\` is before \`${body.oscillator.start}\``,
        );
      }
      if (!Number.isFinite(end)) finite = false;
      const plan = {
        start,
        end,
        period: body.oscillator.period,
        multiplier: body.multiplier,
        randomizer: body.randomizer,
        spreader: body.spreader,
      };
      return new Layer(plan, ctx.rng.child(`layer:${i}`), ctx.from);
    });
    return mergeLayers(layers, finite);
  },
};
