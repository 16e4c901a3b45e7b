/**
 * The Studio's guard and file API, through `app.request()`: the token, the
 * `Host` and `Origin` checks, and confinement to the folder.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { ASSETS } from "./assets.gen.ts";
import { createStudioApp, randomToken } from "./app.ts";
import { ENTRY, ORIGIN, PORT, testStudio, TOKEN } from "./_testing.ts";

Deno.test("the page needs the token in its address", async () => {
  const { app } = testStudio();
  const page = await app.request(`${ORIGIN}/?token=${TOKEN}`);
  equal(page.status, 200);
  equal(await page.text(), ASSETS["index.html"]?.body);
  match(page.headers.get("content-security-policy") ?? "", /default-src 'self'/);
  equal(page.headers.get("referrer-policy"), "no-referrer");
  const without = await app.request(`${ORIGIN}/`);
  equal(without.status, 403);
  match(await without.text(), /token/);
  equal((await app.request(`${ORIGIN}/?token=${TOKEN.slice(1)}x`)).status, 403);
});

Deno.test("assets need no token; only known names are served", async () => {
  const { app } = testStudio();
  const js = await app.request(`${ORIGIN}/assets/studio.js`);
  equal(js.status, 200);
  match(js.headers.get("content-type") ?? "", /javascript/);
  equal((await app.request(`${ORIGIN}/assets/index.html`)).status, 404);
  equal((await app.request(`${ORIGIN}/assets/..%2Fapp.ts`)).status, 404);
  equal((await app.request(`${ORIGIN}/assets/toString`)).status, 404);
});

Deno.test("API calls without the right token get 401", async () => {
  const s = testStudio({ "a.evt": "" });
  const none = await s.app.request(`${ORIGIN}/api/files`);
  equal(none.status, 401);
  ok(typeof (await none.json()).error === "string");
  const wrong = await s.call("GET", "/api/files", undefined, { authorization: `Bearer ${randomToken()}` });
  equal(wrong.status, 401);
  const query = await s.app.request(`${ORIGIN}/api/files?token=${TOKEN}`);
  equal(query.status, 401, "the token goes in the header, not the address");
  equal((await s.call("POST", "/api/check", { path: "a.evt", text: "" }, { authorization: "" })).status, 401);
  equal((await s.call("GET", "/api/files")).status, 200);
});

Deno.test("a Host that is not the server's gets 403 (DNS rebinding)", async () => {
  const s = testStudio();
  for (const host of ["evil.example:9474", "127.0.0.1.evil.example:9474", "127.0.0.1:8080", "127.0.0.1", ""]) {
    const res = await s.call("GET", "/api/files", undefined, { host });
    equal(res.status, 403, host);
    ok(typeof (await res.json()).error === "string");
  }
  const page = await s.app.request(`${ORIGIN}/?token=${TOKEN}`, { headers: { host: "evil.example:9474" } });
  equal(page.status, 403, "the page too");
  for (const host of [`localhost:${PORT}`, `127.0.0.1:${PORT}`, `[::1]:${PORT}`, `LOCALHOST:${PORT}`]) {
    equal((await s.call("GET", "/api/files", undefined, { host })).status, 200, host);
  }
});

Deno.test("the --host name is allowed when given", async () => {
  const app = createStudioApp({
    root: Deno.makeTempDirSync(),
    token: TOKEN,
    entry: ENTRY,
    port: PORT,
    hosts: ["studio.lan"],
  });
  const res = await app.request(`http://studio.lan:${PORT}/api/files`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  equal(res.status, 200);
});

Deno.test("an Origin other than the server's own gets 403", async () => {
  const s = testStudio();
  for (const origin of ["http://evil.example", "null", "http://127.0.0.1:8080", "https://127.0.0.1:9474"]) {
    equal((await s.call("GET", "/api/files", undefined, { origin })).status, 403, origin);
  }
  equal((await s.call("GET", "/api/files", undefined, { "sec-fetch-site": "cross-site" })).status, 403);
  equal((await s.call("GET", "/api/files", undefined, { origin: ORIGIN })).status, 200);
});

Deno.test("files: list, read, save, create and rename", async () => {
  const s = testStudio({ "a.evt": "x", "t/page.njk": "{{ 1 }}", ".git/config": "", "node_modules/m/i.js": "" });
  const list = await s.json<{ root: string; files: unknown[] }>("GET", "/api/files");
  equal(list.root, s.root);
  deepEqual(list.files, [
    { path: "a.evt", kind: "file", size: 1 },
    { path: "t", kind: "dir" },
    { path: "t/page.njk", kind: "file", size: 7 },
  ]);
  const read = await s.json<{ text: string; mtime: number }>("GET", "/api/file?path=t/page.njk");
  equal(read.text, "{{ 1 }}");
  ok(read.mtime > 0);
  await s.json("GET", "/api/file?path=missing.evt", undefined, 404);

  const saved = await s.json<{ path: string; mtime: number }>("PUT", "/api/file", {
    path: "new/deep/b.evt",
    text: "y",
  });
  equal(saved.path, "new/deep/b.evt");
  equal(Deno.readTextFileSync(`${s.root}/new/deep/b.evt`), "y");

  await s.json("POST", "/api/file", { path: "c.evt", text: "z" });
  equal(Deno.readTextFileSync(`${s.root}/c.evt`), "z");
  await s.json("POST", "/api/file", { path: "c.evt", text: "other" }, 409);
  equal(Deno.readTextFileSync(`${s.root}/c.evt`), "z", "creating never overwrites");
  await s.json("POST", "/api/file", { path: "empty.evt" });
  equal(Deno.readTextFileSync(`${s.root}/empty.evt`), "");

  deepEqual(await s.json("POST", "/api/rename", { from: "c.evt", to: "d/c2.evt" }), { path: "d/c2.evt" });
  equal(Deno.readTextFileSync(`${s.root}/d/c2.evt`), "z");
  await s.json("POST", "/api/rename", { from: "a.evt", to: "d/c2.evt" }, 409);
  await s.json("POST", "/api/rename", { from: "gone.evt", to: "e.evt" }, 404);
  await s.json("PUT", "/api/file", { path: "x.evt" }, 400);
  await s.json("PUT", "/api/file", "not an object", 400);
  const bad = await s.call("PUT", "/api/file", undefined, { "content-type": "application/json" });
  equal(bad.status, 400);
});

Deno.test("paths with .., absolute paths and NUL bytes are refused", async () => {
  const outside = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${outside}/secret.txt`, "secret");
  const s = testStudio({ "sub/a.evt": "" });
  const paths = ["../secret.txt", "sub/../../secret.txt", "..", `${outside}/secret.txt`, "/etc/passwd", "a\0b", ""];
  for (const p of paths) {
    const read = await s.call("GET", `/api/file?path=${encodeURIComponent(p)}`);
    equal(read.status, 400, p);
    const body = await read.json();
    if (p) match(body.error, /outside the studio folder/);
    equal((await s.call("PUT", "/api/file", { path: p, text: "x" })).status, 400, p);
    equal((await s.call("POST", "/api/file", { path: p, text: "x" })).status, 400, p);
    equal((await s.call("POST", "/api/rename", { from: "sub/a.evt", to: p })).status, 400, p);
    equal((await s.call("POST", "/api/rename", { from: p, to: "b.evt" })).status, 400, p);
    equal((await s.call("POST", "/api/check", { path: p, text: "" })).status, 400, p);
  }
  equal(Deno.readTextFileSync(`${outside}/secret.txt`), "secret");
  deepEqual([...Deno.readDirSync(outside)].map((e) => e.name), ["secret.txt"]);
});

Deno.test("symlinks that lead out of the folder are refused", async () => {
  const outside = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${outside}/secret.txt`, "secret");
  const s = testStudio({ "in.txt": "inside" });
  Deno.symlinkSync(outside, `${s.root}/out`); // a folder link
  Deno.symlinkSync(`${outside}/secret.txt`, `${s.root}/secret-link.txt`); // a file link
  Deno.symlinkSync(`${outside}/not-yet.txt`, `${s.root}/dangling.txt`); // would create a file outside
  Deno.symlinkSync(`${s.root}/in.txt`, `${s.root}/alias.txt`); // stays inside: fine

  for (const p of ["out/secret.txt", "secret-link.txt", "out/new.txt", "dangling.txt", "out"]) {
    equal((await s.call("GET", `/api/file?path=${p}`)).status, 400, p);
    equal((await s.call("PUT", "/api/file", { path: p, text: "pwned" })).status, 400, p);
    equal((await s.call("POST", "/api/file", { path: p, text: "pwned" })).status, 400, p);
    equal((await s.call("POST", "/api/rename", { from: "in.txt", to: `${p}/moved.txt` })).status, 400, p);
  }
  equal((await s.call("POST", "/api/check", { path: "out/secret.txt", text: "" })).status, 400);
  equal(Deno.readTextFileSync(`${outside}/secret.txt`), "secret");
  deepEqual([...Deno.readDirSync(outside)].map((e) => e.name), ["secret.txt"]);

  equal((await s.json<{ text: string }>("GET", "/api/file?path=alias.txt")).text, "inside");
  const list = await s.json<{ files: { path: string }[] }>("GET", "/api/files");
  deepEqual(list.files.map((f) => f.path), ["alias.txt", "in.txt"]);
});
