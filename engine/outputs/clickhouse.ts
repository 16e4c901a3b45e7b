/**
 * `output clickhouse`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { OutputSpec } from "../spec.ts";

const schema = v.object({});

/** The `clickhouse` output. */
export const clickhouseOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "clickhouse",
  summary: "(not built yet)",
  schema,
  defaultFormat: "json",
  examples: [],
  create() {
    throw new Error("Output `clickhouse` is not built yet");
  },
};
