/**
 * `output mqtt { url; topic; qos 0|1|2; retain; username; password; client_id; tls { ... } }`:
 * each record published as one message, through the `mqtt` npm client
 * (MQTT.js). The topic is a small template over the record
 * (`sensors/{{ event.device }}`).
 *
 * With `qos 1` or `2` a batch is written once the broker acknowledged every
 * message; a message whose acknowledgement never came (the connection
 * broke) is published again, so it may arrive twice at QoS 1 (at least
 * once; QoS 2 removes duplicates only within one connection). With `qos 0`
 * nothing is acknowledged: a message counts as written once it was handed
 * to the connection (at most once).
 *
 * @module
 */
import * as v from "valibot";
import type { IClientOptions, MqttClient } from "mqtt";
import { bool, str, text } from "../schema.ts";
import type { OptionProblem, OutputSpec, WriteResult } from "../spec.ts";
import { OutputError } from "../spec.ts";
import { address, loadTls, message, tlsFiles, tlsSchema } from "./_socket.ts";
import { tolerateEnv } from "./_socket_env.ts";

const schema = v.object({
  url: v.pipe(
    v.optional(str(), "mqtt://127.0.0.1:1883"),
    v.description("The broker: `mqtt://host:1883`, or `mqtts://host:8883` for TLS."),
  ),
  topic: v.pipe(str(), v.description("The topic of each message; a template such as `sensors/{{ event.device }}`.")),
  qos: v.pipe(
    v.optional(v.picklist([0, 1, 2], "expected 0, 1 or 2"), 1),
    v.description("0: at most once, 1: at least once, 2: exactly once per connection."),
  ),
  retain: v.pipe(v.optional(bool(), false), v.description("Ask the broker to keep the last message of each topic.")),
  username: v.pipe(v.optional(text()), v.description("The user name, if the broker asks for one.")),
  password: v.pipe(v.optional(text()), v.description('The password, such as `secret("mqtt")`.')),
  client_id: v.pipe(
    v.optional(str()),
    v.description("The client identifier (`eventum-` and random letters by default)."),
  ),
  tls: v.pipe(v.optional(tlsSchema), v.description("TLS settings for `mqtts://`.")),
});

const PORTS: Record<string, number> = { "mqtt:": 1883, "tcp:": 1883, "mqtts:": 8883, "ssl:": 8883, "tls:": 8883 };

/** The broker's host and port, and whether it uses TLS; undefined for an unusable URL. */
function broker(url: string): { host: string; port: number; secure: boolean } | undefined {
  try {
    const u = new URL(url);
    const port = PORTS[u.protocol];
    if (port === undefined || !u.hostname) return undefined;
    return {
      host: u.hostname.replace(/^\[|\]$/g, ""),
      port: Number(u.port || port),
      secure: port === 8883,
    };
  } catch {
    return undefined;
  }
}

/** The `mqtt` output. */
export const mqttOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "mqtt",
  summary: "One MQTT message per record, to a topic made from the record, QoS 0, 1 or 2",
  schema,
  defaultFormat: "json",
  delivery: { batch_size: 500, flush: 100_000 },
  examples: [
    'output mqtt { url "mqtt://127.0.0.1:1883"; topic "sensors/{{ event.device }}"; qos 1 }',
    'output mqtt { url "mqtts://broker.example.com"; topic "events"; username "gen"; password secret("mqtt") }',
  ],
  check(o) {
    const problems: OptionProblem[] = [];
    if (!broker(o.url)) {
      problems.push({
        path: ["url"],
        message: "expected a URL such as `mqtt://127.0.0.1:1883` or `mqtts://host:8883`",
      });
    }
    return problems;
  },
  access(o, dir) {
    const b = broker(o.url);
    return { needs: b ? { net: [address(b.host, b.port)] } : {}, grants: { read: tlsFiles(o.tls, dir) } };
  },
  async create(o, ctx) {
    tolerateEnv();
    const { default: mqtt } = await import("mqtt");
    const b = broker(o.url);
    if (!b) throw new OutputError(`Not an MQTT URL: \`${o.url}\``, false);
    const tls = await loadTls(o.tls ?? (b.secure ? { verify: true } : undefined), ctx.dir);
    const topic = ctx.compile(o.topic);
    const options: IClientOptions = {
      clientId: o.client_id ?? `eventum-${crypto.randomUUID().slice(0, 8)}`,
      clean: true,
      // The delivery retries with its own backoff: a lost connection fails
      // the write, and the next write connects again.
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      ...(typeof o.username === "string" ? { username: o.username } : {}),
      ...(typeof o.password === "string" ? { password: o.password } : {}),
      ...(tls
        ? {
          rejectUnauthorized: tls.verify,
          ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
          ...(tls.cert !== undefined ? { cert: tls.cert, key: tls.key } : {}),
        }
        : {}),
    };
    let client: MqttClient | undefined;
    let lost: Promise<Error> = new Promise(() => {});
    let closed = false;

    const connect = async (): Promise<MqttClient> => {
      if (client?.connected) return client;
      if (client) client.end(true);
      client = undefined;
      let c: MqttClient;
      try {
        c = await mqtt.connectAsync(o.url, options, false);
      } catch (e) {
        const refused = /not authorized|bad user name|bad username|identifier rejected/i.test(message(e));
        throw new OutputError(`Cannot connect to ${address(b.host, b.port)}: ${message(e)}`, !refused);
      }
      c.on("error", () => {});
      lost = new Promise((resolve) => c.once("close", () => resolve(new Error("the connection to the broker closed"))));
      client = c;
      return c;
    };

    return {
      async write(batch, signal) {
        if (closed) throw new OutputError("The MQTT output is closed", false);
        const c = await connect();
        const aborted = new Promise<Error>((resolve) =>
          signal.addEventListener("abort", () => resolve(new Error("the write timed out")), { once: true })
        );
        const failed: NonNullable<WriteResult["failed"]> = [];
        await Promise.all(batch.records.map(async (record, index) => {
          let t: string;
          try {
            t = topic(record, batch.timestamps[index] as number);
          } catch (e) {
            failed.push({ index, error: `Cannot make the topic: ${message(e)}`, retryable: false });
            return;
          }
          const published = c.publishAsync(t, record, { qos: o.qos, retain: o.retain }).then(() => undefined);
          const error = await Promise.race([published.catch((e: unknown) => e as Error), lost, aborted]);
          if (error) failed.push({ index, error: message(error), retryable: true });
        }));
        if (failed.length === batch.records.length && failed.every((f) => f.retryable)) {
          // Nothing went through: start afresh on the next attempt.
          if (client === c) client = undefined;
          c.end(true);
          throw new OutputError(`MQTT: ${failed[0]?.error}`, true);
        }
        if (failed.length && client === c && !c.connected) client = undefined;
        return failed.length ? { failed: failed.sort((x, y) => x.index - y.index) } : {};
      },
      async close() {
        if (closed) return;
        closed = true;
        const c = client;
        client = undefined;
        if (c) await c.endAsync(false).catch(() => {});
      },
    };
  },
};
