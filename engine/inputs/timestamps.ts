/**
 * `input timestamps [ ... ]` or `input timestamps file "times.txt"`: events at
 * the given points in time, which must be in ascending order.
 *
 * @module
 */
import * as v from "valibot";
import { resolve } from "node:path";
import { str, time, withArgs } from "../schema.ts";
import type { InputSpec } from "../spec.ts";
import { checkTime, resolveTime } from "../time.ts";
import { fromArray } from "./_array.ts";

const schema = withArgs(
  v.pipe(
    v.object({
      list: v.pipe(
        v.optional(v.array(time(), "expected a list of times")),
        v.description("The timestamps, in ascending order."),
      ),
      file: v.pipe(
        v.optional(str()),
        v.description("A file with one timestamp per line, in ascending order."),
      ),
    }),
    v.check((o) => (o.list === undefined) !== (o.file === undefined), 'give either a list of times or `file "path"`'),
  ),
  ["list"],
);

/** The `timestamps` input. */
export const timestampsInput: InputSpec<typeof schema> = {
  kind: "input",
  name: "timestamps",
  summary: "Events at listed points in time, inline or one per line in a file",
  schema,
  examples: [
    'input timestamps ["2024-01-01T00:00:00Z", 2024-01-01T00:00:05Z]',
    'input timestamps file "times.txt"',
  ],
  create(options, ctx) {
    const tctx = { now: ctx.now, timezone: ctx.timezone };
    const where = options.file === undefined ? "input `timestamps`" : `\`${options.file}\``;
    let texts: { text: string; line: number }[];
    if (options.file !== undefined) {
      const path = resolve(ctx.dir, options.file);
      texts = ctx.readText(path).split(/\r?\n/).map((text, i) => ({ text: text.trim(), line: i + 1 }))
        .filter((t) => t.text !== "" && !t.text.startsWith("#"));
    } else {
      texts = (options.list ?? []).map((text, i) => ({ text, line: i + 1 }));
    }
    const all = new Float64Array(texts.length);
    let prev = -Infinity;
    texts.forEach(({ text, line }, i) => {
      const bad = checkTime(text);
      const item = options.file === undefined ? `item ${line}` : `line ${line}`;
      if (bad) throw new RangeError(`Invalid timestamp in ${where}, ${item}: \`${text}\`: ${bad}`);
      const us = resolveTime(text, tctx);
      if (us < prev) throw new RangeError(`Timestamps in ${where} are not in ascending order at ${item}: \`${text}\``);
      all[i] = prev = us;
    });
    return fromArray(all);
  },
};
