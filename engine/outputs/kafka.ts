/**
 * `output kafka { brokers [...]; topic; key; acks all|leader|none; compression; sasl { ... }; tls { ... }; client_id }`:
 * each record produced as one Kafka message (value: the record; key: a
 * template over it; timestamp: the event's time), through the
 * `@platformatic/kafka` npm client, one produce request per batch.
 *
 * Guarantees: with `acks all` (the default) or `leader`, a batch is written
 * once the broker acknowledged it. The producer is not idempotent, so a
 * batch retried after a lost acknowledgement may be stored twice, and a
 * batch spread over several partitions is retried whole when one of them
 * failed (at least once). With `acks none` nothing is confirmed (at most
 * once).
 *
 * In the sandbox the client needs, besides the brokers' addresses, to read
 * the WebAssembly file of `@platformatic/wasm-utils` (its CRC32C, LZ4 and
 * Snappy code): the output's `access` grants reading that one file.
 *
 * @module
 */
import * as v from "valibot";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Producer } from "@platformatic/kafka";
import { oneOf, str, strings, text } from "../schema.ts";
import type { OptionProblem, OutputSpec } from "../spec.ts";
import { OutputError } from "../spec.ts";
import { address, loadTls, message, tlsFiles, tlsSchema } from "./_socket.ts";
import { tolerateEnv } from "./_socket_env.ts";

const schema = v.object({
  brokers: v.pipe(
    v.optional(strings(), ["127.0.0.1:9092"]),
    v.description("Bootstrap brokers, `host:port` each; the others are found from the cluster's metadata."),
  ),
  topic: v.pipe(str(), v.description("The topic; may be a template such as `events-{{ event.kind }}`.")),
  key: v.pipe(
    v.optional(str()),
    v.description("The message key, a template such as `{{ event.user }}` (none by default)."),
  ),
  acks: v.pipe(
    v.optional(oneOf(["all", "leader", "none"] as const), "all"),
    v.description("Wait for all in-sync replicas, the partition leader only, or nothing."),
  ),
  compression: v.pipe(
    v.optional(oneOf(["none", "gzip", "snappy", "lz4", "zstd"] as const), "none"),
    v.description("How record batches are compressed."),
  ),
  sasl: v.pipe(
    v.optional(v.object({
      mechanism: v.optional(oneOf(["plain", "scram-sha-256", "scram-sha-512"] as const), "plain"),
      username: text(),
      password: text(),
    })),
    v.description('SASL authentication: `sasl { mechanism scram-sha-256; username "gen"; password secret("kafka") }`.'),
  ),
  tls: v.pipe(v.optional(tlsSchema), v.description("Connect with TLS (`tls {}` for the defaults).")),
  client_id: v.pipe(v.optional(str(), "eventum"), v.description("The client id the brokers see.")),
});

/** `host:port` split; undefined when it is not that. */
function hostPort(b: string): { host: string; port: number } | undefined {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(b.trim());
  if (!m) return undefined;
  const port = Number(m[2]);
  return port > 0 && port < 65536 ? { host: m[1] as string, port } : undefined;
}

/**
 * The WebAssembly file the Kafka client reads when it loads (found the way
 * the client finds its own dependency), or undefined when it cannot be found.
 */
function wasmFile(): string | undefined {
  try {
    const client = import.meta.resolve("@platformatic/kafka");
    if (!client.startsWith("file:")) return undefined;
    const utils = createRequire(fileURLToPath(client)).resolve("@platformatic/wasm-utils");
    return join(dirname(utils), "native.wasm");
  } catch {
    return undefined;
  }
}

/** Whether trying again may help: no error in the chain says it cannot. */
function retryableKafka(e: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (x: unknown): boolean => {
    if (!x || typeof x !== "object" || seen.has(x)) return true;
    seen.add(x);
    const err = x as { canRetry?: boolean; errors?: unknown[]; cause?: unknown; code?: string };
    if (err.canRetry === false && !/NETWORK|TIMEOUT/.test(err.code ?? "")) return false;
    return (err.errors ?? []).every(walk) && walk(err.cause);
  };
  return walk(e);
}

/** The innermost messages of a client error, which say what happened. */
function describe(e: unknown): string {
  const err = e as { errors?: unknown[]; message?: string };
  const inner = (err?.errors ?? []).map(describe).filter(Boolean);
  const own = message(e);
  return inner.length ? `${own}: ${[...new Set(inner)].join("; ")}` : own;
}

const ACKS = { all: -1, leader: 1, none: 0 } as const;

/** The `kafka` output. */
export const kafkaOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "kafka",
  summary: "One Kafka message per record, keyed by a template, one produce request per batch",
  schema,
  defaultFormat: "json",
  delivery: { batch_size: 1000, flush: 100_000 },
  examples: [
    'output kafka { brokers ["127.0.0.1:9092"]; topic "events"; key "{{ event.user }}" }',
    'output kafka { brokers ["kafka-1:9093"]; topic "logs"; compression gzip; tls {}; ' +
    'sasl { mechanism scram-sha-512; username "gen"; password secret("kafka") } }',
  ],
  check(o) {
    const problems: OptionProblem[] = [];
    o.brokers.forEach((b, i) => {
      if (!hostPort(b)) problems.push({ path: ["brokers", i], message: `expected \`host:port\`, found \`${b}\`` });
    });
    if (o.brokers.length === 0) problems.push({ path: ["brokers"], message: "needs at least one broker" });
    return problems;
  },
  access(o, dir) {
    const net = o.brokers.map(hostPort).filter((b) => b !== undefined).map((b) => address(b.host, b.port));
    const wasm = wasmFile();
    return { needs: { net }, grants: { read: [...tlsFiles(o.tls, dir), ...(wasm ? [wasm] : [])] } };
  },
  async create(o, ctx) {
    tolerateEnv();
    const kafka = await import("@platformatic/kafka");
    const tls = await loadTls(o.tls, ctx.dir);
    const topic = ctx.compile(o.topic);
    const key = o.key === undefined ? undefined : ctx.compile(o.key);
    const mechanism = { "plain": "PLAIN", "scram-sha-256": "SCRAM-SHA-256", "scram-sha-512": "SCRAM-SHA-512" } as const;
    let producer: Producer<string, string, string, string> | undefined;
    let closed = false;
    const open = () =>
      producer ??= new kafka.Producer({
        clientId: o.client_id,
        bootstrapBrokers: o.brokers,
        serializers: kafka.stringSerializers,
        idempotent: false,
        acks: ACKS[o.acks],
        compression: o.compression,
        // The delivery retries with its own backoff.
        retries: 0,
        connectTimeout: 10_000,
        timeout: 30_000,
        autocreateTopics: true,
        ...(o.sasl
          ? {
            sasl: {
              mechanism: mechanism[o.sasl.mechanism],
              username: String(o.sasl.username),
              password: String(o.sasl.password),
            },
          }
          : {}),
        ...(tls
          ? {
            tls: {
              rejectUnauthorized: tls.verify,
              ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
              ...(tls.cert !== undefined ? { cert: tls.cert, key: tls.key } : {}),
            },
          }
          : {}),
      });
    return {
      async write(batch, signal) {
        if (closed) throw new OutputError("The Kafka output is closed", false);
        const messages = batch.records.map((value, i) => {
          const ts = batch.timestamps[i] as number;
          return {
            topic: topic(value, ts),
            value,
            timestamp: BigInt(Math.floor(ts / 1000)),
            ...(key ? { key: key(value, ts) } : {}),
          };
        });
        const p = open();
        const aborted = new Promise<never>((_, reject) =>
          signal.addEventListener("abort", () => reject(new OutputError("Kafka: the write timed out", true)), {
            once: true,
          })
        );
        try {
          await Promise.race([p.send({ messages, acks: ACKS[o.acks], compression: o.compression }), aborted]);
        } catch (e) {
          if (e instanceof OutputError) throw e;
          const again = retryableKafka(e);
          if (again) {
            // Start afresh: metadata and connections are looked up again on the next attempt.
            producer = undefined;
            p.close(true).catch(() => {});
          }
          throw new OutputError(`Kafka: ${describe(e)}`, again);
        }
      },
      async close() {
        if (closed) return;
        closed = true;
        const p = producer;
        producer = undefined;
        if (p) await p.close().catch(() => {});
      },
    };
  },
};
