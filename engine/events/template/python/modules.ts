/**
 * The Python standard-library modules templates reach as `module.NAME`,
 * as the Python Eventum imported them on demand: `datetime`, `hashlib`,
 * `hmac`, `base64`, `json`, `math`, `uuid`, `random`, `zoneinfo` and
 * `string`.
 *
 * @module
 */
import { TimeZone } from "../timestamp.ts";
import { type Base64Module, createBase64 } from "./base64.ts";
import { createDatetime, type DatetimeModule } from "./datetime.ts";
import { createHashlib, createHmacModule, type HashlibModule, type HmacModule } from "./hashlib.ts";
import { createJson, type JsonModule } from "./json.ts";
import { createMath, type MathModule } from "./math.ts";
import { createRandom, type RandomModule } from "./random.ts";
import { createUuid, type RandomSource, type UuidModule } from "./uuid.ts";

/** `module.string`: the character classes. */
const STRING = {
  ascii_letters: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
  ascii_lowercase: "abcdefghijklmnopqrstuvwxyz",
  ascii_uppercase: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  digits: "0123456789",
  hexdigits: "0123456789abcdefABCDEF",
  octdigits: "01234567",
  punctuation: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
  whitespace: " \t\n\r\x0b\x0c",
  printable:
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r\x0b\x0c",
} as const;

/** Options for {@linkcode createPythonModules}. */
export interface PythonModulesOptions {
  /**
   * Where `uuid.uuid4()` and `random.*` draw from: the generator's `Rng`
   * (or a child of it) for repeatable runs. Without it they use the
   * system's random numbers, as Python does.
   */
  rng?: RandomSource;
  /** Where `datetime.now()` reads the time, in epoch microseconds (the system clock by default). */
  clock?: () => number;
}

/** The modules, by the name templates use after `module.`. */
export interface PythonModules {
  datetime: DatetimeModule;
  hashlib: HashlibModule;
  hmac: HmacModule;
  base64: Base64Module;
  json: JsonModule;
  math: MathModule;
  uuid: UuidModule;
  random: RandomModule;
  zoneinfo: { ZoneInfo(key: unknown): string };
  string: typeof STRING;
}

/**
 * Creates the Python modules for one generator, to spread into the
 * template context's `module` object next to `rand`.
 *
 * @param options Where randomness and the current time come from.
 * @returns The modules.
 *
 * @example
 * ```ts
 * import { createPythonModules } from "./modules.ts";
 * const module = createPythonModules();
 * if (module.hashlib.md5("a").hexdigest() !== "0cc175b9c0f1b6a831c399e269772661") throw new Error();
 * if (module.base64.b64encode("hi").decode() !== "aGk=" || module.math.floor(2.5) !== 2) throw new Error();
 * ```
 */
export function createPythonModules(options: PythonModulesOptions = {}): PythonModules {
  return {
    datetime: createDatetime(options.clock),
    hashlib: createHashlib(),
    hmac: createHmacModule(),
    base64: createBase64(),
    json: createJson(),
    math: createMath(),
    uuid: createUuid(options.rng),
    random: createRandom(options.rng),
    zoneinfo: {
      ZoneInfo(key: unknown): string {
        if (typeof key !== "string") throw new Error("TypeError: ZoneInfo() expects a zone name");
        try {
          return TimeZone.of(key).name;
        } catch {
          throw new Error(`ZoneInfoNotFoundError: 'No time zone found with key ${key}'`);
        }
      },
    },
    string: STRING,
  };
}
