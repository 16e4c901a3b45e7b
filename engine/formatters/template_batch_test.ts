import { deepEqual, equal, match } from "node:assert/strict";
import * as v from "valibot";
import { templateBatchFormatter } from "./template_batch.ts";
import type { Formatter } from "../spec.ts";
import { loadScenario } from "../../dsl/load.ts";
import { runGraph } from "../run.ts";
import { ctx, produced } from "./_testing.ts";

async function templateBatch(template: string): Promise<Formatter> {
  return await templateBatchFormatter.create(v.parse(templateBatchFormatter.schema, { template }), ctx);
}

Deno.test("template-batch renders the whole batch into one record carrying every event", async () => {
  const f = await templateBatch(
    "user,n\n{% for e in events %}{{ e.user }},{{ e.n }}{% if not loop.last %}\n{% endif %}{% endfor %}",
  );
  const out = f.format(produced(['{"user": "ann", "n": 1}', '{"user": "bob", "n": 2}']));
  deepEqual(out, { lines: ["user,n\nann,1\nbob,2"], events: [0], counts: [2], failures: [] });
});

Deno.test("template-batch: `texts` are the events as rendered; plain events are text in `events` too", async () => {
  const f = await templateBatch("{{ texts | join('|') }} {{ events | length }} {{ events[1] }}");
  deepEqual(f.format(produced(['{"a": 1}', "plain"])).lines, ['{"a": 1}|plain 2 plain']);
});

Deno.test("template-batch: when rendering fails, every event of the batch counts as failed", async () => {
  const f = await templateBatch("{% for e in events %}{{ 1 // e.n }}{% endfor %}");
  const out = f.format(produced(['{"n": 1}', '{"n": 0}', '{"n": 2}']));
  deepEqual(out.lines, []);
  equal(out.failures.length, 3);
  equal(out.failures[0]?.code, "EVT4001");
  match(out.failures[0]?.message ?? "", /^The template of `format template-batch` failed at .*ZeroDivisionError/);
});

Deno.test("template-batch writes nothing for an empty batch", async () => {
  const f = await templateBatch("{{ events | length }}");
  deepEqual(f.format(produced([])), { lines: [], failures: [] });
});

Deno.test("a run with template-batch: a bulk body per batch, counters in events", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-format-" });
  const loaded = loadScenario(`${dir}/s.evt`, {
    text: `generator "g" {
  input static { count 5 }
  batch { size 2 }
  event template { template t """{"n": {{ shared.incr('n') }}}""" }
  output file "out.ndjson" {
    format template-batch {
      template """{% for e in events %}{"index": {}}
{{ texts[loop.index0] }}
{% endfor %}"""
    }
    separator ""
  }
}`,
  });
  deepEqual(loaded.diagnostics, []);
  const [result] = await runGraph(loaded.graph!, { now: 0, seed: 1 });
  equal(result?.error, undefined);
  equal(
    Deno.readTextFileSync(`${dir}/out.ndjson`),
    [1, 2, 3, 4, 5].map((n) => `{"index": {}}\n{"n": ${n}}\n`).join(""),
  );
  equal(result?.outputs[0]?.counters.written, 5);
  equal(result?.counters.written, 5);
});
