import { deepEqual as assertEquals, notEqual as assertNotEquals } from "node:assert/strict";
import { Rng } from "./random.ts";

Deno.test("same seed and name give the same stream", () => {
  const a = new Rng(42, "x"), b = new Rng(42, "x");
  const xs = Array.from({ length: 5 }, () => a.float());
  assertEquals(Array.from({ length: 5 }, () => b.float()), xs);
});

Deno.test("different names give different streams", () => {
  assertNotEquals(new Rng(42, "x").float(), new Rng(42, "y").float());
});

Deno.test("int stays in range and covers it", () => {
  const r = new Rng(1);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) {
    const n = r.int(3, 6);
    if (n < 3 || n > 6) throw new Error(`out of range: ${n}`);
    seen.add(n);
  }
  assertEquals([...seen].sort(), [3, 4, 5, 6]);
});

Deno.test("weightedIndex follows weights and handles all-zero", () => {
  const r = new Rng(5);
  assertEquals(r.weightedIndex([0, 0]), -1);
  assertEquals(r.weightedIndex([0, 3, 0]), 1);
});

Deno.test("enterBlock restarts a stream and its children the same way every time", () => {
  const a = new Rng(3), b = new Rng(3);
  const ac = a.child("x"), bc = b.child("x");
  a.float();
  ac.float();
  ac.float();
  a.enterBlock(5);
  b.enterBlock(5);
  assertEquals([a.float(), ac.float()], [b.float(), bc.float()]);
  const c = new Rng(3);
  c.enterBlock(6);
  assertNotEquals(c.float(), new Rng(3).float());
});
