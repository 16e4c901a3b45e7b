/**
 * The gallery of ready scenarios (`samples/gallery/`): each one runs with `eventum gen FILE --count N`, a fixed
 * seed and a fixed `--now`, and every event it makes is well-formed for its format (JSON with the required
 * fields and types, log lines matching a strict pattern, CEF that parses), with the correlations its header
 * promises (sessions, logon ids, order → payment → shipment). The syslog and Kafka scenarios are run into a
 * private rsyslog and the Kafka protocol stand-in (`tests/_servers/`), and what arrives is compared with their
 * stdout twins. Each run works on a copy of the scenario's folder, so nothing is written into the repository.
 */
import { deepEqual, equal, match, notDeepEqual, ok } from "node:assert/strict";
import { eventum, lines, ROOT } from "./_cli.ts";
import { rsyslogBin, startRsyslog } from "./_servers/rsyslog.ts";
import { startKafka } from "./_servers/kafka.ts";

const GALLERY = `${ROOT}samples/gallery`;
const NOW = "2024-03-04T00:00:00Z";
const SEED = "7";
const COUNT = 200;

/** The scenario folders, each holding `<name>.evt`. */
const SCENARIOS = [...Deno.readDirSync(GALLERY)].filter((e) => e.isDirectory).map((e) => e.name).sort();

/** Copies a scenario's folder (without `out/`) to a fresh temporary folder and returns that folder. */
function copyScenario(name: string): string {
  const dir = Deno.makeTempDirSync({ prefix: `eventum-gallery-${name}-` });
  const copy = (from: string, to: string) => {
    for (const e of Deno.readDirSync(from)) {
      if (e.isDirectory) {
        if (e.name === "out") continue;
        Deno.mkdirSync(`${to}/${e.name}`);
        copy(`${from}/${e.name}`, `${to}/${e.name}`);
      } else if (!e.name.endsWith(".dead-letter.jsonl")) Deno.copyFileSync(`${from}/${e.name}`, `${to}/${e.name}`);
    }
  };
  copy(`${GALLERY}/${name}`, dir);
  return dir;
}

/** What one run made: stdout, and the folder it ran in (for `out/` files). */
interface Run {
  stdout: string;
  stderr: string;
  dir: string;
  /** Reads a file the run wrote under `out/`. */
  out(file: string): string;
}

/** Runs a gallery scenario on a copy of its folder with `--count`, `--seed` and `--now`; fails on a non-zero exit. */
async function gen(name: string, file = `${name}.evt`, more: string[] = [], count = COUNT): Promise<Run> {
  const dir = copyScenario(name);
  const args = ["gen", `${dir}/${file}`, "-q", "--seed", SEED, "--now", NOW, ...more];
  if (count > 0) args.push("--count", String(count));
  const r = await eventum(args);
  equal(r.code, 0, `${name}/${file} failed:\n${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr, dir, out: (f) => Deno.readTextFileSync(`${dir}/out/${f}`) };
}

/** Checks every line against a pattern, naming the first that does not match. */
function allMatch(rows: string[], re: RegExp, what: string): RegExpExecArray[] {
  return rows.map((row, i) => {
    const m = re.exec(row);
    if (!m) throw new Error(`${what} line ${i + 1} is not well-formed:\n${row}`);
    return m;
  });
}

/** Throws unless `x` has each key with a value of the given `typeof` ("array" and "null" too). */
function fields(x: Record<string, unknown>, spec: Record<string, string>, what: string): void {
  for (const [key, type] of Object.entries(spec)) {
    const v = x[key];
    const got = v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
    if (!type.split("|").includes(got)) {
      throw new Error(`${what}: \`${key}\` should be ${type}, is ${got}: ${JSON.stringify(x).slice(0, 400)}`);
    }
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const IPV4 = String.raw`(?:\d{1,3}\.){3}\d{1,3}`;

/** Parses a CEF line: the 7 header fields (escapes `\|` and `\\` honoured) and the extension's key=value pairs. */
function parseCef(line: string): { header: string[]; ext: Map<string, string> } {
  const header: string[] = [];
  let field = "";
  let i = 0;
  for (; i < line.length && header.length < 7; i++) {
    const c = line[i];
    if (c === "\\" && (line[i + 1] === "|" || line[i + 1] === "\\")) field += line[++i];
    else if (c === "|") {
      header.push(field);
      field = "";
    } else field += c;
  }
  if (header.length !== 7) throw new Error(`CEF header without 7 unescaped pipes: ${line}`);
  const rest = line.slice(i);
  const ext = new Map<string, string>();
  // key=value pairs: a value runs to the next ` key=` (an `=` inside a value is escaped as `\=`).
  const re = /([A-Za-z0-9_]+)=((?:\\.|[^\\=])*?)(?= [A-Za-z0-9_]+=|$)/gy;
  let at = 0;
  while (at < rest.length) {
    re.lastIndex = at;
    const m = re.exec(rest);
    if (!m) throw new Error(`CEF extension does not parse at ${at}: ${rest}`);
    ext.set(m[1]!, m[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c)));
    at = re.lastIndex + (rest[re.lastIndex] === " " ? 1 : 0);
  }
  return { header, ext };
}

/** Checks the CEF lines of the firewall scenario. */
function checkCef(rows: string[]): void {
  const kinds = new Set<string>();
  for (const row of rows) {
    const { header, ext } = parseCef(row);
    const [version, vendor, product, devVersion, id, name, severity] = header;
    equal(version, "CEF:0", row);
    deepEqual([vendor, product, devVersion], ["Fortinet", "FortiGate-100F", "v7.2.7"]);
    match(id!, /^\d{10}$/);
    ok(name!.length > 0);
    ok(Number(severity) >= 0 && Number(severity) <= 10, row);
    match(ext.get("rt")!, /^\d{13}$/);
    equal(ext.get("dvchost"), "fw-edge-1");
    match(ext.get("src")!, new RegExp(`^${IPV4}$`), row);
    ok(ext.has("act") && ext.has("cat"), row);
    for (const port of ["spt", "dpt"]) if (ext.has(port)) ok(Number(ext.get(port)) > 0, row);
    if (ext.get("request")) match(ext.get("request")!, /^https:\/\/\S+$/);
    kinds.add(ext.get("cat")!);
  }
  ok(kinds.has("traffic:forward"), [...kinds].join());
}

/** Checks the order stream: JSON, the fields of each kind, payments after their order, shipments after payment. */
function checkOrders(events: Record<string, unknown>[]): void {
  const orders = new Map<string, number>();
  const paid = new Set<string>();
  const settled = new Set<string>();
  const shipped = new Set<string>();
  for (const e of events) {
    fields(e, { event_id: "string", type: "string", kind: "string", ts: "string", order_id: "string" }, "order event");
    match(e.ts as string, ISO);
    match(e.order_id as string, /^ORD-\d+$/);
    if (e.type === "order.created") {
      fields(e, { customer_id: "string", items: "array", total: "number", currency: "string" }, "order");
      const items = e.items as { quantity: number; unit_price: number }[];
      ok(items.length > 0);
      const sum = items.reduce((s, i) => s + i.quantity * i.unit_price, 0);
      ok(Math.abs(sum - (e.total as number)) < 0.01, `total ${e.total} ≠ ${sum}`);
      ok(!orders.has(e.order_id as string), `order ${e.order_id} created twice`);
      orders.set(e.order_id as string, e.total as number);
    } else if (e.kind === "payment") {
      fields(e, { payment_id: "string", amount: "number", method: "string" }, "payment");
      ok(orders.has(e.order_id as string), `payment for ${e.order_id} before its order`);
      ok(!settled.has(e.order_id as string), `second payment for ${e.order_id}`);
      settled.add(e.order_id as string);
      equal(e.amount, orders.get(e.order_id as string));
      if (e.type === "payment.authorized") paid.add(e.order_id as string);
      else {
        equal(e.type, "payment.declined");
        fields(e, { decline_reason: "string" }, "declined payment");
      }
    } else {
      equal(e.type, "shipment.dispatched");
      fields(e, { shipment_id: "string", carrier: "string", tracking_number: "string" }, "shipment");
      ok(paid.has(e.order_id as string), `shipment of ${e.order_id} before an authorized payment`);
      ok(!shipped.has(e.order_id as string), `${e.order_id} shipped twice`);
      shipped.add(e.order_id as string);
    }
  }
  ok(orders.size > 0 && settled.size > 0 && shipped.size > 0, "all three kinds occur");
}

// ── every file checks, every scenario is documented ────────────────────────────

Deno.test("every gallery scenario passes `eventum check` and has a header and a README line", async () => {
  ok(SCENARIOS.length >= 10, `only ${SCENARIOS.length} scenarios`);
  const files: string[] = [];
  for (const name of SCENARIOS) {
    for (const e of Deno.readDirSync(`${GALLERY}/${name}`)) {
      if (e.name.endsWith(".evt")) files.push(`${name}/${e.name}`);
    }
  }
  const r = await eventum(["check", ...files.map((f) => `samples/gallery/${f}`)]);
  equal(r.code, 0, r.stderr);
  match(r.stderr, /checked: no problems/);
  const readme = Deno.readTextFileSync(`${GALLERY}/README.md`);
  for (const f of files) {
    const text = Deno.readTextFileSync(`${GALLERY}/${f}`);
    match(text, /^\/\/ /, `${f} starts with a comment`);
    match(text, /\/\/ Run: +eventum gen /, `${f} says how to run it`);
    ok(readme.includes(`${f.split("/")[0]}/`), `README.md mentions ${f}`);
  }
  for (const name of SCENARIOS) ok(files.includes(`${name}/${name}.evt`), `${name}/${name}.evt exists`);
});

// ── log lines ───────────────────────────────────────────────────────────────

Deno.test("nginx: access log lines in combined format and error log lines in nginx's format", async () => {
  const r = await gen("nginx");
  const access = lines(r.out("access.log"));
  equal(access.length, COUNT);
  const combined = new RegExp(
    `^(${IPV4}) - (-|\\S+) \\[(\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4})\\] ` +
      `"(GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) (/\\S*) HTTP/(1\\.0|1\\.1|2\\.0)" (\\d{3}) (\\d+) "([^"]*)" "([^"]+)"$`,
  );
  const statuses = new Set<string>();
  for (const m of allMatch(access, combined, "access.log")) {
    ok(Number(m[7]) >= 100 && Number(m[7]) < 600);
    if (m[7] === "304") equal(m[8], "0");
    ok(m[9] === "-" || /^https?:\/\//.test(m[9]!), m[0]);
    match(m[3]!, /^0[45]\/Mar\/2024:/);
    statuses.add(m[7]!);
  }
  ok(statuses.size >= 3, [...statuses].join());
  const errors = lines(r.out("error.log"));
  equal(errors.length, COUNT);
  const line =
    /^(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}) \[(debug|info|notice|warn|error|crit|alert|emerg)\] (\d+)#(\d+): (\*\d+ )?(.+)$/;
  let prev = "";
  for (const m of allMatch(errors, line, "error.log")) {
    ok(m[1]! >= prev, "error log in time order");
    prev = m[1]!;
    if (m[5]) match(m[6]!, /, (client|server): /);
  }
});

Deno.test("sshd: auth.log lines are sshd/PAM/logind/sudo lines, and every logout closes an earlier login", async () => {
  const r = await gen("sshd");
  const rows = lines(r.out("auth.log"));
  equal(rows.length, COUNT);
  const prefix = /^([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) bastion-1 (sshd|systemd-logind|sudo)(?:\[(\d+)\])?: (.+)$/;
  const port = String.raw`port \d{1,5}`;
  const bodies: Record<string, RegExp[]> = {
    sshd: [
      new RegExp(
        `^Accepted (publickey|password) for (\\w+) from (${IPV4}) ${port} ssh2(: ED25519 SHA256:[A-Za-z0-9+/]{43})?$`,
      ),
      /^pam_unix\(sshd:session\): session (opened for user (\w+)\(uid=\d+\) by \(uid=0\)|closed for user (\w+))$/,
      new RegExp(`^Invalid user \\w+ from ${IPV4} ${port}$`),
      new RegExp(`^Connection from ${IPV4} ${port} on ${IPV4} port 22 rdomain ""$`),
      new RegExp(
        `^pam_unix\\(sshd:auth\\): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${IPV4}( {2}user=root)?$`,
      ),
      new RegExp(`^Failed password for (invalid user \\w+|root) from ${IPV4} ${port} ssh2$`),
      new RegExp(
        `^(Connection closed by authenticating user root|Disconnected from invalid user \\w+) ${IPV4} ${port} \\[preauth\\]$`,
      ),
      new RegExp(`^Received disconnect from ${IPV4} ${port}:11: disconnected by user$`),
      new RegExp(`^Disconnected from user (\\w+) ${IPV4} ${port}$`),
      /^error: kex_exchange_identification: Connection closed by remote host$/,
      new RegExp(`^Connection reset by ${IPV4} ${port} \\[preauth\\]$`),
      new RegExp(`^banner exchange: Connection from ${IPV4} ${port}: invalid format$`),
      new RegExp(
        `^Unable to negotiate with ${IPV4} ${port}: no matching host key type found\\. Their offer: \\S+ \\[preauth\\]$`,
      ),
    ],
    "systemd-logind": [/^New session \d+ of user \w+\.$/, /^Removed session \d+\.$/],
    sudo: [
      /^ {2}\w+ : TTY=pts\/\d+ ; PWD=\/home\/\w+ ; USER=root ; COMMAND=\/\S+( .*)?$/,
      /^pam_unix\(sudo:session\): session opened for user root\(uid=0\) by \w+\(uid=\d+\)$/,
      /^pam_unix\(sudo:session\): session closed for user root$/,
    ],
  };
  const open = new Map<string, string>(); // sshd pid → user, from `Accepted`
  let logins = 0, logouts = 0;
  for (const m of allMatch(rows, prefix, "auth.log")) {
    const [, , program, pid, body] = m as unknown as string[];
    if (!bodies[program!]!.some((re) => re.test(body!))) throw new Error(`unknown ${program} line: ${m[0]}`);
    if (program === "sshd") ok(pid, m[0]);
    const accepted = /^Accepted \w+ for (\w+) /.exec(body!);
    if (accepted) {
      open.set(pid!, accepted[1]!);
      logins++;
    }
    const closed = /^Disconnected from user (\w+) /.exec(body!);
    if (closed) {
      // The run starts with nobody logged in, so each logout belongs to a login earlier in the file.
      equal(open.get(pid!), closed[1], `logout of pid ${pid} without its login: ${m[0]}`);
      open.delete(pid!);
      logouts++;
    }
  }
  ok(logins > 0, "someone logs in");
  ok(rows.some((l) => l.includes("Failed password")), "brute force is there");
  ok(logouts > 0, "someone logs out");
});

Deno.test("dns: every line is a BIND query log line", async () => {
  const r = await gen("dns");
  const rows = lines(r.out("query.log"));
  equal(rows.length, COUNT);
  const re = new RegExp(
    String
      .raw`^(\d{2}-[A-Z][a-z]{2}-\d{4} \d{2}:\d{2}:\d{2}\.\d{3}) queries: info: client @0x[0-9a-f]{12} (${IPV4})#(\d{1,5}) ` +
      String
        .raw`\(([A-Za-z0-9_.-]+)\): query: ([A-Za-z0-9_.-]+) IN (A|AAAA|HTTPS|PTR|MX|TXT|SRV|NS) ([+-][A-Z0-9()]*) \((${IPV4})\)$`,
  );
  for (const m of allMatch(rows, re, "query.log")) {
    equal(m[4], m[5], "the name in parentheses is the name queried");
    ok(Number(m[3]) > 0 && Number(m[3]) < 65536);
    equal(m[8], "10.10.0.53");
    if (m[6] === "PTR") match(m[5]!, /\.in-addr\.arpa$/);
    if (m[6] === "SRV") match(m[5]!, /^_/);
    for (const label of m[5]!.split(".")) ok(label.length > 0 && label.length <= 63, m[0]);
  }
});

// ── JSON events ─────────────────────────────────────────────────────────────

Deno.test("windows-security: Security-log events with their real fields; 4688/4634/4672 refer to an earlier 4624", async () => {
  const r = await gen("windows-security");
  const events = lines(r.stdout).map((l) => JSON.parse(l));
  equal(events.length, COUNT);
  const logons = new Set<string>(["0x3e7"]);
  const ended = new Set<string>();
  const seen = new Set<number>();
  let previous: { EventID: number; logon?: string } | undefined;
  const records = new Map<string, number>();
  for (const e of events) {
    const s = e.System, d = e.EventData;
    fields(s, {
      Provider: "object",
      EventID: "number",
      Version: "number",
      Level: "number",
      Task: "number",
      Keywords: "string",
      TimeCreated: "object",
      EventRecordID: "number",
      Channel: "string",
      Computer: "string",
    }, "System");
    deepEqual(s.Provider, {
      Name: "Microsoft-Windows-Security-Auditing",
      Guid: "{54849625-5478-4994-a5ba-3e3b0328c30d}",
    });
    equal(s.Channel, "Security");
    match(s.TimeCreated.SystemTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    match(s.Computer, /^[A-Z]+-\d+\.corp\.example\.com$/);
    ok(s.EventRecordID > (records.get(s.Computer) ?? 0), "record ids grow per computer");
    records.set(s.Computer, s.EventRecordID);
    const id = s.EventID as number;
    seen.add(id);
    equal(s.Keywords, id === 4625 ? "0x8010000000000000" : "0x8020000000000000");
    for (const v of Object.values(d)) equal(typeof v, "string", "EventData values are strings, as in the XML");
    const task: Record<number, number> = { 4624: 12544, 4625: 12544, 4634: 12545, 4672: 12548, 4688: 13312 };
    equal(s.Task, task[id], `task of ${id}`);
    if (id === 4624) {
      fields(
        d,
        { TargetUserSid: "string", TargetUserName: "string", TargetLogonId: "string", LogonType: "string" },
        "4624",
      );
      match(d.TargetUserSid, /^S-1-5-21-\d+-\d+-\d+-\d+$/);
      match(d.TargetLogonId, /^0x[0-9a-f]+$/);
      ok(["2", "3", "10"].includes(d.LogonType));
      logons.add(d.TargetLogonId);
    } else if (id === 4672) {
      equal(previous?.EventID, 4624, "4672 follows its 4624");
      equal(d.SubjectLogonId, previous?.logon);
    } else if (id === 4688) {
      ok(logons.has(d.SubjectLogonId), `4688 in an unknown session ${d.SubjectLogonId}`);
      ok(!ended.has(d.SubjectLogonId), `4688 in a session that logged off ${d.SubjectLogonId}`);
      match(d.NewProcessName, /^C:\\/);
      match(d.MandatoryLabel, /^S-1-16-\d+$/);
    } else if (id === 4634) {
      ok(logons.has(d.TargetLogonId), `4634 of an unknown session ${d.TargetLogonId}`);
      ended.add(d.TargetLogonId);
    } else {
      equal(id, 4625);
      match(d.Status, /^0xc0000[0-9a-f]{3}$/);
      match(d.SubStatus, /^0xc0000[0-9a-f]{3}$/);
    }
    previous = { EventID: id, logon: d.TargetLogonId };
  }
  for (const id of [4624, 4688]) ok(seen.has(id), `event ${id} occurs`);
});

Deno.test("cloudtrail: records with CloudTrail's fields, the nightly backup, and the same records in out/CloudTrail.json", async () => {
  const r = await gen("cloudtrail", "cloudtrail.evt", [], 400);
  const records = lines(r.stdout).map((l) => JSON.parse(l));
  equal(records.length, 400);
  for (const e of records) {
    fields(e, {
      eventVersion: "string",
      userIdentity: "object",
      eventTime: "string",
      eventSource: "string",
      eventName: "string",
      awsRegion: "string",
      sourceIPAddress: "string",
      userAgent: "string",
      requestParameters: "object|null",
      responseElements: "object|null",
      requestID: "string",
      eventID: "string",
      readOnly: "boolean",
      eventType: "string",
      managementEvent: "boolean",
      recipientAccountId: "string",
      eventCategory: "string",
    }, `CloudTrail ${e.eventName}`);
    match(e.eventTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    match(e.eventSource, /^[a-z0-9]+\.amazonaws\.com$/);
    match(e.eventID, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    match(e.awsRegion, /^[a-z]{2}-[a-z]+-\d$/);
    ok(["AwsApiCall", "AwsConsoleSignIn"].includes(e.eventType));
    equal(e.managementEvent, e.eventCategory === "Management");
    const u = e.userIdentity;
    fields(u, { type: "string", principalId: "string", arn: "string", accountId: "string" }, "userIdentity");
    match(u.arn, /^arn:aws:(iam|sts)::123456789012:(user|assumed-role)\//);
    if (u.type === "AssumedRole") {
      match(u.sessionContext.sessionIssuer.arn, /^arn:aws:iam::123456789012:role\//);
      ok(u.principalId.startsWith(u.sessionContext.sessionIssuer.principalId + ":"));
    }
    if ("errorCode" in e) {
      fields(e, { errorCode: "string", errorMessage: "string" }, "error");
      equal(e.responseElements, null);
    }
  }
  const backups = records.filter((e) => e.eventName === "CreateSnapshot");
  equal(backups.length, 6, "six snapshots at 02:00");
  for (const b of backups) {
    equal(b.eventTime, "2024-03-04T02:00:00Z");
    match(b.userIdentity.arn, /assumed-role\/backup-automation\//);
  }
  const file = JSON.parse(r.out("CloudTrail.json"));
  deepEqual(file.Records, records);
});

Deno.test("k8s-audit: audit.k8s.io/v1 Events with the fields the API server writes", async () => {
  const r = await gen("k8s-audit", "k8s-audit.evt", [], 0);
  const events = lines(r.out("audit.log")).map((l) => JSON.parse(l));
  ok(events.length > 15_000, `${events.length} events in a day`);
  const verbs = new Set(["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]);
  const seen = new Set<string>();
  for (const e of events) {
    fields(e, {
      kind: "string",
      apiVersion: "string",
      level: "string",
      auditID: "string",
      stage: "string",
      requestURI: "string",
      verb: "string",
      user: "object",
      sourceIPs: "array",
      userAgent: "string",
      objectRef: "object",
      responseStatus: "object",
      requestReceivedTimestamp: "string",
      stageTimestamp: "string",
      annotations: "object",
    }, "audit event");
    deepEqual([e.kind, e.apiVersion], ["Event", "audit.k8s.io/v1"]);
    ok(["Metadata", "Request", "RequestResponse"].includes(e.level));
    ok(["ResponseComplete", "ResponseStarted"].includes(e.stage));
    ok(verbs.has(e.verb), e.verb);
    match(e.requestURI, /^\/(api|apis)\//);
    fields(e.user, { username: "string", groups: "array" }, "user");
    match(e.requestReceivedTimestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    match(e.stageTimestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    ok(e.stageTimestamp > e.requestReceivedTimestamp, "the stage comes after the request");
    fields(e.objectRef, { resource: "string", apiVersion: "string" }, "objectRef");
    for (const v of Object.values(e.objectRef)) ok(v !== "", "no empty objectRef fields");
    fields(e.responseStatus, { code: "number", metadata: "object" }, "responseStatus");
    const decision = e.annotations["authorization.k8s.io/decision"];
    ok(decision === "allow" || decision === "forbid");
    equal(decision === "forbid", e.responseStatus.code === 403);
    if (e.level !== "Metadata") ok("requestObject" in e);
    seen.add(e.user.username.startsWith("system:") ? "system" : "person");
  }
  deepEqual([...seen].sort(), ["person", "system"]);
});

Deno.test("clickstream: every session is a legal path through the state machine", async () => {
  const r = await gen("clickstream", "clickstream.evt", [], 1500);
  const events = lines(r.stdout).map((l) => JSON.parse(l));
  equal(events.length, 1500);
  const legal: Record<string, string[]> = {
    landing: ["search", "category", "product", "session_end"],
    search: ["product", "search", "session_end"],
    category: ["product", "category", "session_end"],
    product: ["add_to_cart", "product", "category", "search", "session_end"],
    add_to_cart: ["checkout", "product", "session_end"],
    checkout: ["purchase", "session_end"],
    purchase: ["session_end"],
    session_end: ["landing"],
  };
  const names: Record<string, string> = {
    landing: "Page Viewed",
    search: "Products Searched",
    category: "Product List Viewed",
    product: "Product Viewed",
    add_to_cart: "Product Added",
    checkout: "Checkout Started",
    purchase: "Order Completed",
    session_end: "Session Ended",
  };
  equal(events[0].step, "landing");
  const sessions = new Set<string>();
  let prev: Record<string, unknown> | undefined;
  let purchases = 0;
  for (const e of events) {
    fields(e, {
      ts: "string",
      step: "string",
      event: "string",
      session_id: "string",
      seq: "number",
      user_id: "string|null",
      anonymous_id: "string",
      device: "string",
    }, "click");
    match(e.ts, ISO);
    equal(e.event, names[e.step], `event name of ${e.step}`);
    if (prev) {
      ok(legal[prev.step as string]!.includes(e.step), `illegal transition ${prev.step} → ${e.step}`);
      if (e.step === "landing") {
        ok(!sessions.has(e.session_id), "a new session id");
        equal(e.seq, 1);
      } else {
        equal(e.session_id, prev.session_id, "one session until session_end");
        equal(e.seq, (prev.seq as number) + 1);
        equal(e.anonymous_id, prev.anonymous_id);
        ok(e.ts >= (prev.ts as string), "in time order");
      }
    }
    sessions.add(e.session_id);
    if (e.step === "add_to_cart") equal(e.product.sku, (prev!.product as { sku: string }).sku, "adds what was viewed");
    if (e.step === "purchase") {
      purchases++;
      match(e.order_id, /^ORD-\d+$/);
      ok(e.products.length > 0 && e.value > 0);
    }
    if (e.step === "session_end") {
      equal(e.events, e.seq);
      equal(e.converted, prev!.step === "purchase");
    }
    prev = e;
  }
  ok(sessions.size > 100, `${sessions.size} sessions`);
  ok(purchases > 0, "someone buys");
});

Deno.test("iot-sensors: a week of readings with a daily cycle and the drifting sensors drifting", async () => {
  const r = await gen("iot-sensors", "iot-sensors.evt", [], 0);
  const readings = lines(r.out("metrics.jsonl")).map((l) => JSON.parse(l));
  equal(readings.length, 8 * 2016);
  const seq = new Map<string, number>();
  const byDevice = new Map<string, { hour: number; day: number; t: number }[]>();
  const start = Date.parse(NOW);
  for (const e of readings) {
    fields(e, {
      ts: "string",
      device_id: "string",
      site: "string",
      seq: "number",
      temperature_c: "number",
      humidity_pct: "number",
      battery_pct: "number",
      rssi_dbm: "number",
      status: "string",
    }, "reading");
    match(e.ts, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    equal(e.seq, (seq.get(e.device_id) ?? 0) + 1, "per-device sequence");
    seq.set(e.device_id, e.seq);
    ok(e.humidity_pct >= 5 && e.humidity_pct <= 100);
    ok(e.battery_pct > 0 && e.battery_pct <= 100);
    ok(["ok", "glitch"].includes(e.status));
    if (e.status === "glitch") continue;
    const t = Date.parse(e.ts);
    const list = byDevice.get(e.device_id) ?? [];
    list.push({ hour: Number(e.ts.slice(11, 13)), day: Math.floor((t - start) / 86_400_000), t: e.temperature_c });
    byDevice.set(e.device_id, list);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  // The daily cycle: the yard is warmer in the afternoon than before dawn.
  const yard = byDevice.get("yard-01")!;
  const afternoon = mean(yard.filter((x) => x.hour >= 13 && x.hour < 17).map((x) => x.t));
  const night = mean(yard.filter((x) => x.hour >= 1 && x.hour < 5).map((x) => x.t));
  ok(afternoon - night > 8, `afternoon ${afternoon} vs night ${night}`);
  // Drift: gh1-air-02 gains about 0.35 °C a day, its neighbour gh1-air-01 does not.
  const shift = (id: string) => {
    const xs = byDevice.get(id)!;
    return mean(xs.filter((x) => x.day === 6).map((x) => x.t)) - mean(xs.filter((x) => x.day === 0).map((x) => x.t));
  };
  ok(shift("gh1-air-02") > 1.5, `gh1-air-02 drifted ${shift("gh1-air-02")}`);
  ok(Math.abs(shift("gh1-air-01")) < 0.5, `gh1-air-01 moved ${shift("gh1-air-01")}`);
  ok(shift("gh2-air-01") < -0.8, `gh2-air-01 drifted ${shift("gh2-air-01")}`);
});

// ── syslog and Kafka: into the servers the output tests use ─────────────────────

Deno.test("cef-firewall: the stdout twin prints CEF that parses", async () => {
  const r = await gen("cef-firewall", "cef-firewall.stdout.evt");
  const rows = lines(r.stdout);
  equal(rows.length, COUNT);
  checkCef(rows);
});

Deno.test({
  name: "cef-firewall: CEF over RFC 5424 syslog reaches rsyslog, the same messages as the stdout twin",
  ignore: !rsyslogBin(),
  async fn() {
    const s = (await startRsyslog())!;
    try {
      const r = await gen("cef-firewall", "cef-firewall.evt", [
        "-p",
        `port=${s.tcpPort}`,
        `--allow-net=127.0.0.1:${s.tcpPort}`,
      ]);
      const end = Date.now() + 10_000;
      while (s.lines().length < COUNT && Date.now() < end) await new Promise((res) => setTimeout(res, 50));
      const got = s.lines();
      equal(got.length, COUNT, r.stderr);
      for (const l of got) {
        equal(l.pri, 23 * 8 + 5, "local7.notice");
        deepEqual([l.hostname, l.app], ["fw-edge-1", "FortiGate"]);
        match(l.raw, /^<189>1 2024-03-0[45]T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00 fw-edge-1 FortiGate - - - CEF:0\|/);
      }
      const msgs = got.map((l) => l.msg.trimStart());
      checkCef(msgs);
      const twin = await gen("cef-firewall", "cef-firewall.stdout.evt");
      deepEqual(msgs, lines(twin.stdout));
    } finally {
      await s.close();
    }
  },
});

Deno.test("orders-kafka: the stdout twin keeps order → payment → shipment in causal order", async () => {
  const r = await gen("orders-kafka", "orders-kafka.stdout.evt", [], 600);
  const events = lines(r.stdout).map((l) => JSON.parse(l));
  equal(events.length, 600);
  checkOrders(events);
});

Deno.test("orders-kafka: messages reach the Kafka stand-in on three topics, keyed by order id", async () => {
  const k = await startKafka({ partitions: 3 });
  try {
    await gen("orders-kafka", "orders-kafka.evt", ["-p", `broker=${k.broker}`, `--allow-net=${k.broker}`]);
    equal(k.messages.length, COUNT);
    const values = k.messages.map((m) => JSON.parse(m.value as string));
    for (const [i, m] of k.messages.entries()) {
      const v = values[i];
      equal(m.topic, `shop.${v.kind}s`);
      equal(m.key, v.order_id);
      equal(m.compression, 1, "gzip");
      equal(m.timestamp, Date.parse(v.ts), "the message time is the event's");
    }
    const twin = lines((await gen("orders-kafka", "orders-kafka.stdout.evt")).stdout).map((l) => JSON.parse(l));
    const byId = (xs: { event_id: string }[]) => [...xs].sort((a, b) => a.event_id.localeCompare(b.event_id));
    deepEqual(byId(values), byId(twin));
    checkOrders(twin);
    // Keyed by order id, the three topics are co-partitioned: an order's events share a partition number, and
    // each topic's partition keeps them in the order they were made.
    const partitionOf = new Map<string, number>();
    const index = new Map(twin.map((e, i) => [e.event_id, i]));
    for (const m of k.messages) {
      const p = partitionOf.get(m.key as string) ?? m.partition;
      equal(m.partition, p, `${m.key} on one partition number`);
      partitionOf.set(m.key as string, p);
    }
    for (const topic of ["shop.orders", "shop.payments", "shop.shipments"]) {
      for (let p = 0; p < 3; p++) {
        const part = k.messages.filter((m) => m.topic === topic && m.partition === p);
        const order = part.map((m) => index.get(JSON.parse(m.value as string).event_id)!);
        deepEqual(order, [...order].sort((a, b) => a - b), `${topic}/${p} in order`);
      }
    }
  } finally {
    await k.close();
  }
});

// ── reproducibility ─────────────────────────────────────────────────────────

Deno.test("every gallery scenario makes the same output twice with the same seed, and other output with another", async () => {
  const outputs = async (name: string, file: string, seed: string) => {
    const dir = copyScenario(name);
    const r = await eventum(["gen", `${dir}/${file}`, "-q", "--seed", seed, "--now", NOW, "--count", "50"]);
    equal(r.code, 0, r.stderr);
    let text = r.stdout;
    try {
      for (const e of [...Deno.readDirSync(`${dir}/out`)].sort((a, b) => a.name.localeCompare(b.name))) {
        text += `\n== ${e.name}\n${Deno.readTextFileSync(`${dir}/out/${e.name}`)}`;
      }
    } catch {
      // no out/ folder
    }
    ok(text.trim().length > 0, `${name}/${file} made nothing`);
    return text;
  };
  for (const name of SCENARIOS) {
    // The network scenarios are compared through their stdout twins (the same generator, see above).
    const file = [...Deno.readDirSync(`${GALLERY}/${name}`)].some((e) => e.name === `${name}.stdout.evt`)
      ? `${name}.stdout.evt`
      : `${name}.evt`;
    const a = await outputs(name, file, "11");
    const b = await outputs(name, file, "11");
    equal(a, b, `${name}: same seed, same output`);
    notDeepEqual(await outputs(name, file, "12"), a, `${name}: another seed, other output`);
  }
});
