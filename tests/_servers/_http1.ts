/**
 * A small HTTP/1.1 server for tests, written on raw sockets so that a test
 * controls exactly what the client sees: a port that is not listening yet,
 * sockets closed without an answer, answers held back, error statuses.
 * The protocol servers beside it (`bulk.ts`, `clickhouse.ts`, `http.ts`)
 * put the request and response shapes of the real services on top of it.
 *
 * These are stand-ins written from the services' documentation, not the real
 * servers: OpenSearch, Elasticsearch and ClickHouse cannot be installed here.
 *
 * It speaks just enough HTTP/1.1 for `fetch` and `node:https` clients:
 * keep-alive, `Content-Length` and chunked request bodies, no pipelining.
 *
 * @module
 */
import { freePort } from "./_daemon.ts";

export { freePort };

/** A request as the handler sees it. */
export interface Request {
  method: string;
  /** The request target as sent, such as `/_bulk?pipeline=x`. */
  target: string;
  url: URL;
  headers: Headers;
  body: Uint8Array;
  /** The body as UTF-8 text. */
  text(): string;
}

/** What the handler answers. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Answers a request; this is where a protocol server keeps what it received. */
export type Handler = (request: Request) => Reply | Promise<Reply>;

/** A fault the server applies to the next requests, in the order they were programmed. */
export type Fault =
  /** Answer with this status (and body), without handing the request to the handler. */
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string> }
  /**
   * Hold the request this long before handling it. The request is handled
   * only if the client is still waiting then (an overloaded server that had
   * not started on it yet); a client that gave up leaves nothing behind.
   */
  | { kind: "slow"; ms: number }
  /** Close the socket without answering (and without handling). */
  | { kind: "drop" }
  /** Close every socket and stop listening for `ms`, then listen again on the same port. */
  | { kind: "outage"; ms: number };

/** What happened to one request. */
export interface Seen {
  method: string;
  target: string;
  /** The status answered, or how it ended without one. */
  outcome: number | "dropped" | "abandoned";
  /** When the request had been read (`performance.now()`). */
  at: number;
}

/** Options of {@link TestServer}. */
export interface ServerOptions {
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
  /** Start without listening: connections are refused until {@link TestServer.listen}. */
  down?: boolean;
}

const REASONS: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  406: "Not Acceptable",
  408: "Request Timeout",
  413: "Payload Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An HTTP/1.1 server on 127.0.0.1 with programmable faults. */
export class TestServer {
  /** Every request that was read in full, with what became of it. */
  readonly seen: Seen[] = [];
  #handler: Handler;
  #options: ServerOptions;
  #port: number;
  #listener: Deno.Listener | undefined;
  #conns = new Set<Deno.Conn>();
  #faults: { fault: Fault; left: number; after: number }[] = [];
  #accepting: Promise<void> | undefined;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #closed = false;

  /**
   * @param handler Answers requests that no fault intercepts.
   * @param options TLS, or starting down.
   */
  constructor(handler: Handler, options: ServerOptions = {}) {
    this.#handler = handler;
    this.#options = options;
    // A server that starts down reserves a free port now; one that listens lets the OS pick as it binds.
    this.#port = options.down ? freePort() : 0;
    if (!options.down) this.listen();
  }

  /** The port, chosen by the OS when the server was made (and kept across outages). */
  get port(): number {
    return this.#port;
  }

  /** `http://127.0.0.1:PORT` (or `https://`). */
  get url(): string {
    return `${this.#options.tls ? "https" : "http"}://127.0.0.1:${this.#port}`;
  }

  /** True while the port accepts connections. */
  get listening(): boolean {
    return this.#listener !== undefined;
  }

  /** How many requests were read in full. */
  get requests(): number {
    return this.seen.length;
  }

  /**
   * Programs a fault for the next `times` requests, once `after` requests in
   * all have been seen. Faults apply in the order they were added.
   */
  fault(fault: Fault, times = 1, after = 0): this {
    this.#faults.push({ fault, left: times, after });
    return this;
  }

  /** Starts listening (again) on the server's port. */
  listen(): void {
    if (this.#listener || this.#closed) return;
    const addr = { hostname: "127.0.0.1", port: this.#port };
    this.#listener = this.#options.tls
      ? Deno.listenTls({ ...addr, cert: this.#options.tls.cert, key: this.#options.tls.key })
      : Deno.listen(addr);
    const listener = this.#listener;
    this.#port = (listener.addr as Deno.NetAddr).port;
    this.#accepting = (async () => {
      try {
        for await (const conn of listener) {
          this.#conns.add(conn);
          void this.#serve(conn);
        }
      } catch {
        // closed
      }
    })();
  }

  /** Stops listening and closes every connection; {@link listen} starts again. */
  async down(): Promise<void> {
    const l = this.#listener;
    this.#listener = undefined;
    if (l) {
      try {
        l.close();
      } catch {
        // already closed
      }
    }
    for (const c of this.#conns) this.#close(c);
    this.#conns.clear();
    await this.#accepting;
  }

  /** Stops for good. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    await this.down();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #close(conn: Deno.Conn): void {
    this.#conns.delete(conn);
    try {
      conn.close();
    } catch {
      // already closed
    }
  }

  #nextFault(): Fault | undefined {
    const n = this.seen.length;
    const i = this.#faults.findIndex((f) => n >= f.after);
    if (i < 0) return undefined;
    const f = this.#faults[i] as { fault: Fault; left: number };
    if (--f.left <= 0) this.#faults.splice(i, 1);
    return f.fault;
  }

  async #serve(conn: Deno.Conn): Promise<void> {
    const reader = new ConnReader(conn);
    try {
      for (;;) {
        const request = await reader.request();
        if (!request) break;
        const fault = this.#nextFault();
        const seen: Seen = {
          method: request.method,
          target: request.target,
          outcome: "dropped",
          at: performance.now(),
        };
        this.seen.push(seen);
        if (fault?.kind === "drop") break;
        if (fault?.kind === "outage") {
          await this.down();
          const t = setTimeout(() => {
            this.#timers.delete(t);
            this.listen();
          }, fault.ms);
          this.#timers.add(t);
          return;
        }
        if (fault?.kind === "slow") {
          const gone = await reader.waitOrEof(fault.ms);
          if (gone) {
            seen.outcome = "abandoned";
            break;
          }
        }
        let reply: Reply;
        if (fault?.kind === "status") {
          reply = { status: fault.status, body: fault.body ?? "", headers: fault.headers ?? {} };
        } else {
          try {
            reply = await this.#handler(request);
          } catch (e) {
            reply = { status: 500, body: `test server handler failed: ${(e as Error).message}` };
          }
        }
        seen.outcome = reply.status;
        await writeReply(conn, reply);
        if (request.headers.get("connection")?.toLowerCase() === "close") break;
      }
    } catch {
      // the client went away, or the server closed the socket
    }
    this.#close(conn);
  }
}

async function writeReply(conn: Deno.Conn, reply: Reply): Promise<void> {
  const body = encoder.encode(reply.body ?? "");
  const headers: Record<string, string> = {
    "content-type": "text/plain; charset=UTF-8",
    ...reply.headers,
    "content-length": String(body.length),
  };
  let head = `HTTP/1.1 ${reply.status} ${REASONS[reply.status] ?? "Status"}\r\n`;
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
  const h = encoder.encode(head + "\r\n");
  const all = new Uint8Array(h.length + body.length);
  all.set(h);
  all.set(body, h.length);
  let off = 0;
  while (off < all.length) off += await conn.write(all.subarray(off));
}

/** Reads HTTP/1.1 requests off one connection. */
class ConnReader {
  #conn: Deno.Conn;
  #buf = new Uint8Array(64 * 1024);
  #start = 0;
  #end = 0;
  #eof = false;
  #pending: Promise<number | null> | undefined;

  constructor(conn: Deno.Conn) {
    this.#conn = conn;
  }

  /** Reads more bytes into the buffer; false at the end of the stream. */
  async #fill(): Promise<boolean> {
    if (this.#eof) return false;
    if (this.#pending) {
      // A read started while waiting (see waitOrEof) fills the buffer where it stood.
      const n = await this.#pending;
      this.#pending = undefined;
      if (n === null) this.#eof = true;
      else this.#end += n;
      return n !== null;
    }
    if (this.#start > 0 && this.#start === this.#end) this.#start = this.#end = 0;
    if (this.#end === this.#buf.length) {
      const live = this.#end - this.#start;
      const next = live * 2 > this.#buf.length ? new Uint8Array(this.#buf.length * 2) : this.#buf;
      next.set(this.#buf.subarray(this.#start, this.#end));
      this.#buf = next;
      this.#start = 0;
      this.#end = live;
    }
    const n = await this.#conn.read(this.#buf.subarray(this.#end));
    if (n === null) {
      this.#eof = true;
      return false;
    }
    this.#end += n;
    return true;
  }

  /**
   * Waits `ms`, and says whether the client closed the connection meanwhile.
   * (Clients here do not pipeline, so anything read is the end.)
   */
  async waitOrEof(ms: number): Promise<boolean> {
    if (this.#eof) return true;
    if (this.#end === this.#buf.length) return false;
    const read = this.#conn.read(this.#buf.subarray(this.#end)).catch(() => null);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const result = await Promise.race([
      read.then((n) => ({ n })),
      new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms))),
    ]);
    clearTimeout(timer);
    if (result === "timeout") {
      this.#pending = read;
      return false;
    }
    if (result.n === null) {
      this.#eof = true;
      return true;
    }
    this.#end += result.n;
    return false;
  }

  #indexOf(seq: number[], from: number): number {
    const b = this.#buf;
    outer: for (let i = Math.max(from, this.#start); i <= this.#end - seq.length; i++) {
      for (let j = 0; j < seq.length; j++) if (b[i + j] !== seq[j]) continue outer;
      return i;
    }
    return -1;
  }

  async #line(): Promise<string> {
    // `scanned` counts from `#start`: filling may move the buffer's contents.
    let scanned = 0;
    for (;;) {
      const i = this.#indexOf([13, 10], this.#start + scanned);
      if (i >= 0) {
        const text = decoder.decode(this.#buf.subarray(this.#start, i));
        this.#start = i + 2;
        return text;
      }
      scanned = Math.max(0, this.#end - this.#start - 1);
      if (!(await this.#fill())) throw new Error("unexpected end of stream");
    }
  }

  async #bytes(n: number): Promise<Uint8Array> {
    while (this.#end - this.#start < n) {
      if (!(await this.#fill())) throw new Error("unexpected end of stream");
    }
    const out = this.#buf.slice(this.#start, this.#start + n);
    this.#start += n;
    return out;
  }

  /** The next request, or undefined when the client closed the connection. */
  async request(): Promise<Request | undefined> {
    let scanned = 0;
    let head = -1;
    for (;;) {
      head = this.#indexOf([13, 10, 13, 10], this.#start + scanned);
      if (head >= 0) break;
      scanned = Math.max(0, this.#end - this.#start - 3);
      if (!(await this.#fill())) {
        if (this.#start === this.#end) return undefined;
        throw new Error("unexpected end of stream");
      }
    }
    const lines = decoder.decode(this.#buf.subarray(this.#start, head)).split("\r\n");
    this.#start = head + 4;
    const [method = "", target = "/"] = (lines[0] ?? "").split(" ");
    const headers = new Headers();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    let body: Uint8Array;
    if (headers.get("transfer-encoding")?.toLowerCase().includes("chunked")) {
      const parts: Uint8Array[] = [];
      for (;;) {
        const size = parseInt((await this.#line()).split(";")[0] as string, 16);
        if (size === 0) {
          while ((await this.#line()) !== "");
          break;
        }
        parts.push(await this.#bytes(size));
        await this.#line();
      }
      body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let off = 0;
      for (const p of parts) {
        body.set(p, off);
        off += p.length;
      }
    } else {
      body = await this.#bytes(Number(headers.get("content-length") ?? 0));
    }
    const host = headers.get("host") ?? "127.0.0.1";
    return {
      method,
      target,
      url: new URL(target, `http://${host}`),
      headers,
      body,
      text: () => decoder.decode(body),
    };
  }
}
