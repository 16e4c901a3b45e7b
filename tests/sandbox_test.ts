/**
 * Templates are code: even a template that escapes Nunjucks into plain
 * JavaScript (through `"".constructor.constructor`) runs inside the engine
 * Worker, whose permissions are exactly the grants. Each test also runs the
 * same scenario with the grant, to show the test can tell the difference.
 */
import { equal, match } from "node:assert/strict";
import { eventum } from "./_cli.ts";

/** Writes a scenario whose single template renders `body`, into a fresh folder. */
function scenario(body: string, extra = ""): { dir: string; file: string } {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-sandbox-" });
  const file = `${dir}/s.evt`;
  Deno.writeTextFileSync(
    file,
    `generator "escape" {
  ${extra}
  input static { count 1 }
  event template {
    template probe """
      ${body}
    """
  }
  output stdout
}
`,
  );
  return { dir, file };
}

/** Nunjucks' way out to plain JavaScript. */
function js(code: string): string {
  return `{{ "".constructor.constructor(${JSON.stringify(code)})() }}`;
}

Deno.test("a template cannot run a command that was not granted", async () => {
  for (const body of ["{{ subprocess.run('id', True) }}", js("return new Deno.Command('id').outputSync().code")]) {
    const { file } = scenario(body);
    const denied = await eventum(["gen", file]);
    equal(denied.code, 1, body);
    equal(denied.stdout, "");
    match(denied.stderr, /Template `probe`/);
    match(denied.stderr, /id/);
    const granted = await eventum(["gen", file, "--allow-run=id"]);
    equal(granted.code, 0, granted.stderr);
    match(granted.stdout, /uid=|^0$/m);
  }
});

Deno.test("a template cannot read a file outside its folder that was not granted", async () => {
  const secret = Deno.makeTempFileSync({ prefix: "eventum-secret-" });
  Deno.writeTextFileSync(secret, "TOP-SECRET");
  for (const body of [`{% include "${secret}" %}`, js(`return Deno.readTextFileSync(${JSON.stringify(secret)})`)]) {
    const { file } = scenario(body);
    const denied = await eventum(["gen", file]);
    equal(denied.code, 1, body);
    equal(denied.stdout, "");
    match(denied.stderr, /Template `probe`/);
    match(denied.stderr, new RegExp(`${secret.replaceAll("/", "\\/")}`));
    const granted = await eventum(["gen", file, `--allow-read=${secret}`]);
    equal(granted.code, 0, granted.stderr);
    equal(granted.stdout.trim(), "TOP-SECRET");
  }
});

Deno.test("a template cannot read an environment variable that was not granted", async () => {
  const { file } = scenario(js("return Deno.env.get('EVENTUM_PROBE')"));
  const env = { EVENTUM_PROBE: "leaked" };
  const denied = await eventum(["gen", file], { env });
  equal(denied.code, 1);
  equal(denied.stdout, "");
  match(denied.stderr, /Template `probe`/);
  match(denied.stderr, /EVENTUM_PROBE/);
  const granted = await eventum(["gen", file, "--allow-env=EVENTUM_PROBE"], { env });
  equal(granted.code, 0, granted.stderr);
  equal(granted.stdout.trim(), "leaked");
});

Deno.test("a template cannot open a connection that was not granted", async () => {
  let connections = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    connections++;
    return new Response("hi");
  });
  const { port } = server.addr;
  try {
    // The first event starts a request; the second, 300 ms later in live
    // mode, prints how it ended.
    const code = `return globalThis.__probe ?? (fetch("http://127.0.0.1:${port}/")
      .then((r) => r.text()).then((t) => globalThis.__probe = "answered " + t, (e) => globalThis.__probe = e.name), "started")`;
    const { file } = scenario(js(code), "mode live\n  skip_past false");
    Deno.writeTextFileSync(
      file,
      Deno.readTextFileSync(file).replace("input static { count 1 }", "input timer { every 300ms; repeat 2 }"),
    );
    const denied = await eventum(["gen", file]);
    equal(denied.stdout, "started\nNotCapable\n", denied.stderr);
    equal(connections, 0);
    const granted = await eventum(["gen", file, `--allow-net=127.0.0.1:${port}`]);
    equal(granted.code, 0, granted.stderr);
    equal(granted.stdout, "started\nanswered hi\n");
    equal(connections, 1);
  } finally {
    await server.shutdown();
  }
});
