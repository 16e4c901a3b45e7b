/**
 * `output syslog { transport tcp|udp|tls; host; port; protocol rfc5424|rfc3164; framing octet-counting|newline;
 * facility local0; severity info; app_name eventum; hostname; procid; msgid; tls { ... } }`:
 * each record is the MSG part of a syslog message, with a header built from
 * the options and the event's time (in the generator's timezone). The
 * header's standard is `protocol`, since `format` names an output's
 * formatter.
 *
 * Over TCP and TLS messages are framed by octet counting (RFC 6587; RFC 5425
 * for TLS) or by a newline; over UDP each message is one datagram (RFC
 * 5426). Syslog has no acknowledgement: over TCP a message counts as
 * written once the kernel took it, so messages in flight when a connection
 * breaks may be lost, and a batch whose write broke is sent again whole
 * (its first messages may arrive twice); over UDP nothing is confirmed at
 * all.
 *
 * @module
 */
import * as v from "valibot";
import type dgram from "node:dgram";
import { int, oneOf, str } from "../schema.ts";
import type { OutputSpec } from "../spec.ts";
import { OutputError } from "../spec.ts";
import { TimeZone } from "../events/template/_time_zone.ts";
import { address, Connection, frame, loadTls, tlsFiles, tlsSchema } from "./_socket.ts";
import { sendDatagrams, udpBind, udpSocket } from "./udp.ts";

/** Facility names and their codes. */
export const FACILITIES = {
  kern: 0,
  user: 1,
  mail: 2,
  daemon: 3,
  auth: 4,
  syslog: 5,
  lpr: 6,
  news: 7,
  uucp: 8,
  cron: 9,
  authpriv: 10,
  ftp: 11,
  ntp: 12,
  security: 13,
  console: 14,
  "solaris-cron": 15,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
} as const;

/** Severity names and their codes. */
export const SEVERITIES = {
  emerg: 0,
  alert: 1,
  crit: 2,
  err: 3,
  error: 3,
  warning: 4,
  notice: 5,
  info: 6,
  debug: 7,
} as const;

/** This machine's name, read when the scenario is checked; `-` (none) when it cannot be read. */
function defaultHostname(): string {
  try {
    return Deno.hostname() || "-";
  } catch {
    return "-";
  }
}

const schema = v.object({
  transport: v.pipe(
    v.optional(oneOf(["tcp", "udp", "tls"] as const), "tcp"),
    v.description("TCP (RFC 6587), UDP (RFC 5426) or TLS (RFC 5425)."),
  ),
  host: v.pipe(v.optional(str(), "127.0.0.1"), v.description("The syslog server.")),
  port: v.pipe(
    v.optional(v.pipe(int(1), v.maxValue(65535))),
    v.description("The server's port: 514 for TCP and UDP, 6514 for TLS by default."),
  ),
  protocol: v.pipe(
    v.optional(oneOf(["rfc5424", "rfc3164"] as const), "rfc5424"),
    v.description("The header: RFC 5424 (ISO time with offset) or the older BSD format of RFC 3164."),
  ),
  framing: v.pipe(
    v.optional(oneOf(["octet-counting", "newline"] as const), "octet-counting"),
    v.description("Over TCP and TLS: each message preceded by its length (RFC 6587), or followed by a newline."),
  ),
  facility: v.pipe(
    v.optional(oneOf(Object.keys(FACILITIES) as (keyof typeof FACILITIES)[]), "local0"),
    v.description("The facility of every message."),
  ),
  severity: v.pipe(
    v.optional(oneOf(Object.keys(SEVERITIES) as (keyof typeof SEVERITIES)[]), "info"),
    v.description("The severity of every message."),
  ),
  app_name: v.pipe(v.optional(str(), "eventum"), v.description("APP-NAME (the TAG of RFC 3164).")),
  hostname: v.pipe(
    v.optional(str(), defaultHostname),
    v.description("HOSTNAME: this machine's name by default."),
  ),
  procid: v.pipe(v.optional(str(), "-"), v.description("PROCID (`-` for none).")),
  msgid: v.pipe(v.optional(str(), "-"), v.description("MSGID, RFC 5424 only (`-` for none).")),
  tls: v.pipe(v.optional(tlsSchema), v.description("TLS settings for `transport tls`.")),
});

type Options = v.InferOutput<typeof schema>;

/** The header fields of {@link syslogMessage}. */
export interface SyslogHeader {
  format: "rfc5424" | "rfc3164";
  /** Facility × 8 + severity. */
  pri: number;
  hostname: string;
  app_name: string;
  procid: string;
  msgid: string;
  /** The zone the timestamp is written in. */
  zone: TimeZone;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const p2 = (n: number) => String(n).padStart(2, "0");

/** Local date fields of an instant in a zone, and the zone's offset in seconds. */
function local(us: number, zone: TimeZone): { d: Date; offset: number } {
  const offset = zone.offsetAt(us);
  return { d: new Date(Math.floor(us / 1000) + offset * 1000), offset };
}

/** An RFC 5424 timestamp with microseconds and the zone's offset. */
function iso(us: number, zone: TimeZone): string {
  const { d, offset } = local(us, zone);
  const micros = String(((us % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, "0");
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:` +
    `${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros}${sign}${p2(Math.floor(abs / 3600))}:${
      p2(Math.floor(abs % 3600 / 60))
    }`;
}

/** An RFC 3164 timestamp (`Jan  2 03:04:05`), local time, no year. */
function bsd(us: number, zone: TimeZone): string {
  const { d } = local(us, zone);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p2(d.getUTCHours())}:` +
    `${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** RFC 5424 header fields: printable ASCII without spaces, at most `max` characters, `-` when empty. */
function field(s: string, max: number): string {
  const clean = s.replace(/[^\x21-\x7e]/g, "_").slice(0, max);
  return clean === "" ? "-" : clean;
}

/**
 * A syslog message: the header, then the record as MSG.
 *
 * @param msg The record.
 * @param timestamp The event's time, epoch microseconds.
 * @param h The header fields.
 * @returns The message, unframed.
 * @example
 * ```ts
 * import { syslogMessage } from "./syslog.ts";
 * import { TimeZone } from "../events/template/_time_zone.ts";
 * const h = { pri: 134, hostname: "web-1", app_name: "shop", procid: "42", msgid: "-" };
 * const t = Date.UTC(2024, 0, 2, 3, 4, 5, 678) * 1000;
 * const a = syslogMessage("hello", t, { ...h, format: "rfc5424", zone: TimeZone.of("Europe/Berlin") });
 * if (a !== "<134>1 2024-01-02T04:04:05.678000+01:00 web-1 shop 42 - - hello") throw new Error(a);
 * const b = syslogMessage("hello", t, { ...h, format: "rfc3164", zone: TimeZone.of("UTC") });
 * if (b !== "<134>Jan  2 03:04:05 web-1 shop[42]: hello") throw new Error(b);
 * ```
 */
export function syslogMessage(msg: string, timestamp: number, h: SyslogHeader): string {
  if (h.format === "rfc5424") {
    return `<${h.pri}>1 ${iso(timestamp, h.zone)} ${field(h.hostname, 255)} ${field(h.app_name, 48)} ` +
      `${field(h.procid, 128)} ${field(h.msgid, 32)} - ${msg}`;
  }
  const tag = h.procid === "-" || h.procid === "" ? h.app_name : `${h.app_name}[${h.procid}]`;
  const host = h.hostname === "-" || h.hostname === "" ? "localhost" : h.hostname;
  return `<${h.pri}>${bsd(timestamp, h.zone)} ${field(host, 255)} ${tag}: ${msg}`;
}

function portOf(o: Options): number {
  return o.port ?? (o.transport === "tls" ? 6514 : 514);
}

/** The `syslog` output. */
export const syslogOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "syslog",
  summary: "Syslog messages (RFC 5424 or 3164) over TCP, UDP or TLS",
  schema,
  defaultFormat: "plain",
  delivery: { batch_size: 1000, flush: 100_000 },
  examples: [
    'output syslog { host "127.0.0.1"; port 514 }',
    'output syslog { transport udp; protocol rfc3164; facility auth; severity warning; app_name "sshd" }',
    'output syslog { transport tls; host "logs.example.com"; tls { ca "ca.pem" } }',
  ],
  access: (o, dir) => ({
    needs: { net: [address(o.host, portOf(o))] },
    grants: { read: tlsFiles(o.tls, dir), ...(o.transport === "udp" ? { net: [udpBind(o.host)] } : {}) },
  }),
  async create(o, ctx) {
    const header: SyslogHeader = {
      format: o.protocol,
      pri: FACILITIES[o.facility] * 8 + SEVERITIES[o.severity],
      hostname: o.hostname,
      app_name: o.app_name,
      procid: o.procid,
      msgid: o.msgid,
      zone: TimeZone.of(ctx.timezone),
    };
    const port = portOf(o);
    const messages = (records: string[], timestamps: number[]) =>
      records.map((r, i) => syslogMessage(r, timestamps[i] as number, header));
    if (o.transport === "udp") {
      const host = o.host.replace(/^\[|\]$/g, "");
      const encoder = new TextEncoder();
      let socket: dgram.Socket | undefined;
      let closed = false;
      return {
        write(batch) {
          if (closed) return Promise.reject(new OutputError("The UDP socket is closed", false));
          socket ??= udpSocket(host);
          const bytes = messages(batch.records, batch.timestamps).map((m) => encoder.encode(m));
          return sendDatagrams(socket, bytes, host, port);
        },
        close() {
          closed = true;
          const s = socket;
          socket = undefined;
          return s ? new Promise<void>((done) => s.close(() => done())) : Promise.resolve();
        },
      };
    }
    const tls = o.transport === "tls" ? (await loadTls(o.tls ?? { verify: true }, ctx.dir)) : undefined;
    const conn = new Connection({ host: o.host, port, tls });
    return {
      async write(batch, signal) {
        await conn.write(frame(messages(batch.records, batch.timestamps), o.framing, "\n"), signal);
      },
      // deno-lint-ignore require-await
      async close() {
        conn.close();
      },
    };
  },
};
