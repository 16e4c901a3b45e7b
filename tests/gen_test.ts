/**
 * `eventum gen`, `check` and `compile` as a user runs them.
 */
import { deepEqual, equal, match, notEqual } from "node:assert/strict";
import { eventum, lines, ROOT } from "./_cli.ts";

function tempScenario(text: string, files: Record<string, string> = {}): { dir: string; file: string } {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-gen-" });
  Deno.writeTextFileSync(`${dir}/s.evt`, text);
  for (const [name, body] of Object.entries(files)) Deno.writeTextFileSync(`${dir}/${name}`, body);
  return { dir, file: `${dir}/s.evt` };
}

const COUNTER = `generator "c" {
  param prefix = "n"
  input timer { every 1s; start 2024-01-01T00:00:00Z }
  event template {
    template t """{"{{ params.prefix }}": {{ shared.incr('n') }}, "ts": "{{ timestamp.isoformat() }}"}"""
  }
  output stdout { format json }
}
`;

Deno.test("--count bounds an endless input; without it sample mode refuses to start", async () => {
  const { file } = tempScenario(COUNTER);
  const r = await eventum(["gen", file, "--count", "3"]);
  equal(r.code, 0, r.stderr);
  deepEqual(lines(r.stdout), [
    '{"n":1,"ts":"2024-01-01T00:00:00+00:00"}',
    '{"n":2,"ts":"2024-01-01T00:00:01+00:00"}',
    '{"n":3,"ts":"2024-01-01T00:00:02+00:00"}',
  ]);
  const endless = await eventum(["gen", file]);
  equal(endless.code, 1);
  match(endless.stderr, /never ends in sample mode/);
  match(endless.stderr, /--count/);
});

Deno.test("--until stops at a time", async () => {
  const { file } = tempScenario(COUNTER);
  const r = await eventum(["gen", file, "--until", "2024-01-01T00:00:02Z"]);
  equal(r.code, 0, r.stderr);
  equal(lines(r.stdout).length, 2);
});

Deno.test("-p overrides a param, and an unknown -p is an error", async () => {
  const { file } = tempScenario(COUNTER);
  const r = await eventum(["gen", file, "-n", "1", "-p", "prefix=seq"]);
  equal(r.code, 0, r.stderr);
  deepEqual(lines(r.stdout), ['{"seq":1,"ts":"2024-01-01T00:00:00+00:00"}']);
  const bad = await eventum(["gen", file, "-n", "1", "-p", "prefx=seq"]);
  equal(bad.code, 1);
  match(bad.stderr, /unknown param `prefx`/);
});

Deno.test("the same seed gives byte-identical files; another seed does not", async () => {
  const { dir, file } = tempScenario(
    Deno.readTextFileSync(`${ROOT}samples/sessions.evt`).replace(
      "output stdout { format json }",
      'output file "out/s.jsonl" { format json; write_mode overwrite }',
    ),
  );
  const read = () => Deno.readTextFileSync(`${dir}/out/s.jsonl`);
  equal((await eventum(["gen", file, "-q"])).code, 0);
  const first = read();
  equal((await eventum(["gen", file, "-q"])).code, 0);
  equal(read(), first);
  equal(lines(first).length, 1000);
  equal((await eventum(["gen", file, "-q", "-p", "x=1"])).code, 1);
  const other = tempScenario(Deno.readTextFileSync(file).replace("seed 3", "seed 4"));
  await eventum(["gen", other.file, "-q"]);
  notEqual(Deno.readTextFileSync(`${other.dir}/out/s.jsonl`), first);
});

Deno.test("file output starts afresh by default and appends when asked", async () => {
  const text = (mode: string) =>
    `generator "f" {
  input static { count 2 }
  event template { template t """line""" }
  output file "out/f.log" { ${mode} }
}`;
  const { dir, file } = tempScenario(text(""));
  await eventum(["gen", file, "-q"]);
  await eventum(["gen", file, "-q"]);
  equal(Deno.readTextFileSync(`${dir}/out/f.log`), "line\n".repeat(2));
  Deno.writeTextFileSync(file, text("write_mode append"));
  await eventum(["gen", file, "-q"]);
  equal(Deno.readTextFileSync(`${dir}/out/f.log`), "line\n".repeat(4));
});

Deno.test("an event that is not JSON is counted as failed, named, and not written", async () => {
  const { file } = tempScenario(`generator "j" {
  input static { count 4 }
  event template {
    pick spin
    template good """{"ok": true}"""
    template bad """{ok: true}"""
  }
  output stdout { format json }
}`);
  const r = await eventum(["gen", file]);
  equal(r.code, 1);
  deepEqual(lines(r.stdout), ['{"ok":true}', '{"ok":true}']);
  match(r.stderr, /EVT4003 Event from template `bad` is not valid JSON/);
  match(r.stderr, /4 events generated, 2 written, 2 failed/);
});

Deno.test("a template error names the template and the scenario line", async () => {
  const { file } = tempScenario(`generator "e" {
  input static { count 1 }
  event template {
    template broken """
      {"a": 1,
       "b": {{ nothing.here() }}}
    """
  }
  output stdout
}`);
  const r = await eventum(["gen", file]);
  equal(r.code, 1);
  equal(r.stdout, "");
  match(r.stderr, /EVT4001 Template `broken` failed at .*s\.evt:6:\d+: cannot call `nothing\.here`: it is undefined/);
});

Deno.test("on_error skip counts failed events and goes on", async () => {
  const { file } = tempScenario(`generator "e" {
  input static { count 3 }
  event template {
    on_error skip
    template broken """{{ nothing.here() }}"""
  }
  output stdout
}`);
  const r = await eventum(["gen", file]);
  equal(r.code, 1);
  match(r.stderr, /3 events generated, 0 written, 3 failed/);
});

Deno.test("usage mistakes exit 2 with a pointer to --help", async () => {
  for (const args of [["gen"], ["gen", "x.evt", "--bogus"], ["gen", "x.evt", "--count", "many"], ["frobnicate"]]) {
    const r = await eventum(args);
    equal(r.code, 2, args.join(" "));
    match(r.stderr, /--help|eventum --help/);
  }
});

Deno.test("every command has --help", async () => {
  for (const cmd of ["gen", "check", "compile"]) {
    const r = await eventum([cmd, "--help"]);
    equal(r.code, 0);
    match(r.stdout, new RegExp(`Usage: eventum ${cmd}`));
  }
  const top = await eventum(["--help"]);
  match(top.stdout, /Commands:/);
  const version = await eventum(["--version"]);
  match(version.stdout, /^eventum \d+\.\d+\.\d+ \((development build|[0-9a-f]+.*)\)\ndeno /);
});

Deno.test("a missing scenario file is a clear error", async () => {
  const r = await eventum(["gen", "no/such.evt"]);
  equal(r.code, 1);
  match(r.stderr, /cannot read scenario `no\/such\.evt`: file not found/);
});

Deno.test("check is silent but for a summary when clean, and lists every error otherwise", async () => {
  const ok = await eventum(["check", "samples/hello.evt"]);
  equal(ok.code, 0);
  equal(ok.stderr.trim(), "1 file checked: no problems");
  const { file } = tempScenario(`generator "x" {
  input statik { count 1 }
  event template { template t """x""" }
  output stdout { fromat json }
}`);
  const bad = await eventum(["check", file]);
  equal(bad.code, 1);
  match(bad.stderr, /error EVT2002 unknown input plugin `statik`/);
  match(bad.stderr, /did you mean `static`\?/);
  match(bad.stderr, /error EVT2003 unknown option `fromat` for output `stdout`/);
  match(bad.stderr, /2 errors in 1 file/);
});

Deno.test("compile --graph prints the engine graph", async () => {
  const r = await eventum(["compile", "--graph", "samples/hello.evt"]);
  equal(r.code, 0, r.stderr);
  const graph = JSON.parse(r.stdout);
  equal(graph.version, 1);
  equal(graph.generators[0].name, "hello");
  deepEqual(graph.generators[0].inputs[0], {
    plugin: "linspace",
    options: { start: "2024-01-01T00:00:00Z", end: "2024-01-01T00:00:04Z", count: 5, endpoint: true },
    tags: [],
  });
  deepEqual(graph.generators[0].outputs[0].format, { plugin: "json", options: { indent: 0 } });
});

Deno.test("Ctrl-C in live mode flushes, prints the counters and exits 130", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", `${ROOT}cli/main.ts`, "gen", `${ROOT}samples/heartbeat.evt`],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const reader = child.stdout.getReader();
  const first = await reader.read();
  match(new TextDecoder().decode(first.value), /"seq":1/);
  child.kill("SIGINT");
  let rest = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    rest += new TextDecoder().decode(value);
  }
  const status = await child.status;
  const stderr = new TextDecoder().decode(await new Response(child.stderr).arrayBuffer());
  equal(status.code, 130);
  match(stderr, /\d+ events? generated, \d+ written, 0 failed/);
  void rest;
});

// Costly events with no state: long enough a run that render workers join in.
const HEAVY = `generator "h" {
  seed 3
  input linspace { start 2024-01-01T00:00:00Z; end +1d; count 100000 }
  event template {
    template t """{{ timestamp.isoformat() }} {{ module.rand.string.letters(1000) }} {{ module.rand.crypto.uuid4() }}"""
  }
  output file "out.log"
}
`;

Deno.test("--threads renders costly stateless events on several threads, byte for byte as one thread does", async () => {
  const { dir, file } = tempScenario(HEAVY);
  const one = await eventum(["gen", file, "--threads", "1"]);
  equal(one.code, 0, one.stderr);
  const single = Deno.readTextFileSync(`${dir}/out.log`);
  const two = await eventum(["gen", file, "--threads", "2"]);
  equal(two.code, 0, two.stderr);
  match(two.stderr, /100,000 written.* on 2 threads/);
  equal(Deno.readTextFileSync(`${dir}/out.log`), single);
  equal(lines(single).length, 100000);
});

Deno.test("--threads: a failure stops the run with the failure one thread reports, after the same events", async () => {
  const broken = HEAVY.replace("uuid4() }}", "uuid4() }}{% if timestamp.hour == 20 %}{{ nope() }}{% endif %}");
  const { dir, file } = tempScenario(broken);
  const one = await eventum(["gen", file, "--threads", "1"]);
  const written = Deno.readTextFileSync(`${dir}/out.log`);
  const two = await eventum(["gen", file, "--threads", "2"]);
  equal(two.code, 1);
  equal(
    two.stderr,
    one.stderr.replace(/in [\d.]+s, [\d,]+\/s/, (m) => two.stderr.match(/in [\d.]+s, [\d,]+\/s/)?.[0] ?? m),
  );
  match(two.stderr, /cannot call `nope`/);
  equal(Deno.readTextFileSync(`${dir}/out.log`), written);
});

Deno.test("--threads takes a whole number of 1 or more", async () => {
  const { file } = tempScenario(HEAVY);
  equal((await eventum(["gen", file, "--threads", "0"])).code, 2);
  equal((await eventum(["gen", file, "--threads", "x"])).code, 2);
});
