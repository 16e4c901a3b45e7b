import { deepEqual, equal, match } from "node:assert/strict";
import * as v from "valibot";
import { jsonFormatter } from "./json.ts";
import type { Formatter } from "../spec.ts";
import { ctx, produced } from "./_testing.ts";

async function json(options: Record<string, unknown> = {}): Promise<Formatter> {
  return await jsonFormatter.create(v.parse(jsonFormatter.schema, options), ctx);
}

Deno.test("json re-serialises each event compactly, on one line", async () => {
  const f = await json();
  const out = f.format(produced(['{ "a": 1,\n  "b": [1, 2] }', '"text"', "[]", '{"é": "ü"}']));
  deepEqual(out, { lines: ['{"a":1,"b":[1,2]}', '"text"', "[]", '{"é":"ü"}'], failures: [] });
});

Deno.test("json indents when asked", async () => {
  const f = await json({ indent: 2 });
  deepEqual(f.format(produced(['{"a": [1]}'])).lines, ['{\n  "a": [\n    1\n  ]\n}']);
});

Deno.test("an event that is not JSON is left out, reported with its template, and records map to events", async () => {
  const f = await json();
  const out = f.format(produced(['{"n": 1}', "{n: 2}", '{"n": 3}'], { origins: [0, 1, 0] }));
  deepEqual(out.lines, ['{"n":1}', '{"n":3}']);
  deepEqual(out.events, [0, 2]);
  equal(out.failures.length, 1);
  equal(out.failures[0]?.code, "EVT4003");
  equal(out.failures[0]?.source, "bad");
  match(out.failures[0]?.message ?? "", /^Event from template `bad` is not valid JSON: /);
});
