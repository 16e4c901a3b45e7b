/**
 * `format json-batch`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { FormatterSpec } from "../spec.ts";

const schema = v.object({});

/** The `json-batch` formatter. */
export const jsonBatchFormatter: FormatterSpec<typeof schema> = {
  kind: "formatter",
  name: "json-batch",
  summary: "(not built yet)",
  schema,
  examples: [],
  create() {
    throw new Error("Formatter `json-batch` is not built yet");
  },
};
