/**
 * `output udp { host; port }`: one datagram per record.
 *
 * UDP confirms nothing: a record is counted written once the datagram left
 * this host, whether or not anything listens (at most once). A record too
 * large for one datagram fails alone and is dead-lettered.
 *
 * Sending uses `node:dgram`, which needs no unstable flag (`Deno.listenDatagram`
 * still needs `--unstable-net` in Deno 2.9). It binds an ephemeral local
 * port, so the sandbox grants `0.0.0.0:0` (`[::]:0` for an IPv6 server)
 * along with the server's address.
 *
 * @module
 */
import * as v from "valibot";
import dgram from "node:dgram";
import { int, str } from "../schema.ts";
import type { OutputSpec, WriteResult } from "../spec.ts";
import { OutputError } from "../spec.ts";
import { address, message } from "./_socket.ts";

const schema = v.object({
  host: v.pipe(v.optional(str(), "127.0.0.1"), v.description("The server's host name or address.")),
  port: v.pipe(int(1), v.maxValue(65535), v.description("The server's port.")),
});

const encoder = new TextEncoder();

/** True for an IPv6 address literal. */
function ipv6(host: string): boolean {
  return host.includes(":");
}

/**
 * Sends datagrams over one socket and reports the ones that failed.
 *
 * @param socket A `node:dgram` socket.
 * @param messages The datagrams.
 * @param host The server.
 * @param port Its port.
 */
export async function sendDatagrams(
  socket: dgram.Socket,
  messages: readonly Uint8Array[],
  host: string,
  port: number,
): Promise<WriteResult> {
  const failed: NonNullable<WriteResult["failed"]> = [];
  await Promise.all(messages.map((m, index) =>
    new Promise<void>((done) => {
      try {
        socket.send(m, port, host, (e) => {
          if (e) failed.push({ index, error: message(e), retryable: !/EMSGSIZE|too long|too large/i.test(message(e)) });
          done();
        });
      } catch (e) {
        failed.push({ index, error: message(e), retryable: false });
        done();
      }
    })
  ));
  return failed.length ? { failed: failed.sort((a, b) => a.index - b.index) } : {};
}

/** Opens a UDP socket for sending to `host`. */
export function udpSocket(host: string): dgram.Socket {
  const socket = dgram.createSocket(ipv6(host.replace(/^\[|\]$/g, "")) ? "udp6" : "udp4");
  // ICMP "port unreachable" comes back as an error event: nothing listens, the datagram is gone.
  socket.on("error", () => {});
  return socket;
}

/** What binding the sending socket needs from the sandbox. */
export function udpBind(host: string): string {
  return ipv6(host) ? "[::]:0" : "0.0.0.0:0";
}

/** The `udp` output. */
export const udpOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "udp",
  summary: "One UDP datagram per record (no delivery confirmation)",
  schema,
  defaultFormat: "json",
  delivery: { batch_size: 1000, flush: 100_000 },
  examples: ['output udp { host "127.0.0.1"; port 5140 }'],
  access: (o) => ({ needs: { net: [address(o.host, o.port)] }, grants: { net: [udpBind(o.host)] } }),
  create(options) {
    const host = options.host.replace(/^\[|\]$/g, "");
    let socket: dgram.Socket | undefined;
    let closed = false;
    return {
      write(batch) {
        if (closed) return Promise.reject(new OutputError("The UDP socket is closed", false));
        socket ??= udpSocket(host);
        return sendDatagrams(socket, batch.records.map((r) => encoder.encode(r)), host, options.port);
      },
      close() {
        closed = true;
        const s = socket;
        socket = undefined;
        return s ? new Promise<void>((done) => s.close(() => done())) : Promise.resolve();
      },
    };
  },
};
