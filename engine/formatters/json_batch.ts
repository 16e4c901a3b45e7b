/**
 * `format json-batch`: the events of a batch as one JSON array, one record
 * carrying them all (what bulk APIs and webhooks that take a list want). An
 * event that is not valid JSON is left out, counted as failed and reported
 * with the template that rendered it; a batch with no valid event writes
 * nothing.
 *
 * @module
 */
import * as v from "valibot";
import { int } from "../schema.ts";
import type { Failure, FormatterSpec } from "../spec.ts";

const schema = v.object({
  indent: v.pipe(v.optional(int(0), 0), v.description("Spaces to indent with; 0 writes the array on one line.")),
});

/** The `json-batch` formatter. */
export const jsonBatchFormatter: FormatterSpec<typeof schema> = {
  kind: "formatter",
  name: "json-batch",
  summary: "The batch's events as one JSON array (one record); invalid JSON counts as failed",
  schema,
  examples: [
    'output file "out/batches.jsonl" { format json-batch }',
    "output stdout { format json-batch { indent 2 } }",
  ],
  create(options) {
    const indent = options.indent || undefined;
    return {
      format(p) {
        const values: unknown[] = [];
        const failures: Failure[] = [];
        let first = -1;
        for (let i = 0; i < p.events.length; i++) {
          const e = p.events[i] as string;
          try {
            values.push(JSON.parse(e));
            if (first < 0) first = i;
          } catch (err) {
            const source = p.sources[p.origins[i] as number] ?? "?";
            failures.push({
              source,
              code: "EVT4003",
              message: `Event from template \`${source}\` is not valid JSON: ${(err as Error).message}`,
            });
          }
        }
        if (values.length === 0) return { lines: [], failures };
        return { lines: [JSON.stringify(values, null, indent)], events: [first], counts: [values.length], failures };
      },
    };
  },
};
