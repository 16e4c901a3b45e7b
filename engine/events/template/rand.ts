/**
 * `module.rand`: the Python Eventum's random helpers (numbers and
 * distributions, strings and patterns, network addresses, crypto-looking
 * ids, datetimes), drawing from a seeded {@linkcode Rng} so that a seed
 * reproduces every value.
 *
 * Functions take positional or keyword arguments with the Python names
 * (`module.rand.number.pareto(1.5, xmin=100)`). Bad arguments throw errors
 * that say what was expected.
 *
 * @module
 */
import type { Rng } from "../../random.ts";
import { isKeywords, splitArgs } from "./_args.ts";
import { pyRepr } from "./_py_repr.ts";
import { EventTimestamp } from "./timestamp.ts";

/** The `module.rand.number` namespace. */
export interface RandNumber {
  /** An integer in `[a, b]`, both included. */
  integer(a: number, b: number): number;
  /** A float in `[a, b]`. */
  floating(a: number, b: number): number;
  /** A normal (Gaussian) variate with mean `mu` and deviation `sigma`. */
  gauss(mu: number, sigma: number): number;
  /** A log-normal variate: `exp` of a normal one with `mu` and `sigma`. */
  lognormal(mu: number, sigma: number): number;
  /** An exponential variate with rate `lambd` (mean `1 / lambd`). */
  exponential(lambd?: number): number;
  /** A Pareto variate with shape `alpha`, at least `xmin` (default 1). */
  pareto(alpha: number, xmin?: number): number;
  /** A triangular variate in `[low, high]` peaking at `mode`. */
  triangular(low?: number, high?: number, mode?: number | null): number;
  /** `value` limited to `[min_val, max_val]` (keywords `min_val`, `max_val`, or `min`, `max`). */
  clamp(value: number, min_val: number, max_val: number): number;
}

/** The `module.rand.string` namespace; each takes the length. */
export interface RandString {
  /** Lowercase ASCII letters. */
  letters_lowercase(size: number): string;
  /** Uppercase ASCII letters. */
  letters_uppercase(size: number): string;
  /** ASCII letters of both cases. */
  letters(size: number): string;
  /** Decimal digits. */
  digits(size: number): string;
  /** ASCII punctuation, as Python's `string.punctuation`. */
  punctuation(size: number): string;
  /** Lowercase hexadecimal digits. */
  hex(size: number): string;
  /**
   * A string built from a pattern: `%a` lowercase, `%A` uppercase, `%l`
   * letter, `%d` digit, `%n` non-zero digit, `%h`/`%H` hex, `%p`
   * punctuation, `%w` word character, `%%` a percent sign; `{N}` after a
   * specifier repeats it N times; anything else is copied.
   */
  pattern(format: string): string;
}

/** The `module.rand.network` namespace. */
export interface RandNetwork {
  /** Any IPv4 address. */
  ip_v4(): string;
  /** A public IPv4 address (no private, shared, loopback, link-local,
   * documentation, benchmarking, multicast or reserved ranges). */
  ip_v4_public(): string;
  /** A private IPv4 address of class A, B or C (RFC 1918). */
  ip_v4_private(): string;
  /** An address in 10.0.0.0/8. */
  ip_v4_private_a(): string;
  /** An address in 172.16.0.0/12. */
  ip_v4_private_b(): string;
  /** An address in 192.168.0.0/16. */
  ip_v4_private_c(): string;
  /** A host address in a subnet such as `10.0.1.0/24` (any address of a /31 or /32). */
  ip_v4_in_subnet(cidr: string): string;
  /** Any IPv6 address. */
  ip_v6(): string;
  /** A global unicast IPv6 address (2000::/3). */
  ip_v6_global(): string;
  /** A link-local IPv6 address (fe80::/64, inside fe80::/10). */
  ip_v6_link_local(): string;
  /** A unique local IPv6 address (fd00::/8, inside fc00::/7). */
  ip_v6_ula(): string;
  /**
   * A MAC address such as `a4:3b:00:ff:12:9e`, in lowercase. `oui` fixes
   * its first octets (`"00:1A:2B"`, `"00-1a-2b"` or `"001a2b"`); `vendor`
   * takes them from a vendor's registered prefixes (see
   * {@linkcode MAC_VENDORS}).
   */
  mac(oui?: string | null, vendor?: string | null): string;
}

/** The `module.rand.crypto` namespace. */
export interface RandCrypto {
  /** A version 4 UUID. */
  uuid4(): string;
  /** 32 random hex digits, the length of an MD5 digest. */
  md5(): string;
  /** 40 random hex digits, the length of a SHA-1 digest. */
  sha1(): string;
  /** 64 random hex digits, the length of a SHA-256 digest. */
  sha256(): string;
}

/** The `module.rand.datetime` namespace. */
export interface RandDatetime {
  /**
   * A timestamp in `[start, end]`, in `start`'s time zone. Each bound is a
   * timestamp (such as the template's `timestamp`) or ISO 8601 text with
   * an offset.
   */
  timestamp(start: unknown, end: unknown): EventTimestamp;
}

/** `module.rand`. */
export interface Rand {
  /** One item of a non-empty list (or character of a string). */
  choice(items: unknown): unknown;
  /** `n` items, with replacement. */
  choices(items: unknown, n: number): unknown[];
  /** One item, by weight: `(items, weights)` or `({item: weight, ...})`. */
  weighted_choice(items: unknown, weights?: unknown): unknown;
  /** `n` items, by weight: `(items, weights, n)` or `({item: weight}, n)`. */
  weighted_choices(items: unknown, weights: unknown, n?: number): unknown[];
  /** A shuffled copy (a string when given a string). */
  shuffle(items: unknown): unknown[] | string;
  /** `true` with probability `p` (0 to 1). */
  chance(p: number): boolean;
  /** Numbers and distributions. */
  number: RandNumber;
  /** Random strings. */
  string: RandString;
  /** Network addresses. */
  network: RandNetwork;
  /** Crypto-looking identifiers. */
  crypto: RandCrypto;
  /** Datetimes. */
  datetime: RandDatetime;
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
const HEX = "0123456789abcdef";
/** "00".."ff": two hex digits per byte, for fast hex strings. */
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

/** A character set prepared for drawing several characters per 32-bit number. */
interface Alphabet {
  table: Uint16Array;
  len: number;
  /** Characters per draw: base-`len` digits of a number below `limit`. */
  perDraw: number;
  /** The largest multiple of `len ** perDraw` not above 2^32. */
  limit: number;
}

function alphabet(set: string): Alphabet {
  const len = set.length;
  const perDraw = Math.max(1, Math.floor(32 / Math.log2(len)));
  const span = len ** perDraw;
  const table = Uint16Array.from(set, (c) => c.charCodeAt(0));
  return { table, len, perDraw, limit: Math.floor(4294967296 / span) * span };
}

const ALPHABETS = {
  lower: alphabet(LOWER),
  upper: alphabet(UPPER),
  letters: alphabet(LOWER + UPPER),
  digits: alphabet(DIGITS),
  punctuation: alphabet(PUNCTUATION),
  hex: alphabet(HEX),
};

const PATTERN_SETS: Readonly<Record<string, string>> = {
  a: LOWER,
  A: UPPER,
  l: LOWER + UPPER,
  d: DIGITS,
  n: "123456789",
  h: HEX,
  H: "0123456789ABCDEF",
  p: PUNCTUATION,
  w: LOWER + UPPER + DIGITS,
};

/**
 * Organizationally unique identifiers (the first three octets of a MAC
 * address) registered to some vendors, for `module.rand.network.mac(vendor=)`.
 * Names are matched without case, spaces or hyphens.
 */
export const MAC_VENDORS: Readonly<Record<string, readonly string[]>> = {
  apple: ["00:03:93", "3c:07:54", "38:f9:d3"],
  arista: ["00:1c:73"],
  cisco: ["00:00:0c", "00:0a:b8"],
  dell: ["00:14:22", "18:03:73", "b8:ac:6f"],
  fortinet: ["00:09:0f"],
  hp: ["00:1f:29", "00:25:b3", "3c:d9:2b"],
  huawei: ["00:e0:fc"],
  intel: ["00:1b:21", "3c:97:0e", "44:85:00"],
  juniper: ["00:05:85", "28:8a:1c"],
  microsoft: ["00:15:5d"],
  qemu: ["52:54:00"],
  raspberrypi: ["b8:27:eb", "dc:a6:32"],
  virtualbox: ["08:00:27"],
  vmware: ["00:05:69", "00:0c:29", "00:50:56"],
  xen: ["00:16:3e"],
};

const VENDOR_ALIASES: Readonly<Record<string, string>> = {
  hewlettpackard: "hp",
  hpe: "hp",
  hyperv: "microsoft",
  kvm: "qemu",
  oracle: "virtualbox",
  raspberry: "raspberrypi",
};

/** IPv4 ranges that are not public: [first, last] as unsigned integers. */
const NOT_PUBLIC: ReadonlyArray<readonly [number, number]> = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // shared address space
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 3], // multicast, reserved, broadcast
].map(([ip, prefix]) => {
  const first = parseIpv4(ip as string) as number;
  return [first, first + 2 ** (32 - (prefix as number)) - 1] as const;
});

function parseIpv4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (m === null) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    n = n * 256 + octet;
  }
  return n;
}

/**
 * Whether an IPv4 address is public: outside the private, shared, loopback,
 * link-local, documentation, benchmarking, multicast and reserved ranges,
 * which `module.rand.network.ip_v4_public()` never returns.
 *
 * @param address Dotted-quad text such as `8.8.8.8`.
 * @returns `false` for addresses in those ranges and for text that is not an address
 *
 * @example
 * ```ts
 * import { isPublicIpv4 } from "./rand.ts";
 * if (!isPublicIpv4("8.8.8.8") || isPublicIpv4("10.1.2.3") || isPublicIpv4("nope")) throw new Error();
 * ```
 */
export function isPublicIpv4(address: string): boolean {
  const n = parseIpv4(address);
  return n !== null && !NOT_PUBLIC.some(([first, last]) => n >= first && n <= last);
}

function formatIpv4(n: number): string {
  return `${Math.floor(n / 16777216)}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** RFC 5952 text of eight 16-bit groups, as Python's `ipaddress` prints. */
function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  const head = hex.slice(0, bestStart).join(":");
  const tail = hex.slice(bestStart + bestLength).join(":");
  return head + "::" + tail;
}

function bt(value: unknown): string {
  return "`" + pyRepr(value) + "`";
}

/**
 * Creates `module.rand` over a random stream.
 *
 * @param rng The stream every function draws from.
 * @returns The module object.
 *
 * @example
 * ```ts
 * import { Rng } from "../../random.ts";
 * import { createRand } from "./rand.ts";
 * const a = createRand(new Rng(42));
 * const b = createRand(new Rng(42));
 * if (a.crypto.uuid4() !== b.crypto.uuid4()) throw new Error("not seeded");
 * const port = a.number.integer(1024, 65535);
 * if (port < 1024 || port > 65535) throw new Error();
 * ```
 */
export function createRand(rng: Rng): Rand {
  let codes = new Uint16Array(256);
  function num(what: string, name: string, value: unknown): number {
    if (typeof value === "number" && !Number.isNaN(value)) return value;
    if (typeof value === "string" && value.trim() !== "") {
      const n = Number(value);
      if (!Number.isNaN(n)) return n;
    }
    throw new Error(`Cannot ${what}: \`${name}\` is ${bt(value)}, expected a number`);
  }

  function int(what: string, name: string, value: unknown): number {
    const n = num(what, name, value);
    if (!Number.isInteger(n)) {
      throw new Error(`Cannot ${what}: \`${name}\` is ${bt(value)}, expected an integer`);
    }
    return n;
  }

  function count(what: string, value: unknown): number {
    const n = int(what, "n", value);
    if (n < 0) throw new Error(`Cannot ${what}: \`n\` is ${n}, expected 0 or more`);
    return n;
  }

  /** Reads named parameters from positional and keyword arguments. */
  function read(args: readonly unknown[], names: readonly string[]): unknown[] {
    if (!isKeywords(args[args.length - 1])) return args as unknown[];
    const [positional, keywords] = splitArgs(args);
    return names.map((name, i) => i < positional.length ? positional[i] : keywords[name]);
  }

  function sequence(what: string, items: unknown): readonly unknown[] {
    if (Array.isArray(items)) return items;
    if (typeof items === "string") return Array.from(items);
    if (
      typeof items === "object" && items !== null && Symbol.iterator in items &&
      !isKeywords(items)
    ) {
      return Array.from(items as Iterable<unknown>);
    }
    throw new Error(`Cannot ${what} from ${bt(items)}: expected a list or a string`);
  }

  function nonEmpty(what: string, items: unknown): readonly unknown[] {
    const seq = sequence(what, items);
    if (seq.length === 0) {
      throw new Error(`Cannot ${what} from an empty sequence`);
    }
    return seq;
  }

  /** Items and weights from `(items, weights)` or `({item: weight})`. */
  function weighted(
    what: string,
    items: unknown,
    weights: unknown,
  ): [readonly unknown[], Float64Array] {
    let population: readonly unknown[];
    let raw: readonly unknown[];
    if (items instanceof Map) {
      population = [...items.keys()];
      raw = [...items.values()];
    } else if (
      typeof items === "object" && items !== null && !Array.isArray(items) &&
      !(Symbol.iterator in items)
    ) {
      population = Object.keys(items);
      raw = Object.values(items);
    } else {
      population = nonEmpty(what, items);
      raw = sequence(what, weights);
    }
    if (population.length === 0) throw new Error(`Cannot ${what} from an empty sequence`);
    if (raw.length !== population.length) {
      throw new Error(
        `Cannot ${what}: expected ${population.length} weights, got ${raw.length}`,
      );
    }
    const cumulative = new Float64Array(raw.length);
    let total = 0;
    for (let i = 0; i < raw.length; i++) {
      const w = num(what, "weights", raw[i]);
      if (w < 0 || w === Infinity) {
        throw new Error(`Cannot ${what}: weight ${i} is ${bt(raw[i])}, expected a non-negative number`);
      }
      total += w;
      cumulative[i] = total;
    }
    if (!(total > 0)) throw new Error(`Cannot ${what}: every weight is zero`);
    return [population, cumulative];
  }

  function drawWeighted(population: readonly unknown[], cumulative: Float64Array): unknown {
    const n = cumulative.length;
    const r = rng.float() * (cumulative[n - 1] as number);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return population[lo];
  }

  function chars(set: Alphabet, size: unknown, what: string): string {
    const n = int(what, "size", isKeywords(size) ? size["size"] : size);
    if (n < 0) throw new Error(`Cannot ${what}: \`size\` is ${n}, expected 0 or more`);
    // Char codes into a reused buffer, turned into one flat string (no rope of n pieces).
    if (codes.length < n) codes = new Uint16Array(Math.max(n, codes.length * 2));
    const { table, len, perDraw, limit } = set;
    // Several characters per 32-bit draw: `perDraw` base-`len` digits of a
    // uniform number below `limit` (draws at or above it are redrawn).
    let i = 0;
    while (i < n) {
      let x = rng.uint32();
      if (x >= limit) continue;
      for (let j = 0; j < perDraw && i < n; j++) {
        const q = Math.floor(x / len);
        codes[i++] = table[x - q * len] as number;
        x = q;
      }
    }
    return n === 0 ? "" : String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]);
  }

  function hexDigits(n: number): string {
    // Each 32-bit draw gives 8 digits, big-endian, as `toString(16).padStart(8, "0")` would.
    let out = "";
    while (out.length < n) {
      const x = rng.uint32();
      out += (HEX_BYTES[x >>> 24] as string) + (HEX_BYTES[(x >>> 16) & 255] as string) +
        (HEX_BYTES[(x >>> 8) & 255] as string) + (HEX_BYTES[x & 255] as string);
    }
    return out.length === n ? out : out.slice(0, n);
  }

  function inRange(first: number, last: number): string {
    return formatIpv4(first + rng.index(last - first + 1));
  }

  function group(): number {
    return rng.uint32() & 0xffff;
  }

  function instant(what: string, name: string, value: unknown): [number, EventTimestamp | null] {
    if (value instanceof EventTimestamp) return [value.epochMicroseconds, value];
    if (typeof value === "string") {
      try {
        return [Number(Temporal.Instant.from(value).epochNanoseconds / 1000n), null];
      } catch {
        // Reported below.
      }
    }
    throw new Error(
      `Cannot ${what}: \`${name}\` is ${bt(value)}, expected a timestamp or ISO 8601 text with an offset`,
    );
  }

  const number: RandNumber = {
    integer(...args: unknown[]) {
      const what = "pick a random integer";
      const [a, b] = read(args, ["a", "b"]);
      const lo = int(what, "a", a);
      const hi = int(what, "b", b);
      if (lo > hi) throw new Error(`Cannot ${what} in [${lo}, ${hi}]: the range is empty`);
      return rng.int(lo, hi);
    },
    floating(...args: unknown[]) {
      const what = "pick a random float";
      const [a, b] = read(args, ["a", "b"]);
      const lo = num(what, "a", a);
      return lo + (num(what, "b", b) - lo) * rng.float();
    },
    gauss(...args: unknown[]) {
      const what = "draw from a normal distribution";
      const [mu, sigma] = read(args, ["mu", "sigma"]);
      return rng.gauss(num(what, "mu", mu ?? 0), num(what, "sigma", sigma ?? 1));
    },
    lognormal(...args: unknown[]) {
      const what = "draw from a log-normal distribution";
      const [mu, sigma] = read(args, ["mu", "sigma"]);
      return Math.exp(rng.gauss(num(what, "mu", mu), num(what, "sigma", sigma)));
    },
    exponential(...args: unknown[]) {
      const what = "draw from an exponential distribution";
      const [lambd] = read(args, ["lambd"]);
      const rate = num(what, "lambd", lambd ?? 1);
      if (rate === 0) throw new Error(`Cannot ${what}: \`lambd\` must not be zero`);
      return -Math.log(1 - rng.float()) / rate;
    },
    pareto(...args: unknown[]) {
      const what = "draw from a Pareto distribution";
      const [alpha, xmin] = read(args, ["alpha", "xmin"]);
      const shape = num(what, "alpha", alpha);
      if (!(shape > 0)) throw new Error(`Cannot ${what}: \`alpha\` is ${shape}, expected a positive number`);
      const scale = num(what, "xmin", xmin ?? 1);
      return scale / Math.pow(1 - rng.float(), 1 / shape);
    },
    triangular(...args: unknown[]) {
      const what = "draw from a triangular distribution";
      const [low, high, mode] = read(args, ["low", "high", "mode"]);
      let lo = num(what, "low", low ?? 0);
      let hi = num(what, "high", high ?? 1);
      if (hi === lo) return lo;
      let u = rng.float();
      let c = mode === undefined || mode === null ? 0.5 : (num(what, "mode", mode) - lo) / (hi - lo);
      if (u > c) {
        u = 1 - u;
        c = 1 - c;
        [lo, hi] = [hi, lo];
      }
      return lo + (hi - lo) * Math.sqrt(u * c);
    },
    clamp(...args: unknown[]) {
      const what = "clamp a number";
      const [value, lo, hi, min, max] = read(args, ["value", "min_val", "max_val", "min", "max"]);
      return Math.min(
        Math.max(num(what, "value", value), num(what, "min_val", lo ?? min)),
        num(what, "max_val", hi ?? max),
      );
    },
  };

  const string: RandString = {
    letters_lowercase: (size) => chars(ALPHABETS.lower, size, "make random letters"),
    letters_uppercase: (size) => chars(ALPHABETS.upper, size, "make random letters"),
    letters: (size) => chars(ALPHABETS.letters, size, "make random letters"),
    digits: (size) => chars(ALPHABETS.digits, size, "make random digits"),
    punctuation: (size) => chars(ALPHABETS.punctuation, size, "make random punctuation"),
    hex: (size) => chars(ALPHABETS.hex, size, "make random hex digits"),
    pattern(...args: unknown[]) {
      const [format] = read(args, ["format_string"]);
      if (typeof format !== "string") {
        throw new Error(`Cannot make a string from the pattern ${bt(format)}: expected text`);
      }
      let out = "";
      for (let i = 0; i < format.length; i++) {
        const ch = format[i] as string;
        if (ch !== "%") {
          out += ch;
          continue;
        }
        const spec = format[i + 1];
        if (spec === "%") {
          out += "%";
          i++;
          continue;
        }
        const set = spec === undefined ? undefined : PATTERN_SETS[spec];
        if (set === undefined) {
          throw new Error(
            `Cannot make a string from the pattern ${bt(format)}: unknown specifier \`%${spec ?? ""}\` at ${i}`,
          );
        }
        i++;
        let repeat = 1;
        const m = /^\{(\d+)\}/.exec(format.slice(i + 1));
        if (m !== null) {
          repeat = Number(m[1]);
          i += m[0].length;
        }
        for (let k = 0; k < repeat; k++) out += set[rng.index(set.length)];
      }
      return out;
    },
  };

  const network: RandNetwork = {
    ip_v4: () => formatIpv4(rng.uint32()),
    ip_v4_public() {
      for (;;) {
        const n = rng.uint32();
        let ok = true;
        for (const [first, last] of NOT_PUBLIC) {
          if (n >= first && n <= last) {
            ok = false;
            break;
          }
        }
        if (ok) return formatIpv4(n);
      }
    },
    ip_v4_private() {
      switch (rng.index(3)) {
        case 0:
          return network.ip_v4_private_a();
        case 1:
          return network.ip_v4_private_b();
        default:
          return network.ip_v4_private_c();
      }
    },
    ip_v4_private_a: () => inRange(0x0a000000, 0x0affffff),
    ip_v4_private_b: () => inRange(0xac100000, 0xac1fffff),
    ip_v4_private_c: () => inRange(0xc0a80000, 0xc0a8ffff),
    ip_v4_in_subnet(...args: unknown[]) {
      const [cidr] = read(args, ["cidr"]);
      const what = `pick an address in ${bt(cidr)}`;
      const m = typeof cidr === "string" ? /^([\d.]+)\/(\d{1,2})$/.exec(cidr.trim()) : null;
      const base = m === null ? null : parseIpv4(m[1] as string);
      const prefix = m === null ? NaN : Number(m[2]);
      if (base === null || !(prefix <= 32)) {
        throw new Error(`Cannot ${what}: expected an IPv4 subnet such as \`10.0.1.0/24\``);
      }
      const size = 2 ** (32 - prefix);
      const first = base - (base % size);
      // Network and broadcast addresses are not hosts, except in /31, /32.
      return size <= 2 ? inRange(first, first + size - 1) : inRange(first + 1, first + size - 2);
    },
    ip_v6: () => formatIpv6(Array.from({ length: 8 }, group)),
    ip_v6_global: () => formatIpv6([0x2000 | (group() & 0x1fff), ...Array.from({ length: 7 }, group)]),
    ip_v6_link_local: () => formatIpv6([0xfe80, 0, 0, 0, ...Array.from({ length: 4 }, group)]),
    ip_v6_ula: () => formatIpv6([0xfd00 | (group() & 0xff), ...Array.from({ length: 7 }, group)]),
    mac(...args: unknown[]) {
      const what = "make a MAC address";
      const [oui, vendor] = read(args, ["oui", "vendor"]);
      let prefix: string[] = [];
      if (oui !== undefined && oui !== null) {
        const digits = typeof oui === "string" ? oui.replace(/[:.-]/g, "").toLowerCase() : "";
        if (!/^(?:[0-9a-f]{2}){1,5}$/.test(digits)) {
          throw new Error(
            `Cannot ${what}: \`oui\` is ${bt(oui)}, expected 1 to 5 hex octets such as \`00:1A:2B\``,
          );
        }
        prefix = digits.match(/../g) as string[];
      } else if (vendor !== undefined && vendor !== null) {
        const key = String(vendor).toLowerCase().replace(/[\s_-]/g, "");
        const ouis = MAC_VENDORS[VENDOR_ALIASES[key] ?? key];
        if (ouis === undefined) {
          throw new Error(
            `Cannot ${what}: unknown vendor ${bt(vendor)}, expected an \`oui\` or one of ` +
              Object.keys(MAC_VENDORS).join(", "),
          );
        }
        prefix = (ouis[rng.index(ouis.length)] as string).split(":");
      }
      const octets = [...prefix];
      while (octets.length < 6) octets.push((HEX[rng.index(16)] as string) + (HEX[rng.index(16)] as string));
      return octets.join(":");
    },
  };

  const crypto: RandCrypto = {
    uuid4() {
      const h = hexDigits(32);
      const variant = HEX[8 + (parseInt(h[16] as string, 16) & 3)] as string;
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
    },
    md5: () => hexDigits(32),
    sha1: () => hexDigits(40),
    sha256: () => hexDigits(64),
  };

  const datetime: RandDatetime = {
    timestamp(...args: unknown[]) {
      const what = "pick a random timestamp";
      const [start, end] = read(args, ["start", "end"]);
      const [a, startTs] = instant(what, "start", start);
      const [b] = instant(what, "end", end);
      const lo = Math.min(a, b);
      const us = lo + Math.floor(rng.float() * (Math.abs(b - a) + 1));
      return new EventTimestamp(us, startTs?.tzinfo ?? "UTC");
    },
  };

  return {
    choice(items) {
      const seq = nonEmpty("choose", items);
      return seq[rng.index(seq.length)];
    },
    choices(...args: unknown[]) {
      const [items, n] = read(args, ["items", "n"]);
      const k = count("choose", n);
      const seq = k === 0 ? sequence("choose", items) : nonEmpty("choose", items);
      const out = new Array<unknown>(k);
      for (let i = 0; i < k; i++) out[i] = seq[rng.index(seq.length)];
      return out;
    },
    weighted_choice(...args: unknown[]) {
      const [items, weights] = read(args, ["items", "weights"]);
      // The common case, two lists of numbers, without allocating: the same sums and draw as below.
      if (Array.isArray(items) && Array.isArray(weights) && items.length === weights.length && items.length > 0) {
        let total = 0;
        let plain = true;
        for (let i = 0; i < weights.length; i++) {
          const w = weights[i];
          if (typeof w !== "number" || !(w >= 0) || w === Infinity) {
            plain = false;
            break;
          }
          total += w;
        }
        if (plain && total > 0) {
          const r = rng.float() * total;
          let sum = 0;
          for (let i = 0; i < weights.length; i++) {
            sum += weights[i] as number;
            if (sum > r) return items[i];
          }
          return items[items.length - 1];
        }
      }
      const [population, cumulative] = weighted("make a weighted choice", items, weights);
      return drawWeighted(population, cumulative);
    },
    weighted_choices(...args: unknown[]) {
      const what = "make weighted choices";
      let [items, weights, n] = read(args, ["items", "weights", "n"]);
      const isMapping = items instanceof Map ||
        (typeof items === "object" && items !== null && !Array.isArray(items) &&
          !(Symbol.iterator in items));
      if (isMapping && n === undefined) [weights, n] = [undefined, weights];
      const k = count(what, n);
      const [population, cumulative] = weighted(what, items, weights);
      const out = new Array<unknown>(k);
      for (let i = 0; i < k; i++) out[i] = drawWeighted(population, cumulative);
      return out;
    },
    shuffle(items) {
      const seq = [...sequence("shuffle", items)];
      for (let i = seq.length - 1; i > 0; i--) {
        const j = rng.index(i + 1);
        [seq[i], seq[j]] = [seq[j], seq[i]];
      }
      return typeof items === "string" ? seq.join("") : seq;
    },
    chance(...args: unknown[]) {
      const [p] = read(args, ["prob"]);
      const prob = num("draw a chance", "prob", p);
      if (prob <= 0) return false;
      if (prob >= 1) return true;
      return rng.float() < prob;
    },
    number,
    string,
    network,
    crypto,
    datetime,
  };
}
