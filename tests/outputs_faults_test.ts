/**
 * Faults for every HTTP-based output (`http`, `opensearch`, `elasticsearch`,
 * `clickhouse`) through `eventum gen`, against local stand-in servers
 * (tests/_servers/: not the real services, which cannot be installed here):
 * an endpoint down at start, connections dropped mid-run, slow answers
 * (`write_timeout`), 429 and 5xx answers, partial `_bulk` failures.
 *
 * In each, the events carry a sequence number 1..N and the books must
 * balance: generated = written + dead-lettered + dropped, and every event is
 * in the server or in the dead-letter file, exactly once.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { BulkServer } from "./_servers/bulk.ts";
import { ClickHouseServer } from "./_servers/clickhouse.ts";
import { HttpCollector } from "./_servers/http.ts";
import type { Fault, ServerOptions, TestServer } from "./_servers/_http1.ts";
import { assertAccounted, exists, FAST_RETRY, type Run, run, scenario, seqs, until } from "./_servers/_run.ts";

/** An output under test and its local server. */
interface Target {
  name: string;
  server(options?: ServerOptions): TestServer;
  /** The output statement, with `delivery` options inside its block. */
  output(server: TestServer, delivery: string): string;
  /** The sequence numbers the server holds. */
  sink(server: TestServer): number[];
  /** A 5xx answer in the service's words. */
  error500: Fault;
  /** A 429 answer in the service's words. */
  error429: Fault;
}

const bulkError = (status: number, type: string, reason: string): Fault => ({
  kind: "status",
  status,
  headers: { "content-type": "application/json; charset=UTF-8" },
  body: JSON.stringify({ error: { root_cause: [{ type, reason }], type, reason }, status }),
});

const bulkTarget = (name: string): Target => ({
  name,
  server: (o) => new BulkServer(o),
  output: (s, d) => `output ${name} { hosts ["${s.url}"]; index "events"; ${d} }`,
  sink: (s) => (s as BulkServer).sources.flatMap(seqs),
  error500: bulkError(503, "cluster_block_exception", "blocked by: [SERVICE_UNAVAILABLE/1/state not recovered]"),
  error429: bulkError(429, "es_rejected_execution_exception", "rejected execution of coordinating operation"),
});

const TARGETS: Target[] = [
  {
    name: "http",
    server: (o) => new HttpCollector(o),
    output: (s, d) => `output http "${s.url}/ingest" { ${d} }`,
    sink: (s) => (s as HttpCollector).lines.flatMap(seqs),
    error500: { kind: "status", status: 500, body: '{"error": "internal"}' },
    error429: { kind: "status", status: 429, body: '{"error": "slow down"}' },
  },
  bulkTarget("opensearch"),
  bulkTarget("elasticsearch"),
  {
    name: "clickhouse",
    server: (o) => new ClickHouseServer(o),
    output: (s, d) => `output clickhouse { url "${s.url}"; table "events"; ${d} }`,
    sink: (s) => (s as ClickHouseServer).table("default.events").flatMap(seqs),
    error500: {
      kind: "status",
      status: 500,
      headers: { "x-clickhouse-exception-code": "252" },
      body: "Code: 252. DB::Exception: Too many parts (300 with average size of 1.00 KiB) in table 'default.events'. " +
        "Merges are processing significantly slower than inserts. (TOO_MANY_PARTS) (version 24.8.1.1)\n",
    },
    error429: { kind: "status", status: 429, body: "Too many requests: limit of 10 concurrent queries reached\n" },
  },
];

const DEAD = 'dead_letter "dead.jsonl"';
/** A live run of 100 events, 10 ms apart: about a second of batches of 5 every 20 ms. */
const LIVE = { extra: "mode live", input: "input timer { every 10ms }" };
const LIVE_DELIVERY = `batch_size 5; flush 20ms; ${FAST_RETRY}; ${DEAD}`;

function books(t: Target, server: TestServer, r: Run): void {
  assertAccounted(r.outputs[0], t.sink(server), r.dead.flatMap((d) => seqs(d.record)));
}

for (const t of TARGETS) {
  Deno.test(`${t.name}: down at start: the first batches are retried, then dead-lettered; once it listens, the rest arrive`, async () => {
    await using server = t.server({ down: true });
    const r = await run(scenario(t.output(server, LIVE_DELIVERY), LIVE), [
      `--allow-net=127.0.0.1:${server.port}`,
      "--count",
      "100",
    ], {
      // The server comes up once a batch has been given up on.
      during: async (dir) => {
        await until(() => exists(`${dir}/dead.jsonl`), 30_000);
        server.listen();
      },
    });
    equal(r.code, 0, r.stderr);
    const out = r.outputs[0]!;
    ok(out.dead_lettered > 0, "batches sent while it was down were dead-lettered");
    ok(out.retried > 0, "...after retries");
    ok(out.written > 0, "batches sent after it came up arrived");
    match(r.dead[0]!.error, /gave up after 4 attempts: cannot reach 127\.0\.0\.1:\d+: .*Connection refused/);
    books(t, server, r);
  });

  Deno.test(`${t.name}: connections dropped mid-run: sockets closed, refused for 400ms, then back`, async () => {
    await using server = t.server();
    server.fault({ kind: "outage", ms: 400 }, 1, 3);
    const r = await run(scenario(t.output(server, LIVE_DELIVERY), LIVE), [
      `--allow-net=127.0.0.1:${server.port}`,
      "--count",
      "100",
    ]);
    equal(r.code, 0, r.stderr);
    const out = r.outputs[0]!;
    ok(server.seen.some((s) => s.outcome === "dropped"), "a request was cut off");
    ok(out.retried > 0, "writes were retried");
    ok(out.written > 0);
    books(t, server, r);
  });

  Deno.test(`${t.name}: slow answers past write_timeout are retried; the abandoned requests left nothing`, async () => {
    await using server = t.server();
    server.fault({ kind: "slow", ms: 2000 }, 2);
    const r = await run(
      scenario(t.output(server, `batch_size 10; write_timeout 200ms; ${FAST_RETRY}; ${DEAD}`), { count: 20 }),
      [`--allow-net=127.0.0.1:${server.port}`],
    );
    equal(r.code, 0, r.stderr);
    deepEqual(server.seen.slice(0, 2).map((s) => s.outcome), ["abandoned", "abandoned"]);
    equal(r.outputs[0]?.retried, 20, "the first batch of 10 was tried twice more");
    equal(r.outputs[0]?.dead_lettered, 0);
    books(t, server, r);
  });

  Deno.test(`${t.name}: 429 and 5xx answers are retried; past the retries the batch is dead-lettered`, async () => {
    await using server = t.server();
    server.fault(t.error429, 1).fault(t.error500, 2);
    const r = await run(
      scenario(t.output(server, `batch_size 10; ${FAST_RETRY}; ${DEAD}`), { count: 20 }),
      [`--allow-net=127.0.0.1:${server.port}`],
    );
    equal(r.code, 0, r.stderr);
    equal(r.outputs[0]?.retried, 30, "the first batch needed 3 more tries");
    equal(r.outputs[0]?.dead_lettered, 0);
    books(t, server, r);

    await using failing = t.server();
    failing.fault(t.error500, 4);
    const given = await run(
      scenario(t.output(failing, `batch_size 10; ${FAST_RETRY}; ${DEAD}`), { count: 20 }),
      [`--allow-net=127.0.0.1:${failing.port}`],
    );
    equal(given.code, 0, given.stderr);
    equal(given.outputs[0]?.dead_lettered, 10, "the first batch failed 4 times");
    match(given.dead[0]!.error, /gave up after 4 attempts: .*5\d\d/);
    books(t, failing, given);
  });
}

for (const name of ["opensearch", "elasticsearch"]) {
  Deno.test(`${name}: partial _bulk failures: items refused with 429 are retried alone, 400s are dead-lettered alone`, async () => {
    await using server = new BulkServer();
    // Every 7th event has a mapping error; every 5th is refused (429) the first time it comes.
    server.itemFault = (doc, seen) => {
      const seq = (doc as { seq: number }).seq;
      return seq % 7 === 0 ? 400 : seq % 5 === 0 && seen === 0 ? 429 : undefined;
    };
    const r = await run(
      scenario(`output ${name} { hosts ["${server.url}"]; index "e"; batch_size 10; ${FAST_RETRY}; ${DEAD} }`, {
        count: 30,
      }),
      [`--allow-net=127.0.0.1:${server.port}`],
    );
    equal(r.code, 0, r.stderr);
    deepEqual(r.dead.flatMap((d) => seqs(d.record)), [7, 14, 21, 28]);
    match(r.dead[0]!.error, /400 mapper_parsing_exception: failed to parse/);
    equal(r.outputs[0]?.retried, 6, "5, 10, 15, 20, 25 and 30 were sent twice");
    equal(server.seen.length, 6, "three batches, each retried once for its 429 items");
    books({ ...bulkTarget(name) }, server, r);
  });
}

Deno.test("http: Retry-After on a 429 is waited for before the retry", async () => {
  await using server = new HttpCollector();
  server.fault({ kind: "status", status: 429, headers: { "retry-after": "1" }, body: "busy" });
  const r = await run(
    scenario(`output http "${server.url}/" { ${FAST_RETRY}; ${DEAD} }`, { count: 3 }),
    [`--allow-net=127.0.0.1:${server.port}`],
  );
  equal(r.code, 0, r.stderr);
  const [first, second] = server.seen;
  ok(second!.at - first!.at >= 950, `the retry came ${Math.round(second!.at - first!.at)}ms later`);
  assertAccounted(r.outputs[0], server.lines.flatMap(seqs), []);
});

Deno.test("http: its own `timeout` fails a request that gets no answer", async () => {
  await using server = new HttpCollector();
  server.fault({ kind: "slow", ms: 5000 }, 10);
  const r = await run(
    scenario(`output http "${server.url}/" { timeout 100ms; retries 1; backoff { initial 10ms; max 10ms }; ${DEAD} }`, {
      count: 2,
    }),
    [`--allow-net=127.0.0.1:${server.port}`],
  );
  equal(r.code, 0, r.stderr);
  match(r.dead[0]!.error, /gave up after 2 attempts: no answer from 127\.0\.0\.1:\d+ within 0\.1s/);
  assertAccounted(r.outputs[0], server.lines.flatMap(seqs), r.dead.flatMap((d) => seqs(d.record)));
});
