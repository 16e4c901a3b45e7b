/**
 * `output http`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { OutputSpec } from "../spec.ts";

const schema = v.object({});

/** The `http` output. */
export const httpOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "http",
  summary: "(not built yet)",
  schema,
  defaultFormat: "json",
  examples: [],
  create() {
    throw new Error("Output `http` is not built yet");
  },
};
