/**
 * The network outputs (`tcp`, `udp`, `syslog`, `postgres`, `mqtt`, `kafka`)
 * as a user runs them: `eventum gen` into real servers started by the test
 * (rsyslog, PostgreSQL, Mosquitto) or, for Kafka, into a protocol-level
 * stand-in (see `tests/_servers/kafka.ts`), then read back from the server.
 * A test is skipped, saying so, only when its server's program is not
 * installed (`.ci/run` installs them).
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { eventum, lines } from "./_cli.ts";
import { rsyslogBin, startRsyslog } from "./_servers/rsyslog.ts";
import { postgresBin, startPostgres } from "./_servers/postgres.ts";
import { mosquittoBin, startMosquitto, subscribe } from "./_servers/mosquitto.ts";
import { startKafka } from "./_servers/kafka.ts";
import * as v from "valibot";
import { outputContract } from "../engine/outputs/_contract.ts";
import type { DeliveryDefaults } from "../engine/outputs/delivery.ts";
import { compileRecordTemplate } from "../engine/outputs/_record_template.ts";
import { tcpOutput } from "../engine/outputs/tcp.ts";
import { kafkaOutput } from "../engine/outputs/kafka.ts";

const HAS = { rsyslog: !!rsyslogBin(), postgres: !!postgresBin(), mosquitto: !!mosquittoBin() };
for (const [name, has] of Object.entries(HAS)) {
  if (!has) console.warn(`SKIPPED: ${name} is not installed; its output tests are skipped (apt-get install ${name})`);
}

/** Events with a sequence number, a device and a user; 2024-01-02T03:04:05Z onwards, one a second. */
function scenario(n: number, output: string, extra = ""): string {
  return `generator "net" {
  ${extra}
  input timer { every 1s; start 2024-01-02T03:04:05Z; repeat ${n} }
  event template {
    template t """{"seq": {{ shared.incr('seq') }}, "device": "d{{ shared.get('seq') % 3 }}", "user": "u{{ shared.get('seq') % 2 }}", "msg": "hello\\tworld"}"""
  }
  ${output}
}
`;
}

function write(text: string): { dir: string; file: string } {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-net-" });
  Deno.writeTextFileSync(`${dir}/s.evt`, text);
  return { dir, file: `${dir}/s.evt` };
}

async function gen(text: string, allow: string[], more: string[] = [], env: Record<string, string> = {}) {
  const { dir, file } = write(text);
  const args = ["gen", file, "-q", "--report", `${dir}/run.json`, ...allow.map((a) => `--allow-net=${a}`), ...more];
  const r = await eventum(args, { env });
  let report: { generators: { outputs: Record<string, number>[] }[] } | undefined;
  try {
    report = JSON.parse(Deno.readTextFileSync(`${dir}/run.json`));
  } catch {
    // no report
  }
  return { ...r, dir, report, output: report?.generators[0]?.outputs[0] };
}

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const seqs = (records: string[]) => records.map((r) => JSON.parse(r).seq as number);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

// ── tcp, udp, syslog into rsyslog ──────────────────────────────────────────

Deno.test({
  name: "tcp: newline and octet-counted records reach rsyslog; without --allow-net the run is refused (EVT3001)",
  ignore: !HAS.rsyslog,
  async fn() {
    const s = (await startRsyslog())!;
    try {
      const plain = await gen(scenario(20, `output tcp { port ${s.tcpPort} }`), [`127.0.0.1:${s.tcpPort}`]);
      equal(plain.code, 0, plain.stderr);
      equal(plain.output?.written, 20);
      const octet = await gen(
        scenario(20, `output tcp { port ${s.tcpPort}; framing octet-counting }`),
        [`127.0.0.1:${s.tcpPort}`],
      );
      equal(octet.code, 0, octet.stderr);
      await until(() => s.lines().length >= 40);
      const raw = s.lines().map((l) => l.raw);
      deepEqual(seqs(raw), [...range(20), ...range(20)]);
      // rsyslog shows a tab as #011; the record itself came through whole
      match(raw[0] as string, /^\{"seq":1,"device":"d1","user":"u1","msg":"hello(#011|\\t)world"\}$/);
      const denied = await gen(scenario(1, `output tcp { port ${s.tcpPort} }`), []);
      equal(denied.code, 1);
      match(denied.stderr, /EVT3001/);
      match(denied.stderr, new RegExp(`--allow-net=127\\.0\\.0\\.1:${s.tcpPort}`));
    } finally {
      await s.close();
    }
  },
});

Deno.test({
  name: "tcp over TLS: verified against the scenario's CA file, refused without it",
  ignore: !HAS.rsyslog,
  async fn() {
    const s = (await startRsyslog())!;
    try {
      if (!s.tlsPort || !s.caFile) {
        console.warn("SKIPPED: rsyslog-gnutls is not installed; TLS is not tested against rsyslog");
        return;
      }
      const text = scenario(5, `output tcp { port ${s.tlsPort}; framing octet-counting; tls { ca "ca.pem" } }`);
      const { dir, file } = write(text);
      Deno.copyFileSync(s.caFile, `${dir}/ca.pem`);
      const r = await eventum(["gen", file, "-q", `--allow-net=127.0.0.1:${s.tlsPort}`]);
      equal(r.code, 0, r.stderr);
      await until(() => s.lines().length >= 5);
      deepEqual(seqs(s.lines().map((l) => l.raw)), range(5));
      // Without the CA the certificate is unknown: not worth retrying, so dead-lettered at once.
      const bad = await gen(
        scenario(3, `output tcp { port ${s.tlsPort}; framing octet-counting; tls {} }`),
        [`127.0.0.1:${s.tlsPort}`],
      );
      equal(bad.output?.dead_lettered, 3);
      equal(bad.output?.retried, 0);
      // `verify false` accepts the unknown certificate.
      const loose = await gen(
        scenario(3, `output tcp { port ${s.tlsPort}; framing octet-counting; tls { verify false } }`),
        [`127.0.0.1:${s.tlsPort}`],
      );
      equal(loose.output?.written, 3, loose.stderr);
    } finally {
      await s.close();
    }
  },
});

Deno.test({
  name: "udp: one datagram per record reaches rsyslog",
  ignore: !HAS.rsyslog,
  async fn() {
    const s = (await startRsyslog())!;
    try {
      const r = await gen(scenario(20, `output udp { port ${s.udpPort} }`), [`127.0.0.1:${s.udpPort}`]);
      equal(r.code, 0, r.stderr);
      equal(r.output?.written, 20);
      await until(() => s.lines().length >= 20);
      deepEqual(seqs(s.lines().map((l) => l.raw)).sort((a, b) => a - b), range(20));
    } finally {
      await s.close();
    }
  },
});

Deno.test({
  name: "syslog: RFC 5424 over TCP (octet-counted), RFC 3164 over UDP and TCP, as rsyslog parses them",
  ignore: !HAS.rsyslog,
  async fn() {
    const s = (await startRsyslog())!;
    try {
      const common = `app_name "shop"; hostname "web-1"; procid "42"`;
      const a = await gen(
        scenario(
          3,
          `output syslog { port ${s.tcpPort}; facility local3; severity warning; msgid "ORD"; ${common} }`,
          'timezone "Europe/Berlin"',
        ),
        [`127.0.0.1:${s.tcpPort}`],
      );
      equal(a.code, 0, a.stderr);
      await until(() => s.lines().length >= 3);
      const first = s.lines()[0]!;
      equal(first.pri, 19 * 8 + 4);
      equal(first.timestamp, "2024-01-02T04:04:05.000000+01:00");
      deepEqual([first.hostname, first.app, first.procid, first.msgid], ["web-1", "shop", "42", "ORD"]);
      equal(JSON.parse(first.msg.replace(/#011/g, "\\t")).seq, 1);

      const b = await gen(
        scenario(3, `output syslog { transport udp; port ${s.udpPort}; protocol rfc3164; ${common} }`),
        [`127.0.0.1:${s.udpPort}`],
      );
      equal(b.code, 0, b.stderr);
      const c = await gen(
        scenario(3, `output syslog { port ${s.tcpPort}; protocol rfc3164; framing newline; ${common} }`),
        [`127.0.0.1:${s.tcpPort}`],
      );
      equal(c.code, 0, c.stderr);
      await until(() => s.lines().length >= 9);
      const bsd = s.lines().slice(3);
      equal(bsd.length, 6);
      for (const l of bsd) {
        equal(l.pri, 16 * 8 + 6);
        match(l.raw, /^<134>Jan {2}2 03:04:0[5-7] web-1 shop\[42\]: \{"seq": ?[1-3],/);
        deepEqual([l.hostname, l.app, l.procid], ["web-1", "shop", "42"]);
        match(l.timestamp, /-01-02T03:04:0[5-7]/);
      }
      deepEqual(bsd.map((l) => JSON.parse(l.msg.trim().replace(/#011/g, "\\t")).seq).sort(), [1, 1, 2, 2, 3, 3]);
    } finally {
      await s.close();
    }
  },
});

Deno.test({
  name: "syslog over TLS (RFC 5425) reaches rsyslog's TLS listener",
  ignore: !HAS.rsyslog,
  async fn() {
    const s = (await startRsyslog())!;
    try {
      if (!s.tlsPort || !s.caFile) {
        console.warn("SKIPPED: rsyslog-gnutls is not installed; syslog over TLS is not tested");
        return;
      }
      const { dir, file } = write(
        scenario(4, `output syslog { transport tls; port ${s.tlsPort}; tls { ca "ca.pem" } }`),
      );
      Deno.copyFileSync(s.caFile, `${dir}/ca.pem`);
      const r = await eventum(["gen", file, "-q", `--allow-net=127.0.0.1:${s.tlsPort}`]);
      equal(r.code, 0, r.stderr);
      await until(() => s.lines().length >= 4);
      deepEqual(s.lines().map((l) => JSON.parse(l.msg.replace(/#011/g, "\\t")).seq), range(4));
      equal(s.lines()[0]?.app, "eventum");
    } finally {
      await s.close();
    }
  },
});

// ── postgres ───────────────────────────────────────────────────────────────

Deno.test({
  name: "postgres: COPY and INSERT into columns and into one jsonb column, read back with SQL",
  ignore: !HAS.postgres,
  async fn() {
    const pg = (await startPostgres(
      `create table events (seq int primary key, device text, "user" text, msg text);
       create table raw (payload jsonb);`,
    ))!;
    try {
      const url = `postgres://postgres@127.0.0.1:${pg.port}/postgres`;
      const allow = [`127.0.0.1:${pg.port}`];
      const columns = `columns ["seq", "device", "user", "msg"]`;
      // The password is a secret, read from EVENTUM_SECRET_PG when the run starts.
      const copy = await gen(
        scenario(50, `output postgres { url "${url}"; password secret("pg"); table "events"; ${columns} }`),
        allow,
        [],
        { EVENTUM_SECRET_PG: "s3cret:pw" },
      );
      equal(copy.code, 0, copy.stderr);
      equal(copy.output?.written, 50);
      const rows = await pg.sql`select seq, device, "user", msg from events order by seq`;
      equal(rows.length, 50);
      deepEqual({ ...rows[0] }, { seq: 1, device: "d1", user: "u1", msg: "hello\tworld" });

      const insert = await gen(
        scenario(30, `output postgres { url "${pg.url}"; table "public.raw"; column "payload"; mode insert }`),
        allow,
      );
      equal(insert.code, 0, insert.stderr);
      const raw = await pg.sql`select payload from raw order by (payload->>'seq')::int`;
      deepEqual(raw.map((r) => (r.payload as { seq: number }).seq), range(30));
    } finally {
      await pg.close();
    }
  },
});

Deno.test({
  name: "postgres: bad rows are dead-lettered alone with the server's message; an unknown column is not retried",
  ignore: !HAS.postgres,
  async fn() {
    const pg = (await startPostgres(`create table events (seq int primary key check (seq % 7 <> 0), device text)`))!;
    try {
      const allow = [`127.0.0.1:${pg.port}`];
      for (const mode of ["copy", "insert"]) {
        await pg.sql`truncate events`;
        const r = await gen(
          scenario(20, `output postgres { url "${pg.url}"; table "events"; columns ["seq", "device"]; mode ${mode} }`),
          allow,
        );
        equal(r.output?.written, 18, r.stderr);
        equal(r.output?.dead_lettered, 2);
        const dead = lines(Deno.readTextFileSync(`${r.dir}/net.1-postgres.dead-letter.jsonl`)).map((l) =>
          JSON.parse(l)
        );
        deepEqual(dead.map((d) => JSON.parse(d.record).seq), [7, 14]);
        match(dead[0].error, /violates check constraint "events_seq_check".*\[23514\]/);
        const counted = await pg.sql`select count(*)::int as count from events`;
        equal(counted[0]?.count, 18);
      }
      const bad = await gen(
        scenario(5, `output postgres { url "${pg.url}"; table "events"; columns ["seq", "nope"] }`),
        allow,
      );
      equal(bad.output?.dead_lettered, 5);
      equal(bad.output?.retried, 0);
      const dead = Deno.readTextFileSync(`${bad.dir}/net.1-postgres.dead-letter.jsonl`);
      match(dead, /column \\"nope\\" of relation \\"events\\" does not exist \[42703\]/);
    } finally {
      await pg.close();
    }
  },
});

// ── mqtt ───────────────────────────────────────────────────────────────────

Deno.test({
  name: "mqtt: each record published to the topic its template makes, QoS 1, read back by a subscriber",
  ignore: !HAS.mosquitto,
  async fn() {
    const m = (await startMosquitto())!;
    const sub = await subscribe(m.url, "sensors/#");
    try {
      const r = await gen(
        scenario(30, `output mqtt { url "${m.url}"; topic "sensors/{{ event.device }}"; qos 1 }`),
        [`127.0.0.1:${m.port}`],
      );
      equal(r.code, 0, r.stderr);
      equal(r.output?.written, 30);
      await sub.waitFor(30);
      for (const { topic, payload } of sub.messages) equal(topic, `sensors/${JSON.parse(payload).device}`);
      deepEqual(seqs(sub.messages.map((x) => x.payload)).sort((a, b) => a - b), range(30));
      const denied = await gen(scenario(1, `output mqtt { url "${m.url}"; topic "t" }`), []);
      match(denied.stderr, /EVT3001/);
    } finally {
      await sub.close();
      await m.close();
    }
  },
});

// ── kafka (protocol-level stand-in) ────────────────────────────────────────

Deno.test("kafka: messages with keys and event timestamps reach the broker stand-in, gzip and SASL PLAIN", async () => {
  const k = await startKafka({ partitions: 3 });
  try {
    const r = await gen(
      scenario(
        40,
        `output kafka { brokers ["${k.broker}"]; topic "events"; key "{{ event.user }}"; compression gzip }`,
      ),
      [k.broker],
    );
    equal(r.code, 0, r.stderr);
    equal(r.output?.written, 40);
    equal(k.messages.length, 40);
    deepEqual(k.messages.map((m) => JSON.parse(m.value as string).seq).sort((a, b) => a - b), range(40));
    for (const m of k.messages) {
      equal(m.topic, "events");
      equal(m.key, `u${JSON.parse(m.value as string).seq % 2}`);
      equal(m.compression, 1);
      equal(m.timestamp, Date.UTC(2024, 0, 2, 3, 4, 5) + (JSON.parse(m.value as string).seq - 1) * 1000);
    }
    equal(k.lastAcks, -1);
    const denied = await gen(scenario(1, `output kafka { brokers ["${k.broker}"]; topic "t" }`), []);
    match(denied.stderr, /EVT3001/);
  } finally {
    await k.close();
  }
  const secure = await startKafka({ sasl: { username: "gen", password: "pw" } });
  try {
    const ok1 = await gen(
      scenario(
        5,
        `output kafka { brokers ["${secure.broker}"]; topic "t"; acks leader; sasl { username "gen"; password "pw" } }`,
      ),
      [secure.broker],
    );
    equal(ok1.output?.written, 5, ok1.stderr);
    equal(secure.lastAcks, 1);
    const refused = await gen(
      scenario(2, `output kafka { brokers ["${secure.broker}"]; topic "t"; sasl { username "gen"; password "no" } }`),
      [secure.broker],
    );
    equal(refused.output?.dead_lettered, 2, refused.stderr);
    equal(refused.output?.retried, 0);
    ok(secure.messages.length === 5);
  } finally {
    await secure.close();
  }
});

// ── the shared output contract (engine/outputs/_contract.ts) ─────────────────

const contractCtx = {
  dir: "/",
  timezone: "UTC",
  label: "output",
  compile: (t: string) => compileRecordTemplate(t, { dir: "/", timezone: "UTC" }),
};

if (HAS.rsyslog) {
  outputContract("tcp", async () => {
    const s = (await startRsyslog())!;
    return {
      create: (options) =>
        Promise.resolve(tcpOutput.create(v.parse(tcpOutput.schema, { port: s.tcpPort, ...options }), contractCtx)),
      readBack: () => Promise.resolve(s.lines().map((l) => l.raw)),
      teardown: () => s.close(),
      options: { defaults: tcpOutput.delivery as DeliveryDefaults },
    };
  });
}

outputContract("kafka", async () => {
  const k = await startKafka();
  return {
    create: (options) =>
      Promise.resolve(
        kafkaOutput.create(v.parse(kafkaOutput.schema, { brokers: [k.broker], topic: "c", ...options }), contractCtx),
      ),
    readBack: () => Promise.resolve(k.messages.map((m) => m.value ?? "")),
    teardown: () => k.close(),
    // 7: REQUEST_TIMED_OUT (6, NOT_LEADER_OR_FOLLOWER, the client resends by itself after new metadata)
    breakNext: () => k.failNext(1, 7),
    options: { defaults: kafkaOutput.delivery as DeliveryDefaults },
  };
}, { sanitizeOps: false, sanitizeResources: false });
