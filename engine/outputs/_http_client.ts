/**
 * The HTTP client under the `http`, `opensearch`, `elasticsearch` and
 * `clickhouse` outputs: one request, its answer as text, and every way it
 * can fail turned into an {@link OutputError} that says whether to retry.
 *
 * Requests go through `fetch` (with a `Deno.createHttpClient` for extra CA
 * certificates or a client certificate). With `tls { verify false }`,
 * HTTPS requests go through `node:https` with `rejectUnauthorized: false`
 * instead, because `fetch` cannot skip verification per client (see
 * `_http_tls.ts`).
 *
 * @module
 */
import https from "node:https";
import { Buffer } from "node:buffer";
import { OutputError } from "../spec.ts";
import type { TlsMaterial } from "./_http_tls.ts";

/** A request to send. */
export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer>;
  /** Aborts the request (the write's timeout). */
  signal: AbortSignal;
  /** Gives up after this many milliseconds (the output's own `timeout`). */
  timeout?: number;
}

/** An answer, its body read as text. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/** A client for one output. */
export interface HttpClient {
  /**
   * Sends a request and reads the whole answer.
   *
   * @throws {ConnectionError} when the server could not be reached or the
   *   connection broke (worth another try, or another host).
   * @throws {OutputError} for timeouts (retryable), refused certificates and
   *   missing permissions (not retryable).
   */
  send(url: URL, request: HttpRequest): Promise<HttpAnswer>;
  /** Releases pooled connections. */
  close(): void;
}

/** The server could not be reached, or the connection broke: retryable, and another host may do. */
export class ConnectionError extends OutputError {
  constructor(message: string) {
    super(message, true);
    this.name = "ConnectionError";
  }
}

const encoder = new TextEncoder();

/** `host:port` of a URL, with the scheme's default port. */
export function hostPort(url: URL): string {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return `${url.hostname}:${port}`;
}

/**
 * The `Authorization` value for a user name and password.
 *
 * @example
 * ```ts
 * import { basicAuth } from "./_http_client.ts";
 * if (basicAuth("admin", "pä") !== "Basic YWRtaW46cMOk") throw new Error(basicAuth("admin", "pä"));
 * ```
 */
export function basicAuth(username: string, password: string): string {
  const bytes = encoder.encode(`${username}:${password}`);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

/**
 * The start of a response body for an error message: one line, at most
 * `max` characters.
 *
 * @example
 * ```ts
 * import { excerpt } from "./_http_client.ts";
 * if (excerpt("  bad\n request  ", 200) !== "bad request") throw new Error();
 * if (excerpt("x".repeat(300), 200).length !== 201) throw new Error();
 * ```
 */
export function excerpt(body: string, max = 200): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * How long a `Retry-After` header asks to wait, in milliseconds (seconds or
 * an HTTP date), or undefined.
 *
 * @example
 * ```ts
 * import { retryAfter } from "./_http_client.ts";
 * if (retryAfter(new Headers({ "retry-after": "2" })) !== 2000) throw new Error();
 * if (retryAfter(new Headers()) !== undefined) throw new Error();
 * ```
 */
export function retryAfter(headers: Headers, now = Date.now()): number | undefined {
  const h = headers.get("retry-after")?.trim();
  if (!h) return undefined;
  if (/^\d+(\.\d+)?$/.test(h)) return Number(h) * 1000;
  const at = Date.parse(h);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Waits for a server's `Retry-After` (at most `max` ms) before a retryable
 * failure is reported, so the retry does not come sooner than asked; an
 * aborted signal cuts the wait short.
 */
export function pause(ms: number, max: number, signal: AbortSignal): Promise<void> {
  const wait = Math.min(ms, max);
  if (wait <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, wait);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** The messages of an error and its causes, innermost detail last. */
function describe(e: unknown): string {
  const parts: string[] = [];
  let x: unknown = e;
  for (let depth = 0; x && depth < 5; depth++) {
    const m = x instanceof Error ? x.message : String(x);
    if (m && m !== "fetch failed" && !parts.includes(m)) parts.push(m);
    x = x instanceof Error ? x.cause : undefined;
  }
  const text = parts.join(": ") || String(e);
  // Deno's fetch errors read "error sending request for url (...): client error (Connect): tcp connect error: ...".
  const m = /client error \(\w+\): (.*)$/s.exec(text);
  return (m ? m[1] as string : text).replace(/\s+/g, " ").trim();
}

/** Turns what a request threw into an {@link OutputError}. */
function failure(e: unknown, url: URL, request: HttpRequest, timedOut: boolean): OutputError {
  if (e instanceof OutputError) return e;
  const where = hostPort(url);
  if (timedOut) {
    return new OutputError(`no answer from ${where} within ${(request.timeout as number) / 1000}s`, true);
  }
  if (request.signal.aborted) return new OutputError(`request to ${where} aborted`, true);
  if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) {
    return new OutputError(`no network access to ${where}: grant it with --allow-net=${where}`, false);
  }
  const detail = describe(e);
  if (
    /certificate|UnknownIssuer|CaUsedAsEndEntity|NotValidForName|self[- ]signed|ERR_TLS|CERT_|altnames/i.test(detail)
  ) {
    return new OutputError(
      `the TLS certificate of ${where} was not accepted (${detail}): give its CA with \`tls { ca "ca.pem" }\`, ` +
        "or, for a test cluster, `tls { verify false }`",
      false,
    );
  }
  return new ConnectionError(`cannot reach ${where}: ${detail}`);
}

/**
 * Makes the client of one output.
 *
 * @param tls What the `tls` block says, files read.
 * @returns A client; close it when the output closes.
 */
export function createClient(tls: TlsMaterial): HttpClient {
  const custom = tls.caCerts || tls.cert
    ? Deno.createHttpClient({
      ...(tls.caCerts ? { caCerts: tls.caCerts } : {}),
      ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
    })
    : undefined;
  // `ca` is always given: without it node:https reads the system store, which the sandbox does not allow.
  const agent = tls.verify ? undefined : new https.Agent({
    keepAlive: true,
    rejectUnauthorized: false,
    ca: tls.caCerts ?? [],
    ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
  });
  return {
    async send(url, request) {
      const timer = request.timeout === undefined ? undefined : AbortSignal.timeout(request.timeout);
      const signal = timer ? AbortSignal.any([request.signal, timer]) : request.signal;
      try {
        if (agent && url.protocol === "https:") return await viaNode(url, request, agent, signal);
        const res = await fetch(url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal,
          ...(custom ? { client: custom } : {}),
        });
        return { status: res.status, headers: res.headers, body: await res.text() };
      } catch (e) {
        throw failure(e, url, request, timer?.aborted === true && !request.signal.aborted);
      }
    },
    close() {
      custom?.close();
      agent?.destroy();
    },
  };
}

function viaNode(url: URL, request: HttpRequest, agent: https.Agent, signal: AbortSignal): Promise<HttpAnswer> {
  const body = typeof request.body === "string" ? encoder.encode(request.body) : request.body;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const req = https.request(url, {
      method: request.method,
      headers: { ...request.headers, "content-length": String(body.length) },
      agent,
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        signal.removeEventListener("abort", abort);
        const headers = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
        }
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString("utf8") });
      });
    });
    const abort = () => req.destroy(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    signal.addEventListener("abort", abort, { once: true });
    req.on("error", (e: Error) => {
      signal.removeEventListener("abort", abort);
      reject(e);
    });
    req.end(body);
  });
}
