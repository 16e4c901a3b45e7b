/**
 * What keeps other sites and other users out of the Studio: the `Host`
 * header must name the server (no DNS rebinding), an `Origin` header must be
 * the server's own (no cross-site requests), and every API call must carry
 * the token made at start.
 *
 * @module
 */
import type { Context, MiddlewareHandler } from "hono";

/** What the guard checks against. */
export interface GuardOptions {
  /** The token every API call must carry (`Authorization: Bearer TOKEN`). */
  token: string;
  /** The port the server listens on; any port when absent (the host name is still checked). */
  port?: number;
  /** Host names the server answers to besides `127.0.0.1`, `localhost` and `[::1]`. */
  hosts?: readonly string[];
}

/** The loopback names every Studio answers to. */
const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"];

/**
 * A random token: 32 URL-safe characters (192 bits).
 *
 * @example
 * ```ts
 * import { randomToken } from "./_guard.ts";
 * if (!/^[A-Za-z0-9_-]{32}$/.test(randomToken())) throw new Error();
 * ```
 */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_");
}

/** Compares two strings in time that does not depend on where they differ. */
function same(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** A host name as URLs write it: lower case, IPv6 in brackets. */
function hostName(name: string): string {
  const n = name.toLowerCase();
  return n.includes(":") && !n.startsWith("[") ? `[${n}]` : n;
}

/**
 * Whether a `Host` header names this server.
 *
 * @param host The header, such as `127.0.0.1:9474`.
 * @param options The port and extra host names.
 * @example
 * ```ts
 * import { hostAllowed } from "./_guard.ts";
 * if (!hostAllowed("localhost:9474", { token: "", port: 9474 })) throw new Error();
 * if (hostAllowed("evil.example:9474", { token: "", port: 9474 })) throw new Error();
 * if (hostAllowed("127.0.0.1:80", { token: "", port: 9474 })) throw new Error();
 * ```
 */
export function hostAllowed(host: string | undefined, options: GuardOptions): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (url.username || url.password || url.pathname !== "/" || url.search) return false;
  const names = new Set([...LOOPBACK, ...(options.hosts ?? [])].map(hostName));
  if (!names.has(url.hostname)) return false;
  return options.port === undefined || url.port === (options.port === 80 ? "" : String(options.port));
}

/** The request's `Host`: its header, or the URL's host when there is none (`app.request()` in tests). */
function requestHost(c: Context): string {
  return c.req.header("host") ?? new URL(c.req.url).host;
}

/**
 * Checks `Host` and `Origin` on every request: 403 when the host is not this
 * server's or the origin is another site's.
 */
export function siteGuard(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const host = requestHost(c);
    if (!hostAllowed(host, options)) {
      return c.json({ error: `Host \`${host}\` is not this Studio: open it at the address it printed` }, 403);
    }
    const origin = c.req.header("origin");
    if (origin !== undefined && origin !== new URL(`http://${host}`).origin) {
      return c.json({ error: `Requests from \`${origin}\` are not allowed` }, 403);
    }
    if (c.req.header("sec-fetch-site") === "cross-site") {
      return c.json({ error: "Cross-site requests are not allowed" }, 403);
    }
    return await next();
  };
}

/** Checks `Authorization: Bearer TOKEN` on API calls: 401 without the right token. */
export function tokenGuard(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
    if (!m || !same(m[1] as string, options.token)) {
      return c.json({ error: "Missing or wrong token: open the Studio at the address it printed" }, 401);
    }
    return await next();
  };
}

/**
 * Whether the page's `?token=` is right.
 *
 * @example
 * ```ts
 * import { pageTokenOk } from "./_guard.ts";
 * if (!pageTokenOk("abc", "abc") || pageTokenOk(undefined, "abc")) throw new Error();
 * ```
 */
export function pageTokenOk(given: string | undefined, token: string): boolean {
  return given !== undefined && same(given, token);
}
