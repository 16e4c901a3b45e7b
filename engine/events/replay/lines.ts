/**
 * Reads a text file line by line in fixed-size chunks, synchronously, so a
 * file of any size is replayed in bounded memory.
 *
 * @module
 */

/**
 * Lines of a file, read a chunk at a time.
 *
 * @example
 * ```ts
 * import { LineReader } from "./lines.ts";
 * const path = Deno.makeTempFileSync();
 * Deno.writeTextFileSync(path, "a\nb\r\nc");
 * const r = new LineReader(path, { chunk: 2 });
 * const got = [r.next(), r.next(), r.next(), r.next()];
 * r.close();
 * if (JSON.stringify(got) !== '["a","b","c",null]') throw new Error(JSON.stringify(got));
 * ```
 */
export class LineReader {
  #path: string;
  #file: Deno.FsFile;
  #decoder: TextDecoder;
  #encoding: string;
  #buf: Uint8Array;
  #lines: string[] = [];
  #at = 0;
  #rest = "";
  #eof = false;

  /**
   * @param path The file.
   * @param options `chunk`: bytes read at a time (default 1 MiB); `encoding`:
   *   a WHATWG label such as `utf-8`, `latin1` or `utf-16le`.
   */
  constructor(path: string, options: { chunk?: number; encoding?: string } = {}) {
    this.#path = path;
    this.#encoding = options.encoding ?? "utf-8";
    this.#decoder = new TextDecoder(this.#encoding);
    this.#buf = new Uint8Array(options.chunk ?? 1 << 20);
    this.#file = Deno.openSync(path, { read: true });
  }

  /** The next line without its line break, or null at the end of the file. */
  next(): string | null {
    while (this.#at >= this.#lines.length) {
      if (this.#eof) return null;
      this.#fill();
    }
    return this.#lines[this.#at++] as string;
  }

  #fill(): void {
    const n = this.#file.readSync(this.#buf);
    let text: string;
    if (n === null) {
      this.#eof = true;
      text = this.#rest + this.#decoder.decode();
      this.#rest = "";
      this.#lines = text === "" ? [] : [text.replace(/\r$/, "")];
    } else {
      text = this.#rest + this.#decoder.decode(this.#buf.subarray(0, n), { stream: true });
      const parts = text.split("\n");
      this.#rest = parts.pop() as string;
      this.#lines = parts.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
    }
    this.#at = 0;
  }

  /** Starts again from the first line. */
  rewind(): void {
    this.#file.seekSync(0, Deno.SeekMode.Start);
    this.#decoder = new TextDecoder(this.#encoding);
    this.#lines = [];
    this.#at = 0;
    this.#rest = "";
    this.#eof = false;
  }

  /** Closes the file. */
  close(): void {
    try {
      this.#file.close();
    } catch {
      // already closed
    }
  }

  /** The file's path. */
  get path(): string {
    return this.#path;
  }
}
