import { deepEqual, equal, match } from "node:assert/strict";
import * as v from "valibot";
import { jsonBatchFormatter } from "./json_batch.ts";
import type { Formatter } from "../spec.ts";
import { loadScenario } from "../../dsl/load.ts";
import { runGraph } from "../run.ts";
import { ctx, produced } from "./_testing.ts";

async function jsonBatch(options: Record<string, unknown> = {}): Promise<Formatter> {
  return await jsonBatchFormatter.create(v.parse(jsonBatchFormatter.schema, options), ctx);
}

Deno.test("json-batch writes the batch as one JSON array: one record carrying every event", async () => {
  const f = await jsonBatch();
  const out = f.format(produced(['{"a": 1}', '{ "b":\n 2 }', "3"]));
  deepEqual(out, { lines: ['[{"a":1},{"b":2},3]'], events: [0], counts: [3], failures: [] });
});

Deno.test("json-batch indents when asked", async () => {
  const f = await jsonBatch({ indent: 2 });
  deepEqual(f.format(produced(['{"a": 1}'])).lines, ['[\n  {\n    "a": 1\n  }\n]']);
});

Deno.test("json-batch leaves invalid events out and counts them as failed", async () => {
  const f = await jsonBatch();
  const out = f.format(produced(["oops", '{"n": 2}', "{n: 3}", '{"n": 4}'], { origins: [1, 0, 1, 0] }));
  deepEqual(out.lines, ['[{"n":2},{"n":4}]']);
  // The record's time is that of its first event; it carries two.
  deepEqual(out.events, [1]);
  deepEqual(out.counts, [2]);
  deepEqual(out.failures.map((x) => [x.code, x.source]), [["EVT4003", "bad"], ["EVT4003", "bad"]]);
  match(out.failures[0]?.message ?? "", /^Event from template `bad` is not valid JSON: /);
});

Deno.test("json-batch writes nothing for a batch without a valid event", async () => {
  const f = await jsonBatch();
  deepEqual(f.format(produced([])), { lines: [], failures: [] });
  const out = f.format(produced(["x", "y"]));
  deepEqual(out.lines, []);
  equal(out.failures.length, 2);
});

Deno.test("a run with json-batch: one array per batch, counters in events", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-json-batch-" });
  const loaded = loadScenario(`${dir}/s.evt`, {
    text: `generator "b" {
  seed 1
  input static { count 5 }
  batch { size 3 }
  event template {
    pick spin
    template good """{"n": {{ shared.incr('n') }}}"""
    template bad """not json"""
  }
  output file "out.jsonl" { format json-batch }
}`,
  });
  deepEqual(loaded.diagnostics, []);
  const [result] = await runGraph(loaded.graph!, { now: 0, seed: 1 });
  equal(Deno.readTextFileSync(`${dir}/out.jsonl`), '[{"n":1},{"n":2}]\n[{"n":3}]\n');
  deepEqual(result?.outputs[0]?.counters, {
    generated: 5,
    written: 3,
    failed: 2,
    retried: 0,
    dead_lettered: 0,
    dropped: 0,
  });
});
