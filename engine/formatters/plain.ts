/**
 * `format plain`: each event as rendered.
 *
 * @module
 */
import * as v from "valibot";
import type { FormatterSpec } from "../spec.ts";

const schema = v.object({});

/** The `plain` formatter. */
export const plainFormatter: FormatterSpec<typeof schema> = {
  kind: "formatter",
  name: "plain",
  summary: "Each event as the template rendered it",
  schema,
  examples: ['output file "out/app.log" { format plain }'],
  create() {
    return { format: (p) => ({ lines: p.events, failures: [] }) };
  },
};
