/**
 * `output stdout { stream stdout|stderr; separator "\n" }`.
 *
 * @module
 */
import * as v from "valibot";
import { oneOf, str } from "../schema.ts";
import type { OutputSpec } from "../spec.ts";
import { encodeLines, writeAll } from "./_write.ts";

const schema = v.object({
  stream: v.pipe(
    v.optional(oneOf(["stdout", "stderr"] as const), "stdout"),
    v.description("Which stream to write to."),
  ),
  separator: v.pipe(v.optional(str(), "\n"), v.description("Written after each event.")),
});

/** The `stdout` output. */
export const stdoutOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "stdout",
  summary: "Events to standard output (or standard error)",
  schema,
  defaultFormat: "plain",
  delivery: { batch_size: 10_000, flush: 0 },
  examples: ["output stdout { format json }", 'output stdout { stream stderr; separator "\\n---\\n" }'],
  create(options) {
    const stream = options.stream === "stderr" ? Deno.stderr : Deno.stdout;
    return {
      async write(batch) {
        await writeAll(stream, encodeLines(batch.records, options.separator));
      },
      async close() {},
    };
  },
};
