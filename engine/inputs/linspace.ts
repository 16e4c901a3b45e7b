/**
 * `input linspace { start; end; count; endpoint }`: `count` events evenly
 * spaced from `start` to `end`.
 *
 * @module
 */
import * as v from "valibot";
import { bool, int, time } from "../schema.ts";
import type { InputSpec } from "../spec.ts";
import { resolveTime } from "../time.ts";
import { fromFunction } from "./_array.ts";

const schema = v.object({
  start: v.pipe(time(), v.description("The first timestamp.")),
  end: v.pipe(
    time(),
    v.description("The last timestamp (or the bound, without `endpoint`); may be relative to `start`, as in `+1h`."),
  ),
  count: v.pipe(int(1), v.description("How many timestamps.")),
  endpoint: v.pipe(v.optional(bool(), true), v.description("Whether `end` itself is one of the timestamps.")),
});

/** The `linspace` input. */
export const linspaceInput: InputSpec<typeof schema> = {
  kind: "input",
  name: "linspace",
  summary: "Evenly spaced timestamps between two points in time",
  schema,
  examples: ["input linspace { start 2024-01-01T00:00:00Z; end +1h; count 60 }"],
  create(options, ctx) {
    const tctx = { now: ctx.now, timezone: ctx.timezone };
    const start = resolveTime(options.start, tctx);
    const end = resolveTime(options.end, { ...tctx, base: start });
    if (!Number.isFinite(end) || end < start) {
      throw new RangeError(
        `Input \`linspace\` ends before it starts: \`${options.end}\` is before \`${options.start}\``,
      );
    }
    const { count } = options;
    const steps = options.endpoint ? count - 1 : count;
    const step = steps > 0 ? (end - start) / steps : 0;
    return fromFunction(count, (i) => Math.round(start + i * step));
  },
};
