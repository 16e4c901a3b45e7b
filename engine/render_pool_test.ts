import { deepEqual, equal, ok } from "node:assert/strict";
import fc from "fast-check";
import { joinParts, split } from "./render_pool.ts";
import { BLOCK } from "./random.ts";
import type { Produced } from "./spec.ts";

Deno.test("split: the workers get whole blocks only, and the engine keeps the blocks cut by the batch's ends", () => {
  fc.assert(fc.property(
    fc.nat(1_000_000),
    fc.integer({ min: 1, max: 50_000 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    (start, length, share) => {
      const { localEnd, tail } = split(start, length, share);
      ok(0 <= localEnd && localEnd <= tail && tail <= length);
      // What the workers get begins and ends on block boundaries...
      if (tail > localEnd) {
        equal((start + localEnd) % BLOCK, 0);
        equal((start + tail) % BLOCK, 0);
      }
      // ...and what the engine renders after them starts a block it renders to the end of the batch.
      ok(tail === length || (start + tail) % BLOCK === 0);
    },
  ));
});

Deno.test("split follows the share, in whole blocks", () => {
  deepEqual(split(0, 10 * BLOCK, 0.5), { localEnd: 5 * BLOCK, tail: 10 * BLOCK });
  deepEqual(split(0, 10 * BLOCK, 0), { localEnd: 0, tail: 10 * BLOCK });
  deepEqual(split(0, 10 * BLOCK, 1), { localEnd: 10 * BLOCK, tail: 10 * BLOCK });
  // A batch inside one block: all of it stays with the engine.
  deepEqual(split(10, 100, 0), { localEnd: 100, tail: 100 });
});

function part(events: string[], extra: Partial<Produced> = {}): Produced {
  return {
    events,
    stamps: events.map((_, i) => i),
    origins: events.map(() => 0),
    sources: ["t"],
    failed: 0,
    dropped: 0,
    exhausted: false,
    failures: [],
    ...extra,
  };
}

Deno.test("joinParts puts parts back in order, with stamps shifted to batch positions", () => {
  const failure = { source: "t", code: "EVT4001", message: "x" };
  const out = joinParts([
    { offset: 0, produced: part(["a", "b"]) },
    { offset: 2, produced: part(["c"], { failed: 1, failures: [failure] }) },
    { offset: 5, produced: part(["d"], { dropped: 2 }) },
  ]);
  deepEqual(out.events, ["a", "b", "c", "d"]);
  deepEqual(out.stamps, [0, 1, 2, 5]);
  equal(out.failed, 1);
  equal(out.dropped, 2);
  deepEqual(out.failures, [failure]);
});
