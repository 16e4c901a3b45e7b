/**
 * `input timer { every 1s; count N; start T; repeat N }`: `count` events at
 * `start`, then every `every`, `repeat` times in all (forever without it).
 *
 * @module
 */
import * as v from "valibot";
import { duration, int, time } from "../schema.ts";
import type { InputSpec } from "../spec.ts";
import { resolveTime } from "../time.ts";
import { fromFunction } from "./_array.ts";

const schema = v.object({
  every: v.pipe(duration({ min: 1 }), v.description("The time between ticks.")),
  count: v.pipe(v.optional(int(1), 1), v.description("Events per tick.")),
  start: v.pipe(v.optional(time(), "now"), v.description("The first tick.")),
  repeat: v.pipe(v.optional(int(1)), v.description("How many ticks; forever when absent.")),
});

/** The `timer` input. */
export const timerInput: InputSpec<typeof schema> = {
  kind: "input",
  name: "timer",
  summary: "Events at a fixed interval, from a start time, a number of times or forever",
  schema,
  examples: ["input timer { every 1s }", "input timer { every 5m; count 10; start 2024-01-01T00:00:00Z; repeat 12 }"],
  create(options, ctx) {
    const start = resolveTime(options.start, { now: ctx.now, timezone: ctx.timezone });
    const { every, count } = options;
    const total = options.repeat === undefined ? Infinity : options.repeat * count;
    // In live mode, start at the first tick not already past.
    const firstTick = ctx.from === undefined ? 0 : Math.max(0, Math.ceil((ctx.from - start) / every));
    return fromFunction(total, (i) => start + Math.floor(i / count) * every, firstTick * count);
  },
};
