/**
 * Throughput of the network outputs into local servers: records of about
 * 200 bytes written in batches of 1,000 straight through each output's
 * `write` (no delivery queue, no template rendering), timed until `close`
 * returns, which is when the output says everything was handed over (TCP,
 * UDP, syslog: taken by the kernel; PostgreSQL: committed; MQTT QoS 1 and
 * Kafka: acknowledged). Median of 3 runs; servers that are not installed
 * are left out. Kafka runs against the protocol-level stand-in of
 * `tests/_servers/kafka.ts` (not a real broker), so its figure measures the
 * client, not Kafka. `deno run -A --unstable-worker-options bench/outputs_net.ts`
 */
import * as v from "valibot";
import { outputs } from "../engine/registry.ts";
import type { OutputContext } from "../engine/spec.ts";
import { compileRecordTemplate } from "../engine/outputs/_record_template.ts";
import { median, si, table } from "./_stats.ts";
import { startRsyslog } from "../tests/_servers/rsyslog.ts";
import { startPostgres } from "../tests/_servers/postgres.ts";
import { startMosquitto } from "../tests/_servers/mosquitto.ts";
import { startKafka } from "../tests/_servers/kafka.ts";

const BATCH = 1000;
const ctx: OutputContext = {
  dir: Deno.cwd(),
  timezone: "UTC",
  label: "bench",
  compile: (t) => compileRecordTemplate(t, { dir: Deno.cwd(), timezone: "UTC" }),
};

function records(n: number): { records: string[]; timestamps: number[]; bytes: number } {
  const out: string[] = [];
  const ts: number[] = [];
  let bytes = 0;
  const base = Date.UTC(2024, 0, 1) * 1000;
  for (let i = 0; i < n; i++) {
    const r = JSON.stringify({
      seq: i,
      ts: new Date(base / 1000 + i).toISOString(),
      device: `d${i % 16}`,
      user: `user-${i % 1000}`,
      action: i % 3 ? "view" : "purchase",
      path: `/shop/items/${i % 5000}`,
      ms: i % 997,
      msg: "benchmark record with a little text to reach about two hundred bytes",
    });
    out.push(r);
    ts.push(base + i * 1000);
    bytes += new TextEncoder().encode(r).length;
  }
  return { records: out, timestamps: ts, bytes };
}

async function once(plugin: string, options: Record<string, unknown>, n: number, before?: () => Promise<void>) {
  const spec = outputs.get(plugin)!;
  const parsed = v.parse(spec.schema, options);
  const { records: all, timestamps, bytes } = records(n);
  await before?.();
  const out = await spec.create(parsed, ctx);
  const signal = new AbortController().signal;
  const t0 = performance.now();
  for (let i = 0; i < n; i += BATCH) {
    const recs = all.slice(i, i + BATCH);
    const r = await out.write(
      { records: recs, timestamps: timestamps.slice(i, i + BATCH), counts: recs.map(() => 1) },
      signal,
    );
    if (r && r.failed?.length) throw new Error(`${plugin}: ${r.failed.length} records failed: ${r.failed[0]?.error}`);
  }
  await out.close();
  const s = (performance.now() - t0) / 1000;
  return { eps: n / s, mbps: bytes / s / 1e6 };
}

const rows: (string | number)[][] = [];
async function bench(
  name: string,
  plugin: string,
  options: Record<string, unknown>,
  n: number,
  before?: () => Promise<void>,
) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await once(plugin, options, n, before));
  rows.push([
    name,
    n.toLocaleString("en-US"),
    si(median(runs.map((r) => r.eps))),
    median(runs.map((r) => r.mbps)).toFixed(1),
  ]);
  console.error(`done: ${name}`);
}

const rs = await startRsyslog();
if (rs) {
  await bench("tcp → rsyslog", "tcp", { port: rs.tcpPort }, 100_000);
  await bench("udp → rsyslog", "udp", { port: rs.udpPort }, 100_000);
  await bench("syslog rfc5424/tcp → rsyslog", "syslog", { port: rs.tcpPort }, 100_000);
  if (rs.tlsPort && rs.caFile) {
    await bench(
      "syslog/tls → rsyslog",
      "syslog",
      { transport: "tls", port: rs.tlsPort, tls: { ca: rs.caFile } },
      100_000,
    );
  }
  await rs.close();
}
const pg = await startPostgres(
  'create table events (seq int, ts timestamptz, device text, "user" text, payload jsonb)',
);
if (pg) {
  const truncate = async () => void await pg.sql`truncate events`;
  const cols = { url: pg.url, table: "events", columns: ["seq", "ts", "device", "user"] };
  await bench("postgres copy (4 columns)", "postgres", { ...cols, mode: "copy" }, 100_000, truncate);
  await bench("postgres insert (4 columns)", "postgres", { ...cols, mode: "insert" }, 50_000, truncate);
  await bench(
    "postgres copy (jsonb)",
    "postgres",
    { url: pg.url, table: "events", column: "payload" },
    100_000,
    truncate,
  );
  await pg.close();
}
const mq = await startMosquitto();
if (mq) {
  await bench("mqtt qos 0 → mosquitto", "mqtt", { url: mq.url, topic: "b/{{ event.device }}", qos: 0 }, 50_000);
  await bench("mqtt qos 1 → mosquitto", "mqtt", { url: mq.url, topic: "b/{{ event.device }}", qos: 1 }, 50_000);
  await mq.close();
}
const k = await startKafka({ partitions: 3 });
await bench(
  "kafka → stand-in (acks all)",
  "kafka",
  { brokers: [k.broker], topic: "b", key: "{{ event.user }}" },
  50_000,
);
await bench("kafka gzip → stand-in", "kafka", { brokers: [k.broker], topic: "b", compression: "gzip" }, 50_000);
await k.close();

console.log(
  `Network outputs, batches of ${BATCH}, median of 3 (${Deno.build.os}, ${navigator.hardwareConcurrency} cores)\n`,
);
console.log(table(["output → server", "records", "events/s", "MB/s"], rows));
