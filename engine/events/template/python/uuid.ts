/**
 * `module.uuid`: Python's `uuid4()` (drawn from the generator's seeded
 * stream when one is given), the name-based `uuid3()` and `uuid5()`, and
 * `UUID(...)`.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { param, splitArgs } from "../_args.ts";
import { PY_REPR } from "../_py_repr.ts";
import { Bytes } from "./bytes.ts";
import { PY_EQ } from "./values.ts";

/** Where random values come from: a seeded `Rng`, or anything with `float()` in [0, 1). */
export interface RandomSource {
  float(): number;
}

/**
 * A UUID, as Python's `uuid.UUID`: prints in the canonical form.
 *
 * @example
 * ```ts
 * import { UUID } from "./uuid.ts";
 * const u = UUID.parse("{12345678-1234-5678-1234-567812345678}");
 * if (String(u) !== "12345678-1234-5678-1234-567812345678" || u.hex !== "12345678123456781234567812345678") {
 *   throw new Error();
 * }
 * ```
 */
export class UUID {
  readonly #bytes: Uint8Array;

  /**
   * Wraps 16 bytes.
   *
   * @param bytes The bytes.
   */
  constructor(bytes: Uint8Array) {
    if (bytes.length !== 16) throw new Error("ValueError: bytes is not a 16-char string");
    this.#bytes = bytes;
  }

  /**
   * Reads the hex form, with or without dashes, braces or `urn:uuid:`.
   *
   * @param text The text.
   * @returns The UUID.
   */
  static parse(text: string): UUID {
    const hex = text.replace(/^urn:uuid:/, "").replace(/[{}-]/g, "");
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error("ValueError: badly formed hexadecimal UUID string");
    return new UUID(Uint8Array.from(hex.match(/../g) as string[], (h) => parseInt(h, 16)));
  }

  /** `"uuid.UUID"`; keeps Nunjucks' Jinja-compat from treating it as a dict. */
  get [Symbol.toStringTag](): string {
    return "uuid.UUID";
  }

  /** The 32 hex digits. */
  get hex(): string {
    return new Bytes(this.#bytes).hex();
  }

  /** `urn:uuid:...` */
  get urn(): string {
    return "urn:uuid:" + this.toString();
  }

  /** The version number (4 for random UUIDs). */
  get version(): number {
    return (this.#bytes[6] as number) >> 4;
  }

  /** The 16 bytes. */
  get bytes(): Bytes {
    return new Bytes(this.#bytes.slice());
  }

  /** The canonical form: `12345678-1234-5678-1234-567812345678`. */
  toString(): string {
    const h = this.hex;
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /** The canonical form, as JSON. */
  toJSON(): string {
    return this.toString();
  }

  /** Python's `repr()`: `UUID('...')`. */
  [PY_REPR](): string {
    return `UUID('${this.toString()}')`;
  }

  /** UUIDs with the same bytes are equal. */
  [PY_EQ](other: unknown): boolean {
    return other instanceof UUID && other.hex === this.hex;
  }
}

function named(namespace: unknown, name: unknown, algorithm: "md5" | "sha1", version: number): UUID {
  if (!(namespace instanceof UUID)) {
    throw new Error("TypeError: the namespace must be a UUID, such as `uuid.NAMESPACE_DNS`");
  }
  const hash = createHash(algorithm);
  hash.update(namespace.bytes.toUint8Array());
  hash.update(Bytes.from(name, "make a UUID").toUint8Array());
  const bytes = new Uint8Array(hash.digest()).slice(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | (version << 4);
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  return new UUID(bytes);
}

/** What `module.uuid` offers. */
export interface UuidModule {
  uuid4(): UUID;
  uuid3(namespace: unknown, name: unknown): UUID;
  uuid5(namespace: unknown, name: unknown): UUID;
  UUID(...args: unknown[]): UUID;
  NAMESPACE_DNS: UUID;
  NAMESPACE_URL: UUID;
  NAMESPACE_OID: UUID;
  NAMESPACE_X500: UUID;
}

/**
 * Creates `module.uuid`.
 *
 * @param random Where `uuid4()` draws from (the system's random numbers
 * when absent; pass the generator's `Rng` for repeatable runs).
 * @returns The module.
 *
 * @example
 * ```ts
 * import { createUuid } from "./uuid.ts";
 * const uuid = createUuid({ float: () => 0.5 });
 * if (String(uuid.uuid4()) !== "80808080-8080-4080-8080-808080808080") throw new Error(String(uuid.uuid4()));
 * if (String(uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")) !== "886313e1-3b8a-5372-9b90-0c9aee199e5d") throw new Error();
 * ```
 */
export function createUuid(random?: RandomSource): UuidModule {
  const byte = random
    ? () => Math.floor(random.float() * 256)
    : () => crypto.getRandomValues(new Uint8Array(1))[0] as number;
  return {
    uuid4() {
      const bytes = Uint8Array.from({ length: 16 }, byte);
      bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
      bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
      return new UUID(bytes);
    },
    uuid3: (namespace, name) => named(namespace, name, "md5", 3),
    uuid5: (namespace, name) => named(namespace, name, "sha1", 5),
    UUID(...args) {
      const [positional, keywords] = splitArgs(args);
      const hex = param(positional, keywords, 0, "hex");
      if (typeof hex === "string") return UUID.parse(hex);
      const bytes = keywords.bytes;
      if (bytes instanceof Bytes) return new UUID(bytes.toUint8Array().slice());
      throw new Error("TypeError: UUID() needs `hex` or `bytes`");
    },
    NAMESPACE_DNS: UUID.parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8"),
    NAMESPACE_URL: UUID.parse("6ba7b811-9dad-11d1-80b4-00c04fd430c8"),
    NAMESPACE_OID: UUID.parse("6ba7b812-9dad-11d1-80b4-00c04fd430c8"),
    NAMESPACE_X500: UUID.parse("6ba7b814-9dad-11d1-80b4-00c04fd430c8"),
  };
}
