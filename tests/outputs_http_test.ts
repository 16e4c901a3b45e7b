/**
 * The HTTP-based outputs (`http`, `opensearch`, `elasticsearch`,
 * `clickhouse`) through `eventum gen`, against local stand-in servers
 * (tests/_servers/: not the real OpenSearch or ClickHouse, which cannot be
 * installed here): what arrives, how it is sent, TLS, and the permission
 * check.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { eventum, ROOT } from "./_cli.ts";
import { BulkServer } from "./_servers/bulk.ts";
import { ClickHouseServer } from "./_servers/clickhouse.ts";
import { HttpCollector } from "./_servers/http.ts";
import { assertAccounted, run, scenario, seqs, writeScenario } from "./_servers/_run.ts";

const TLS = `${ROOT}tests/_servers/tls`;
const pem = (name: string) => Deno.readTextFileSync(`${TLS}/${name}`);
const net = (...ports: number[]) => `--allow-net=${ports.map((p) => `127.0.0.1:${p}`).join(",")}`;
const DEAD = 'dead_letter "dead.jsonl"';

// ── http ────────────────────────────────────────────────────────────────────

Deno.test("http: one request per batch, records joined by newlines, headers and bearer auth", async () => {
  await using server = new HttpCollector({ authorization: "Bearer s3cret" });
  const r = await run(
    scenario(
      `output http "${server.url}/ingest?src=evt" {
    auth { bearer env("TOKEN") }
    headers { X-Source "eventum"; X-Run env("TOKEN") }
    batch_size 10; ${DEAD}
  }`,
    ),
    [net(server.port), "--allow-env=TOKEN"],
    { env: { TOKEN: "s3cret" } },
  );
  equal(r.code, 0, r.stderr);
  equal(server.received.length, 3, "25 events in batches of 10");
  for (const req of server.received) {
    equal(req.method, "POST");
    equal(req.path, "/ingest?src=evt");
    equal(req.headers.get("content-type"), "application/x-ndjson");
    equal(req.headers.get("x-source"), "eventum");
    equal(req.headers.get("x-run"), "s3cret");
  }
  deepEqual(server.received.map((q) => q.body.split("\n").length), [10, 10, 5]);
  ok(!server.received[0]?.body.endsWith("\n"), "records are joined, not terminated");
  assertAccounted(r.outputs[0], server.lines.flatMap(seqs), []);
});

Deno.test("http: json-batch sends the batch as one JSON array; basic auth; PUT; a chosen success status", async () => {
  await using server = new HttpCollector({ status: 202, authorization: "Basic dXNlcjpww6Rzcw==" });
  const r = await run(
    scenario(
      `output http {
    url "${server.url}/bulk"
    method PUT
    format json-batch
    auth { basic { username "user"; password "päss" } }
    success [202]
    batch_size 100; ${DEAD}
  }`,
      { count: 12 },
    ),
    [net(server.port)],
  );
  equal(r.code, 0, r.stderr);
  equal(server.received.length, 1);
  const req = server.received[0]!;
  equal(req.method, "PUT");
  equal(req.headers.get("content-type"), "application/json");
  const body = JSON.parse(req.body);
  ok(Array.isArray(body));
  assertAccounted(r.outputs[0], seqs(body), []);
});

Deno.test("http: a status outside `success` that retrying cannot fix dead-letters the batch with the body's start", async () => {
  await using server = new HttpCollector({ status: 400 });
  server.fault({
    kind: "status",
    status: 400,
    body: `{"error": "field [seq] must be a string", "pad": "${"x".repeat(400)}"}`,
  }, 1);
  const r = await run(
    scenario(`output http "${server.url}/" { batch_size 5; retries 3; ${DEAD} }`, { count: 5 }),
    [net(server.port), "--fail-on", "failed"],
  );
  equal(r.code, 1, "--fail-on failed: dead letters fail the run");
  equal(r.outputs[0]?.retried, 0, "a 400 is not retried");
  equal(r.dead.length, 5);
  match(r.dead[0]!.error, /answered 400: \{"error": "field \[seq\] must be a string"/);
  ok(r.dead[0]!.error.length < 300, "the body is cut to its first 200 characters");
  assertAccounted(r.outputs[0], [], r.dead.flatMap((d) => seqs(d.record)));
});

Deno.test("http over TLS: `ca` trusts a private CA (a client certificate loads); without it the certificate is refused, not retried", async () => {
  await using server = new HttpCollector({ tls: { cert: pem("server.pem"), key: pem("server.key") } });
  // The CA file lies outside the scenario's folder: naming it is enough for the sandbox to read it.
  const good = await run(
    scenario(
      `output http "${server.url}/" { tls { ca "${TLS}/ca.pem"; cert "${TLS}/client.pem"; key "${TLS}/client.key" }; ${DEAD} }`,
      { count: 5 },
    ),
    [net(server.port)],
  );
  equal(good.code, 0, good.stderr);
  assertAccounted(good.outputs[0], server.lines.flatMap(seqs), []);

  const bad = await run(
    scenario(`output http "${server.url}/" { retries 3; ${DEAD} }`, { count: 5 }),
    [net(server.port)],
  );
  equal(bad.outputs[0]?.retried, 0);
  equal(bad.dead.length, 5);
  match(bad.dead[0]!.error, /TLS certificate of 127\.0\.0\.1:\d+ was not accepted .*UnknownIssuer.*tls \{ ca/);
});

Deno.test("http over TLS: `verify false` accepts a self-signed certificate for another name; a client certificate loads", async () => {
  await using server = new HttpCollector({ tls: { cert: pem("self-signed.pem"), key: pem("self-signed.key") } });
  const r = await run(
    scenario(
      `output http "${server.url}/" { tls { verify false; cert "client.pem"; key "client.key" }; ${DEAD} }`,
      { count: 7 },
    ),
    [net(server.port)],
    { files: { "client.pem": pem("client.pem"), "client.key": pem("client.key") } },
  );
  equal(r.code, 0, r.stderr);
  assertAccounted(r.outputs[0], server.lines.flatMap(seqs), []);
});

// ── opensearch / elasticsearch ──────────────────────────────────────────────

Deno.test("opensearch: _bulk NDJSON, an index per event's day, basic auth from env(), pipeline", async () => {
  await using server = new BulkServer({ users: { admin: "open sesame" } });
  const r = await run(
    scenario(
      `output opensearch {
    hosts ["${server.url}"]
    index "logs-{{ timestamp.strftime('%Y.%m.%d') }}"
    username "admin"; password env("OS_PASSWORD")
    pipeline "enrich"
    batch_size 8; ${DEAD}
  }`,
      { input: "input linspace { start 2024-01-01T12:00:00Z; end 2024-01-02T12:00:00Z; count 20 }" },
    ),
    [net(server.port), "--allow-env=OS_PASSWORD"],
    { env: { OS_PASSWORD: "open sesame" } },
  );
  equal(r.code, 0, r.stderr);
  equal(server.seen.length, 3, "20 events in batches of 8");
  deepEqual(new Set(server.docs.map((d) => d.index)), new Set(["logs-2024.01.01", "logs-2024.01.02"]));
  for (const d of server.docs) {
    const seq = (d.source as { seq: number }).seq;
    equal(d.index, seq <= 10 ? "logs-2024.01.01" : "logs-2024.01.02", `event ${seq}`);
    equal(d.pipeline, "enrich");
  }
  ok(server.authorizations.every((a) => a === "Basic YWRtaW46b3BlbiBzZXNhbWU="));
  assertAccounted(r.outputs[0], server.sources.flatMap(seqs), []);
});

Deno.test("opensearch: a wrong password is a 401 that is not retried", async () => {
  await using server = new BulkServer({ users: { admin: "right" } });
  const r = await run(
    scenario(
      `output opensearch { hosts ["${server.url}"]; index "x"; username "admin"; password "wrong"; retries 3; ${DEAD} }`,
      {
        count: 3,
      },
    ),
    [net(server.port)],
  );
  equal(r.outputs[0]?.retried, 0);
  equal(server.docs.length, 0);
  match(r.dead[0]!.error, /_bulk answered 401: security_exception: unable to authenticate user/);
  assertAccounted(r.outputs[0], [], r.dead.flatMap((d) => seqs(d.record)));
});

Deno.test("elasticsearch: the same output; `id` makes documents replace rather than duplicate", async () => {
  await using server = new BulkServer();
  const text = scenario(
    `output elasticsearch { hosts ["${server.url}/"]; index "events"; id "{{ event.seq }}"; ${DEAD} }`,
    {
      count: 10,
    },
  );
  equal((await run(text, [net(server.port)])).code, 0);
  const again = await run(text, [net(server.port)]);
  equal(again.code, 0, again.stderr);
  equal(server.docs.length, 10, "the second run replaced the same ten documents");
  deepEqual(server.docs.map((d) => d.id), server.sources.map((s) => String((s as { seq: number }).seq)));
});

Deno.test("opensearch: batches take turns between hosts, and a host that is down is skipped", async () => {
  await using a = new BulkServer();
  await using b = new BulkServer();
  await using down = new BulkServer({ down: true });
  const r = await run(
    scenario(`output opensearch { hosts ["${a.url}", "${down.url}", "${b.url}"]; index "e"; batch_size 5; ${DEAD} }`, {
      count: 30,
    }),
    [net(a.port, b.port, down.port)],
  );
  equal(r.code, 0, r.stderr);
  equal(r.outputs[0]?.retried, 0, "failing over is not a retry");
  ok(a.docs.length > 0 && b.docs.length > 0, `both live hosts got batches (${a.docs.length}, ${b.docs.length})`);
  assertAccounted(r.outputs[0], [...a.sources, ...b.sources].flatMap(seqs), []);
});

Deno.test("opensearch: a record that is not a JSON object is dead-lettered alone", async () => {
  await using server = new BulkServer();
  const r = await run(
    scenario(`output opensearch { hosts ["${server.url}"]; index "e"; format plain; ${DEAD} }`, {
      count: 6,
      template:
        `{% if shared.incr('seq') == 3 %}not json {{ shared.get('seq') }}{% else %}{"seq": {{ shared.get('seq') }}}{% endif %}`,
    }),
    [net(server.port)],
  );
  equal(r.code, 0, r.stderr);
  deepEqual(r.dead.map((d) => d.record), ["not json 3"]);
  match(r.dead[0]!.error, /not a JSON object/);
  deepEqual(server.sources.flatMap(seqs), [1, 2, 4, 5, 6]);
});

Deno.test("the example opensearch.evt runs against a local _bulk server over TLS (verify false), with its grants", async () => {
  await using server = new BulkServer({
    users: { admin: "example-password" },
    tls: { cert: pem("self-signed.pem"), key: pem("self-signed.key") },
  });
  // Only the address changes (sed-style): the https:// scheme, `tls { verify false }`, the grants, the file output
  // with `rotate` stay as the example has them.
  const example = Deno.readTextFileSync(`${ROOT}samples/opensearch.evt`);
  const { dir, file } = writeScenario(example.replaceAll("127.0.0.1:9200", `127.0.0.1:${server.port}`));
  const r = await eventum(
    ["gen", file, "--count", "20", `--allow-net=127.0.0.1:${server.port}`, "--allow-env=OS_PASSWORD"],
    { env: { OS_PASSWORD: "example-password" } },
  );
  equal(r.code, 0, r.stderr);
  equal(server.docs.length, 20);
  ok(server.docs.every((d) => d.index === "logs-ssh"));
  const first = server.docs[0]!.source as { event: { action: string }; user: { name: string } };
  equal(first.event.action, "ssh_login");
  equal(Deno.readTextFileSync(`${dir}/out/ssh.jsonl`).trim().split("\n").length, 20);
});

// ── clickhouse ──────────────────────────────────────────────────────────────

Deno.test("clickhouse: INSERT ... FORMAT JSONEachRow per batch, credentials in X-ClickHouse headers", async () => {
  await using server = new ClickHouseServer({ users: { writer: "pw" }, tables: { "logs.events": ["seq", "msg"] } });
  const r = await run(
    scenario(
      `output clickhouse { url "${server.url}"; database "logs"; table "events"; username "writer"; password secret("ch"); batch_size 10; ${DEAD} }`,
    ),
    [net(server.port)],
    { env: { EVENTUM_SECRET_CH: "pw" } },
  );
  equal(r.code, 0, r.stderr);
  deepEqual(server.queries, Array(3).fill("INSERT INTO logs.events FORMAT JSONEachRow"));
  deepEqual(server.users, ["writer", "writer", "writer"]);
  assertAccounted(r.outputs[0], server.table("logs.events").flatMap(seqs), []);
});

Deno.test("clickhouse: an unknown table (Code: 60, 404) is not retried; the error says so", async () => {
  await using server = new ClickHouseServer();
  const r = await run(
    scenario(`output clickhouse { url "${server.url}"; table "nope"; retries 3; ${DEAD} }`, { count: 4 }),
    [net(server.port)],
  );
  equal(r.outputs[0]?.retried, 0);
  match(
    r.dead[0]!.error,
    /default\.nope: 404 Code: 60\. DB::Exception: Table default\.nope does not exist\. \(UNKNOWN_TABLE\)/,
  );
  assertAccounted(r.outputs[0], [], r.dead.flatMap((d) => seqs(d.record)));
});

Deno.test("clickhouse: a row the table refuses is dead-lettered alone and the rest are inserted", async () => {
  await using server = new ClickHouseServer({ tables: { "default.events": ["seq", "msg"] } });
  const r = await run(
    scenario(`output clickhouse { url "${server.url}"; table "events"; batch_size 10; retries 3; ${DEAD} }`, {
      count: 20,
      template:
        `{"seq": {{ shared.incr('seq') }}, "msg": "m"{% if shared.get('seq') % 7 == 0 %}, "extra": true{% endif %}}`,
    }),
    [net(server.port)],
  );
  equal(r.code, 0, r.stderr);
  deepEqual(r.dead.flatMap((d) => seqs(d.record)), [7, 14]);
  match(r.dead[0]!.error, /Code: 117\. DB::Exception: Unknown field found while parsing JSONEachRow format: extra/);
  assertAccounted(r.outputs[0], server.table("default.events").flatMap(seqs), [7, 14]);
});

Deno.test("clickhouse: `input_format CSV` with a template formatter (`format` picks the formatter)", async () => {
  await using server = new ClickHouseServer();
  const r = await run(
    scenario(
      `output clickhouse {
    url "${server.url}"; table "events"; input_format CSV
    format template { template """{{ event.seq }},{{ event.msg }}""" }
    ${DEAD}
  }`,
      { count: 3 },
    ),
    [net(server.port)],
  );
  equal(r.code, 0, r.stderr);
  deepEqual(server.queries, ["INSERT INTO default.events FORMAT CSV"]);
  deepEqual(server.table("default.events"), ["1,event number 1", "2,event number 2", "3,event number 3"]);
});

// ── permissions and checks ──────────────────────────────────────────────────

Deno.test("without --allow-net each network output stops the run before any event, naming the flag", async () => {
  await using bulk = new BulkServer();
  await using ch = new ClickHouseServer();
  await using col = new HttpCollector();
  const text = scenario(`output http "${col.url}/in"
  output opensearch { hosts ["${bulk.url}"]; index "e" }
  output clickhouse { url "${ch.url}"; table "events" }`);
  const r = await run(text, []);
  equal(r.code, 1);
  for (const port of [col.port, bulk.port, ch.port]) {
    match(
      r.stderr,
      new RegExp(
        `EVT3001 generator \`g\` needs network access to \`127\\.0\\.0\\.1:${port}\`: grant it with --allow-net=127\\.0\\.0\\.1:${port}`,
      ),
    );
  }
  equal(col.requests + bulk.requests + ch.requests, 0);
  const partly = await run(text, [net(col.port)]);
  equal(partly.code, 1);
  ok(!partly.stderr.includes(`127.0.0.1:${col.port}\``), "the granted address is not reported");
  match(partly.stderr, new RegExp(`--allow-net=127\\.0\\.0\\.1:${bulk.port}`));
});

Deno.test("check: auth takes one method, tls files must exist, addresses must be http(s)", async () => {
  const { file } = writeScenario(
    scenario(`output http "ftp://x/" { auth { bearer "a"; basic { username "u"; password "p" } } }
  output opensearch { hosts ["localhost:9200"]; index "e"; tls { ca "missing.pem" } }
  output clickhouse { table "my-table"; tls { cert "c.pem" } }`),
  );
  const r = await eventum(["check", file]);
  equal(r.code, 1);
  match(r.stderr, /`ftp:\/\/x\/` is not an http:\/\/ or https:\/\/ address/);
  match(r.stderr, /`auth` takes one of `basic \{ \.\.\. \}` or `bearer`/);
  match(r.stderr, /`localhost:9200` is not an http:\/\/ or https:\/\/ address/);
  match(r.stderr, /file `missing\.pem` not found/);
  match(r.stderr, /`my-table` is not a plain name/);
  match(r.stderr, /`cert` needs `key` too/);
});
