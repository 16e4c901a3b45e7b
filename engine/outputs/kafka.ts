/**
 * `output kafka`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { OutputSpec } from "../spec.ts";

const schema = v.object({});

/** The `kafka` output. */
export const kafkaOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "kafka",
  summary: "(not built yet)",
  schema,
  defaultFormat: "json",
  examples: [],
  create() {
    throw new Error("Output `kafka` is not built yet");
  },
};
