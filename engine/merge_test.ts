import { deepEqual } from "node:assert/strict";
import { Merger } from "./merge.ts";
import { fromArray } from "./inputs/_array.ts";
import { Rng } from "./random.ts";

async function drain(m: Merger, max: number) {
  const ts: number[] = [], ins: number[] = [];
  for (;;) {
    const b = await m.next(max);
    if (b.length === 0) return { ts, ins };
    ts.push(...b.timestamps);
    ins.push(...b.inputs);
  }
}

Deno.test("merge orders by time and breaks ties by input order", async () => {
  const m = new Merger([fromArray(new Float64Array([1, 2, 2, 5])), fromArray(new Float64Array([0, 2, 6]))], {
    chunk: 2,
  });
  deepEqual(await drain(m, 3), { ts: [0, 1, 2, 2, 2, 5, 6], ins: [1, 0, 0, 0, 1, 0, 1] });
});

Deno.test("merge equals a stable sort of the union for random inputs", async () => {
  const rng = new Rng(9);
  for (let round = 0; round < 50; round++) {
    const k = rng.int(1, 4);
    const arrays = Array.from(
      { length: k },
      () => Array.from({ length: rng.int(0, 40) }, () => rng.int(0, 20)).sort((a, b) => a - b),
    );
    const expected = arrays.flatMap((a, i) => a.map((t) => [t, i] as const))
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const m = new Merger(arrays.map((a) => fromArray(new Float64Array(a))), { chunk: rng.int(1, 8) });
    const got = await drain(m, rng.int(1, 16));
    deepEqual(got, { ts: expected.map((e) => e[0]), ins: expected.map((e) => e[1]) });
  }
});
