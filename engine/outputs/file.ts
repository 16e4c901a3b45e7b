/**
 * `output file "path" { write_mode overwrite|append; separator "\n" }`.
 * A run starts the file afresh by default, so the same seed writes the same
 * file byte for byte; `write_mode append` keeps what is there.
 * The path is relative to the scenario's folder; the sandbox lets the
 * generator write exactly this file.
 *
 * @module
 */
import * as v from "valibot";
import { resolve } from "node:path";
import { oneOf, str, withArgs } from "../schema.ts";
import type { OutputSpec } from "../spec.ts";
import { encodeLines, writeAll } from "./_write.ts";

const schema = withArgs(
  v.object({
    path: v.pipe(str(), v.description("The file to write, relative to the scenario.")),
    write_mode: v.pipe(
      v.optional(oneOf(["append", "overwrite"] as const), "overwrite"),
      v.description("Start the file afresh each run (the default), or append to it."),
    ),
    separator: v.pipe(v.optional(str(), "\n"), v.description("Written after each event.")),
  }),
  ["path"],
);

/** The `file` output. */
export const fileOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "file",
  summary: "Events written to a file, afresh each run or appended",
  schema,
  defaultFormat: "plain",
  delivery: { batch_size: 10_000, flush: 0 },
  examples: ['output file "out/events.jsonl" { format json }', 'output file "out/app.log" { write_mode overwrite }'],
  access: (options, dir) => ({ grants: { write: [resolve(dir, options.path)] } }),
  async create(options, ctx) {
    const path = resolve(ctx.dir, options.path);
    const file = await Deno.open(path, {
      write: true,
      create: true,
      append: options.write_mode === "append",
      truncate: options.write_mode === "overwrite",
    });
    return {
      async write(batch) {
        await writeAll(file, encodeLines(batch.records, options.separator));
      },
      // deno-lint-ignore require-await
      async close() {
        file.close();
      },
    };
  },
};
