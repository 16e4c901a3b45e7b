/**
 * Python's `bytes` for templates: what `'text'.encode()`, `hashlib`'s
 * `digest()` and `base64.b64encode()` return. It prints like Python
 * (`b'abc'`), decodes back to text and concatenates with `~`.
 *
 * @module
 */
import { param, splitArgs } from "../_args.ts";
import { PY_REPR } from "../_py_repr.ts";

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function latin1(data: Uint8Array): string {
  let out = "";
  for (let i = 0; i < data.length; i += 8192) {
    out += String.fromCharCode(...data.subarray(i, i + 8192));
  }
  return out;
}

/**
 * An immutable byte string.
 *
 * @example
 * ```ts
 * import { Bytes } from "./bytes.ts";
 * const b = Bytes.fromText("héllo");
 * if (String(b) !== "b'h\\xc3\\xa9llo'") throw new Error(String(b));
 * if (b.decode() !== "héllo" || b.length !== 6 || b.hex() !== "68c3a96c6c6f") throw new Error();
 * ```
 */
export class Bytes {
  readonly #data: Uint8Array;

  /**
   * Wraps bytes (the array is not copied; do not change it afterwards).
   *
   * @param data The bytes.
   */
  constructor(data: Uint8Array) {
    this.#data = data;
  }

  /**
   * Encodes text, as Python's `str.encode(encoding)`.
   *
   * @param text The text.
   * @param encoding `utf-8` (the default), `ascii` or `latin-1`.
   * @returns The bytes.
   * @throws {Error} When the encoding is unknown or cannot encode a character.
   */
  static fromText(text: string, encoding = "utf-8"): Bytes {
    const name = normalizeEncoding(encoding);
    if (name === "utf8") return new Bytes(new TextEncoder().encode(text));
    const limit = name === "ascii" ? 0x7f : 0xff;
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > limit) {
        throw new Error(
          `UnicodeEncodeError: '${encoding}' codec can't encode character '\\u${
            code.toString(16).padStart(4, "0")
          }' in position ${i}`,
        );
      }
      out[i] = code;
    }
    return new Bytes(out);
  }

  /**
   * Turns text or bytes into bytes: text is encoded as UTF-8.
   *
   * @param value A string or {@linkcode Bytes}.
   * @param what What the value is for, for the error message.
   * @returns The bytes.
   * @throws {Error} For any other value.
   */
  static from(value: unknown, what: string): Bytes {
    if (value instanceof Bytes) return value;
    if (typeof value === "string") return Bytes.fromText(value);
    if (value instanceof Uint8Array) return new Bytes(value);
    if (Array.isArray(value) && value.every((v) => Number.isInteger(v) && v >= 0 && v < 256)) {
      return new Bytes(Uint8Array.from(value as number[]));
    }
    throw new Error(`Cannot ${what}: expected bytes or a string, got \`${String(value)}\``);
  }

  /** `"bytes"`; keeps Nunjucks' Jinja-compat from treating bytes as a dict. */
  get [Symbol.toStringTag](): string {
    return "bytes";
  }

  /** The number of bytes. */
  get length(): number {
    return this.#data.length;
  }

  /**
   * The raw bytes (a view, not a copy).
   *
   * @returns The bytes.
   */
  toUint8Array(): Uint8Array {
    return this.#data;
  }

  /**
   * The byte at an index; negative indexes count from the end.
   *
   * @param index The index.
   * @returns 0 to 255, or `undefined` past either end.
   */
  at(index: number): number | undefined {
    return this.#data.at(index);
  }

  /**
   * Python's `bytes.decode(encoding='utf-8', errors='strict')`.
   *
   * @param args `encoding` and `errors` (`strict`, `replace`, `ignore`),
   * positionally or as keywords.
   * @returns The text.
   */
  decode(...args: unknown[]): string {
    const [positional, keywords] = splitArgs(args);
    const encoding = String(param(positional, keywords, 0, "encoding") ?? "utf-8");
    const errors = String(param(positional, keywords, 1, "errors") ?? "strict");
    const name = normalizeEncoding(encoding);
    if (name === "utf8") {
      if (errors === "ignore") {
        return new TextDecoder("utf-8").decode(this.#data).replaceAll("\ufffd", "");
      }
      try {
        return new TextDecoder("utf-8", { fatal: errors === "strict" }).decode(this.#data);
      } catch {
        throw new Error("UnicodeDecodeError: 'utf-8' codec can't decode the bytes: invalid UTF-8");
      }
    }
    if (name === "ascii") {
      let out = "";
      for (const b of this.#data) {
        if (b < 0x80) out += String.fromCharCode(b);
        else if (errors === "replace") out += "\ufffd";
        else if (errors !== "ignore") {
          throw new Error(`UnicodeDecodeError: 'ascii' codec can't decode byte 0x${HEX[b]}`);
        }
      }
      return out;
    }
    return latin1(this.#data);
  }

  /**
   * The bytes in hexadecimal, as Python's `bytes.hex(sep='')`.
   *
   * @param sep Put between bytes.
   * @returns Lower-case hex digits.
   */
  hex(sep: unknown = ""): string {
    let out = "";
    const s = typeof sep === "string" ? sep : "";
    for (let i = 0; i < this.#data.length; i++) {
      if (i > 0) out += s;
      out += HEX[this.#data[i] as number];
    }
    return out;
  }

  /**
   * Python's `bytes.upper()`: ASCII letters in upper case.
   *
   * @returns New bytes.
   */
  upper(): Bytes {
    return new Bytes(this.#data.map((b) => (b >= 0x61 && b <= 0x7a ? b - 32 : b)));
  }

  /**
   * Python's `bytes.lower()`: ASCII letters in lower case.
   *
   * @returns New bytes.
   */
  lower(): Bytes {
    return new Bytes(this.#data.map((b) => (b >= 0x41 && b <= 0x5a ? b + 32 : b)));
  }

  /**
   * Python's `bytes.startswith(prefix)`.
   *
   * @param prefix Bytes or text.
   * @returns Whether these bytes begin with it.
   */
  startswith(prefix: unknown): boolean {
    const p = Bytes.from(prefix, "check a prefix").toUint8Array();
    return p.length <= this.#data.length && p.every((b, i) => this.#data[i] === b);
  }

  /**
   * Python's `bytes.endswith(suffix)`.
   *
   * @param suffix Bytes or text.
   * @returns Whether these bytes end with it.
   */
  endswith(suffix: unknown): boolean {
    const s = Bytes.from(suffix, "check a suffix").toUint8Array();
    const at = this.#data.length - s.length;
    return at >= 0 && s.every((b, i) => this.#data[at + i] === b);
  }

  /**
   * Bytes `start` to `stop`, as a Python slice does.
   *
   * @param start The first index.
   * @param stop The index after the last.
   * @returns New bytes.
   */
  slice(start?: number, stop?: number): Bytes {
    return new Bytes(this.#data.slice(start, stop));
  }

  /**
   * These bytes followed by others.
   *
   * @param other The other bytes.
   * @returns New bytes.
   */
  concat(other: Bytes): Bytes {
    const out = new Uint8Array(this.length + other.length);
    out.set(this.#data);
    out.set(other.#data, this.length);
    return new Bytes(out);
  }

  /**
   * Whether two byte strings hold the same bytes.
   *
   * @param other The other bytes.
   * @returns `true` when equal.
   */
  equals(other: Bytes): boolean {
    const a = this.#data;
    const b = other.#data;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** The bytes one by one, as numbers. */
  *[Symbol.iterator](): IterableIterator<number> {
    yield* this.#data;
  }

  /** Python's `repr()`: `b'abc'`, with `\xNN` for bytes outside printable ASCII. */
  [PY_REPR](): string {
    const data = this.#data;
    const quote = data.includes(0x27) && !data.includes(0x22) ? '"' : "'";
    let out = "b" + quote;
    for (const b of data) {
      if (b === 0x5c) out += "\\\\";
      else if (b === 0x09) out += "\\t";
      else if (b === 0x0a) out += "\\n";
      else if (b === 0x0d) out += "\\r";
      else if (String.fromCharCode(b) === quote) out += "\\" + quote;
      else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
      else out += "\\x" + HEX[b];
    }
    return out + quote;
  }

  /**
   * Python's `str(bytes)`, the same as its `repr()`.
   *
   * @returns Such as `b'abc'`.
   */
  toString(): string {
    return this[PY_REPR]();
  }
}

function normalizeEncoding(encoding: string): "utf8" | "ascii" | "latin1" {
  const name = encoding.toLowerCase().replace(/[-_ ]/g, "");
  if (name === "utf8") return "utf8";
  if (name === "ascii" || name === "usascii") return "ascii";
  if (name === "latin1" || name === "iso88591" || name === "l1") return "latin1";
  throw new Error(`LookupError: unknown encoding: ${encoding}`);
}
