/**
 * `format template`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { FormatterSpec } from "../spec.ts";

const schema = v.object({});

/** The `template` formatter. */
export const templateFormatter: FormatterSpec<typeof schema> = {
  kind: "formatter",
  name: "template",
  summary: "(not built yet)",
  schema,
  examples: [],
  create() {
    throw new Error("Formatter `template` is not built yet");
  },
};
