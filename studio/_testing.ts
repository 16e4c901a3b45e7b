/**
 * Fixtures for the Studio's tests: an app over a temporary folder, and calls
 * that carry the token and the right `Host`.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";
import type { Grants } from "../engine/permissions.ts";
import { createStudioApp } from "./app.ts";

/** The token of the test apps. */
export const TOKEN = "test-token-0123456789abcdefghijk";
/** The port the test apps pretend to listen on. */
export const PORT = 9474;
/** The origin the test apps pretend to be. */
export const ORIGIN = `http://127.0.0.1:${PORT}`;
/** The program's entry, spawned as the engine Worker. */
export const ENTRY: URL = new URL("../cli/main.ts", import.meta.url);
/** The repository's `samples/` folder. */
export const SAMPLES: string = fileURLToPath(new URL("../samples/", import.meta.url));

/** A test app over a folder. */
export interface TestStudio {
  app: Hono;
  root: string;
  /** Calls the API with the token; `body` is sent as JSON. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Calls the API and reads the JSON answer, failing unless the status is `status`. */
  json<T = Record<string, unknown>>(method: string, path: string, body?: unknown, status?: number): Promise<T>;
}

/**
 * Makes an app over a fresh temporary folder, filled with `files`.
 *
 * @param files Relative path → text.
 * @param options Grants and the timeout.
 */
export function testStudio(
  files: Record<string, string> = {},
  options: { grants?: Grants; timeout?: number } = {},
): TestStudio {
  const root = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "studio-" }));
  for (const [path, text] of Object.entries(files)) {
    const abs = `${root}/${path}`;
    Deno.mkdirSync(abs.slice(0, abs.lastIndexOf("/")), { recursive: true });
    Deno.writeTextFileSync(abs, text);
  }
  const app = createStudioApp({
    root,
    token: TOKEN,
    entry: ENTRY,
    port: PORT,
    now: Date.UTC(2024, 0, 1) * 1000,
    ...options,
  });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(app.request(`${ORIGIN}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }));
  return {
    app,
    root,
    call,
    async json<T>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
      const res = await call(method, path, body);
      const text = await res.text();
      if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return JSON.parse(text) as T;
    },
  };
}

/** Copies a sample scenario and what it reads into a test studio's folder. */
export function copySamples(root: string, names: string[]): void {
  for (const name of names) {
    const from = `${SAMPLES}${name}`;
    const info = Deno.statSync(from);
    if (info.isDirectory) {
      Deno.mkdirSync(`${root}/${name}`, { recursive: true });
      copySamples(root, [...Deno.readDirSync(from)].map((e) => `${name}/${e.name}`));
    } else Deno.copyFileSync(from, `${root}/${name}`);
  }
}
