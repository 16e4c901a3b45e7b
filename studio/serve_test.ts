/**
 * Serving the Studio over a real socket: the printed address works, a
 * non-loopback host needs `allowRemote`.
 */
import { equal, match, throws } from "node:assert/strict";
import { serveStudio } from "./serve.ts";
import { ENTRY } from "./_testing.ts";

Deno.test("serveStudio listens on a free port and answers with the token of its address", async () => {
  const root = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${root}/a.evt`, `generator "g" {\n  input static { count 1 }\n}\n`);
  const server = serveStudio({ root, entry: ENTRY, port: 0 });
  try {
    const url = new URL(server.url);
    equal(url.hostname, "127.0.0.1");
    equal(Number(url.port), server.port);
    equal(url.searchParams.get("token"), server.token);
    const page = await fetch(server.url);
    equal(page.status, 200);
    await page.body?.cancel();
    const auth = { authorization: `Bearer ${server.token}` };
    const check = await fetch(new URL("/api/check", url), {
      method: "POST",
      headers: { ...auth, "content-type": "application/json", origin: url.origin },
      body: JSON.stringify({ path: "a.evt" }),
    });
    equal(check.status, 200);
    match(JSON.stringify(await check.json()), /"diagnostics":\[/);
    const local = await fetch(`http://localhost:${server.port}/api/files`, { headers: auth });
    equal(local.status, 200, "localhost names the server too");
    await local.body?.cancel();
    const cross = await fetch(new URL("/api/files", url), { headers: { ...auth, origin: "http://evil.example" } });
    equal(cross.status, 403);
    await cross.body?.cancel();
  } finally {
    await server.shutdown();
  }
});

Deno.test("serveStudio refuses a host other machines reach unless allowed", () => {
  throws(
    () => serveStudio({ root: Deno.makeTempDirSync(), entry: ENTRY, host: "0.0.0.0", port: 0 }),
    /--allow-remote/,
  );
  throws(() => serveStudio({ root: "/nonexistent/studio", entry: ENTRY, port: 0 }), /does not exist/);
});
