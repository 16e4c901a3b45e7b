/**
 * Delivery as a user meets it: --fail-on, --report, and Ctrl-C twice while
 * an output is down (the second gives up writing and dead-letters the rest).
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { eventum, ROOT } from "./_cli.ts";
import { freePort } from "./_servers/_daemon.ts";

function scenario(output: string, count = 20): { dir: string; file: string } {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-delivery-" });
  Deno.writeTextFileSync(
    `${dir}/s.evt`,
    `generator "d" {
  input static { count ${count} }
  event template { template t """{"seq": {{ shared.incr('seq') }}}""" }
  ${output}
}
`,
  );
  return { dir, file: `${dir}/s.evt` };
}

Deno.test("an output that is down dead-letters after its retries; --fail-on failed makes that exit 1", async () => {
  const port = freePort();
  const { dir, file } = scenario(
    `output http "http://127.0.0.1:${port}/in" { retries 2; backoff { initial 5ms; max 10ms }; dead_letter "dead.jsonl" }`,
  );
  const grant = `--allow-net=127.0.0.1:${port}`;
  const lenient = await eventum(["gen", file, grant, "--report", `${dir}/run.json`]);
  equal(lenient.code, 0, lenient.stderr);
  match(lenient.stderr, /20 dead-lettered/);
  const report = JSON.parse(Deno.readTextFileSync(`${dir}/run.json`));
  const out = report.generators[0].outputs[0];
  deepEqual([out.generated, out.written, out.dead_lettered, out.dropped], [20, 0, 20, 0]);
  const dead = Deno.readTextFileSync(`${dir}/dead.jsonl`).trim().split("\n").map((l) => JSON.parse(l));
  deepEqual(dead.map((d) => JSON.parse(d.record).seq), Array.from({ length: 20 }, (_, i) => i + 1));
  match(dead[0].error, /gave up after 3 attempts/);
  const strict = await eventum(["gen", file, grant, "--fail-on", "failed"]);
  equal(strict.code, 1);
});

Deno.test("Ctrl-C twice while an output is down: the second dead-letters what is left and exits 130", async () => {
  // The run is up once the output first tries to deliver: a listener that hangs up on every connection tells when.
  // It listens before the run starts, on a port of its own (a port found free and bound later can be taken meanwhile).
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  const { dir, file } = scenario(
    `mode live
  output http "http://127.0.0.1:${port}/in" { retries 100; backoff { initial 1s; max 1s }; dead_letter "dead.jsonl" }`,
    5,
  );
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--unstable-worker-options",
      `${ROOT}cli/main.ts`,
      "gen",
      file,
      `--allow-net=127.0.0.1:${port}`,
    ],
    stdout: "null",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const stderr = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let up: () => void = () => {};
  const tried = new Promise<void>((resolve) => up = resolve);
  const hangUp = (async () => {
    for await (const conn of listener) {
      conn.close();
      up();
    }
  })();
  await tried;
  child.kill("SIGINT");
  await new Promise((r) => setTimeout(r, 300));
  child.kill("SIGINT");
  let text = "";
  for (;;) {
    const { value, done } = await stderr.read();
    if (done) break;
    text += value;
  }
  const status = await child.status;
  listener.close();
  await hangUp.catch(() => {});
  equal(status.code, 130, text);
  const dead = Deno.readTextFileSync(`${dir}/dead.jsonl`).trim().split("\n").map((l) => JSON.parse(l));
  equal(dead.length, 5);
  match(dead[0].error, /the run was stopped/);
});
