/**
 * `output stdout { stream stdout|stderr; separator "\n" }`: each record
 * followed by the separator, one write per batch. When the reader goes away
 * (`eventum gen … | head`), writing fails for good (a broken pipe is not
 * retried).
 *
 * @module
 */
import * as v from "valibot";
import { oneOf, str } from "../schema.ts";
import { OutputClosed, OutputError, type OutputPlugin, type OutputSpec } from "../spec.ts";
import { encodeLines, writeAll } from "./_write.ts";

const schema = v.object({
  stream: v.pipe(
    v.optional(oneOf(["stdout", "stderr"] as const), "stdout"),
    v.description("Which stream to write to."),
  ),
  separator: v.pipe(v.optional(str(), "\n"), v.description("Written after each event.")),
});

/** Something records can be written to: `Deno.stdout`, a file, a pipe. */
export interface Writer {
  write(p: Uint8Array): Promise<number>;
}

/**
 * An output writing records to a stream it does not own: closing the output
 * flushes nothing and leaves the stream open.
 *
 * @param stream Where to write.
 * @param options `separator` after each record; `name` for messages ("standard output").
 * @returns The output.
 * @example
 * ```ts
 * import { streamOutput } from "./stdout.ts";
 * const chunks: string[] = [];
 * const out = streamOutput({
 *   write: (p) => Promise.resolve(chunks.push(new TextDecoder().decode(p)) && p.length),
 * }, { separator: "\n", name: "a test stream" });
 * await out.write({ records: ["a", "b"], timestamps: [0, 0], counts: [1, 1] }, new AbortController().signal);
 * await out.close();
 * if (chunks.join("") !== "a\nb\n") throw new Error();
 * ```
 */
export function streamOutput(stream: Writer, options: { separator: string; name: string }): OutputPlugin {
  let closed = false;
  // Writes run one at a time (a delivery with `keep_order false` starts several).
  let queue: Promise<void> = Promise.resolve();
  const write = async (records: string[]) => {
    try {
      await writeAll(stream, encodeLines(records, options.separator));
    } catch (e) {
      if (e instanceof Deno.errors.BrokenPipe) {
        throw new OutputClosed(`Cannot write to ${options.name}: the reader went away (broken pipe)`);
      }
      throw e;
    }
  };
  return {
    write(batch) {
      if (closed) {
        return Promise.reject(new OutputError(`Cannot write to ${options.name}: the output is closed`, false));
      }
      const run = queue.then(() => write(batch.records));
      queue = run.catch(() => {});
      return run;
    },
    async close() {
      closed = true;
      await queue;
    },
  };
}

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
    const stderr = options.stream === "stderr";
    return streamOutput(stderr ? Deno.stderr : Deno.stdout, {
      separator: options.separator,
      name: stderr ? "standard error" : "standard output",
    });
  },
};
