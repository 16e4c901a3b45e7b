/**
 * `module.hashlib` and `module.hmac`: Python's hash objects over
 * `node:crypto` (which needs no permissions inside the sandboxed worker).
 * They hash bytes, or text as UTF-8.
 *
 * @module
 */
import { createHash, createHmac, type Hash as NodeHash, type Hmac as NodeHmac } from "node:crypto";
import { param, splitArgs } from "../_args.ts";
import { Bytes } from "./bytes.ts";

const NAMES = [
  "md5",
  "sha1",
  "sha224",
  "sha256",
  "sha384",
  "sha512",
  "sha3_224",
  "sha3_256",
  "sha3_384",
  "sha3_512",
  "blake2b",
  "blake2s",
] as const;
type AlgorithmName = typeof NAMES[number];

/** Python's names of the algorithms, and `node:crypto`'s. */
const ALGORITHMS: Readonly<Record<AlgorithmName, { node: string; block: number }>> = {
  md5: { node: "md5", block: 64 },
  sha1: { node: "sha1", block: 64 },
  sha224: { node: "sha224", block: 64 },
  sha256: { node: "sha256", block: 64 },
  sha384: { node: "sha384", block: 128 },
  sha512: { node: "sha512", block: 128 },
  sha3_224: { node: "sha3-224", block: 144 },
  sha3_256: { node: "sha3-256", block: 136 },
  sha3_384: { node: "sha3-384", block: 104 },
  sha3_512: { node: "sha3-512", block: 72 },
  blake2b: { node: "blake2b512", block: 128 },
  blake2s: { node: "blake2s256", block: 64 },
};

function algorithm(name: unknown): AlgorithmName {
  const key = String(name).toLowerCase().replace("-", "_");
  const found = NAMES.find((n) => n === key);
  if (found === undefined) throw new Error(`ValueError: unsupported hash type ${String(name)}`);
  return found;
}

/**
 * A running hash, as Python's `hashlib` objects: `update()`, then
 * `hexdigest()` or `digest()` as often as wanted.
 *
 * @example
 * ```ts
 * import { createHashlib } from "./hashlib.ts";
 * const h = createHashlib().sha256("da");
 * h.update("ta");
 * if (!h.hexdigest().startsWith("3a6eb079")) throw new Error();
 * ```
 */
export class PyHash {
  readonly #hash: NodeHash | NodeHmac;
  readonly #name: string;
  #done: Uint8Array | null = null;

  /**
   * Starts a hash.
   *
   * @param name The Python name of the algorithm (`sha256`).
   * @param hash The `node:crypto` state.
   */
  constructor(name: string, hash: NodeHash | NodeHmac) {
    this.#name = name;
    this.#hash = hash;
  }

  /** `"hashlib.HASH"`; keeps Nunjucks' Jinja-compat from treating it as a dict. */
  get [Symbol.toStringTag](): string {
    return "hashlib.HASH";
  }

  /** The algorithm's name, such as `sha256`. */
  get name(): string {
    return this.#name;
  }

  /** The digest's size in bytes. */
  get digest_size(): number {
    return this.digest().length;
  }

  /** The algorithm's block size in bytes. */
  get block_size(): number {
    const name = NAMES.find((n) => n === this.#name.replace(/^hmac-/, ""));
    return name === undefined ? 64 : ALGORITHMS[name].block;
  }

  /**
   * Adds data.
   *
   * @param data Bytes, or text (hashed as UTF-8).
   * @returns `""`, so that `{{ h.update(x) }}` prints nothing.
   */
  update(data: unknown): string {
    if (this.#done !== null) {
      throw new Error("Cannot update an HMAC after reading its digest: make a new one");
    }
    this.#hash.update(Bytes.from(data, "hash it").toUint8Array());
    return "";
  }

  /**
   * The digest so far.
   *
   * @returns The digest as {@linkcode Bytes}.
   */
  digest(): Bytes {
    if (this.#done !== null) return new Bytes(this.#done);
    if ("copy" in this.#hash) return new Bytes(new Uint8Array(this.#hash.copy().digest()));
    this.#done = new Uint8Array(this.#hash.digest());
    return new Bytes(this.#done);
  }

  /**
   * The digest so far in hexadecimal.
   *
   * @returns Lower-case hex digits.
   */
  hexdigest(): string {
    return this.digest().hex();
  }

  /**
   * An independent copy of this hash.
   *
   * @returns The copy.
   */
  copy(): PyHash {
    if (!("copy" in this.#hash)) throw new Error("Cannot copy an HMAC");
    return new PyHash(this.#name, this.#hash.copy());
  }
}

function start(name: AlgorithmName, data: unknown): PyHash {
  const h = new PyHash(name, createHash(ALGORITHMS[name].node));
  if (data !== undefined && data !== null) h.update(data);
  return h;
}

/** A hash constructor as templates see it: `hashlib.sha256(data)`. */
export type HashConstructor = ((...args: unknown[]) => PyHash) & { readonly hash_name: string };

function constructor(name: AlgorithmName): HashConstructor {
  const fn = (...args: unknown[]) => {
    const [positional, keywords] = splitArgs(args);
    return start(name, param(positional, keywords, 0, "data") ?? param(positional, keywords, 0, "string"));
  };
  return Object.assign(fn, { hash_name: name });
}

/** What `module.hashlib` offers. */
export type HashlibModule = { readonly [name in AlgorithmName]: HashConstructor } & {
  /** `hashlib.new(name, data=b'')` */
  readonly new: (...args: unknown[]) => PyHash;
  /** The algorithms `new()` accepts. */
  readonly algorithms_available: readonly string[];
  readonly algorithms_guaranteed: readonly string[];
};

/**
 * Creates `module.hashlib`.
 *
 * @returns The module.
 */
export function createHashlib(): HashlibModule {
  const out: Record<string, unknown> = {};
  for (const name of NAMES) out[name] = constructor(name);
  out.new = (...args: unknown[]) => {
    const [positional, keywords] = splitArgs(args);
    return start(algorithm(param(positional, keywords, 0, "name")), param(positional, keywords, 1, "data"));
  };
  out.algorithms_available = [...NAMES];
  out.algorithms_guaranteed = [...NAMES];
  return out as HashlibModule;
}

/** What `module.hmac` offers. */
export interface HmacModule {
  /** `hmac.new(key, msg=None, digestmod)`: `digestmod` is a name or a `hashlib` constructor. */
  new: (...args: unknown[]) => PyHash;
  /** `hmac.digest(key, msg, digest)` */
  digest: (...args: unknown[]) => Bytes;
  /** `hmac.compare_digest(a, b)` */
  compare_digest: (a: unknown, b: unknown) => boolean;
}

/**
 * Creates `module.hmac`.
 *
 * @returns The module.
 *
 * @example
 * ```ts
 * import { createHmacModule } from "./hashlib.ts";
 * const mac = createHmacModule().new("k", "m", "sha256").hexdigest();
 * if (!mac.startsWith("b60090e3")) throw new Error(mac);
 * ```
 */
export function createHmacModule(): HmacModule {
  const make = (args: unknown[]): PyHash => {
    const [positional, keywords] = splitArgs(args);
    const key = Bytes.from(param(positional, keywords, 0, "key"), "make an HMAC").toUint8Array();
    const msg = param(positional, keywords, 1, "msg");
    const mod = param(positional, keywords, 2, "digestmod") ?? param(positional, keywords, 2, "digest");
    if (mod === undefined || mod === null) throw new Error("TypeError: Missing required parameter 'digestmod'.");
    const name = algorithm(typeof mod === "function" ? (mod as Partial<HashConstructor>).hash_name : mod);
    const h = new PyHash(`hmac-${name}`, createHmac(ALGORITHMS[name].node, key));
    if (msg !== undefined && msg !== null) h.update(msg);
    return h;
  };
  return {
    new: (...args) => make(args),
    digest: (...args) => make(args).digest(),
    compare_digest: (a, b) => Bytes.from(a, "compare digests").equals(Bytes.from(b, "compare digests")),
  };
}
