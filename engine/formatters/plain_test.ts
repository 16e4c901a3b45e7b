import { deepEqual } from "node:assert/strict";
import * as v from "valibot";
import { plainFormatter } from "./plain.ts";
import type { Formatter, Produced } from "../spec.ts";

function produced(events: string[]): Produced {
  return {
    events,
    stamps: events.map((_, i) => i),
    origins: events.map(() => 0),
    sources: ["t"],
    failed: 0,
    dropped: 0,
    exhausted: false,
    failures: [],
  };
}

const ctx = { dir: "/", timezone: "UTC", readText: () => "" };

Deno.test("plain writes each event as rendered, one record per event", async () => {
  const f = await plainFormatter.create(v.parse(plainFormatter.schema, {}), ctx) as Formatter;
  const events = ["a line", '{"json": "as is",  "spaces": 1}', "two\nlines", ""];
  deepEqual(f.format(produced(events)), { lines: events, failures: [] });
});
