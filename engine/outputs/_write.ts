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

/**
 * Encodes records into one buffer kept from batch to batch, so a busy output
 * neither builds a joined copy of each batch nor leaves a new buffer per batch
 * for the garbage collector. The bytes returned are valid until the next call.
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
  #sep: Uint8Array;

  constructor(separator: string) {
    this.#sep = encoder.encode(separator);
  }

  /** Records `from` to `to` (exclusive), each followed by the separator. */
  encode(records: readonly string[], from: number, to: number): Uint8Array {
    const sep = this.#sep;
    let at = 0;
    for (let i = from; i < to; i++) {
      const text = records[i] as string;
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      const room = text.length * 3 + sep.length;
      if (at + room > this.#buf.length) this.#grow(at + room);
      at += text.length === 0 ? 0 : encoder.encodeInto(text, this.#buf.subarray(at)).written;
      this.#buf.set(sep, at);
      at += sep.length;
    }
    return this.#buf.subarray(0, at);
  }

  #grow(need: number): void {
    const next = new Uint8Array(Math.max(need, this.#buf.length * 2));
    next.set(this.#buf);
    this.#buf = next;
  }
}
