import { deepEqual } from "node:assert/strict";
import * as v from "valibot";
import { plainFormatter } from "./plain.ts";
import type { Formatter } from "../spec.ts";
import { ctx, produced } from "./_testing.ts";

Deno.test("plain writes each event as rendered, one record per event", async () => {
  const f = await plainFormatter.create(v.parse(plainFormatter.schema, {}), ctx) as Formatter;
  const events = ["a line", '{"json": "as is",  "spaces": 1}', "two\nlines", ""];
  deepEqual(f.format(produced(events)), { lines: events, failures: [] });
});
