/**
 * `format template-batch`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { FormatterSpec } from "../spec.ts";

const schema = v.object({});

/** The `template-batch` formatter. */
export const templateBatchFormatter: FormatterSpec<typeof schema> = {
  kind: "formatter",
  name: "template-batch",
  summary: "(not built yet)",
  schema,
  examples: [],
  create() {
    throw new Error("Formatter `template-batch` is not built yet");
  },
};
