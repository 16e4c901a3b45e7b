/**
 * `output postgres`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { OutputSpec } from "../spec.ts";

const schema = v.object({});

/** The `postgres` output. */
export const postgresOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "postgres",
  summary: "(not built yet)",
  schema,
  defaultFormat: "json",
  examples: [],
  create() {
    throw new Error("Output `postgres` is not built yet");
  },
};
