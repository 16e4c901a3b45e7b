/**
 * The bundled scenarios run exactly as their comments say.
 */
import { deepEqual, equal, match, notEqual } from "node:assert/strict";
import { eventum, lines, ROOT } from "./_cli.ts";

Deno.test("hello.evt prints five lines, userID 1 to 5", async () => {
  const r = await eventum(["gen", "samples/hello.evt"]);
  equal(r.code, 0, r.stderr);
  deepEqual(lines(r.stdout), [1, 2, 3, 4, 5].map((n) => `{"userID":${n}}`));
  match(r.stderr, /5 events generated, 5 written, 0 failed/);
});

Deno.test("samples.evt prints three CSV rows, the same ones again with the same seed", async () => {
  const a = await eventum(["gen", "samples/samples.evt", "--seed", "7"]);
  const b = await eventum(["gen", "samples/samples.evt", "--seed", "7"]);
  equal(a.code, 0, a.stderr);
  const rows = lines(a.stdout);
  equal(rows.length, 3);
  const csv = Deno.readTextFileSync(`${ROOT}samples/computers.csv`).trim().split("\n").map((l) => l.split(","));
  for (const row of rows) {
    const e = JSON.parse(row);
    const found = csv.find(([h]) => h === e.hostname);
    notEqual(found, undefined, row);
    deepEqual(e, { sampleRow: `('${found![0]}', '${found![1]}')`, hostname: found![0], ip: found![1] });
  }
  equal(b.stdout, a.stdout);
});

Deno.test("samples.evt with another seed picks differently somewhere", async () => {
  const outs = new Set<string>();
  for (const seed of ["1", "2", "3"]) outs.add((await eventum(["gen", "samples/samples.evt", "--seed", seed])).stdout);
  notEqual(outs.size, 1);
});

Deno.test("whoami.evt stops before any event and names the flag", async () => {
  const r = await eventum(["gen", "samples/whoami.evt"]);
  equal(r.code, 1);
  equal(r.stdout, "");
  match(r.stderr, /EVT3001/);
  match(r.stderr, /--allow-run=whoami/);
});

Deno.test("whoami.evt with --allow-run=whoami prints the user's name", async () => {
  const r = await eventum(["gen", "samples/whoami.evt", "--allow-run=whoami"]);
  equal(r.code, 0, r.stderr);
  const who = new TextDecoder().decode(new Deno.Command("whoami").outputSync().stdout).trim();
  const name = who.charAt(0).toUpperCase() + who.slice(1).toLowerCase();
  deepEqual(lines(r.stdout), [`{"name":"Shell says, that I'm ${name}"}`]);
});

Deno.test("every bundled scenario passes check", async () => {
  const files = [...Deno.readDirSync(`${ROOT}samples`)].filter((e) => e.name.endsWith(".evt")).map((e) =>
    `samples/${e.name}`
  );
  const r = await eventum(["check", ...files]);
  equal(r.code, 0, r.stderr);
  match(r.stderr, /checked: no problems/);
});

/** Copies the bundled samples to a fresh folder, so runs do not write into the repository. */
function samplesCopy(): string {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-samples-" });
  const copy = (from: string, to: string) => {
    for (const e of Deno.readDirSync(from)) {
      if (e.isDirectory) {
        if (e.name === "out") continue;
        Deno.mkdirSync(`${to}/${e.name}`);
        copy(`${from}/${e.name}`, `${to}/${e.name}`);
      } else Deno.copyFileSync(`${from}/${e.name}`, `${to}/${e.name}`);
    }
  };
  copy(`${ROOT}samples`, dir);
  return dir;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

Deno.test("web-traffic.evt writes a week shaped like working days, reproducibly", async () => {
  const dir = samplesCopy();
  const r = await eventum(["gen", `${dir}/web-traffic.evt`, "-q"]);
  equal(r.code, 0, r.stderr);
  const text = Deno.readTextFileSync(`${dir}/out/access.log`);
  const rows = lines(text);
  const perDay = new Map<string, number>();
  const perHour = new Map<string, number[]>();
  let prev = -Infinity;
  for (const row of rows) {
    const m = /\[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\]/.exec(row);
    if (!m) throw new Error(`not an access log line: ${row}`);
    const [, d, mon, y, hh, mm, ss, off] = m as unknown as string[];
    const iso = `${y}-${String(MONTHS.indexOf(mon!) + 1).padStart(2, "0")}-${d}T${hh}:${mm}:${ss}${off!.slice(0, 3)}:${
      off!.slice(3)
    }`;
    const t = Date.parse(iso);
    if (t < prev) throw new Error(`out of order at ${row}`);
    prev = t;
    const day = `${y}-${mon}-${d}`;
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    const hours = perHour.get(day) ?? new Array(24).fill(0);
    hours[Number(hh)]++;
    perHour.set(day, hours);
  }
  equal(perDay.size, 7);
  for (const [day, n] of perDay) {
    if (n < 48_000 * 0.85 || n > 48_000 * 1.15) throw new Error(`${day}: ${n} lines`);
    const hours = perHour.get(day) as number[];
    const busiest = hours.indexOf(Math.max(...hours));
    if (busiest < 12 || busiest > 18) throw new Error(`${day}: busiest at ${busiest}:00`);
  }
  const again = await eventum(["gen", `${dir}/web-traffic.evt`, "-q"]);
  equal(again.code, 0);
  equal(Deno.readTextFileSync(`${dir}/out/access.log`), text);
});

Deno.test("heartbeat.evt prints one event a second, each at its second", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", `${ROOT}cli/main.ts`, "gen", `${ROOT}samples/heartbeat.evt`],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  const got: { seq: number; ts: number; at: number }[] = [];
  while (got.length < 3) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const e = JSON.parse(buf.slice(0, i));
      buf = buf.slice(i + 1);
      got.push({ seq: e.seq, ts: Date.parse(e.ts), at: Date.now() });
    }
  }
  child.kill("SIGINT");
  await reader.cancel();
  await child.status;
  await child.stderr.cancel();
  deepEqual(got.map((g) => g.seq), [1, 2, 3]);
  equal(got[1]!.ts - got[0]!.ts, 1000);
  equal(got[2]!.ts - got[1]!.ts, 1000);
  // No line arrives before its second (precision is measured by the benchmark, not here).
  for (const g of got) if (g.at < g.ts) throw new Error(`early: ${JSON.stringify(g)}`);
});

Deno.test("sessions.evt prints 40 lines of whole sessions: login, 3+ actions, logout with the login's id and user", async () => {
  const r = await eventum(["gen", "samples/sessions.evt", "--count", "40"]);
  equal(r.code, 0, r.stderr);
  const events = lines(r.stdout).map((l) => JSON.parse(l));
  equal(events.length, 40);
  let open: { session: string; user: string; actions: number } | undefined;
  let sessions = 0;
  for (const e of events) {
    if (e.event === "login") {
      equal(open, undefined, "a login inside a session");
      open = { session: e.session, user: e.user, actions: 0 };
    } else if (e.event === "action") {
      equal(e.session, open?.session);
      equal(e.n, open!.actions += 1);
    } else {
      equal(e.event, "logout");
      deepEqual([e.session, e.user], [open?.session, open?.user]);
      if (open!.actions < 3) throw new Error(`only ${open!.actions} actions`);
      open = undefined;
      sessions++;
    }
  }
  if (sessions < 3) throw new Error(`only ${sessions} whole sessions`);
});

Deno.test("render shows steps and the state after each", async () => {
  const r = await eventum(["render", "samples/sessions.evt", "-n", "2", "--state", "--json"]);
  equal(r.code, 0, r.stderr);
  const steps = JSON.parse(r.stdout);
  equal(steps.length, 2);
  equal(steps[0].events[0].source, "login");
  equal(steps[1].events[0].source, "action");
  equal(steps[1].state.shared.actions, 1);
  const one = await eventum([
    "render",
    "samples/sessions.evt",
    "-t",
    "logout",
    "-n",
    "1",
    "--at",
    "2024-05-01T00:00:00Z",
  ]);
  equal(one.code, 0, one.stderr);
  match(one.stdout, /step 1 · 2024-05-01T00:00:00\+00:00/);
  match(one.stdout, /"event": "logout"/);
  const bad = await eventum(["render", "samples/sessions.evt", "-t", "logut"]);
  equal(bad.code, 1);
  match(bad.stderr, /No template named `logut` \(did you mean `logout`\?\)/);
});
