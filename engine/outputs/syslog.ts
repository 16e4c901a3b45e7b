/**
 * `output syslog`: not built yet (a placeholder registered so the registry is
 * complete while it is written).
 *
 * @module
 */
import * as v from "valibot";
import type { OutputSpec } from "../spec.ts";

const schema = v.object({});

/** The `syslog` output. */
export const syslogOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "syslog",
  summary: "(not built yet)",
  schema,
  defaultFormat: "json",
  examples: [],
  create() {
    throw new Error("Output `syslog` is not built yet");
  },
};
