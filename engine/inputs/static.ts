/**
 * `input static { count N }`: N events at the start of the run.
 *
 * @module
 */
import * as v from "valibot";
import { int } from "../schema.ts";
import type { InputSpec } from "../spec.ts";
import { fromArray } from "./_array.ts";

const schema = v.object({
  count: v.pipe(int(1), v.description("How many events, all at the start of the run.")),
});

/** The `static` input. */
export const staticInput: InputSpec<typeof schema> = {
  kind: "input",
  name: "static",
  summary: "A number of events, all at the moment the run starts",
  schema,
  examples: ["input static { count 3 }"],
  create(options, ctx) {
    return fromArray(new Float64Array(options.count).fill(ctx.now));
  },
};
