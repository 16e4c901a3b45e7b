/**
 * `output tcp { host; port; tls { verify; ca; cert; key }; separator "\n"; framing newline|octet-counting }`:
 * records over one persistent TCP (or TLS) connection, each batch in one
 * write. A broken connection fails the write (retried by the delivery,
 * with its backoff) and the next write reconnects.
 *
 * TCP confirms nothing to the sender: a record is counted written once the
 * kernel took it. Records in flight when the connection breaks may be lost,
 * and a batch whose write broke half-way is sent again whole, so its first
 * records may arrive twice.
 *
 * @module
 */
import * as v from "valibot";
import { int, oneOf, str } from "../schema.ts";
import type { OutputSpec } from "../spec.ts";
import { address, Connection, frame, loadTls, tlsFiles, tlsSchema } from "./_socket.ts";

const schema = v.object({
  host: v.pipe(v.optional(str(), "127.0.0.1"), v.description("The server's host name or address.")),
  port: v.pipe(int(1), v.maxValue(65535), v.description("The server's port.")),
  tls: v.pipe(v.optional(tlsSchema), v.description("Connect with TLS (`tls {}` for the defaults).")),
  separator: v.pipe(v.optional(str(), "\n"), v.description("Written after each record (`newline` framing).")),
  framing: v.pipe(
    v.optional(oneOf(["newline", "octet-counting"] as const), "newline"),
    v.description("Records followed by `separator`, or each preceded by its length in bytes (RFC 6587)."),
  ),
});

/** The `tcp` output. */
export const tcpOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "tcp",
  summary: "Records over a persistent TCP or TLS connection, one line (or octet-counted frame) each",
  schema,
  defaultFormat: "json",
  delivery: { batch_size: 1000, flush: 100_000 },
  examples: [
    'output tcp { host "127.0.0.1"; port 5170 }',
    'output tcp { host "logs.example.com"; port 6514; tls { ca "ca.pem" }; framing octet-counting }',
  ],
  access: (o, dir) => ({ needs: { net: [address(o.host, o.port)] }, grants: { read: tlsFiles(o.tls, dir) } }),
  async create(options, ctx) {
    const conn = new Connection({ host: options.host, port: options.port, tls: await loadTls(options.tls, ctx.dir) });
    return {
      async write(batch, signal) {
        await conn.write(frame(batch.records, options.framing, options.separator), signal);
      },
      // deno-lint-ignore require-await
      async close() {
        conn.close();
      },
    };
  },
};
