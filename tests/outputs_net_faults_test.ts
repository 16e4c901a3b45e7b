/**
 * Fault tests of the network outputs, as a user meets them: `eventum gen`
 * in live mode (150 events, one each 20ms, each with a sequence number)
 * while the server is down at the start (and starts later), is stopped and
 * restarted mid-run, or stalls (stops answering for 1.5s, longer than the
 * write timeout). After each run the `--report` counters, the dead-letter
 * file and what the server stored must account for every event:
 *
 * - generated = written + dead-lettered + dropped (+ failed, which is 0);
 * - the dead-letter file holds exactly the dead-lettered events, once each;
 * - what else each transport promises (see `docs/outputs_sockets.md`):
 *   - `exactly once` (PostgreSQL, one transaction per batch, a timed-out
 *     statement cancelled and rolled back): every event is in the sink or
 *     the dead-letter file, exactly once, never in both;
 *   - `at least once` (MQTT QoS 1; Kafka without idempotence): every event
 *     is in the sink or the dead-letter file; a message whose
 *     acknowledgement was lost or late is sent again, so duplicates in the
 *     sink are allowed and counted;
 *   - `stream` (TCP, syslog over TCP): TCP acknowledges nothing to the
 *     sender, so when the server goes away, records the kernel had taken
 *     are lost, and a batch whose write broke is sent again whole; only
 *     then may records be missing or doubled, at most two batches' worth.
 *     With the server down at the start or stalling, nothing is lost;
 *   - `datagram` (UDP): datagrams sent while nothing listens are lost and
 *     still counted written; no duplicates.
 */
import { equal, ok } from "node:assert/strict";
import { eventum, lines } from "./_cli.ts";
import { rsyslogBin, type RsyslogServer, startRsyslog } from "./_servers/rsyslog.ts";
import { postgresBin, startPostgres } from "./_servers/postgres.ts";
import { mosquittoBin, startMosquitto, subscribe } from "./_servers/mosquitto.ts";
import { startKafka } from "./_servers/kafka.ts";

const N = 150;
const BATCH = 10;
type Guarantee = "exactly once" | "at least once" | "stream" | "datagram";
type Fault = "down at start" | "dropped mid-run" | "stalled";

/** A server the test can break, and what an output needs to reach it. */
interface Sink {
  guarantee: Guarantee;
  /** `--allow-net` values. */
  allow: string[];
  /** The output statement, without the delivery options. */
  output: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  stall(ms: number): Promise<void>;
  /** Sequence numbers the server stored, with repeats. */
  read(): Promise<number[]>;
  close(): Promise<void>;
}

const seqOf = (text: string) => Number(/"seq": ?(\d+)/.exec(text)?.[1] ?? NaN);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function scenario(output: string): string {
  return `generator "f" {
  mode live
  input timer { every 20ms; repeat ${N} }
  event template { template t """{"seq": {{ shared.incr('seq') }}, "device": "d{{ shared.get('seq') % 3 }}"}""" }
  ${output.replace(/\}\s*$/, "")}
    batch_size ${BATCH}; flush 50ms; retries 40; write_timeout 1s; backoff { initial 50ms; max 250ms }
  }
}
`;
}

async function runWithFault(name: string, sink: Sink, fault: Fault): Promise<void> {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-fault-" });
  Deno.writeTextFileSync(`${dir}/s.evt`, scenario(sink.output));
  if (fault === "down at start") await sink.stop();
  const run = eventum([
    "gen",
    `${dir}/s.evt`,
    "-q",
    "--report",
    `${dir}/run.json`,
    ...sink.allow.map((a) => `--allow-net=${a}`),
  ]);
  if (fault === "down at start") {
    await sleep(800);
    await sink.start();
  } else if (fault === "dropped mid-run") {
    await sleep(1000);
    await sink.stop();
    await sleep(600);
    await sink.start();
  } else {
    await sleep(1000);
    await sink.stall(1500);
  }
  const r = await run;
  const report = JSON.parse(Deno.readTextFileSync(`${dir}/run.json`));
  const o = report.generators[0].outputs[0] as Record<string, number>;
  let dead: number[] = [];
  try {
    dead = lines(Deno.readTextFileSync(`${dir}/f.1-${name.split(" ")[0]}.dead-letter.jsonl`)).map((l) =>
      seqOf(JSON.parse(l).record)
    );
  } catch {
    // no dead letters
  }
  // Let the server finish storing what it received.
  let stored = await sink.read();
  for (let i = 0; i < 40 && new Set([...stored, ...dead]).size < o.written! + dead.length; i++) {
    await sleep(100);
    stored = await sink.read();
  }
  const inSink = new Set(stored);
  const deadSet = new Set(dead);
  const all = Array.from({ length: N }, (_, i) => i + 1);
  const missing = all.filter((s) => !inSink.has(s) && !deadSet.has(s));
  const both = dead.filter((s) => inSink.has(s));
  const duplicates = stored.length - inSink.size;
  console.log(
    `${name} / ${fault}: generated ${o.generated}, written ${o.written}, dead-lettered ${o.dead_lettered}, ` +
      `dropped ${o.dropped}, retried ${o.retried}; stored ${inSink.size} (${duplicates} duplicates), ` +
      `missing ${missing.length}, in both ${both.length}`,
  );
  equal(o.generated, N, r.stderr);
  equal(o.generated, o.written! + o.dead_lettered! + o.dropped! + o.failed!, "every event is accounted for");
  equal(o.failed, 0);
  equal(dead.length, o.dead_lettered, "the dead-letter file holds the dead-lettered events");
  equal(deadSet.size, dead.length, "each dead-lettered event once");
  ok(stored.every((s) => s >= 1 && s <= N), "nothing stored that was not generated");
  switch (sink.guarantee) {
    case "exactly once":
      equal(missing.length, 0, `missing: ${missing}`);
      equal(duplicates, 0, "no duplicates");
      equal(both.length, 0, "nothing both stored and dead-lettered");
      equal(inSink.size, o.written);
      break;
    case "at least once":
      equal(missing.length, 0, `missing: ${missing}`);
      ok(inSink.size >= o.written! - both.length);
      break;
    case "stream":
      if (fault === "dropped mid-run") {
        ok(missing.length <= 2 * BATCH, `at most two batches lost with the connection, not ${missing.length}`);
        ok(duplicates <= 2 * BATCH, `at most two batches repeated, not ${duplicates}`);
      } else {
        equal(missing.length, 0, `missing: ${missing}`);
      }
      break;
    case "datagram":
      equal(duplicates, 0);
      if (fault === "stalled") equal(missing.length, 0, "a stalled server's socket buffer keeps the datagrams");
      break;
  }
}

function rsyslogSink(s: RsyslogServer, output: string, guarantee: Guarantee, allow: string): Sink {
  return {
    guarantee,
    allow: [allow],
    output,
    start: () => s.start(),
    stop: () => s.stop(),
    stall: (ms) => s.stall(ms),
    read: () => Promise.resolve(s.lines().map((l) => seqOf(l.raw))),
    close: () => s.close(),
  };
}

const FAULTS: Fault[] = ["down at start", "dropped mid-run", "stalled"];

const SINKS: { name: string; ignore: boolean; make: () => Promise<Sink> }[] = [
  {
    name: "tcp",
    ignore: !rsyslogBin(),
    make: async () => {
      const s = (await startRsyslog())!;
      return rsyslogSink(s, `output tcp { port ${s.tcpPort} }`, "stream", `127.0.0.1:${s.tcpPort}`);
    },
  },
  {
    name: "syslog",
    ignore: !rsyslogBin(),
    make: async () => {
      const s = (await startRsyslog())!;
      return rsyslogSink(s, `output syslog { port ${s.tcpPort} }`, "stream", `127.0.0.1:${s.tcpPort}`);
    },
  },
  {
    name: "udp",
    ignore: !rsyslogBin(),
    make: async () => {
      const s = (await startRsyslog())!;
      return rsyslogSink(s, `output udp { port ${s.udpPort} }`, "datagram", `127.0.0.1:${s.udpPort}`);
    },
  },
  {
    name: "postgres",
    ignore: !postgresBin(),
    make: async () => {
      const pg = (await startPostgres("create table events (seq int, device text)"))!;
      return {
        guarantee: "exactly once",
        allow: [`127.0.0.1:${pg.port}`],
        output: `output postgres { url "${pg.url}"; table "events"; columns ["seq", "device"] }`,
        start: () => pg.start(),
        stop: () => pg.stop(),
        // A lock held by another session: inserts wait for it (a slow server, not a dead one).
        stall: (ms) =>
          pg.sql.begin(async (tx) => {
            await tx`lock table events in access exclusive mode`;
            await sleep(ms);
          }).then(() => {}),
        read: async () => {
          for (let i = 0; i < 50; i++) {
            try {
              return (await pg.sql`select seq from events`).map((r) => r.seq as number);
            } catch {
              await sleep(100); // the test's own client reconnecting after a restart
            }
          }
          return [];
        },
        close: () => pg.close(),
      };
    },
  },
  {
    name: "mqtt",
    ignore: !mosquittoBin(),
    make: async () => {
      const m = (await startMosquitto())!;
      const sub = await subscribe(m.url, "f/#");
      return {
        guarantee: "at least once",
        allow: [`127.0.0.1:${m.port}`],
        output: `output mqtt { url "${m.url}"; topic "f/{{ event.device }}"; qos 1 }`,
        start: () => m.start(),
        stop: () => m.stop(),
        stall: (ms) => m.stall(ms),
        read: () => Promise.resolve(sub.messages.map((x) => seqOf(x.payload))),
        close: async () => {
          await sub.close();
          await m.close();
        },
      };
    },
  },
  {
    name: "kafka",
    ignore: false,
    make: async () => {
      const k = await startKafka({ partitions: 2 });
      return {
        guarantee: "at least once",
        allow: [k.broker],
        output: `output kafka { brokers ["${k.broker}"]; topic "f"; key "{{ event.device }}" }`,
        start: () => k.start(),
        stop: () => k.stop(),
        stall: (ms) => Promise.resolve(k.stall(ms)),
        read: () => Promise.resolve(k.messages.map((m) => seqOf(m.value ?? ""))),
        close: () => k.close(),
      };
    },
  },
];

for (const s of SINKS) {
  if (s.ignore) {
    console.warn(`SKIPPED: the server for output \`${s.name}\` is not installed; its fault tests are skipped`);
  }
  for (const fault of FAULTS) {
    Deno.test({
      name: `${s.name}: ${fault}: every event written, dead-lettered or accounted for by the transport's guarantee`,
      ignore: s.ignore,
      async fn() {
        const sink = await s.make();
        try {
          await runWithFault(s.name, sink, fault);
        } finally {
          await sink.close();
        }
      },
    });
  }
}
