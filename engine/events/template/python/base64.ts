/**
 * `module.base64`: Python's `b64encode`, `b64decode` and their URL-safe and
 * base-16 variants. Encoders return {@linkcode Bytes} (so `.decode()`
 * gives text, as in Python); every function also takes text, as UTF-8.
 *
 * @module
 */
import { param, splitArgs } from "../_args.ts";
import { Bytes } from "./bytes.ts";

const STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Base64 text of bytes.
 *
 * @param data The bytes.
 * @param alt The two characters for 62 and 63 (`+/` by default).
 * @returns The text, padded with `=`.
 *
 * @example
 * ```ts
 * import { encodeBase64 } from "./base64.ts";
 * if (encodeBase64(new TextEncoder().encode("hello")) !== "aGVsbG8=") throw new Error();
 * ```
 */
export function encodeBase64(data: Uint8Array, alt = "+/"): string {
  const table = STANDARD.slice(0, 62) + alt;
  let out = "";
  let i = 0;
  for (; i + 2 < data.length; i += 3) {
    const n = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    out += table[n >> 18]! + table[(n >> 12) & 63]! + table[(n >> 6) & 63]! + table[n & 63]!;
  }
  const rest = data.length - i;
  if (rest === 1) {
    const n = data[i]! << 16;
    out += table[n >> 18]! + table[(n >> 12) & 63]! + "==";
  } else if (rest === 2) {
    const n = (data[i]! << 16) | (data[i + 1]! << 8);
    out += table[n >> 18]! + table[(n >> 12) & 63]! + table[(n >> 6) & 63]! + "=";
  }
  return out;
}

/**
 * Bytes from base64 text. Characters outside the alphabet are skipped
 * unless `validate` is set, as Python does.
 *
 * @param text The base64 text.
 * @param alt The two characters for 62 and 63.
 * @param validate Reject characters outside the alphabet.
 * @returns The bytes.
 * @throws {Error} With Python's `binascii.Error` message on bad padding.
 */
export function decodeBase64(text: string, alt = "+/", validate = false): Uint8Array {
  const table = STANDARD.slice(0, 62) + alt;
  const values: number[] = [];
  let pads = 0;
  for (const ch of text) {
    const v = table.indexOf(ch);
    if (v >= 0 && pads === 0) values.push(v);
    else if (ch === "=") pads++;
    else if (validate) throw new Error("binascii.Error: Non-base64 digit found");
  }
  if (values.length % 4 === 1) {
    throw new Error(
      `binascii.Error: Invalid base64-encoded string: number of data characters (${values.length}) cannot be 1 more than a multiple of 4`,
    );
  }
  if (values.length % 4 !== 0 && (values.length % 4) + pads < 4) throw new Error("binascii.Error: Incorrect padding");
  const out = new Uint8Array(Math.floor((values.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < values.length; i += 4) {
    const n = (values[i]! << 18) | (values[i + 1]! << 12) | ((values[i + 2] ?? 0) << 6) | (values[i + 3] ?? 0);
    out[o++] = n >> 16;
    if (i + 2 < values.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < values.length) out[o++] = n & 255;
  }
  return out;
}

function text(value: unknown, what: string): string {
  return Bytes.from(value, what).decode("latin-1");
}

/** What `module.base64` offers. */
export interface Base64Module {
  b64encode: (...args: unknown[]) => Bytes;
  b64decode: (...args: unknown[]) => Bytes;
  standard_b64encode: (s: unknown) => Bytes;
  standard_b64decode: (s: unknown) => Bytes;
  urlsafe_b64encode: (s: unknown) => Bytes;
  urlsafe_b64decode: (s: unknown) => Bytes;
  b16encode: (s: unknown) => Bytes;
  b16decode: (s: unknown) => Bytes;
}

/**
 * Creates `module.base64`.
 *
 * @returns The module.
 *
 * @example
 * ```ts
 * import { createBase64 } from "./base64.ts";
 * const base64 = createBase64();
 * if (base64.b64encode("hello").decode() !== "aGVsbG8=") throw new Error();
 * if (base64.b64decode("aGVsbG8=").decode() !== "hello") throw new Error();
 * ```
 */
export function createBase64(): Base64Module {
  const altchars = (value: unknown): string => {
    if (value === undefined || value === null) return "+/";
    const alt = text(value, "use altchars");
    if (alt.length !== 2) throw new Error("AssertionError: altchars must be 2 characters");
    return alt;
  };
  return {
    b64encode(...args) {
      const [positional, keywords] = splitArgs(args);
      const data = Bytes.from(param(positional, keywords, 0, "s"), "base64-encode it").toUint8Array();
      return Bytes.fromText(encodeBase64(data, altchars(param(positional, keywords, 1, "altchars"))), "ascii");
    },
    b64decode(...args) {
      const [positional, keywords] = splitArgs(args);
      const alt = altchars(param(positional, keywords, 1, "altchars"));
      const validate = param(positional, keywords, 2, "validate") === true;
      return new Bytes(decodeBase64(text(param(positional, keywords, 0, "s"), "base64-decode it"), alt, validate));
    },
    standard_b64encode: (s) => Bytes.fromText(encodeBase64(Bytes.from(s, "base64-encode it").toUint8Array()), "ascii"),
    standard_b64decode: (s) => new Bytes(decodeBase64(text(s, "base64-decode it"))),
    urlsafe_b64encode: (s) =>
      Bytes.fromText(encodeBase64(Bytes.from(s, "base64-encode it").toUint8Array(), "-_"), "ascii"),
    urlsafe_b64decode: (s) => new Bytes(decodeBase64(text(s, "base64-decode it"), "-_")),
    b16encode: (s) => Bytes.fromText(Bytes.from(s, "base16-encode it").hex().toUpperCase(), "ascii"),
    b16decode(s) {
      const hex = text(s, "base16-decode it");
      if (!/^(?:[0-9A-F]{2})*$/.test(hex)) throw new Error("binascii.Error: Non-base16 digit found");
      return new Bytes(Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)));
    },
  };
}
