/**
 * `module.faker`: fake names, addresses, internet data and text from
 * [faker-js](https://fakerjs.dev), drawing every random number from a seeded
 * {@linkcode Rng} so that a seed reproduces every value (and `Rng.enterBlock`
 * restarts faker with the rest of the engine).
 *
 * Templates use it three ways:
 *
 * - faker-js modules and methods: `module.faker.internet.username()`,
 *   `module.faker.location.city()`, `module.faker.number.int({min: 1, max: 6})`
 * - the Python Faker names templates written for the Python Eventum use:
 *   `module.faker.user_name()`, `module.faker.random_int(min=1, max=10)`,
 *   `module.faker.password(length=12)`
 * - locales, by Python or faker-js name: `module.faker.locale['de_DE'].city()`,
 *   `module.faker.locale.ja_JP.name()`, `module.faker.locale.fr.city()`
 *
 * The default locale is faker-js's `en`. Locales are bundled, not loaded on
 * demand: see {@linkcode FAKER_LOCALES} for the list and how names fall back.
 * Four faker-js modules share their name with a Python method and are both:
 * `company()` and `company.name()`, `date()` and `date.past()`, `word()` and
 * `word.noun()`, `color()` and `color.human()` (in Nunjucks, the second form
 * needs the lookup rule of {@linkcode CALLABLE_MODULE}).
 * Dates (`iso8601()`, `date()`, `module.faker.date.past()`) are drawn
 * relative to a reference date, fixed unless {@linkcode FakerOptions.refDate}
 * says otherwise, so that they are reproducible too.
 *
 * @module
 */
// Loading cost, measured as module evaluation time over an engine that has
// already loaded its other npm packages (Deno 2.9, code cache warm): `en`
// alone ~10 ms, the 13 locales below ~32 ms, `import { allLocales } from
// "@faker-js/faker"` ~80 ms; paid by every isolate that imports this module,
// whether or not a template uses faker. Static imports only, so that
// `createFaker` stays synchronous and every build embeds the locales
// (`import defer`, which would defer the cost, does not pass `deno bundle`).
import type { Faker, Randomizer } from "@faker-js/faker";
import { faker as en } from "@faker-js/faker/locale/en";
import { faker as en_US } from "@faker-js/faker/locale/en_US";
import { faker as en_GB } from "@faker-js/faker/locale/en_GB";
import { faker as de } from "@faker-js/faker/locale/de";
import { faker as fr } from "@faker-js/faker/locale/fr";
import { faker as es } from "@faker-js/faker/locale/es";
import { faker as it } from "@faker-js/faker/locale/it";
import { faker as nl } from "@faker-js/faker/locale/nl";
import { faker as pl } from "@faker-js/faker/locale/pl";
import { faker as pt_BR } from "@faker-js/faker/locale/pt_BR";
import { faker as ru } from "@faker-js/faker/locale/ru";
import { faker as ja } from "@faker-js/faker/locale/ja";
import { faker as zh_CN } from "@faker-js/faker/locale/zh_CN";
import type { Rng } from "../../random.ts";
import { splitArgs } from "./_args.ts";
import { pyRepr } from "./_py_repr.ts";
import { createRand, isPublicIpv4, type Rand } from "./rand.ts";
import { EventDate, EventTimestamp } from "./timestamp.ts";

/** The bundled locales: to add one, import its `@faker-js/faker/locale/<name>` entry and list it here. */
const SOURCES: Readonly<Record<string, Faker>> = { en, en_US, en_GB, de, fr, es, it, nl, pl, pt_BR, ru, ja, zh_CN };

/**
 * The bundled faker-js locales, by faker-js name. A name given to
 * `module.faker.locale` resolves to the first of: itself, its faker-js alias
 * (`nb_NO` for `no_NO`), its language (`de` for `de_DE`), another bundled
 * locale of its language (`pt_BR` for `pt_PT`), and `en`.
 */
export const FAKER_LOCALES: readonly string[] = Object.keys(SOURCES);

/** Python Faker locale names that are neither a faker-js name nor a language plus a region. */
const ALIASES: Readonly<Record<string, string>> = {
  no_NO: "nb_NO",
  iw_IL: "he",
  he_IL: "he",
  zh_HK: "zh_TW",
  fil_PH: "en",
};

const FakerClass = en.constructor as typeof Faker;

/** The faker-js modules, as `module.faker.<name>`. */
const MODULES = [
  "airline",
  "animal",
  "book",
  "color",
  "commerce",
  "company",
  "database",
  "datatype",
  "date",
  "finance",
  "food",
  "git",
  "hacker",
  "helpers",
  "image",
  "internet",
  "location",
  "lorem",
  "music",
  "number",
  "person",
  "phone",
  "science",
  "string",
  "system",
  "vehicle",
  "word",
] as const;

/** Modules whose name is also a Python Faker method: callable, with the module's methods. */
type Hybrid = "color" | "company" | "date" | "word";

/** The faker-js modules of one locale. */
export type FakerModules =
  & Omit<Pick<Faker, (typeof MODULES)[number]>, Hybrid>
  & {
    /** `color()` is Python's hex color; `color.human()` and the rest are faker-js's. */
    readonly color: Faker["color"] & (() => string);
    /** `company()` is a company name; `company.catchPhrase()` and the rest are faker-js's. */
    readonly company: Faker["company"] & (() => string);
    /** `date(pattern='%Y-%m-%d')` is Python's date text; `date.past()` and the rest are faker-js's. */
    readonly date: Faker["date"] & ((pattern?: string, end_datetime?: unknown) => string);
    /** `word()` is a lorem word; `word.noun()` and the rest are faker-js's. */
    readonly word: Faker["word"] & (() => string);
  };

/**
 * The Python Faker methods `module.faker` and each locale offer, with
 * Python's parameter names (usable as keyword arguments) and defaults.
 */
export interface PythonFaker {
  // Internet.
  /** A user name such as `Jayson89`. */
  user_name(): string;
  /** An email address: at `example.org`/`.com`/`.net` (`safe=True`), at a random domain, or at `domain`. */
  email(safe?: boolean, domain?: string | null): string;
  /** An email address at a free mail provider. */
  free_email(): string;
  /** An email address at `example.org`, `.com` or `.net`. */
  safe_email(): string;
  /** An email address at a company-like domain. */
  company_email(): string;
  /** A domain name with `levels` labels before the top-level domain. */
  domain_name(levels?: number): string;
  /** One domain label. */
  domain_word(): string;
  /** A top-level domain such as `com`. */
  tld(): string;
  /** A host name such as `web-12.example.com` (`levels=0`: `web-12`). */
  hostname(levels?: number): string;
  /** An IPv4 address; keyword `private=True`/`False` limits it to private/public, `network=True` adds a prefix length. */
  ipv4(network?: boolean, address_class?: "a" | "b" | "c" | null, private_?: boolean | null): string;
  /** A private (RFC 1918) IPv4 address, of `address_class` `a`, `b` or `c` when given. */
  ipv4_private(network?: boolean, address_class?: "a" | "b" | "c" | null): string;
  /** A public IPv4 address. */
  ipv4_public(network?: boolean, address_class?: "a" | "b" | "c" | null): string;
  /** An IPv6 address, compressed as Python prints it; `network=True` adds a prefix length. */
  ipv6(network?: boolean): string;
  /** A unicast MAC address such as `8a:3b:00:ff:12:9e` (multicast with `multicast=True`). */
  mac_address(multicast?: boolean): string;
  /** A port number: any, or system (0–1023), user (1024–49151) or dynamic (49152–65535). */
  port_number(is_system?: boolean, is_user?: boolean, is_dynamic?: boolean): number;
  /** A URL such as `https://www.example.com/`, with a scheme from `schemes`. */
  url(schemes?: readonly string[] | null): string;
  /** A URL path such as `app/category/main`, `deep` segments long (1 to 3 by default). */
  uri_path(deep?: number | null): string;
  /** A URL with a path and a page: `https://example.com/app/main/index.html`. */
  uri(schemes?: readonly string[] | null, deep?: number | null): string;
  /** A URL slug: of `value`, or of a few random words. */
  slug(value?: string | null): string;
  /** A user agent string of one of the browsers below, chosen uniformly as Python Faker does. */
  user_agent(): string;
  /** A Chrome user agent string. */
  chrome(): string;
  /** A Firefox user agent string. */
  firefox(): string;
  /** A Safari user agent string (macOS or iOS). */
  safari(): string;
  /** An Opera user agent string. */
  opera(): string;
  /** An Internet Explorer user agent string. */
  internet_explorer(): string;
  /** An HTTP method, from Python Faker's list (GET, POST, ..., PATCH). */
  http_method(): string;
  /** An HTTP status code. */
  http_status_code(): number;
  /** An emoji. */
  emoji(): string;
  // People and companies.
  /** A full name. */
  name(): string;
  /** A male full name. */
  name_male(): string;
  /** A female full name. */
  name_female(): string;
  /** A first name. */
  first_name(): string;
  /** A male first name. */
  first_name_male(): string;
  /** A female first name. */
  first_name_female(): string;
  /** A last name. */
  last_name(): string;
  /** A name prefix such as `Dr.`. */
  prefix(): string;
  /** A name suffix such as `Jr.`. */
  suffix(): string;
  /** A job title. */
  job(): string;
  /** A company catch phrase. */
  catch_phrase(): string;
  /** Business speak ("bs"). */
  bs(): string;
  /** A phone number in the locale's formats. */
  phone_number(): string;
  // Places.
  /** A postal address in the locale's format, on several lines. */
  address(): string;
  /** A street address. */
  street_address(): string;
  /** A street name. */
  street_name(): string;
  /** A building number. */
  building_number(): string;
  /** A secondary address such as `Apt. 506`. */
  secondary_address(): string;
  /** A city. */
  city(): string;
  /** A state or region. */
  state(): string;
  /** A state's abbreviation. */
  state_abbr(): string;
  /** A country. */
  country(): string;
  /** A country code, `alpha-2` (`DE`) or `alpha-3` (`DEU`). */
  country_code(representation?: "alpha-2" | "alpha-3"): string;
  /** A postal code. */
  postcode(): string;
  /** A postal code (the US name). */
  zipcode(): string;
  /** A latitude in [-90, 90], six decimals. */
  latitude(): number;
  /** A longitude in [-180, 180], six decimals. */
  longitude(): number;
  /** An IANA time zone name. */
  timezone(): string;
  // Text.
  /** Text of at most `max_nb_chars` characters: words, sentences or paragraphs. */
  text(max_nb_chars?: number): string;
  /** A sentence of about `nb_words` words (exactly, with `variable_nb_words=False`). */
  sentence(nb_words?: number, variable_nb_words?: boolean): string;
  /** `nb` sentences. */
  sentences(nb?: number): string[];
  /** A paragraph of about `nb_sentences` sentences. */
  paragraph(nb_sentences?: number, variable_nb_sentences?: boolean): string;
  /** `nb` paragraphs. */
  paragraphs(nb?: number): string[];
  /** `nb` words, from `ext_word_list` when given (`unique=True`: no repeats). */
  words(nb?: number, ext_word_list?: readonly string[] | null, unique?: boolean): string[];
  // Identifiers and hashes.
  /** A version 4 UUID. */
  uuid4(): string;
  /** 32 random hex digits. */
  md5(): string;
  /** 40 random hex digits. */
  sha1(): string;
  /** 64 random hex digits. */
  sha256(): string;
  /** A password with at least one character of each enabled class. */
  password(
    length?: number,
    special_chars?: boolean,
    digits?: boolean,
    upper_case?: boolean,
    lower_case?: boolean,
  ): string;
  // Dates (between 1970 and the reference date unless given bounds).
  /** `YYYY-MM-DDTHH:MM:SS`. */
  iso8601(): string;
  /** A time as text, `%H:%M:%S` unless `pattern` says otherwise; `end_datetime` bounds the range. */
  time(pattern?: string, end_datetime?: unknown): string;
  /** A datetime (UTC) with `isoformat()`, `strftime()` and the rest. */
  date_time(): EventTimestamp;
  /** A datetime between two bounds: timestamps, ISO text, `now`, `today` or offsets such as `-30y`, `+2w3d`. */
  date_time_between(start_date?: unknown, end_date?: unknown): EventTimestamp;
  /** A date between two bounds, as for `date_time_between`. */
  date_between(start_date?: unknown, end_date?: unknown): EventDate;
  /** A year as text. */
  year(): string;
  /** A month name. */
  month_name(): string;
  /** A weekday name. */
  day_of_week(): string;
  // Files.
  /** A file name such as `vitae.mp3`, of a `category` (audio, image, office, text, video) or `extension`. */
  file_name(category?: string | null, extension?: string | null): string;
  /** A file extension, of a `category` when given. */
  file_extension(category?: string | null): string;
  /** A path such as `/quia/vitae.mp3`, `depth` directories deep. */
  file_path(depth?: number, category?: string | null, extension?: string | null, absolute?: boolean): string;
  /** A MIME type, of a `category` (`application`, `audio`, `image`, `text`, `video`, ...) when given. */
  mime_type(category?: string | null): string;
  // Money.
  /** A credit card number (digits only), of a `card_type` such as `visa`, `mastercard`, `amex`. */
  credit_card_number(card_type?: string | null): string;
  /** A credit card issuer's name. */
  credit_card_provider(card_type?: string | null): string;
  /** An expiry date such as `03/29`, within ten years of the reference date. */
  credit_card_expire(): string;
  /** A card security code: 3 digits, 4 for American Express. */
  credit_card_security_code(card_type?: string | null): string;
  /** An IBAN. */
  iban(): string;
  /** A BIC (SWIFT) code. */
  swift(): string;
  /** A currency code such as `EUR`. */
  currency_code(): string;
  /** A currency name. */
  currency_name(): string;
  // Colors.
  /** A color name such as `sky blue`. */
  color_name(): string;
  /** A color as `#rrggbb`. */
  hex_color(): string;
  /** A color as `r,g,b`. */
  rgb_color(): string;
  // Python values and randomness.
  /** `true` with `chance_of_getting_true` percent probability (50). */
  boolean(chance_of_getting_true?: number): boolean;
  /** `true` with `truth_probability` percent probability (50). */
  pybool(truth_probability?: number): boolean;
  /** An integer in [`min`, `max`] (0 to 9999), a multiple of `step` away from `min`. */
  random_int(min?: number, max?: number, step?: number): number;
  /** An integer in [`min_value`, `max_value`] (0 to 9999). */
  pyint(min_value?: number, max_value?: number, step?: number): number;
  /** A float with `left_digits` and `right_digits`, or in [`min_value`, `max_value`]. */
  pyfloat(
    left_digits?: number | null,
    right_digits?: number | null,
    positive?: boolean,
    min_value?: number | null,
    max_value?: number | null,
  ): number;
  /** Random letters: `max_chars` of them, or between `min_chars` and `max_chars`, between `prefix` and `suffix`. */
  pystr(min_chars?: number | null, max_chars?: number, prefix?: string, suffix?: string): string;
  /** A digit, 0 to 9. */
  random_digit(): number;
  /** A digit, 1 to 9. */
  random_digit_not_null(): number;
  /** A number of up to `digits` digits (exactly, with `fix_len=True`). */
  random_number(digits?: number | null, fix_len?: boolean): number;
  /** An ASCII letter. */
  random_letter(): string;
  /** `length` ASCII letters, as a list. */
  random_letters(length?: number): string[];
  /** One element of a list, or a key of a dict weighted by its value. */
  random_element(elements?: unknown): unknown;
  /** `length` elements (random by default), `unique` without repeats. */
  random_elements(elements?: unknown, length?: number | null, unique?: boolean): unknown[];
  /** `text` with `#` replaced by digits, `%` by non-zero digits, `!`/`@` by a digit or nothing. */
  numerify(text?: string): string;
  /** `text` with `?` replaced by letters (from `letters` when given). */
  lexify(text?: string, letters?: string): string;
  /** `numerify` and `lexify` together. */
  bothify(text?: string, letters?: string): string;
  /** `text` with `^` replaced by hex digits (uppercase with `upper=True`). */
  hexify(text?: string, upper?: boolean): string;
}

/** One locale of `module.faker`: the faker-js modules and the Python Faker methods. */
export type FakerLocale = FakerModules & PythonFaker;

/** `module.faker`: the default locale, and the others by name. */
export type FakerModule = FakerLocale & {
  /** Locales by Python Faker or faker-js name (`de_DE`, `de`); each is created on first use. */
  readonly locale: Readonly<Record<string, FakerLocale>>;
};

/** Options of {@linkcode createFaker}. */
export interface FakerOptions {
  /**
   * The date that faker's dates are relative to ("now" for `date.past()`,
   * the end of `iso8601()`'s range), called for each value. By default a
   * fixed date, 2025-01-01T00:00:00Z, so that values depend only on the
   * seed; pass the event's timestamp to draw dates around it.
   */
  refDate?: () => Date | number;
}

const DEFAULT_REF_DATE = Date.UTC(2025, 0, 1);

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LETTERS = LOWER + UPPER;
const DIGITS = "0123456789";
const HEX = "0123456789abcdef";
const PASSWORD_SPECIALS = "!@#$%^&*()_+";
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];
const HOSTNAME_PREFIXES = ["db", "srv", "desktop", "laptop", "lt", "email", "web"];
const URI_PATHS = ["app", "main", "wp-content", "search", "category", "tag", "categories", "tags", "blog", "posts"];
const URI_PAGES = ["index", "home", "search", "main", "post", "homepage", "category", "register", "login", "faq"];
const URI_EXTENSIONS = [".html", ".html", ".html", ".htm", ".htm", ".php", ".php", ".jsp", ".asp"];
const FILE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  audio: ["flac", "mp3", "wav"],
  image: ["bmp", "gif", "jpeg", "jpg", "png", "tiff"],
  office: ["csv", "doc", "docx", "ods", "odt", "pages", "pdf", "ppt", "pptx", "xls", "xlsx"],
  text: ["css", "csv", "html", "js", "json", "txt", "xml"],
  video: ["mp4", "avi", "mov", "webm"],
};
/** Python Faker card types → faker-js issuers. */
const CARD_TYPES: Readonly<Record<string, string>> = {
  amex: "american_express",
  american_express: "american_express",
  diners: "diners_club",
  diners_club: "diners_club",
  discover: "discover",
  jcb: "jcb",
  jcb15: "jcb",
  jcb16: "jcb",
  mastercard: "mastercard",
  visa: "visa",
  visa13: "visa",
  visa16: "visa",
  visa19: "visa",
};
const CARD_NAMES: Readonly<Record<string, string>> = {
  american_express: "American Express",
  diners_club: "Diners Club / Carte Blanche",
  discover: "Discover",
  jcb: "JCB 16 digit",
  mastercard: "Mastercard",
  visa: "VISA 16 digit",
};
/** IPv4 class networks as [first address, prefix length]: all addresses, then private ones. */
const IPV4_CLASSES: Readonly<Record<string, readonly [number, number]>> = {
  a: [0x00000000, 1],
  b: [0x80000000, 2],
  c: [0xc0000000, 3],
};
const IPV4_PRIVATE_CLASSES: Readonly<Record<string, readonly [number, number]>> = {
  a: [0x0a000000, 8],
  b: [0xac100000, 12],
  c: [0xc0a80000, 16],
};

function bt(value: unknown): string {
  return "`" + pyRepr(value) + "`";
}

function formatIpv4(n: number): string {
  return `${Math.floor(n / 16777216)}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/**
 * The bundled faker-js locale that a Python Faker or faker-js locale name
 * resolves to, by the rules of {@linkcode FAKER_LOCALES}.
 *
 * @param name A name such as `de_DE`, `de-DE`, `pt_BR` or `de`.
 * @returns A name in {@linkcode FAKER_LOCALES}.
 *
 * @example
 * ```ts
 * import { resolveFakerLocale } from "./faker.ts";
 * const got = ["en_US", "de_DE", "ja_JP", "pt_PT", "xx_YY"].map(resolveFakerLocale).join();
 * if (got !== "en_US,de,ja,pt_BR,en") throw new Error(got);
 * ```
 */
export function resolveFakerLocale(name: string): string {
  const [language = "", ...rest] = name.replace(/-/g, "_").split("_");
  const lang = language.toLowerCase();
  const full = [lang, ...rest.map((part, i) => i === 0 && part.length === 2 ? part.toUpperCase() : part)].join("_");
  const alias = ALIASES[full];
  for (const candidate of [full, alias, lang]) {
    if (candidate !== undefined && candidate in SOURCES) return candidate;
  }
  return FAKER_LOCALES.find((l) => l.startsWith(lang + "_")) ?? "en";
}

/** What every locale of one `module.faker` shares. */
interface Shared {
  rng: Rng;
  rand: Rand;
  randomizer: Randomizer;
  refDate: () => Date;
}

/**
 * Creates `module.faker` over a random stream.
 *
 * Cheap: a locale's faker-js instance is made the first time a template
 * uses it.
 *
 * @param rng The stream every value draws from.
 * @param options The reference date of dates.
 * @returns The module object.
 *
 * @example
 * ```ts
 * import { Rng } from "../../random.ts";
 * import { createFaker } from "./faker.ts";
 * const a = createFaker(new Rng(42, "faker"));
 * const b = createFaker(new Rng(42, "faker"));
 * const email = a.email();
 * if (email !== b.email() || !email.includes("@")) throw new Error("not seeded");
 * if (a.internet.username() !== b.internet.username()) throw new Error("not seeded");
 * const city = a.locale["de_DE"]?.city();
 * if (typeof city !== "string" || city === "") throw new Error();
 * ```
 */
export function createFaker(rng: Rng, options: FakerOptions = {}): FakerModule {
  const ref = options.refDate;
  const shared: Shared = {
    rng,
    rand: createRand(rng),
    // `seed()` is a no-op: the stream follows the scenario's seed and blocks.
    randomizer: { next: () => rng.float(), seed: () => {} },
    refDate: ref === undefined ? () => new Date(DEFAULT_REF_DATE) : () => {
      const d = ref();
      return typeof d === "number" ? new Date(d) : d;
    },
  };
  const cache = new Map<string, FakerLocale>();
  const localeOf = (resolved: string): FakerLocale => {
    let loc = cache.get(resolved);
    if (loc === undefined) {
      loc = makeLocale(SOURCES[resolved] as Faker, shared);
      cache.set(resolved, loc);
    }
    return loc;
  };
  const locales = new Proxy({} as Record<string, FakerLocale>, {
    get(target, prop) {
      if (typeof prop !== "string" || !/^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*$/.test(prop)) {
        return Reflect.get(target, prop);
      }
      return localeOf(resolveFakerLocale(prop));
    },
    has(_target, prop) {
      return typeof prop === "string";
    },
  });
  const module = localeOf("en") as FakerModule;
  return Object.defineProperty(Object.create(module), "locale", { value: locales, enumerable: true }) as FakerModule;
}

/**
 * Marks a function that is also a namespace of methods, such as
 * `module.faker.company` (`company()` and `company.name()`). Nunjucks wraps
 * every function it looks up in a closure, which hides such methods, so the
 * template environment should return marked functions as they are:
 * `company()` ignores `this`. A registered symbol, so that the environment
 * can test for it without importing this module.
 */
export const CALLABLE_MODULE: unique symbol = Symbol.for("eventum.callableModule");

/** A function that also has the methods of a faker-js module. */
function hybrid<M extends object, F extends (...args: never[]) => unknown>(module: M, call: F): M & F {
  Object.defineProperty(call, CALLABLE_MODULE, { value: true });
  for (const key of Object.keys(module)) {
    const value = (module as Record<string, unknown>)[key];
    if (typeof value === "function") {
      Object.defineProperty(call, key, { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return call as M & F;
}

function makeLocale(source: Faker, shared: Shared): FakerLocale {
  const { rng, rand } = shared;
  let instance: Faker | undefined;
  const f = (): Faker => {
    if (instance === undefined) {
      instance = new FakerClass({ locale: source.rawDefinitions, randomizer: shared.randomizer });
      instance.setDefaultRefDate(shared.refDate);
    }
    return instance;
  };

  // Arguments: positional or keyword, with Python's names.
  function read(method: string, args: readonly unknown[], names: readonly string[]): unknown[] {
    const [positional, keywords] = splitArgs(args);
    if (positional.length > names.length) {
      throw new Error(
        `Cannot call \`faker.${method}\`: expected at most ${names.length} arguments, got ${positional.length}`,
      );
    }
    for (const k of Object.keys(keywords)) {
      if (!names.includes(k)) throw new Error(`Cannot call \`faker.${method}\`: unexpected keyword \`${k}\``);
    }
    return names.map((name, i) => i < positional.length ? positional[i] : keywords[name]);
  }

  function int(method: string, name: string, value: unknown, fallback: number): number {
    if (value === undefined || value === null) return fallback;
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n)) {
      throw new Error(`Cannot call \`faker.${method}\`: \`${name}\` is ${bt(value)}, expected an integer`);
    }
    return n;
  }

  function num(method: string, name: string, value: unknown): number | undefined {
    if (value === undefined || value === null) return undefined;
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof n !== "number" || Number.isNaN(n)) {
      throw new Error(`Cannot call \`faker.${method}\`: \`${name}\` is ${bt(value)}, expected a number`);
    }
    return n;
  }

  function flag(value: unknown, fallback: boolean): boolean {
    return value === undefined || value === null ? fallback : Boolean(value);
  }

  function text(value: unknown, fallback: string): string {
    return value === undefined || value === null ? fallback : String(value);
  }

  function list(method: string, name: string, value: unknown): readonly unknown[] {
    if (Array.isArray(value)) return value;
    if (typeof value === "string") return Array.from(value);
    if (typeof value === "object" && value !== null && Symbol.iterator in value) {
      return Array.from(value as Iterable<unknown>);
    }
    throw new Error(`Cannot call \`faker.${method}\`: \`${name}\` is ${bt(value)}, expected a list`);
  }

  const pick = <T>(items: readonly T[]): T => rng.pick(items);
  const chars = (set: string, n: number): string => {
    let out = "";
    for (let i = 0; i < n; i++) out += set[rng.index(set.length)];
    return out;
  };
  /** Python's `randomize_nb_elements`: 60% to 140% of `n`, at least 1. */
  const about = (n: number): number => Math.max(1, Math.floor(n * rng.int(60, 140) / 100));

  function timestampBetween(fromMs: number, toMs: number): EventTimestamp {
    const lo = Math.min(fromMs, toMs) * 1000;
    const span = Math.abs(toMs - fromMs) * 1000;
    return new EventTimestamp(lo + Math.floor(rng.float() * (span + 1)), "UTC");
  }

  /** A random moment between the epoch and `end` (the reference date). */
  const anytime = (end = shared.refDate().getTime()): EventTimestamp => timestampBetween(0, end);

  /** Python Faker's date bounds: timestamps, ISO text, `now`, `today`, offsets like `-30y`. */
  function bound(method: string, name: string, value: unknown, fallback: string): number {
    const v = value === undefined || value === null ? fallback : value;
    if (v instanceof EventTimestamp) return Math.floor(v.epochMicroseconds / 1000);
    if (v instanceof Date) return v.getTime();
    if (typeof v === "number") return v * 1000;
    if (typeof v === "string") {
      const now = shared.refDate().getTime();
      if (v === "now") return now;
      if (v === "today") return now - (now % 86400000);
      const m = /^([+-]?)((?:\d+[yMwdhms])+)$/.exec(v.trim());
      if (m !== null) {
        const unit: Record<string, number> = {
          y: 365.25 * 86400000,
          M: 30 * 86400000,
          w: 7 * 86400000,
          d: 86400000,
          h: 3600000,
          m: 60000,
          s: 1000,
        };
        let ms = 0;
        for (const [, n, u] of (m[2] as string).matchAll(/(\d+)([yMwdhms])/g)) {
          ms += Number(n) * (unit[u as string] as number);
        }
        return now + (m[1] === "-" ? -ms : ms);
      }
      const parsed = Date.parse(v);
      if (!Number.isNaN(parsed)) return parsed;
    }
    throw new Error(
      `Cannot call \`faker.${method}\`: \`${name}\` is ${bt(v)}, expected a timestamp, ISO text, ` +
        "`now`, `today` or an offset such as `-30y`",
    );
  }

  function ipv4In(first: number, prefix: number, network: boolean, accept: (n: number) => boolean): string {
    const size = 2 ** (32 - prefix);
    for (;;) {
      const n = first + rng.index(size);
      if (!accept(n)) continue;
      if (!network) return formatIpv4(n);
      const length = rng.int(prefix, 32);
      const block = 2 ** (32 - length);
      return `${formatIpv4(n - (n % block))}/${length}`;
    }
  }

  function ipv4Class(method: string, value: unknown, table: typeof IPV4_CLASSES): readonly [number, number] | null {
    if (value === undefined || value === null) return null;
    const cls = table[String(value).toLowerCase()];
    if (cls === undefined) {
      throw new Error(`Cannot call \`faker.${method}\`: \`address_class\` is ${bt(value)}, expected 'a', 'b' or 'c'`);
    }
    return cls;
  }

  const isPublic = (n: number): boolean => isPublicIpv4(formatIpv4(n));

  function ipv4Private(method: string, args: unknown[]): string {
    const [network, addressClass] = read(method, args, ["network", "address_class"]);
    const cls = ipv4Class(method, addressClass, IPV4_PRIVATE_CLASSES) ??
      (pick(["a", "b", "c"].map((c) => IPV4_PRIVATE_CLASSES[c] as readonly [number, number])));
    return ipv4In(cls[0], cls[1], flag(network, false), () => true);
  }

  function ipv4Public(method: string, args: unknown[]): string {
    const [network, addressClass] = read(method, args, ["network", "address_class"]);
    const [first, prefix] = ipv4Class(method, addressClass, IPV4_CLASSES) ?? [0, 0];
    return ipv4In(first, prefix, flag(network, false), isPublic);
  }

  function fileExtension(method: string, category: unknown): string {
    if (category === undefined || category === null) return pick(Object.values(FILE_EXTENSIONS).flat());
    const exts = FILE_EXTENSIONS[String(category)];
    if (exts === undefined) {
      throw new Error(
        `Cannot call \`faker.${method}\`: \`category\` is ${bt(category)}, expected one of ` +
          Object.keys(FILE_EXTENSIONS).join(", "),
      );
    }
    return pick(exts);
  }

  function cardIssuer(method: string, cardType: unknown): string {
    if (cardType === undefined || cardType === null) return pick(Object.keys(CARD_NAMES));
    const issuer = CARD_TYPES[String(cardType).toLowerCase()];
    if (issuer === undefined) {
      throw new Error(
        `Cannot call \`faker.${method}\`: \`card_type\` is ${bt(cardType)}, expected one of ` +
          Object.keys(CARD_TYPES).join(", "),
      );
    }
    return issuer;
  }

  function words(n: number): string[] {
    return Array.from({ length: n }, () => f().lorem.word());
  }

  function replaceEach(input: string, symbol: string, draw: () => string): string {
    let out = "";
    for (const ch of input) out += ch === symbol ? draw() : ch;
    return out;
  }

  function numerify(input: string): string {
    let out = "";
    for (const ch of input) {
      if (ch === "#") out += DIGITS[rng.index(10)];
      else if (ch === "%") out += DIGITS[1 + rng.index(9)];
      else if (ch === "!") out += rng.chance(0.5) ? DIGITS[rng.index(10)] : "";
      else if (ch === "@") out += rng.chance(0.5) ? DIGITS[1 + rng.index(9)] : "";
      else out += ch;
    }
    return out;
  }

  const windows = () => pick(["Windows NT 10.0; Win64; x64", "Windows NT 10.0; WOW64", "Windows NT 6.1; Win64; x64"]);
  const macos = () => `Macintosh; Intel Mac OS X 10_${rng.int(13, 15)}_${rng.int(0, 7)}`;
  const linux = () => pick(["X11; Linux x86_64", "X11; Ubuntu; Linux x86_64", "X11; Fedora; Linux x86_64"]);
  const chromeVersion = () => `${rng.int(100, 131)}.0.${rng.int(4000, 6800)}.${rng.int(0, 250)}`;

  const py: PythonFaker & Record<Hybrid, (...args: unknown[]) => unknown> = {
    user_name: () => f().internet.username(),
    email(...args: unknown[]) {
      const [safe, domain] = read("email", args, ["safe", "domain"]);
      const user = f().internet.username();
      if (domain !== undefined && domain !== null) return `${user}@${String(domain)}`;
      return flag(safe, true) ? f().internet.exampleEmail() : `${user}@${f().internet.domainName()}`;
    },
    free_email: () => f().internet.email(),
    safe_email: () => f().internet.exampleEmail(),
    company_email: () => `${f().internet.username()}@${f().internet.domainName()}`.toLowerCase(),
    domain_name(...args: unknown[]) {
      const levels = int("domain_name", "levels", read("domain_name", args, ["levels"])[0], 1);
      if (levels < 1) throw new Error(`Cannot call \`faker.domain_name\`: \`levels\` is ${levels}, expected 1 or more`);
      const labels = Array.from({ length: levels - 1 }, () => f().internet.domainWord());
      return [...labels, f().internet.domainName()].join(".");
    },
    domain_word: () => f().internet.domainWord(),
    tld: () => f().internet.domainSuffix(),
    hostname(...args: unknown[]) {
      const levels = int("hostname", "levels", read("hostname", args, ["levels"])[0], 1);
      const host = `${pick(HOSTNAME_PREFIXES)}-${chars(DIGITS, 2)}`;
      return levels < 1 ? host : `${host}.${py.domain_name(levels)}`;
    },
    ipv4(...args: unknown[]) {
      const [network, addressClass, priv] = read("ipv4", args, ["network", "address_class", "private"]);
      if (priv === true) return ipv4Private("ipv4", [network ?? null, addressClass ?? null]);
      if (priv === false) return ipv4Public("ipv4", [network ?? null, addressClass ?? null]);
      const [first, prefix] = ipv4Class("ipv4", addressClass, IPV4_CLASSES) ?? [0, 0];
      return ipv4In(first, prefix, flag(network, false), () => true);
    },
    ipv4_private: (...args: unknown[]) => ipv4Private("ipv4_private", args),
    ipv4_public: (...args: unknown[]) => ipv4Public("ipv4_public", args),
    ipv6(...args: unknown[]) {
      const [network] = read("ipv6", args, ["network"]);
      const ip = rand.network.ip_v6();
      return flag(network, false) ? `${ip}/${rng.int(0, 128)}` : ip;
    },
    mac_address(...args: unknown[]) {
      const [multicast] = read("mac_address", args, ["multicast"]);
      const bytes = Array.from({ length: 6 }, () => rng.int(0, 255));
      bytes[0] = flag(multicast, false) ? (bytes[0] as number) | 1 : (bytes[0] as number) & 0xfe;
      return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
    },
    port_number(...args: unknown[]) {
      const [system, user, dynamic] = read("port_number", args, ["is_system", "is_user", "is_dynamic"]);
      if (flag(system, false)) return rng.int(0, 1023);
      if (flag(user, false)) return rng.int(1024, 49151);
      if (flag(dynamic, false)) return rng.int(49152, 65535);
      return rng.int(0, 65535);
    },
    url(...args: unknown[]) {
      const [schemes] = read("url", args, ["schemes"]);
      const list_ = schemes === undefined || schemes === null ? ["http", "https"] : list("url", "schemes", schemes);
      const scheme = list_.length === 0 ? "" : `${String(pick(list_))}://`;
      return `${scheme}${rng.chance(0.5) ? "www." : ""}${f().internet.domainName()}/`;
    },
    uri_path(...args: unknown[]) {
      const [deep] = read("uri_path", args, ["deep"]);
      const n = deep === undefined || deep === null ? rng.int(1, 3) : int("uri_path", "deep", deep, 1);
      return Array.from({ length: n }, () => pick(URI_PATHS)).join("/");
    },
    uri(...args: unknown[]) {
      const [schemes, deep] = read("uri", args, ["schemes", "deep"]);
      return `${py.url(schemes as string[] | null)}${py.uri_path(deep as number | null)}/${pick(URI_PAGES)}${
        pick(URI_EXTENSIONS)
      }`;
    },
    slug(...args: unknown[]) {
      const [value] = read("slug", args, ["value"]);
      if (value === undefined || value === null) return f().lorem.slug().toLowerCase();
      return String(value).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/[^\w\s-]/g, "").trim().replace(/[-\s]+/g, "-");
    },
    user_agent: () => pick([py.chrome, py.firefox, py.safari, py.opera, py.internet_explorer])(),
    chrome: () =>
      `Mozilla/5.0 (${
        pick([windows, macos, linux])()
      }) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chromeVersion()} ` +
      "Safari/537.36",
    firefox() {
      const v = rng.int(100, 133);
      const platform = pick([windows(), `Macintosh; Intel Mac OS X 10.${rng.int(13, 15)}`, linux()]);
      return `Mozilla/5.0 (${platform}; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`;
    },
    safari() {
      const major = rng.int(14, 18);
      const minor = rng.int(0, 6);
      if (rng.chance(0.5)) {
        return `Mozilla/5.0 (${macos()}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${major}.${minor} ` +
          "Safari/605.1.15";
      }
      return `Mozilla/5.0 (iPhone; CPU iPhone OS ${major}_${minor} like Mac OS X) AppleWebKit/605.1.15 ` +
        `(KHTML, like Gecko) Version/${major}.${minor} Mobile/15E148 Safari/604.1`;
    },
    opera: () =>
      `Mozilla/5.0 (${pick([windows, macos, linux])()}) AppleWebKit/537.36 (KHTML, like Gecko) ` +
      `Chrome/${rng.int(100, 131)}.0.0.0 Safari/537.36 OPR/${rng.int(90, 115)}.0.0.0`,
    internet_explorer: () =>
      rng.chance(0.5)
        ? "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko"
        : `Mozilla/5.0 (compatible; MSIE ${rng.int(9, 10)}.0; Windows NT ${pick(["6.1", "6.2"])}; Trident/${
          rng.int(5, 6)
        }.0)`,
    http_method: () => pick(HTTP_METHODS),
    http_status_code: () => f().internet.httpStatusCode(),
    emoji: () => f().internet.emoji(),

    name: () => f().person.fullName(),
    name_male: () => f().person.fullName({ sex: "male" }),
    name_female: () => f().person.fullName({ sex: "female" }),
    first_name: () => f().person.firstName(),
    first_name_male: () => f().person.firstName("male"),
    first_name_female: () => f().person.firstName("female"),
    last_name: () => f().person.lastName(),
    prefix: () => f().person.prefix(),
    suffix: () => f().person.suffix(),
    job: () => f().person.jobTitle(),
    catch_phrase: () => f().company.catchPhrase(),
    bs: () => f().company.buzzPhrase(),
    phone_number: () => f().phone.number(),

    address: () => f().location.postalAddress(),
    street_address: () => f().location.streetAddress(),
    street_name: () => f().location.street(),
    building_number: () => f().location.buildingNumber(),
    secondary_address: () => f().location.secondaryAddress(),
    city: () => f().location.city(),
    state: () => f().location.state(),
    state_abbr: () => f().location.state({ abbreviated: true }),
    country: () => f().location.country(),
    country_code(...args: unknown[]) {
      const [representation] = read("country_code", args, ["representation"]);
      const rep = text(representation, "alpha-2");
      if (rep !== "alpha-2" && rep !== "alpha-3") {
        throw new Error(
          `Cannot call \`faker.country_code\`: \`representation\` is ${bt(representation)}, ` +
            "expected 'alpha-2' or 'alpha-3'",
        );
      }
      return f().location.countryCode(rep);
    },
    postcode: () => f().location.zipCode(),
    zipcode: () => f().location.zipCode(),
    latitude: () => f().location.latitude({ precision: 6 }),
    longitude: () => f().location.longitude({ precision: 6 }),
    timezone: () => f().location.timeZone(),

    text(...args: unknown[]) {
      const max = int("text", "max_nb_chars", read("text", args, ["max_nb_chars"])[0], 200);
      if (max < 5) throw new Error(`Cannot call \`faker.text\`: \`max_nb_chars\` is ${max}, expected 5 or more`);
      // As Python Faker: words under 25 characters, sentences under 100, paragraphs above.
      const fill = (sep: string, next: () => string, limit = max): string => {
        let out = "";
        for (let i = 0; i < 64; i++) {
          const longer = out === "" ? next() : `${out}${sep}${next()}`;
          if (longer.length > limit) break;
          out = longer;
        }
        return out;
      };
      let out = max >= 100 ? fill("\n", () => f().lorem.paragraph()) : "";
      if (out === "" && max >= 25) out = fill(" ", () => f().lorem.sentence());
      if (out === "") {
        const words_ = fill(" ", () => f().lorem.word(), max - 1) || f().lorem.word().slice(0, max - 1);
        out = `${words_.charAt(0).toUpperCase()}${words_.slice(1)}.`;
      }
      return out;
    },
    sentence(...args: unknown[]) {
      const [nb, variable] = read("sentence", args, ["nb_words", "variable_nb_words"]);
      const n = int("sentence", "nb_words", nb, 6);
      if (n <= 0) return "";
      return f().lorem.sentence(flag(variable, true) ? about(n) : n);
    },
    sentences(...args: unknown[]) {
      const n = int("sentences", "nb", read("sentences", args, ["nb"])[0], 3);
      return Array.from({ length: Math.max(0, n) }, () => py.sentence());
    },
    paragraph(...args: unknown[]) {
      const [nb, variable] = read("paragraph", args, ["nb_sentences", "variable_nb_sentences"]);
      const n = int("paragraph", "nb_sentences", nb, 3);
      if (n <= 0) return "";
      return Array.from({ length: flag(variable, true) ? about(n) : n }, () => py.sentence()).join(" ");
    },
    paragraphs(...args: unknown[]) {
      const n = int("paragraphs", "nb", read("paragraphs", args, ["nb"])[0], 3);
      return Array.from({ length: Math.max(0, n) }, () => py.paragraph());
    },
    words(...args: unknown[]) {
      const [nb, ext, unique] = read("words", args, ["nb", "ext_word_list", "unique"]);
      const n = int("words", "nb", nb, 3);
      const pool = ext === undefined || ext === null ? null : list("words", "ext_word_list", ext).map(String);
      if (!flag(unique, false)) return pool === null ? words(n) : Array.from({ length: n }, () => pick(pool));
      const seen = new Set<string>();
      if (pool !== null && new Set(pool).size < n) {
        throw new Error(`Cannot call \`faker.words\`: ${n} unique words asked from ${new Set(pool).size}`);
      }
      for (let tries = 0; seen.size < n && tries < n * 100; tries++) {
        seen.add(pool === null ? f().lorem.word() : pick(pool));
      }
      return [...seen];
    },

    uuid4: () => f().string.uuid(),
    md5: () => rand.crypto.md5(),
    sha1: () => rand.crypto.sha1(),
    sha256: () => rand.crypto.sha256(),
    password(...args: unknown[]) {
      const [length, special, digits, upper, lower] = read("password", args, [
        "length",
        "special_chars",
        "digits",
        "upper_case",
        "lower_case",
      ]);
      const n = int("password", "length", length, 10);
      const sets = [
        flag(special, true) ? PASSWORD_SPECIALS : "",
        flag(digits, true) ? DIGITS : "",
        flag(upper, true) ? UPPER : "",
        flag(lower, true) ? LOWER : "",
      ].filter((s) => s !== "");
      if (sets.length === 0) throw new Error("Cannot call `faker.password`: every character class is disabled");
      if (n < sets.length) {
        throw new Error(`Cannot call \`faker.password\`: \`length\` is ${n}, expected at least ${sets.length}`);
      }
      const out = Array.from(chars(sets.join(""), n));
      const slots = Array.from({ length: n }, (_, i) => i);
      sets.forEach((set, i) => {
        const j = i + rng.index(n - i);
        [slots[i], slots[j]] = [slots[j] as number, slots[i] as number];
        out[slots[i] as number] = set[rng.index(set.length)] as string;
      });
      return out.join("");
    },

    iso8601: () => anytime().strftime("%Y-%m-%dT%H:%M:%S"),
    time(...args: unknown[]) {
      const [pattern, end] = read("time", args, ["pattern", "end_datetime"]);
      return anytime(bound("time", "end_datetime", end, "now")).strftime(text(pattern, "%H:%M:%S"));
    },
    date_time: () => anytime(),
    date_time_between(...args: unknown[]) {
      const [start, end] = read("date_time_between", args, ["start_date", "end_date"]);
      return timestampBetween(
        bound("date_time_between", "start_date", start, "-30y"),
        bound("date_time_between", "end_date", end, "now"),
      );
    },
    date_between(...args: unknown[]) {
      const [start, end] = read("date_between", args, ["start_date", "end_date"]);
      const ts = timestampBetween(
        bound("date_between", "start_date", start, "-30y"),
        bound("date_between", "end_date", end, "today"),
      );
      return new EventDate(ts.epochMicroseconds - (ts.epochMicroseconds % 86400000000));
    },
    year: () => anytime().strftime("%Y"),
    month_name: () => f().date.month(),
    day_of_week: () => f().date.weekday(),

    file_name(...args: unknown[]) {
      const [category, extension] = read("file_name", args, ["category", "extension"]);
      const ext = extension === undefined || extension === null
        ? fileExtension("file_name", category)
        : String(extension);
      return ext === "" ? f().lorem.word() : `${f().lorem.word()}.${ext}`;
    },
    file_extension(...args: unknown[]) {
      return fileExtension("file_extension", read("file_extension", args, ["category"])[0]);
    },
    file_path(...args: unknown[]) {
      const [depth, category, extension, absolute] = read("file_path", args, [
        "depth",
        "category",
        "extension",
        "absolute",
      ]);
      const dirs = words(Math.max(0, int("file_path", "depth", depth, 1)));
      const path = [...dirs, py.file_name(category as string | null, extension as string | null)].join("/");
      return flag(absolute, true) ? `/${path}` : path;
    },
    mime_type(...args: unknown[]) {
      const [category] = read("mime_type", args, ["category"]);
      if (category === undefined || category === null) return f().system.mimeType();
      const all = Object.keys(f().rawDefinitions.system?.mime_type ?? {});
      const matching = all.filter((m) => m.startsWith(`${String(category)}/`));
      if (matching.length === 0) {
        const categories = [...new Set(all.map((m) => m.split("/")[0]))].join(", ");
        throw new Error(
          `Cannot call \`faker.mime_type\`: \`category\` is ${bt(category)}, expected one of ${categories}`,
        );
      }
      return pick(matching);
    },

    credit_card_number(...args: unknown[]) {
      const issuer = cardIssuer("credit_card_number", read("credit_card_number", args, ["card_type"])[0]);
      return f().finance.creditCardNumber(issuer).replace(/\D/g, "");
    },
    credit_card_provider(...args: unknown[]) {
      const issuer = cardIssuer("credit_card_provider", read("credit_card_provider", args, ["card_type"])[0]);
      return CARD_NAMES[issuer] as string;
    },
    credit_card_expire() {
      const now = shared.refDate().getTime();
      return timestampBetween(now, now + 10 * 365.25 * 86400000).strftime("%m/%y");
    },
    credit_card_security_code(...args: unknown[]) {
      const [cardType] = read("credit_card_security_code", args, ["card_type"]);
      const issuer = cardType === undefined || cardType === null
        ? null
        : cardIssuer("credit_card_security_code", cardType);
      return chars(DIGITS, issuer === "american_express" ? 4 : 3);
    },
    iban: () => f().finance.iban(),
    swift: () => f().finance.bic(),
    currency_code: () => f().finance.currencyCode(),
    currency_name: () => f().finance.currencyName(),

    color_name: () => f().color.human(),
    hex_color: () => `#${chars(HEX, 6)}`,
    rgb_color: () => `${rng.int(0, 255)},${rng.int(0, 255)},${rng.int(0, 255)}`,

    boolean(...args: unknown[]) {
      const p = num("boolean", "chance_of_getting_true", read("boolean", args, ["chance_of_getting_true"])[0]) ?? 50;
      return rng.float() * 100 < p;
    },
    pybool(...args: unknown[]) {
      const p = num("pybool", "truth_probability", read("pybool", args, ["truth_probability"])[0]) ?? 50;
      return rng.float() * 100 < p;
    },
    random_int(...args: unknown[]) {
      const [min, max, step] = read("random_int", args, ["min", "max", "step"]);
      return steppedInt("random_int", ["min", "max"], min, max, step);
    },
    pyint(...args: unknown[]) {
      const [min, max, step] = read("pyint", args, ["min_value", "max_value", "step"]);
      return steppedInt("pyint", ["min_value", "max_value"], min, max, step);
    },
    pyfloat(...args: unknown[]) {
      const [left, right, positive, min, max] = read("pyfloat", args, [
        "left_digits",
        "right_digits",
        "positive",
        "min_value",
        "max_value",
      ]);
      const r = right === undefined || right === null ? rng.int(1, 6) : int("pyfloat", "right_digits", right, 2);
      const lo = num("pyfloat", "min_value", min);
      const hi = num("pyfloat", "max_value", max);
      let value: number;
      if (lo !== undefined || hi !== undefined) {
        const a = lo ?? (hi as number) - 10 ** 6;
        const b = hi ?? (lo as number) + 10 ** 6;
        if (a > b) {
          throw new Error(`Cannot call \`faker.pyfloat\`: \`min_value\` ${a} is greater than \`max_value\` ${b}`);
        }
        value = Math.min(b, Math.max(a, Number((a + (b - a) * rng.float()).toFixed(r))));
      } else {
        const l = left === undefined || left === null ? rng.int(1, 6) : int("pyfloat", "left_digits", left, 2);
        const whole = l === 0 ? 0 : rng.int(0, 10 ** l - 1);
        value = Number(`${whole}.${chars(DIGITS, r)}`);
        if (!flag(positive, false) && rng.chance(0.5)) value = -value;
        if (flag(positive, false) && value === 0) value = Number(`0.${"0".repeat(Math.max(0, r - 1))}1`);
      }
      return value;
    },
    pystr(...args: unknown[]) {
      const [min, max, prefix, suffix] = read("pystr", args, ["min_chars", "max_chars", "prefix", "suffix"]);
      const hi = int("pystr", "max_chars", max, 20);
      const n = min === undefined || min === null ? hi : rng.int(int("pystr", "min_chars", min, 0), hi);
      return `${text(prefix, "")}${chars(LETTERS, n)}${text(suffix, "")}`;
    },
    random_digit: () => rng.int(0, 9),
    random_digit_not_null: () => rng.int(1, 9),
    random_number(...args: unknown[]) {
      const [digits, fixLen] = read("random_number", args, ["digits", "fix_len"]);
      const d = digits === undefined || digits === null ? rng.int(1, 9) : int("random_number", "digits", digits, 1);
      if (d < 0 || (d === 0 && flag(fixLen, false))) {
        throw new Error(`Cannot call \`faker.random_number\`: \`digits\` is ${d}, expected a positive number`);
      }
      if (d === 0) return 0;
      return flag(fixLen, false) ? rng.int(10 ** (d - 1), 10 ** d - 1) : rng.int(0, 10 ** d - 1);
    },
    random_letter: () => chars(LETTERS, 1),
    random_letters(...args: unknown[]) {
      const n = int("random_letters", "length", read("random_letters", args, ["length"])[0], 16);
      return Array.from(chars(LETTERS, Math.max(0, n)));
    },
    random_element(...args: unknown[]) {
      const [elements] = read("random_element", args, ["elements"]);
      const [items, weights] = population("random_element", elements);
      if (items.length === 0) throw new Error("Cannot call `faker.random_element`: there are no elements");
      return weights === null ? pick(items) : items[Math.max(0, rng.weightedIndex(weights))];
    },
    random_elements(...args: unknown[]) {
      const [elements, length, unique] = read("random_elements", args, ["elements", "length", "unique"]);
      const [items, weights] = population("random_elements", elements);
      const n = length === undefined || length === null
        ? rng.int(1, Math.max(1, items.length))
        : int("random_elements", "length", length, 1);
      if (items.length === 0 && n > 0) throw new Error("Cannot call `faker.random_elements`: there are no elements");
      if (!flag(unique, false)) {
        return Array.from(
          { length: n },
          () => weights === null ? pick(items) : items[Math.max(0, rng.weightedIndex(weights))],
        );
      }
      if (n > items.length) {
        throw new Error(`Cannot call \`faker.random_elements\`: ${n} unique elements asked from ${items.length}`);
      }
      const rest = items.map((item, i) => [item, weights?.[i] ?? 1] as const);
      const out: unknown[] = [];
      for (let k = 0; k < n; k++) {
        const i = Math.max(0, rng.weightedIndex(rest.map(([, w]) => w)));
        out.push((rest[i] as readonly [unknown, number])[0]);
        rest.splice(i, 1);
      }
      return out;
    },
    numerify(...args: unknown[]) {
      return numerify(text(read("numerify", args, ["text"])[0], "###"));
    },
    lexify(...args: unknown[]) {
      const [input, letters] = read("lexify", args, ["text", "letters"]);
      const set = text(letters, LETTERS);
      return replaceEach(text(input, "????"), "?", () => chars(set, 1));
    },
    bothify(...args: unknown[]) {
      const [input, letters] = read("bothify", args, ["text", "letters"]);
      const set = text(letters, LETTERS);
      return replaceEach(numerify(text(input, "## ??")), "?", () => chars(set, 1));
    },
    hexify(...args: unknown[]) {
      const [input, upper] = read("hexify", args, ["text", "upper"]);
      const set = flag(upper, false) ? HEX.toUpperCase() : HEX;
      return replaceEach(text(input, "^^^^"), "^", () => chars(set, 1));
    },

    color: () => py.hex_color(),
    company: () => f().company.name(),
    date(...args: unknown[]) {
      const [pattern, end] = read("date", args, ["pattern", "end_datetime"]);
      return anytime(bound("date", "end_datetime", end, "now")).strftime(text(pattern, "%Y-%m-%d"));
    },
    word: () => f().lorem.word(),
  };

  function steppedInt(method: string, names: [string, string], min: unknown, max: unknown, step: unknown): number {
    const lo = int(method, names[0], min, 0);
    const hi = int(method, names[1], max, 9999);
    const s = int(method, "step", step, 1);
    if (s <= 0) throw new Error(`Cannot call \`faker.${method}\`: \`step\` is ${s}, expected a positive integer`);
    if (lo > hi) throw new Error(`Cannot call \`faker.${method}\`: the range [${lo}, ${hi}] is empty`);
    return lo + s * rng.int(0, Math.floor((hi - lo) / s));
  }

  /** Items, and weights when given a dict. */
  function population(method: string, elements: unknown): [readonly unknown[], number[] | null] {
    if (elements === undefined || elements === null) return [["a", "b", "c"], null];
    const weighted = (keys: unknown[], values: unknown[]): [unknown[], number[]] => [
      keys,
      values.map((v, i) => {
        const w = num(method, "elements", v);
        if (w === undefined || w < 0) {
          throw new Error(`Cannot call \`faker.${method}\`: the weight of ${bt(keys[i])} is ${bt(v)}`);
        }
        return w;
      }),
    ];
    if (elements instanceof Map) return weighted([...elements.keys()], [...elements.values()]);
    if (typeof elements === "object" && !Array.isArray(elements) && !(Symbol.iterator in elements)) {
      return weighted(Object.keys(elements), Object.values(elements));
    }
    return [list(method, "elements", elements), null];
  }

  const loc = {} as Record<string, unknown>;
  for (const name of MODULES) {
    if (name in py) {
      let cached: unknown;
      Object.defineProperty(loc, name, {
        get: () => cached ??= hybrid(f()[name], py[name as Hybrid]),
        enumerable: true,
      });
    } else {
      Object.defineProperty(loc, name, { get: () => f()[name], enumerable: true });
    }
  }
  for (const [name, fn] of Object.entries(py)) {
    if (!(name in loc)) Object.defineProperty(loc, name, { value: fn, enumerable: true });
  }
  return loc as unknown as FakerLocale;
}
