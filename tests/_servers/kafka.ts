/**
 * A protocol-level stand-in for a Kafka broker, for tests. **It is not
 * Kafka**: Kafka cannot be installed here, so this speaks just enough of the
 * Kafka wire protocol for a producer — ApiVersions (v0–v3), Metadata (v1),
 * Produce (v3, record batches of magic 2, uncompressed, gzip or zstd), and
 * SaslHandshake (v1) with SaslAuthenticate (v0–v2) for PLAIN — and keeps
 * what it receives in memory. It checks each batch's CRC-32C, so a wrongly
 * encoded batch fails the test. It is one broker (node 1) that leads every
 * partition of every topic, and creates topics on first use. InitProducerId
 * is not offered: the producer under test is not idempotent.
 *
 * Fault controls: `stop()` closes the listener and every connection,
 * `start()` listens again on the same port, `stall(ms)` holds produce
 * answers, `failNext(n, code)` answers the next `n` produce requests with
 * an error code (6: NOT_LEADER_OR_FOLLOWER, retryable).
 *
 * @module
 */
import zlib from "node:zlib";
import { freePort } from "./_daemon.ts";

/** A message the broker stored. */
export interface KafkaMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  /** Epoch milliseconds. */
  timestamp: number;
  headers: [string, string | null][];
  /** The compression of the batch it came in (0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd). */
  compression: number;
}

/** A running (or stopped) stand-in broker. */
export interface KafkaStandIn {
  port: number;
  /** `127.0.0.1:PORT`. */
  broker: string;
  messages: KafkaMessage[];
  /** Produce requests received (including failed ones). */
  produceRequests: number;
  /** The acks value of the last produce request. */
  lastAcks?: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  stall(ms: number): void;
  failNext(n: number, code?: number): void;
  close(): Promise<void>;
}

/** Options of {@link startKafka}. */
export interface KafkaOptions {
  /** Partitions of each topic. Default 1. */
  partitions?: number;
  /** Require SASL PLAIN with these credentials. */
  sasl?: { username: string; password: string };
  /** False: prepare the port without listening yet. */
  start?: boolean;
}

// ── CRC-32C (Castagnoli), as record batches carry it ─────────────────────────
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ── reading and writing the protocol's types ────────────────────────────────
class Reader {
  off = 0;
  view: DataView;
  constructor(readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  i8() {
    return this.view.getInt8(this.off++);
  }
  i16() {
    const x = this.view.getInt16(this.off);
    this.off += 2;
    return x;
  }
  i32() {
    const x = this.view.getInt32(this.off);
    this.off += 4;
    return x;
  }
  u32() {
    const x = this.view.getUint32(this.off);
    this.off += 4;
    return x;
  }
  i64() {
    const x = this.view.getBigInt64(this.off);
    this.off += 8;
    return x;
  }
  uvarint() {
    let x = 0, shift = 0, b: number;
    do {
      b = this.buf[this.off++] as number;
      x += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    return x;
  }
  varint() {
    const z = this.uvarint();
    return z % 2 ? -(z + 1) / 2 : z / 2;
  }
  bytes(n: number) {
    const b = this.buf.subarray(this.off, this.off + n);
    this.off += n;
    return b;
  }
  string() {
    const n = this.i16();
    return n < 0 ? null : new TextDecoder().decode(this.bytes(n));
  }
  compactString() {
    const n = this.uvarint() - 1;
    return n < 0 ? null : new TextDecoder().decode(this.bytes(n));
  }
  tags() {
    const n = this.uvarint();
    for (let i = 0; i < n; i++) {
      this.uvarint();
      this.bytes(this.uvarint());
    }
  }
}

class Writer {
  parts: number[] = [];
  i8(x: number) {
    this.parts.push(x & 0xff);
    return this;
  }
  i16(x: number) {
    this.parts.push((x >> 8) & 0xff, x & 0xff);
    return this;
  }
  i32(x: number) {
    this.parts.push((x >>> 24) & 0xff, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff);
    return this;
  }
  i64(x: bigint) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigInt64(0, x);
    this.parts.push(...b);
    return this;
  }
  uvarint(x: number) {
    while (x >= 0x80) {
      this.parts.push((x & 0x7f) | 0x80);
      x = Math.floor(x / 128);
    }
    this.parts.push(x);
    return this;
  }
  string(s: string | null) {
    if (s === null) return this.i16(-1);
    const b = new TextEncoder().encode(s);
    this.i16(b.length);
    this.parts.push(...b);
    return this;
  }
  compactString(s: string) {
    const b = new TextEncoder().encode(s);
    this.uvarint(b.length + 1);
    this.parts.push(...b);
    return this;
  }
  bytes(b: Uint8Array) {
    this.parts.push(...b);
    return this;
  }
  done(): Uint8Array {
    return new Uint8Array(this.parts);
  }
}

const API_VERSIONS = 18, METADATA = 3, PRODUCE = 0, SASL_HANDSHAKE = 17, SASL_AUTHENTICATE = 36;

/** Decodes the records of one record batch (magic 2); throws on a bad CRC or an unknown compression. */
export function decodeBatch(
  buf: Uint8Array,
): { records: Omit<KafkaMessage, "topic" | "partition" | "offset">[]; compression: number } {
  const r = new Reader(buf);
  r.i64(); // base offset
  const length = r.i32();
  r.i32(); // partition leader epoch
  const magic = r.i8();
  if (magic !== 2) throw new Error(`record batch magic ${magic}, expected 2`);
  const crc = r.u32();
  const crcStart = r.off;
  const crcEnd = 12 + length;
  if (crc32c(buf.subarray(crcStart, crcEnd)) !== crc) throw new Error("record batch CRC-32C mismatch");
  const attributes = r.i16();
  r.i32(); // last offset delta
  const baseTimestamp = Number(r.i64());
  r.i64(); // max timestamp
  r.i64(); // producer id
  r.i16(); // producer epoch
  r.i32(); // base sequence
  const count = r.i32();
  const compression = attributes & 7;
  let body = buf.subarray(r.off, crcEnd);
  if (compression === 1) body = new Uint8Array(zlib.gunzipSync(body));
  else if (compression === 4) body = new Uint8Array(zlib.zstdDecompressSync(body));
  else if (compression !== 0) throw new Error(`compression ${compression} is not decoded by the stand-in`);
  const rr = new Reader(body);
  const dec = new TextDecoder();
  const records: Omit<KafkaMessage, "topic" | "partition" | "offset">[] = [];
  for (let i = 0; i < count; i++) {
    rr.varint(); // length
    rr.i8(); // attributes
    const tsDelta = rr.varint();
    rr.varint(); // offset delta
    const kl = rr.varint();
    const key = kl < 0 ? null : dec.decode(rr.bytes(kl));
    const vl = rr.varint();
    const value = vl < 0 ? null : dec.decode(rr.bytes(vl));
    const headers: [string, string | null][] = [];
    const hn = rr.varint();
    for (let h = 0; h < hn; h++) {
      const name = dec.decode(rr.bytes(rr.varint()));
      const hl = rr.varint();
      headers.push([name, hl < 0 ? null : dec.decode(rr.bytes(hl))]);
    }
    records.push({ key, value, timestamp: baseTimestamp + tsDelta, headers, compression });
  }
  return { records, compression };
}

/** Starts the stand-in broker on a free port of 127.0.0.1. */
export async function startKafka(options: KafkaOptions = {}): Promise<KafkaStandIn> {
  const port = freePort();
  const partitions = options.partitions ?? 1;
  const offsets = new Map<string, number>();
  let listener: Deno.Listener | undefined;
  const conns = new Set<Deno.Conn>();
  let stallUntil = 0;
  let failures = 0;
  let failCode = 6;

  const state: KafkaStandIn = {
    port,
    broker: `127.0.0.1:${port}`,
    messages: [],
    produceRequests: 0,
    start() {
      listener = Deno.listen({ hostname: "127.0.0.1", port });
      const l = listener;
      (async () => {
        for await (const conn of l) {
          conns.add(conn);
          serve(conn).catch(() => {}).finally(() => {
            conns.delete(conn);
            try {
              conn.close();
            } catch {
              // closed
            }
          });
        }
      })().catch(() => {});
      return Promise.resolve();
    },
    stop() {
      listener?.close();
      listener = undefined;
      for (const c of conns) {
        try {
          c.close();
        } catch {
          // closed
        }
      }
      conns.clear();
      return Promise.resolve();
    },
    stall(ms) {
      stallUntil = Date.now() + ms;
    },
    failNext(n, code = 6) {
      failures = n;
      failCode = code;
    },
    close() {
      return state.stop();
    },
  };

  async function serve(conn: Deno.Conn): Promise<void> {
    let authenticated = !options.sasl;
    let pending = new Uint8Array(0);
    const buf = new Uint8Array(64 * 1024);
    for (;;) {
      const n = await conn.read(buf);
      if (n === null) return;
      const joined = new Uint8Array(pending.length + n);
      joined.set(pending);
      joined.set(buf.subarray(0, n), pending.length);
      pending = joined;
      while (pending.length >= 4) {
        const size = new DataView(pending.buffer, pending.byteOffset).getInt32(0);
        if (pending.length < 4 + size) break;
        const frame = pending.subarray(4, 4 + size);
        pending = pending.slice(4 + size);
        const r = new Reader(frame);
        const apiKey = r.i16(), version = r.i16(), correlation = r.i32();
        r.string(); // client id
        const flexible = (apiKey === API_VERSIONS && version >= 3) || (apiKey === PRODUCE && version >= 9) ||
          (apiKey === METADATA && version >= 9) || (apiKey === SASL_AUTHENTICATE && version >= 2);
        if (flexible) r.tags();
        if (!authenticated && apiKey !== API_VERSIONS && apiKey !== SASL_HANDSHAKE && apiKey !== SASL_AUTHENTICATE) {
          return; // a broker closes connections that skip authentication
        }
        const body = await answer(apiKey, version, r, () => authenticated = true);
        if (body === undefined) continue; // acks 0: no answer
        const head = new Writer().i32(correlation);
        if (flexible && apiKey !== API_VERSIONS) head.uvarint(0);
        const out = new Writer().i32(head.parts.length + body.length).bytes(head.done()).bytes(body).done();
        let off = 0;
        while (off < out.length) off += await conn.write(out.subarray(off));
      }
    }
  }

  async function answer(
    apiKey: number,
    version: number,
    r: Reader,
    authenticate: () => void,
  ): Promise<Uint8Array | undefined> {
    const w = new Writer();
    switch (apiKey) {
      case API_VERSIONS: {
        const apis: [number, number, number][] = [[API_VERSIONS, 0, 3], [METADATA, 1, 1], [PRODUCE, 3, 3]];
        if (options.sasl) apis.push([SASL_HANDSHAKE, 1, 1], [SASL_AUTHENTICATE, 0, 1]);
        if (version > 3) return w.i16(35).i32(0).done(); // UNSUPPORTED_VERSION
        w.i16(0);
        if (version >= 3) {
          w.uvarint(apis.length + 1);
          for (const [k, min, max] of apis) w.i16(k).i16(min).i16(max).uvarint(0);
          return w.i32(0).uvarint(0).done();
        }
        w.i32(apis.length);
        for (const [k, min, max] of apis) w.i16(k).i16(min).i16(max);
        if (version >= 1) w.i32(0);
        return w.done();
      }
      case SASL_HANDSHAKE: {
        const mechanism = r.string();
        return w.i16(mechanism === "PLAIN" ? 0 : 33).i32(1).string("PLAIN").done();
      }
      case SASL_AUTHENTICATE: {
        const auth = r.bytes(r.i32());
        const [, user, pass] = new TextDecoder().decode(auth).split("\0");
        const ok = user === options.sasl?.username && pass === options.sasl?.password;
        if (ok) authenticate();
        w.i16(ok ? 0 : 58).string(ok ? null : "Authentication failed: invalid username or password");
        w.i32(0); // auth bytes
        if (version >= 1) w.i64(0n); // session lifetime
        return w.done();
      }
      case METADATA: {
        const n = r.i32();
        const names: string[] = [];
        for (let i = 0; i < n; i++) names.push(r.string() as string);
        const topics = n < 0 ? [...new Set([...offsets.keys()].map((k) => k.split("\0")[0] as string))] : names;
        w.i32(1).i32(1).string("127.0.0.1").i32(port).string(null); // brokers
        w.i32(1); // controller
        w.i32(topics.length);
        for (const t of topics) {
          w.i16(0).string(t).i8(0).i32(partitions);
          for (let p = 0; p < partitions; p++) w.i16(0).i32(p).i32(1).i32(1).i32(1).i32(1).i32(1);
        }
        return w.done();
      }
      case PRODUCE: {
        state.produceRequests++;
        r.string(); // transactional id
        const acks = r.i16();
        state.lastAcks = acks;
        r.i32(); // timeout
        const failing = failures > 0 ? (failures--, failCode) : 0;
        const wait = stallUntil - Date.now();
        if (wait > 0) await new Promise((res) => setTimeout(res, wait));
        const results: [string, [number, number, number][]][] = [];
        const nt = r.i32();
        for (let t = 0; t < nt; t++) {
          const topic = r.string() as string;
          const parts: [number, number, number][] = [];
          const np = r.i32();
          for (let p = 0; p < np; p++) {
            const partition = r.i32();
            const size = r.i32();
            const bytes = r.bytes(size);
            if (failing) {
              parts.push([partition, failing, -1]);
              continue;
            }
            let decoded;
            try {
              decoded = decodeBatch(bytes);
            } catch {
              parts.push([partition, 2, -1]); // CORRUPT_MESSAGE
              continue;
            }
            const k = `${topic}\0${partition}`;
            const base = offsets.get(k) ?? 0;
            decoded.records.forEach((m, i) => state.messages.push({ ...m, topic, partition, offset: base + i }));
            offsets.set(k, base + decoded.records.length);
            parts.push([partition, 0, base]);
          }
          results.push([topic, parts]);
        }
        if (acks === 0) return undefined;
        w.i32(results.length);
        for (const [topic, parts] of results) {
          w.string(topic).i32(parts.length);
          for (const [p, code, base] of parts) w.i32(p).i16(code).i64(BigInt(base)).i64(-1n);
        }
        return w.i32(0).done();
      }
      default:
        throw new Error(`API ${apiKey} is not served by the stand-in`);
    }
  }

  if (options.start !== false) await state.start();
  return state;
}
