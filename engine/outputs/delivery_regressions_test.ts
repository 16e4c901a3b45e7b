import { deepEqual, equal } from "node:assert/strict";
import { Delivery, deliveryOptions } from "./delivery.ts";
import type { OutputBatch, OutputPlugin, WriteResult } from "../spec.ts";
import { OutputError } from "../spec.ts";

function deadFile() {
  const dir = Deno.makeTempDirSync();
  return {
    path: `${dir}/dead.jsonl`,
    read: () => Deno.readTextFileSync(`${dir}/dead.jsonl`).trim().split("\n").map((l) => JSON.parse(l)),
  };
}
const batch = (n: number): OutputBatch => ({
  records: Array.from({ length: n }, (_, i) => `r${i}`),
  timestamps: Array(n).fill(0),
  counts: Array(n).fill(1),
});

Deno.test("each dead-lettered record keeps its own error when a write reports several", async () => {
  const dead = deadFile();
  const plugin: OutputPlugin = {
    write: (): Promise<WriteResult> =>
      Promise.resolve({
        failed: [
          { index: 0, error: "400 mapper_parsing_exception", retryable: false },
          { index: 1, error: "409 version_conflict_engine_exception", retryable: false },
        ],
      }),
    close: () => Promise.resolve(),
  };
  const d = new Delivery(plugin, deliveryOptions({ flush: 0, retries: 0 }, dead.path), { live: false, label: "t" });
  await d.submit(batch(3));
  await d.close();
  deepEqual(dead.read().map((l) => [l.record, l.error]), [
    ["r0", "400 mapper_parsing_exception"],
    ["r1", "409 version_conflict_engine_exception"],
  ]);
});

Deno.test("a retry cut short by abort() is not counted as retried", async () => {
  const dead = deadFile();
  let writes = 0;
  const plugin: OutputPlugin = {
    write: () => {
      writes++;
      return Promise.reject(new OutputError("503", true));
    },
    close: () => Promise.resolve(),
  };
  const d = new Delivery(
    plugin,
    deliveryOptions({ flush: 0, retries: 5, backoff: { initial: 5_000_000, max: 5_000_000 } }, dead.path),
    { live: false, label: "t" },
  );
  await d.submit(batch(4));
  await new Promise((r) => setTimeout(r, 100)); // the first write failed; the delivery sleeps before retrying
  d.abort();
  await d.close();
  equal(writes, 1);
  equal(d.counters.retried, 0, "no write was attempted again");
  equal(d.counters.dead_lettered, 4);
});

Deno.test("a batch of 200,000 records goes through (no spread of huge arrays)", async () => {
  const dead = deadFile();
  let got = 0;
  const plugin: OutputPlugin = {
    write: (b) => {
      got += b.records.length;
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
  const d = new Delivery(plugin, deliveryOptions({ flush: 0, batch_size: 200_000 }, dead.path), {
    live: false,
    label: "t",
  });
  await d.submit(batch(200_000));
  await d.close();
  equal(got, 200_000);
});
