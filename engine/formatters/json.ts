/**
 * `format json`: each event parsed as JSON and written compact (or indented);
 * an event that is not valid JSON is counted as failed and reported with the
 * template that rendered it, never written.
 *
 * @module
 */
import * as v from "valibot";
import { int } from "../schema.ts";
import type { Failure, FormatterSpec } from "../spec.ts";

const schema = v.object({
  indent: v.pipe(v.optional(int(0), 0), v.description("Spaces to indent with; 0 writes one line per event.")),
});

/** The `json` formatter. */
export const jsonFormatter: FormatterSpec<typeof schema> = {
  kind: "formatter",
  name: "json",
  summary: "Each event re-serialised as JSON, one per line; invalid JSON counts as failed",
  schema,
  examples: ["output stdout { format json }", "output stdout { format json { indent 2 } }"],
  create(options) {
    const indent = options.indent || undefined;
    return {
      format(p) {
        const lines: string[] = [];
        let failures: Failure[] | undefined;
        let events: number[] | undefined;
        for (let i = 0; i < p.events.length; i++) {
          const e = p.events[i] as string;
          try {
            lines.push(JSON.stringify(JSON.parse(e), null, indent));
            events?.push(i);
          } catch (err) {
            // From the first failure on, records no longer line up with events.
            events ??= Array.from({ length: lines.length }, (_, k) => k);
            const source = p.sources[p.origins[i] as number] ?? "?";
            (failures ??= []).push({
              source,
              code: "EVT4003",
              message: `Event from template \`${source}\` is not valid JSON: ${(err as Error).message}`,
            });
          }
        }
        return events ? { lines, events, failures: failures ?? [] } : { lines, failures: failures ?? [] };
      },
    };
  },
};
