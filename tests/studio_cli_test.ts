/**
 * `eventum studio` as a user runs it: a separate process that prints its
 * address, answers API calls with the token, and stops on Ctrl-C.
 */
import { equal, match, ok } from "node:assert/strict";
import { eventum, ROOT, studioAddress as addressOf } from "./_cli.ts";

Deno.test("eventum studio serves the API with its token and stops on Ctrl-C", async () => {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/a.evt`, "");
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "--unstable-worker-options",
      "--quiet",
      `--config=${ROOT}deno.json`,
      `${ROOT}cli/main.ts`,
      "studio",
      dir,
      "--port",
      "0",
    ],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  try {
    const { url, rest } = await addressOf(child.stdout);
    const address = new URL(url);
    equal(address.hostname, "127.0.0.1");
    const token = address.searchParams.get("token") ?? "";
    match(token, /^[A-Za-z0-9_-]{32}$/);

    const files = await fetch(new URL("/api/files", address), { headers: { authorization: `Bearer ${token}` } });
    equal(files.status, 200);
    const body = await files.json();
    equal(body.files[0].path, "a.evt");
    const without = await fetch(new URL("/api/files", address));
    equal(without.status, 401);
    await without.body?.cancel();
    const page = await fetch(url);
    equal(page.status, 200);
    await page.body?.cancel();

    child.kill("SIGINT");
    const status = await child.status;
    equal(status.code, 130);
    await rest;
    const err = await stderr;
    ok(!/\bat .*:\d+:\d+/.test(err), err);
    match(err, /Studio stopped/);
  } finally {
    try {
      child.kill("SIGKILL");
    } catch {
      // already ended
    }
  }
});

Deno.test("eventum studio: a port in use is a clear error", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (listener.addr as Deno.NetAddr).port;
    const r = await eventum(["studio", Deno.makeTempDirSync(), "--port", String(port)]);
    equal(r.code, 1);
    match(r.stderr, new RegExp(`Port ${port} is in use`));
    ok(!/\bat .*:\d+:\d+/.test(r.stderr), r.stderr);
  } finally {
    listener.close();
  }
});

Deno.test("eventum studio: a folder that does not exist is a clear error", async () => {
  const r = await eventum(["studio", `${Deno.makeTempDirSync()}/nope`, "--port", "0"]);
  equal(r.code, 1);
  match(r.stderr, /folder `.*nope` does not exist/);
});

Deno.test("eventum studio: a host other machines can reach needs --allow-remote", async () => {
  const r = await eventum(["studio", Deno.makeTempDirSync(), "--host", "0.0.0.0", "--port", "0"]);
  equal(r.code, 2);
  match(r.stderr, /--allow-remote/);
  const help = await eventum(["studio", "--help"]);
  equal(help.code, 0);
  match(help.stdout, /--port N/);
  match(help.stdout, /--open/);
});
