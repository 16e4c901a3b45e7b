/**
 * `output opensearch`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { OutputSpec } from "../spec.ts";

const schema = v.object({});

/** The `opensearch` output. */
export const opensearchOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "opensearch",
  summary: "(not built yet)",
  schema,
  defaultFormat: "json",
  examples: [],
  create() {
    throw new Error("Output `opensearch` is not built yet");
  },
};

/** The `elasticsearch` output: the same bulk API. */
export const elasticsearchOutput: OutputSpec<typeof schema> = { ...opensearchOutput, name: "elasticsearch" };
