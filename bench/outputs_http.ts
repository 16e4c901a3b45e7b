/**
 * Throughput of the HTTP-based outputs into their local stand-in servers
 * (tests/_servers/: not the real OpenSearch or ClickHouse, which cannot be
 * installed here): 100,000 JSON records of about 300 bytes, submitted in
 * chunks of 10,000 through a `Delivery` with each output's own batching
 * defaults, timed until the delivery is closed. Each server runs in its own
 * Worker, so its parsing does not share the output's thread. Median of 3
 * runs. `deno run -A bench/outputs_http.ts`
 *
 * The figures measure this client and a JavaScript server on one machine;
 * a real cluster's indexing speed is another matter.
 */
import * as v from "valibot";
import { outputs } from "../engine/registry.ts";
import { Delivery, deliveryOptions } from "../engine/outputs/delivery.ts";
import { compileRecordTemplate } from "../engine/outputs/_record_template.ts";
import { median, si, table } from "./_stats.ts";

const EVENTS = 100_000;
const CHUNK = 10_000;
const RUNS = 3;

/** The server side, in a Worker: starts one server, counts what it stored. */
const WORKER = `
import { BulkServer } from ${JSON.stringify(new URL("../tests/_servers/bulk.ts", import.meta.url).href)};
import { ClickHouseServer } from ${JSON.stringify(new URL("../tests/_servers/clickhouse.ts", import.meta.url).href)};
import { HttpCollector } from ${JSON.stringify(new URL("../tests/_servers/http.ts", import.meta.url).href)};
let server;
self.onmessage = async ({ data }) => {
  if (data.start) {
    const o = data.tls ? { tls: data.tls } : {};
    server = data.start === "bulk" ? new BulkServer(o) : data.start === "clickhouse" ? new ClickHouseServer(o) : new HttpCollector(o);
    self.postMessage({ port: server.port, url: server.url });
  } else if (data.count) {
    const n = server instanceof BulkServer ? server.docs.length
      : server instanceof ClickHouseServer ? server.table("default.events").length
      : server.received.reduce((n, r) => n + r.body.split("\\n").length, 0);
    self.postMessage({ count: n });
  } else if (data.close) {
    await server.close();
    self.postMessage({ closed: true });
  }
};
`;

class RemoteServer {
  #worker: Worker;
  url = "";

  constructor() {
    const src = URL.createObjectURL(new Blob([WORKER], { type: "application/javascript" }));
    this.#worker = new Worker(src, { type: "module" });
  }

  #ask(message: unknown): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      this.#worker.onmessage = (e) => resolve(e.data);
      this.#worker.postMessage(message);
    });
  }

  async start(kind: string, tls?: { cert: string; key: string }): Promise<void> {
    this.url = (await this.#ask({ start: kind, ...(tls ? { tls } : {}) })).url as string;
  }

  async count(): Promise<number> {
    return (await this.#ask({ count: true })).count as number;
  }

  async close(): Promise<void> {
    await this.#ask({ close: true });
    this.#worker.terminate();
  }
}

const tlsDir = new URL("../tests/_servers/tls/", import.meta.url);
const pem = (name: string) => Deno.readTextFileSync(new URL(name, tlsDir));

interface Case {
  name: string;
  output: string;
  server: "bulk" | "clickhouse" | "http";
  tls?: "ca" | "self-signed";
  options(url: string): Record<string, unknown>;
}

const CASES: Case[] = [
  { name: "http (NDJSON, batches of 1,000)", output: "http", server: "http", options: (url) => ({ url }) },
  {
    name: "http over HTTPS (fetch, `ca`)",
    output: "http",
    server: "http",
    tls: "ca",
    options: (url) => ({ url, tls: { ca: new URL("ca.pem", tlsDir).pathname } }),
  },
  {
    name: "opensearch (_bulk, batches of 1,000)",
    output: "opensearch",
    server: "bulk",
    options: (url) => ({ hosts: [url], index: "logs-{{ timestamp.strftime('%Y.%m.%d') }}" }),
  },
  {
    name: "opensearch over HTTPS (`verify false`, node:https)",
    output: "opensearch",
    server: "bulk",
    tls: "self-signed",
    options: (url) => ({ hosts: [url], index: "logs-{{ timestamp.strftime('%Y.%m.%d') }}", tls: { verify: false } }),
  },
  {
    name: "clickhouse (JSONEachRow, batches of 10,000)",
    output: "clickhouse",
    server: "clickhouse",
    options: (url) => ({ url, table: "events" }),
  },
];

/** ~300-byte JSON records with a sequence number. */
function records(): { records: string[]; timestamps: number[]; bytes: number } {
  const base = Date.UTC(2024, 0, 1) * 1000;
  const out: string[] = [];
  const timestamps: number[] = [];
  let bytes = 0;
  for (let i = 0; i < EVENTS; i++) {
    const t = base + i * 1000;
    const head = {
      seq: i,
      "@timestamp": new Date(t / 1000).toISOString(),
      host: `web-${String(i % 16).padStart(2, "0")}`,
      event: { action: "ssh_login", outcome: i % 5 ? "success" : "failure" },
      source: { ip: `10.0.${(i >> 8) & 255}.${i & 255}` },
    };
    const r = JSON.stringify({ ...head, message: "x".repeat(Math.max(0, 300 - JSON.stringify(head).length - 14)) });
    out.push(r);
    timestamps.push(t);
    bytes += new TextEncoder().encode(r).length;
  }
  return { records: out, timestamps, bytes };
}

async function once(c: Case, data: ReturnType<typeof records>): Promise<number> {
  const server = new RemoteServer();
  const tls = c.tls === "ca"
    ? { cert: pem("server.pem"), key: pem("server.key") }
    : c.tls === "self-signed"
    ? { cert: pem("self-signed.pem"), key: pem("self-signed.key") }
    : undefined;
  await server.start(c.server, tls);
  const spec = outputs.get(c.output);
  if (!spec) throw new Error(`No output ${c.output}`);
  const plugin = await spec.create(v.parse(spec.schema, c.options(server.url)), {
    dir: "/",
    timezone: "UTC",
    label: `output \`${c.output}\``,
    compile: (text: string) => compileRecordTemplate(text, { dir: "/", timezone: "UTC" }),
  });
  const dead = await Deno.makeTempFile({ suffix: ".jsonl" });
  const delivery = new Delivery(plugin, deliveryOptions({}, dead), {
    live: false,
    label: c.output,
    ...(spec.delivery ? { defaults: spec.delivery } : {}),
  });
  const started = performance.now();
  for (let i = 0; i < EVENTS; i += CHUNK) {
    const records = data.records.slice(i, i + CHUNK);
    await delivery.submit({ records, timestamps: data.timestamps.slice(i, i + CHUNK), counts: records.map(() => 1) });
  }
  await delivery.close();
  const seconds = (performance.now() - started) / 1000;
  const got = await server.count();
  await server.close();
  await Deno.remove(dead);
  if (got !== EVENTS || delivery.counters.written !== EVENTS) {
    throw new Error(`${c.name}: ${got} stored, ${delivery.counters.written} written of ${EVENTS}`);
  }
  return seconds;
}

/** Runs every case; returns a Markdown table. */
export async function benchOutputsHttp(): Promise<string> {
  const data = records();
  const rows: string[][] = [];
  for (const c of CASES) {
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) times.push(await once(c, data));
    const t = median(times);
    rows.push([
      c.name,
      si(EVENTS),
      `${si(EVENTS / t)}/s`,
      `${(data.bytes / t / 1e6).toFixed(1)} MB/s`,
      `${si(EVENTS / Math.max(...times))}–${si(EVENTS / Math.min(...times))}/s`,
    ]);
  }
  return table(["output → local server", "events", "median", "MB/s", `range (${RUNS} runs)`], rows);
}

if (import.meta.main) {
  console.log(
    `Records of ~300 bytes, Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores, ${
      new Date().toISOString()
    }\n`,
  );
  console.log(await benchOutputsHttp());
}
