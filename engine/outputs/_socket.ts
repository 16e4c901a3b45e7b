/**
 * What the socket outputs (`tcp`, `udp`, `syslog`) and the client-library
 * outputs (`postgres`, `mqtt`, `kafka`) share: the `tls { ... }` block, the
 * network address a scenario must be granted, framing, and a persistent
 * TCP/TLS connection that reconnects on the next write after it broke.
 *
 * @module
 */
import * as v from "valibot";
import { resolve } from "node:path";
import tls from "node:tls";
import { bool, str } from "../schema.ts";
import { OutputError } from "../spec.ts";

/** The `tls { verify; ca; cert; key }` block. */
export const tlsSchema = v.pipe(
  v.object({
    verify: v.pipe(
      v.optional(bool(), true),
      v.description("Check the server's certificate (chain and name); `false` accepts any certificate."),
    ),
    ca: v.pipe(v.optional(str()), v.description("A PEM file of CA certificates to trust, beside the system's.")),
    cert: v.pipe(v.optional(str()), v.description("A PEM client certificate, for servers that ask for one.")),
    key: v.pipe(v.optional(str()), v.description("The PEM private key of `cert`.")),
  }),
  v.check((t) => (t.cert === undefined) === (t.key === undefined), "`cert` and `key` go together"),
);

/** The `tls` block as a scenario gives it. */
export type TlsOptions = v.InferOutput<typeof tlsSchema>;

/** TLS settings with the files read. */
export interface TlsSettings {
  verify: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

/** The files a `tls` block names, resolved against the scenario folder (for the sandbox's read grants). */
export function tlsFiles(t: TlsOptions | undefined, dir: string): string[] {
  if (!t) return [];
  return [t.ca, t.cert, t.key].filter((f): f is string => f !== undefined).map((f) => resolve(dir, f));
}

/**
 * Reads the files a `tls` block names.
 *
 * @param t The block, or undefined for no TLS.
 * @param dir The scenario folder paths are relative to.
 * @returns The settings, or undefined for no TLS.
 */
export async function loadTls(t: TlsOptions | undefined, dir: string): Promise<TlsSettings | undefined> {
  if (!t) return undefined;
  const read = async (what: string, f: string | undefined) => {
    if (f === undefined) return undefined;
    try {
      return await Deno.readTextFile(resolve(dir, f));
    } catch (e) {
      throw new Error(`Cannot read the TLS ${what} \`${f}\`: ${message(e)}`);
    }
  };
  const out: TlsSettings = { verify: t.verify };
  const ca = await read("CA file", t.ca);
  const cert = await read("certificate", t.cert);
  const key = await read("key", t.key);
  if (ca !== undefined) out.ca = ca;
  if (cert !== undefined) out.cert = cert;
  if (key !== undefined) out.key = key;
  return out;
}

/**
 * The address a scenario must grant (`--allow-net=HOST:PORT`), with IPv6
 * hosts in brackets.
 *
 * @example
 * ```ts
 * import { address } from "./_socket.ts";
 * if (address("127.0.0.1", 514) !== "127.0.0.1:514") throw new Error();
 * if (address("::1", 514) !== "[::1]:514") throw new Error();
 * ```
 */
export function address(host: string, port: number): string {
  return `${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}`;
}

/** An error's message, whatever was thrown. */
export function message(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length) return e.errors.map(message).join("; ");
  return e instanceof Error ? e.message : String(e);
}

const encoder = new TextEncoder();

/**
 * Frames records for a stream: each followed by `separator` (`newline`
 * framing), or each preceded by its length in bytes and a space
 * (`octet-counting`, RFC 6587 section 3.4.1).
 *
 * @param records The records.
 * @param framing How records are told apart.
 * @param separator The separator of `newline` framing.
 * @returns The bytes to write.
 * @example
 * ```ts
 * import { frame } from "./_socket.ts";
 * const text = (b: Uint8Array) => new TextDecoder().decode(b);
 * if (text(frame(["a", "bé"], "newline", "\n")) !== "a\nbé\n") throw new Error();
 * if (text(frame(["a", "bé"], "octet-counting", "\n")) !== "1 a3 bé") throw new Error();
 * ```
 */
export function frame(
  records: readonly string[],
  framing: "newline" | "octet-counting",
  separator: string,
): Uint8Array {
  if (records.length === 0) return new Uint8Array(0);
  if (framing === "newline") return encoder.encode(records.join(separator) + separator);
  const parts = records.map((r) => encoder.encode(r));
  const heads = parts.map((p) => encoder.encode(`${p.length} `));
  let size = 0;
  for (let i = 0; i < parts.length; i++) size += (heads[i] as Uint8Array).length + (parts[i] as Uint8Array).length;
  const out = new Uint8Array(size);
  let off = 0;
  for (let i = 0; i < parts.length; i++) {
    out.set(heads[i] as Uint8Array, off);
    off += (heads[i] as Uint8Array).length;
    out.set(parts[i] as Uint8Array, off);
    off += (parts[i] as Uint8Array).length;
  }
  return out;
}

/** An open byte stream to a server: a Deno connection, or a node:tls socket when `verify false`. */
interface Link {
  write(data: Uint8Array): Promise<void>;
  /** Resolves when the server closed the connection or it broke. */
  readonly closed: Promise<void>;
  close(): void;
}

/** True for errors that trying again later cannot fix (a permission, a certificate). */
function permanent(e: unknown): boolean {
  return e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied ||
    e instanceof Deno.errors.InvalidData || /certificate|UnknownIssuer|self.signed/i.test(message(e));
}

async function denoLink(host: string, port: number, t: TlsSettings | undefined): Promise<Link> {
  let conn: Deno.Conn;
  if (t) {
    const options: Deno.ConnectTlsOptions & Partial<Deno.TlsCertifiedKeyPem> = { hostname: host, port };
    if (t.ca !== undefined) options.caCerts = [t.ca];
    if (t.cert !== undefined && t.key !== undefined) Object.assign(options, { cert: t.cert, key: t.key });
    conn = await Deno.connectTls(options);
    await (conn as Deno.TlsConn).handshake();
  } else {
    const tcp = await Deno.connect({ hostname: host, port });
    tcp.setNoDelay(true);
    conn = tcp;
  }
  // Reading tells when the server goes away (end of stream), so the next
  // write reconnects instead of writing into a half-closed socket.
  const closed = (async () => {
    const buf = new Uint8Array(4096);
    try {
      while ((await conn.read(buf)) !== null) {
        // what a server sends back (nothing, for syslog) is dropped
      }
    } catch {
      // broken: same as closed
    }
  })();
  return {
    async write(data) {
      let off = 0;
      while (off < data.length) off += await conn.write(data.subarray(off));
    },
    closed,
    close() {
      try {
        conn.close();
      } catch {
        // already closed
      }
    },
  };
}

function nodeTlsLink(host: string, port: number, t: TlsSettings): Promise<Link> {
  return new Promise((resolveLink, reject) => {
    const socket = tls.connect({
      host,
      port,
      rejectUnauthorized: false,
      ...(t.ca !== undefined ? { ca: t.ca } : {}),
      ...(t.cert !== undefined ? { cert: t.cert, key: t.key } : {}),
    });
    let open = false;
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.once("error", (e) => {
      if (!open) reject(e);
    });
    socket.on("error", () => {});
    socket.on("data", () => {});
    socket.once("secureConnect", () => {
      open = true;
      resolveLink({
        write: (data) =>
          new Promise((ok, fail) => {
            if (socket.destroyed) return fail(new Deno.errors.BrokenPipe("the connection is closed"));
            socket.write(data, (e) => (e ? fail(e) : ok()));
          }),
        closed,
        close: () => socket.destroy(),
      });
    });
  });
}

/** Where a {@link Connection} connects. */
export interface ConnectionOptions {
  host: string;
  port: number;
  /** TLS settings, or undefined for plain TCP. */
  tls?: TlsSettings | undefined;
}

/**
 * A persistent TCP (or TLS) connection for an output: opened on the first
 * write, reused, and when it breaks (the server closed it, a write failed,
 * a write was aborted) dropped, so the failing write throws a retryable
 * {@link OutputError} and the delivery's retry opens a new one after its
 * backoff. A write that breaks may have sent part of its bytes: retrying
 * it can repeat records the server already read (at least once), and bytes
 * the kernel accepted but the server never read are lost with the
 * connection (TCP has no acknowledgement an output can see).
 */
export class Connection {
  #o: ConnectionOptions;
  #link: Link | undefined;
  #closed = false;

  /** @param options Where to connect. */
  constructor(options: ConnectionOptions) {
    this.#o = options;
  }

  /** `host:port`. */
  get address(): string {
    return address(this.#o.host, this.#o.port);
  }

  /** True while a connection is open. */
  get connected(): boolean {
    return this.#link !== undefined;
  }

  async #open(): Promise<Link> {
    if (this.#link) return this.#link;
    const { host, port, tls: t } = this.#o;
    let link: Link;
    try {
      link = t && !t.verify ? await nodeTlsLink(host, port, t) : await denoLink(host, port, t);
    } catch (e) {
      throw new OutputError(`Cannot connect to ${this.address}: ${message(e)}`, !permanent(e));
    }
    this.#link = link;
    link.closed.then(() => {
      if (this.#link === link) this.#link = undefined;
    });
    return link;
  }

  /**
   * Writes bytes, connecting first when needed.
   *
   * @param data The bytes.
   * @param signal Aborting it drops the connection (the write then fails).
   */
  async write(data: Uint8Array, signal?: AbortSignal): Promise<void> {
    if (this.#closed) throw new OutputError(`The connection to ${this.address} is closed`, false);
    if (signal?.aborted) throw new OutputError(`Write to ${this.address} aborted`, true);
    const link = await this.#open();
    const abort = () => this.#drop(link);
    signal?.addEventListener("abort", abort, { once: true });
    try {
      await link.write(data);
    } catch (e) {
      this.#drop(link);
      throw new OutputError(`Connection to ${this.address} lost: ${message(e)}`, true);
    } finally {
      signal?.removeEventListener("abort", abort);
    }
  }

  #drop(link: Link): void {
    if (this.#link === link) this.#link = undefined;
    link.close();
  }

  /** Closes the connection; later writes fail. */
  close(): void {
    this.#closed = true;
    if (this.#link) this.#drop(this.#link);
  }
}
