/**
 * `output udp`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { OutputSpec } from "../spec.ts";

const schema = v.object({});

/** The `udp` output. */
export const udpOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "udp",
  summary: "(not built yet)",
  schema,
  defaultFormat: "json",
  examples: [],
  create() {
    throw new Error("Output `udp` is not built yet");
  },
};
