/**
 * `output mqtt`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { OutputSpec } from "../spec.ts";

const schema = v.object({});

/** The `mqtt` output. */
export const mqttOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "mqtt",
  summary: "(not built yet)",
  schema,
  defaultFormat: "json",
  examples: [],
  create() {
    throw new Error("Output `mqtt` is not built yet");
  },
};
