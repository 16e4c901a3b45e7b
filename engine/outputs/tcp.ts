/**
 * `output tcp`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { OutputSpec } from "../spec.ts";

const schema = v.object({});

/** The `tcp` output. */
export const tcpOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "tcp",
  summary: "(not built yet)",
  schema,
  defaultFormat: "json",
  examples: [],
  create() {
    throw new Error("Output `tcp` is not built yet");
  },
};
