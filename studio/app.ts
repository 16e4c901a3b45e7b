/**
 * The Studio's web app: the page, its assets and the JSON API of
 * `studio/API.md`, as a Hono app that does not listen (`studio/serve.ts`
 * serves it; tests call `app.request()`).
 *
 * @example
 * ```ts
 * import { createStudioApp } from "./app.ts";
 * const app = createStudioApp({ root: Deno.makeTempDirSync(), token: "t".repeat(32), entry: import.meta.url });
 * const res = await app.request("http://127.0.0.1/api/files", { headers: { authorization: `Bearer ${"t".repeat(32)}` } });
 * if (res.status !== 200) throw new Error(await res.text());
 * ```
 *
 * @module
 */
import { type Context, Hono } from "hono";
import type { Grants } from "../engine/permissions.ts";
import { ASSETS } from "./assets.gen.ts";
import { HttpError, MAX_FILE_SIZE, StudioFiles } from "./_files.ts";
import { pageTokenOk, siteGuard, tokenGuard } from "./_guard.ts";
import { Newest } from "./_newest.ts";
import { check, outline, preview, render, type ScenarioContext, Slots, timelines } from "./_scenario.ts";

/** Options of {@link createStudioApp}. */
export interface StudioOptions {
  /** The folder the Studio works in; files outside it are never read or written through the API. */
  root: string;
  /** The token of this start: the page needs `?token=`, API calls `Authorization: Bearer`. See `randomToken()`. */
  token: string;
  /** The program's entry module, spawned as the sandboxed engine Worker (the CLI's `cli/main.ts`). */
  entry: string | URL;
  /** What renders and previews may do beyond reading the scenario's folder; nothing by default. */
  grants?: Grants;
  /** The port the server listens on: `Host` must name it. Any port when absent (host names are still checked). */
  port?: number;
  /** Host names the server answers to besides `127.0.0.1`, `localhost` and `[::1]` (its `--host`). */
  hosts?: readonly string[];
  /** The default `now` of timelines and renders, epoch microseconds; the app's creation by default. */
  now?: number;
  /** The default seed for generators without their own; 1 by default. */
  seed?: number;
  /** Milliseconds a timeline, render or preview may take before its Worker is stopped; 20 000 by default. */
  timeout?: number;
  /** Timestamps a timeline reads at most; 5 000 000 by default. */
  timelineLimit?: number;
}

/** Headers of every response: no caching, no framing, no referrer (the page's address holds the token). */
const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

/** The page's policy: its own scripts, styles (and inline styles, which editors inject), and API only. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The body of a request as JSON; a 400 when it is not. */
async function json(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.length > MAX_FILE_SIZE + 4096) throw new HttpError(413, "The request is too large");
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "The body must be JSON");
  }
}

function field(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

function text(body: unknown, name: string, optional = false): string {
  const v = field(body, name);
  if (v === undefined && optional) return "";
  if (typeof v !== "string") throw new HttpError(400, `\`${name}\`: expected a string`);
  return v;
}

/**
 * Makes the Studio's app without listening.
 *
 * @param options The folder, the token, the sandbox's entry and grants, and what `Host` must be.
 * @returns The Hono app.
 * @throws {Error} When `root` is not a folder.
 */
export function createStudioApp(options: StudioOptions): Hono {
  const files = new StudioFiles(options.root);
  const ctx: ScenarioContext = {
    files,
    entry: options.entry,
    grants: options.grants ?? {},
    now: options.now ?? Math.floor(Date.now() / 1000) * 1_000_000,
    seed: options.seed ?? 1,
    timeout: options.timeout ?? 20_000,
    limit: options.timelineLimit ?? 5_000_000,
    slots: new Slots(2),
  };
  const guard = {
    token: options.token,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.hosts === undefined ? {} : { hosts: options.hosts }),
  };
  const app = new Hono();

  app.use("*", async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  });
  app.use("*", siteGuard(guard));
  app.use("/api/*", tokenGuard(guard));

  app.onError((e, c) => {
    if (e instanceof HttpError) return c.json({ error: e.message }, e.status);
    console.error(`eventum studio: ${c.req.method} ${c.req.path}: ${e instanceof Error ? e.message : String(e)}`);
    return c.json({ error: e instanceof Error ? e.message : String(e) }, 500);
  });
  app.notFound((c) => c.json({ error: `No such address: ${c.req.method} ${c.req.path}` }, 404));

  // ── the page ─────────────────────────────────────────────────────────────
  app.get("/", (c) => {
    if (!pageTokenOk(c.req.query("token"), options.token)) {
      return c.html(
        "<!doctype html><title>Eventum Studio</title><h1>Eventum Studio</h1>" +
          "<p>This address needs the token that <code>eventum studio</code> printed when it started: " +
          "open the full address it printed, <code>http://HOST:PORT/?token=...</code>.</p>",
        403,
      );
    }
    const page = ASSETS["index.html"];
    if (!page) return c.json({ error: "The page is missing from this build" }, 500);
    return c.body(page.body, 200, { "content-type": page.type, "content-security-policy": PAGE_CSP });
  });
  app.get("/assets/:name", (c) => {
    const name = c.req.param("name");
    const asset = Object.hasOwn(ASSETS, name) && name !== "index.html" ? ASSETS[name] : undefined;
    if (!asset) return c.json({ error: `No asset \`${name}\`` }, 404);
    return c.body(asset.body, 200, { "content-type": asset.type });
  });

  // ── files ────────────────────────────────────────────────────────────────
  app.get("/api/files", (c) => c.json({ root: files.root, files: files.list() }));
  app.get("/api/file", async (c) => c.json(await files.read(c.req.query("path") ?? "")));
  app.put("/api/file", async (c) => {
    const body = await json(c);
    return c.json(await files.write(text(body, "path"), text(body, "text")));
  });
  app.post("/api/file", async (c) => {
    const body = await json(c);
    return c.json(await files.create(text(body, "path"), text(body, "text", true)));
  });
  app.post("/api/rename", async (c) => {
    const body = await json(c);
    return c.json(await files.rename(text(body, "from"), text(body, "to")));
  });

  // ── scenario work ────────────────────────────────────────────────────────
  app.post("/api/check", async (c) => c.json(await check(ctx, await json(c))));
  app.post("/api/outline", async (c) => c.json(await outline(ctx, await json(c))));
  // The newest request of a kind for a file wins: moving a slider stops the sandbox work of the position before.
  const newest = new Newest();
  app.post("/api/timeline", async (c) => {
    const body = await json(c);
    return c.json(await timelines(ctx, body, newest.signal("timeline", body)));
  });
  app.post("/api/render", async (c) => {
    const body = await json(c);
    return c.json(await render(ctx, body, newest.signal("render", body)));
  });
  app.post("/api/preview", async (c) => {
    const body = await json(c);
    return c.json(await preview(ctx, body, newest.signal("preview", body)));
  });

  return app;
}

export { randomToken } from "./_guard.ts";
