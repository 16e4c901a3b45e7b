/**
 * `format template-batch { template """...""" }` or `{ template_path "x.njk" }`:
 * the whole batch rendered through one template into one record carrying
 * every event (a bulk request body, a CSV with a header). The template sees
 * `events`, each parsed when it is a JSON object or array and its text
 * otherwise, and `texts`, the events exactly as rendered. When rendering
 * fails, every event of the batch counts as failed; a batch with no events
 * writes nothing.
 *
 * @module
 */
import type { Failure, FormatterSpec } from "../spec.ts";
import { checkFormatTemplate, compileFormatTemplate, eventValue, formatTemplateSchema } from "./template.ts";

/** The `template-batch` formatter. */
export const templateBatchFormatter: FormatterSpec<typeof formatTemplateSchema> = {
  kind: "formatter",
  name: "template-batch",
  summary: "The whole batch rendered through one template into one record (`events`, `texts`)",
  schema: formatTemplateSchema,
  examples: [
    'output stdout {\n  format template-batch {\n    template """{% for e in events %}{{ e.user }}{% if not loop.last %},{% endif %}{% endfor %}"""\n  }\n}',
    'output file "out/bulk.ndjson" { format template-batch { template_path "formats/bulk.njk" } }',
  ],
  check: checkFormatTemplate,
  create(options, ctx) {
    const template = compileFormatTemplate(options, { ...ctx, label: "format template-batch" });
    return {
      format(p) {
        const n = p.events.length;
        if (n === 0) return { lines: [], failures: [] };
        try {
          const line = template.render({ events: p.events.map(eventValue), texts: p.events });
          return { lines: [line], events: [0], counts: [n], failures: [] };
        } catch (e) {
          // Every event of the batch failed. The pipeline counts one failed
          // event per failure, so the failure is listed once per event.
          const failure = template.failure(e);
          const failures: Failure[] = Array.from({ length: n }, () => failure);
          return { lines: [], failures };
        }
      },
    };
  },
};
