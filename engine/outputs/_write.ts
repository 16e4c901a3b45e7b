/** Writes every byte of `data` to a writer that may accept fewer per call. */
export async function writeAll(w: { write(p: Uint8Array): Promise<number> }, data: Uint8Array): Promise<void> {
  let off = 0;
  while (off < data.length) off += await w.write(data.subarray(off));
}

const encoder = new TextEncoder();

/** Joins records, each followed by `separator`, and encodes them once. */
export function encodeLines(lines: string[], separator: string): Uint8Array {
  if (lines.length === 0) return new Uint8Array(0);
  return encoder.encode(lines.join(separator) + separator);
}

/** Characters of short records joined before one `encodeInto` call. */
const CHUNK = 16_384;
/** Records this long or longer are encoded alone: joining them would only add a copy. */
const LONG = 256;

/** Whether UTF-16 unit `c` is half of a surrogate pair. */
const surrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

/**
 * Encodes records into one buffer kept from batch to batch, so a busy output
 * neither builds a joined copy of each batch nor leaves a new buffer per batch
 * for the garbage collector. Records are joined into chunks of about 16K
 * characters, one `encodeInto` per chunk: for short records a call each
 * cost about five times as much as the encoding itself. Long records are
 * encoded one by one. The bytes returned are valid until the next call.
 *
 * @example
 * ```ts
 * import { LineEncoder } from "./_write.ts";
 * const enc = new LineEncoder("\n");
 * const bytes = enc.encode(["a", "é"], 0, 2);
 * if (new TextDecoder().decode(bytes) !== "a\né\n") throw new Error();
 * ```
 */
export class LineEncoder {
  #buf = new Uint8Array(1 << 16);
  #sep: string;
  /**
   * Whether records may be joined before encoding: not when the separator is
   * empty or starts or ends with half of a surrogate pair, where joining
   * could pair a record's lone surrogate with its neighbour's and encode
   * differently from each record alone.
   */
  #joinable: boolean;

  constructor(separator: string) {
    this.#sep = separator;
    this.#joinable = separator.length > 0 && !surrogate(separator.charCodeAt(0)) &&
      !surrogate(separator.charCodeAt(separator.length - 1));
  }

  /** Records `from` to `to` (exclusive), each followed by the separator. */
  encode(records: readonly string[], from: number, to: number): Uint8Array {
    const sep = this.#sep;
    let at = 0;
    let chunk = "";
    for (let i = from; i < to; i++) {
      const text = records[i] as string;
      if (this.#joinable && text.length < LONG) {
        chunk += text + sep;
        if (chunk.length >= CHUNK) {
          at = this.#put(chunk, at);
          chunk = "";
        }
        continue;
      }
      if (chunk.length > 0) {
        at = this.#put(chunk, at);
        chunk = "";
      }
      at = this.#put(sep, this.#put(text, at));
    }
    if (chunk.length > 0) at = this.#put(chunk, at);
    return this.#buf.subarray(0, at);
  }

  /** Encodes `text` at `at`; returns the end. */
  #put(text: string, at: number): number {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (at + text.length * 3 > this.#buf.length) this.#grow(at + text.length * 3);
    return text.length === 0 ? at : at + encoder.encodeInto(text, this.#buf.subarray(at)).written;
  }

  #grow(need: number): void {
    const next = new Uint8Array(Math.max(need, this.#buf.length * 2));
    next.set(this.#buf);
    this.#buf = next;
  }
}
