/**
 * The contract every output passes, in the style of Hono's shared router
 * tests (`common.case.test.ts`): one suite, run by each output's test with a
 * small harness that knows how to start the output and read back what it
 * delivered.
 *
 * An output's test file calls {@link outputContract} once:
 *
 * ```ts ignore
 * import * as v from "valibot";
 * import { outputContract } from "./_contract.ts";
 * import { tcpOutput } from "./tcp.ts";
 *
 * outputContract("tcp", async () => {
 *   const server = await startLineServer(); // the test's own fake server
 *   return {
 *     create: async (options) =>
 *       await tcpOutput.create(v.parse(tcpOutput.schema, { host: "127.0.0.1", port: server.port, ...options }), {
 *         dir: "/",
 *         timezone: "UTC",
 *         label: "output `tcp`",
 *         compile: () => () => "",
 *       }),
 *     readBack: () => Promise.resolve(server.lines),
 *     teardown: () => server.close(),
 *     breakNext: () => server.dropNextConnection(), // optional
 *     options: { ordered: true },
 *   };
 * });
 * ```
 *
 * Each step gets a fresh harness from `setup` and tears it down after. The
 * steps: a batch comes back as written; several batches come back in order;
 * close flushes everything; concurrent writes (what `keep_order false`
 * does) all arrive; a failing write rejects or reports failures and the
 * next one succeeds (when the harness has `breakNext`); a write after close
 * fails with a clear, non-retryable error and a second close is harmless;
 * through a real {@link Delivery} the counters add up (generated = written +
 * failed + dead-lettered + dropped) and every sequence number arrives once
 * (in order when the output keeps order); and a run stopped by its abort
 * signal still writes what was queued when the delivery closes, without
 * waiting for the flush interval.
 *
 * Records are JSON objects with a `seq` number (`{"seq":3,"message":"event 3","@timestamp":"…"}`),
 * so `readBack` may return them wrapped or re-serialised: the suite finds
 * `"seq": N` in each. A harness whose output changes records more than
 * that passes its own `record` maker.
 *
 * @module
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import type { OutputBatch, OutputPlugin, WriteResult } from "../spec.ts";
import { Delivery, type DeliveryDefaults, type DeliveryOptions, deliveryOptions, retryable } from "./delivery.ts";

/** What the suite may know about an output. */
export interface ContractOptions {
  /** Records arrive in the order they were written (false for UDP). Default true. */
  ordered?: boolean;
  /** A record may arrive twice after a broken write is retried (a TCP stream cut mid-batch). Default false. */
  atLeastOnce?: boolean;
  /** How long `readBack` may take to see what was written, in ms: the suite polls until then. Default 5000. */
  settle?: number;
  /** Makes the record for sequence number `seq`; it must contain `"seq":N` as JSON does. */
  record?: (seq: number, timestamp: number) => string;
  /** Delivery options for the delivery steps, over small defaults (batch of 7, no flush wait, fast retries). */
  delivery?: Partial<DeliveryOptions>;
  /** The output spec's own `delivery` defaults. */
  defaults?: DeliveryDefaults;
}

/** What `setup` gives the suite for one step. */
export interface ContractHarness {
  /** Creates the output under test (the harness fills in what it needs, such as a port). */
  create(options?: Record<string, unknown>): Promise<OutputPlugin>;
  /** Every record delivered so far, in arrival order, with any framing removed. */
  readBack(): Promise<string[]>;
  /** Stops servers, removes files. */
  teardown(): Promise<void>;
  /**
   * Makes the next write fail in a way worth retrying (a 503, a dropped
   * connection, a full disk); later writes succeed again. Without it the
   * failure step is skipped.
   */
  breakNext?(): void | Promise<void>;
  options?: ContractOptions;
}

/** Deno test settings for the whole suite, for outputs whose clients keep timers or sockets. */
export interface ContractTestOptions {
  sanitizeOps?: boolean;
  sanitizeResources?: boolean;
  ignore?: boolean;
}

const BASE = Date.UTC(2024, 0, 1) * 1000;
const SIGNAL = new AbortController().signal;

function defaultRecord(seq: number, timestamp: number): string {
  return JSON.stringify({ seq, message: `event ${seq}`, "@timestamp": new Date(timestamp / 1000).toISOString() });
}

/** A batch of records `from` … `from + n - 1`. */
function batchOf(h: ContractHarness, from: number, n: number): OutputBatch {
  const make = h.options?.record ?? defaultRecord;
  const records: string[] = [];
  const timestamps: number[] = [];
  for (let seq = from; seq < from + n; seq++) {
    const t = BASE + seq * 1_000_000;
    records.push(make(seq, t));
    timestamps.push(t);
  }
  return { records, timestamps, counts: records.map(() => 1) };
}

function range(from: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => from + i);
}

/** The sequence number a delivered record carries. */
function seqOf(record: string): number {
  const m = /"seq"\s*:\s*(\d+)/.exec(record);
  if (!m) throw new Error(`The output delivered a record without a sequence number: ${JSON.stringify(record)}`);
  return Number(m[1]);
}

/** Reads back until at least `n` records arrived or the harness's settle time passed. */
async function settle(h: ContractHarness, n: number): Promise<string[]> {
  const deadline = performance.now() + (h.options?.settle ?? 5000);
  for (;;) {
    const got = await h.readBack();
    if (got.length >= n || performance.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Sequence numbers read back, sorted unless the output keeps order. */
function seqs(h: ContractHarness, records: string[]): number[] {
  const out = records.map(seqOf);
  return h.options?.ordered === false ? out.sort((a, b) => a - b) : out;
}

/** JSON records compare as values (an output may re-serialise them), others as text. */
function normal(record: string): unknown {
  try {
    return JSON.parse(record);
  } catch {
    return record;
  }
}

async function rejects(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("Expected the promise to reject");
}

/** A temporary dead-letter file, read back as JSON lines. */
function deadLetterFile(): { path: string; read(): { record: string }[]; remove(): void } {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-contract-" });
  const path = `${dir}/dead-letter.jsonl`;
  return {
    path,
    read() {
      try {
        return Deno.readTextFileSync(path).split("\n").filter(Boolean).map((l) => JSON.parse(l));
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) return [];
        throw e;
      }
    },
    remove: () => Deno.removeSync(dir, { recursive: true }),
  };
}

function delivery(h: ContractHarness, plugin: OutputPlugin, deadLetter: string, given: Partial<DeliveryOptions>) {
  const options = deliveryOptions({
    batch_size: 7,
    flush: 0,
    retries: 3,
    backoff: { initial: 1_000, max: 5_000 },
    write_timeout: 10_000_000,
    ...h.options?.delivery,
    ...given,
  }, deadLetter);
  return new Delivery(plugin, options, {
    live: false,
    label: "output under test",
    ...(h.options?.defaults ? { defaults: h.options.defaults } : {}),
  });
}

interface Step {
  name: string;
  run(h: ContractHarness): Promise<void>;
}

const STEPS: Step[] = [
  {
    name: "writes a batch: the records come back as written, in order",
    async run(h) {
      const out = await h.create();
      const batch = batchOf(h, 0, 3);
      await out.write(batch, SIGNAL);
      await out.close();
      const got = await settle(h, 3);
      const want = batch.records.map(normal);
      deepEqual(h.options?.ordered === false ? sortBySeq(got).map(normal) : got.map(normal), want);
    },
  },
  {
    name: "writes several batches, in order",
    async run(h) {
      const out = await h.create();
      await out.write(batchOf(h, 0, 2), SIGNAL);
      await out.write(batchOf(h, 2, 5), SIGNAL);
      await out.write(batchOf(h, 7, 1), SIGNAL);
      await out.close();
      deepEqual(seqs(h, await settle(h, 8)), range(0, 8));
    },
  },
  {
    name: "close flushes everything written",
    async run(h) {
      const out = await h.create();
      for (let b = 0; b < 10; b++) await out.write(batchOf(h, b * 200, 200), SIGNAL);
      await out.close();
      deepEqual(seqs(h, await settle(h, 2000)), range(0, 2000));
    },
  },
  {
    name: "concurrent writes (keep_order false) all arrive",
    async run(h) {
      const out = await h.create();
      await Promise.all(range(0, 4).map((b) => out.write(batchOf(h, b * 50, 50), SIGNAL)));
      await out.close();
      deepEqual((await settle(h, 200)).map(seqOf).sort((a, b) => a - b), range(0, 200));
    },
  },
  {
    name: "a failing write rejects or reports failures, and the next write succeeds",
    async run(h) {
      if (!h.breakNext) return;
      const out = await h.create();
      await h.breakNext();
      let result: WriteResult | void = undefined;
      let error: unknown;
      try {
        result = await out.write(batchOf(h, 0, 3), SIGNAL);
      } catch (e) {
        error = e;
      }
      if (error === undefined) {
        ok(result?.failed?.length, "A broken write must reject or report the records that failed");
      } else {
        ok(error instanceof Error && error.message.length > 0, `A failing write must reject with an Error: ${error}`);
      }
      const again = await out.write(batchOf(h, 3, 3), SIGNAL);
      equal(again?.failed?.length ?? 0, 0, "The write after a failure must succeed");
      await out.close();
      const got = seqs(h, await settle(h, 3));
      for (const seq of [3, 4, 5]) ok(got.includes(seq), `Record ${seq} was not delivered: got ${got}`);
    },
  },
  {
    name: "a write after close fails clearly, and closing twice is harmless",
    async run(h) {
      const out = await h.create();
      await out.write(batchOf(h, 0, 1), SIGNAL);
      await out.close();
      const e = await rejects(out.write(batchOf(h, 1, 1), SIGNAL));
      ok(e instanceof Error, `A write after close must reject with an Error, not ${e}`);
      ok(/clos/i.test(e.message), `The error should say the output is closed: ${e.message}`);
      equal(retryable(e), false, "A write after close is not worth retrying");
      await out.close();
      deepEqual(seqs(h, await settle(h, 1)), [0]);
    },
  },
  {
    name: "through a Delivery, counters add up and every record arrives once",
    async run(h) {
      const dead = deadLetterFile();
      try {
        const d = delivery(h, await h.create(), dead.path, {});
        for (let b = 0; b < 20; b++) {
          if (h.breakNext && (b === 4 || b === 11)) await h.breakNext();
          await d.submit(batchOf(h, b * 13, 13));
        }
        await d.close();
        const c = d.counters;
        equal(c.generated, 260);
        equal(
          c.generated,
          c.written + c.failed + c.dead_lettered + c.dropped,
          `Counters do not add up: ${JSON.stringify(c)}`,
        );
        const deadSeqs = dead.read().map((l) => seqOf(l.record));
        equal(deadSeqs.length, c.dead_lettered);
        const got = await settle(h, c.written);
        const arrived = got.map(seqOf);
        const distinct = [...new Set(arrived)];
        if (!h.options?.atLeastOnce) equal(arrived.length, distinct.length, "A record arrived twice");
        equal(distinct.length, c.written);
        deepEqual([...distinct, ...deadSeqs].sort((a, b) => a - b), range(0, 260));
        if (h.options?.ordered !== false && !h.options?.atLeastOnce) {
          deepEqual(
            arrived,
            [...arrived].sort((a, b) => a - b),
          );
        }
      } finally {
        dead.remove();
      }
    },
  },
  {
    name: "a run stopped by its abort signal still writes what was queued",
    async run(h) {
      const dead = deadLetterFile();
      try {
        // A long flush interval keeps the records queued until the delivery closes.
        const d = delivery(h, await h.create(), dead.path, { batch_size: 1000, flush: 60_000_000 });
        // What a run does when its signal aborts: stop submitting, close the deliveries.
        const run = new AbortController();
        let closed: Promise<void> | undefined;
        run.signal.addEventListener("abort", () => closed = d.close(), { once: true });
        for (let b = 0; b < 5; b++) await d.submit(batchOf(h, b * 10, 10));
        run.abort();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const hung = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("Closing waited for the flush interval")), 10_000);
        });
        try {
          await Promise.race([closed, hung]);
        } finally {
          clearTimeout(timer);
        }
        equal(d.counters.written, 50);
        deepEqual(seqs(h, await settle(h, 50)), range(0, 50));
      } finally {
        dead.remove();
      }
    },
  },
];

function sortBySeq(records: string[]): string[] {
  return [...records].sort((a, b) => seqOf(a) - seqOf(b));
}

/**
 * Registers the output contract as one Deno test with a step per rule.
 *
 * @param name The output's name, as test names show it.
 * @param setup Starts what one step needs (a server, a temp file) and
 *   returns the harness; called once per step.
 * @param options Test settings (sanitizers) for outputs whose clients keep
 *   background work.
 * @example
 * ```ts ignore
 * import * as v from "valibot";
 * import { outputContract } from "./_contract.ts";
 * import { fileOutput, openFileOutput } from "./file.ts";
 *
 * outputContract("file", () => {
 *   const dir = Deno.makeTempDirSync();
 *   return Promise.resolve({
 *     create: () => Promise.resolve(openFileOutput(v.parse(fileOutput.schema, { path: "out.log" }), { dir, timezone: "UTC" })),
 *     readBack: () => Promise.resolve(Deno.readTextFileSync(`${dir}/out.log`).split("\n").filter(Boolean)),
 *     teardown: () => Deno.remove(dir, { recursive: true }),
 *   });
 * });
 * ```
 */
export function outputContract(
  name: string,
  setup: () => Promise<ContractHarness>,
  options: ContractTestOptions = {},
): void {
  Deno.test({
    name: `output contract: ${name}`,
    ...options,
    async fn(t) {
      for (const step of STEPS) {
        await t.step(step.name, async () => {
          const h = await setup();
          try {
            await step.run(h);
          } finally {
            await h.teardown();
          }
        });
      }
    },
  });
}
