/**
 * How the benchmarks run `eventum`: from source, with the program's V8
 * flags, as the binary runs.
 *
 * @module
 */
import { join } from "node:path";
import { V8_FLAGS_ARG } from "../cli/v8_flags.ts";

/** `deno` and its arguments up to the command: append `gen FILE ...`. */
export const EVENTUM: readonly string[] = [
  Deno.execPath(),
  "run",
  "-A",
  "--unstable-worker-options",
  V8_FLAGS_ARG,
  join(new URL("..", import.meta.url).pathname, "cli", "main.ts"),
];
