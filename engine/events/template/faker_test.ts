import { deepEqual, equal, notDeepEqual, notEqual, ok, throws } from "node:assert/strict";
import nunjucks from "nunjucks";
import { faker as fakerJs } from "@faker-js/faker/locale/en";
import { Rng } from "../../random.ts";
import { CALLABLE_MODULE, createFaker, FAKER_LOCALES, type FakerLocale, resolveFakerLocale } from "./faker.ts";
import { isPublicIpv4 } from "./rand.ts";
import { EventDate, EventTimestamp } from "./timestamp.ts";

const kw = (values: Record<string, unknown>) => ({ __keywords: true as const, ...values });

/** Calls a template function the loose way Nunjucks does. */
type Loose = (...args: unknown[]) => unknown;
const call = (f: FakerLocale, name: string, ...args: unknown[]) =>
  ((f as unknown as Record<string, Loose>)[name] as Loose)(...args);

const faker = (seed = 42) => createFaker(new Rng(seed, "faker"));

function repeat<T>(n: number, f: () => T): T[] {
  return Array.from({ length: n }, f);
}

function ipv4ToInt(ip: string): number {
  ok(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(ip), `${ip} is IPv4`);
  return ip.split(".").reduce((n, octet) => {
    ok(Number(octet) <= 255, ip);
    return n * 256 + Number(octet);
  }, 0);
}

function isPrivateIpv4(ip: string): boolean {
  const n = ipv4ToInt(ip);
  return (n >= ipv4ToInt("10.0.0.0") && n <= ipv4ToInt("10.255.255.255")) ||
    (n >= ipv4ToInt("172.16.0.0") && n <= ipv4ToInt("172.31.255.255")) ||
    (n >= ipv4ToInt("192.168.0.0") && n <= ipv4ToInt("192.168.255.255"));
}

function isIpv6(ip: string): boolean {
  return new URL(`http://[${ip}]/`).hostname === `[${ip}]`;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function ibanValid(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  const digits = moved.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/** Draws a bit of everything: faker-js modules, Python names, locales. */
function sample(f: ReturnType<typeof faker>): unknown[] {
  return [
    f.internet.username(),
    f.person.fullName(),
    f.location.city(),
    f.date.past().toISOString(),
    f.user_name(),
    f.email(),
    f.ipv4(),
    f.ipv6(),
    f.uuid4(),
    f.text(),
    f.iso8601(),
    f.random_int(0, 1_000_000),
    f.password(),
    f.company(),
    f.locale["de_DE"]!.name(),
    f.locale["ja_JP"]!.address(),
  ];
}

Deno.test("the same seed gives the same values, another seed others", () => {
  deepEqual(sample(faker(42)), sample(faker(42)));
  notDeepEqual(sample(faker(42)), sample(faker(43)));
  const a = sample(faker(42));
  const b = sample(faker(43));
  ok(a.filter((v, i) => v === b[i]).length <= 1, "nearly every value differs");
});

Deno.test("faker draws from its Rng: a block restarts it, and shards agree", () => {
  const rng = new Rng(5);
  const f = createFaker(rng.child("faker"));
  rng.enterBlock(3);
  const first = sample(f);
  sample(f);
  rng.enterBlock(3);
  deepEqual(sample(f), first, "re-entering a block replays it");

  // A shard that starts at block 3 sees what a run through blocks 0–3 sees.
  const whole = new Rng(5);
  const wf = createFaker(whole.child("faker"));
  for (const block of [0, 1, 2]) {
    whole.enterBlock(block);
    sample(wf);
    wf.locale["fr_FR"]!.city();
  }
  whole.enterBlock(3);
  deepEqual(sample(wf), first);
});

Deno.test("faker never uses Math.random", () => {
  const original = Math.random;
  Math.random = () => {
    throw new Error("Math.random was called");
  };
  try {
    const f = faker();
    sample(f);
    f.helpers.fake("{{person.firstName}} {{internet.email}}");
    f.string.nanoid();
    f.internet.jwt();
    for (const l of FAKER_LOCALES) f.locale[l]!.name();
  } finally {
    Math.random = original;
  }
});

Deno.test("locale names resolve as documented", () => {
  const cases: Record<string, string> = {
    en: "en",
    en_US: "en_US",
    en_GB: "en_GB",
    de_DE: "de",
    de_AT: "de",
    fr_FR: "fr",
    fr_CA: "fr",
    ja_JP: "ja",
    ru_RU: "ru",
    pt_BR: "pt_BR",
    pt_PT: "pt_BR",
    es_ES: "es",
    es_MX: "es",
    it_IT: "it",
    zh_CN: "zh_CN",
    zh_TW: "zh_CN",
    nl_NL: "nl",
    nl_BE: "nl",
    pl_PL: "pl",
    "de-DE": "de",
    DE_de: "de",
    en_IN: "en",
    sv_SE: "en",
    no_NO: "en",
    xx: "en",
  };
  for (const [name, expected] of Object.entries(cases)) equal(resolveFakerLocale(name), expected, name);
  for (const l of FAKER_LOCALES) equal(resolveFakerLocale(l), l);
});

Deno.test("locales speak their language and are shared between names", () => {
  const f = faker();
  equal(f.locale["de_DE"], f.locale["de"], "one instance per faker-js locale");
  equal(f.locale.de_DE, f.locale["de"]);
  notEqual(f.locale["en_US"], f.locale["en"]);
  const months = (name: string) => new Set(repeat(200, () => f.locale[name]!.month_name().toLowerCase()));
  const expect = (name: string, month: string) => ok(months(name).has(month), `${name} knows ${month}`);
  expect("en_US", "january");
  expect("de_DE", "januar");
  expect("fr_FR", "janvier");
  expect("es_ES", "enero");
  expect("nl_NL", "januari");
  expect("pt_BR", "janeiro");
  expect("ru_RU", "январь");
  expect("xx_YY", "january");
  ok(repeat(20, () => f.locale["ja_JP"]!.name()).every((n) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(n)), "Japanese");
  ok(repeat(20, () => f.locale["zh_CN"]!.name()).every((n) => /[\u4e00-\u9fff]/.test(n)), "Chinese");
  ok(repeat(20, () => f.locale["ru_RU"]!.name()).every((n) => /[\u0400-\u04ff]/.test(n)), "Russian");
  ok(repeat(20, () => f.locale["pl_PL"]!.phone_number()).every((n) => /\d/.test(n)), "Polish phones");
  ok(/, [A-Z]{2} \d{5}/.test(f.locale["en_US"]!.address()), "US addresses have a state and ZIP code");
  // A locale can be reached like a dict, and any name works.
  ok("de_DE" in f.locale);
  equal(typeof f.locale["tlh"]!.city(), "string");
});

Deno.test("every faker-js module and method works on module.faker", () => {
  const f = faker() as unknown as Record<string, Record<string, unknown>>;
  const modules = Object.keys(fakerJs).filter((k) => k !== "fakerCore");
  ok(modules.length > 20);
  for (const name of modules) {
    const module = f[name];
    ok(module !== undefined, `module.faker.${name}`);
    const original = (fakerJs as unknown as Record<string, Record<string, unknown>>)[name] as Record<string, unknown>;
    for (const method of Object.keys(original)) {
      if (typeof original[method] === "function") {
        equal(typeof (module as Record<string, unknown>)[method], "function", `module.faker.${name}.${method}`);
      }
    }
  }
  const g = faker();
  ok(g.internet.username().length > 0);
  ok(/^\d+$/.test(String(g.number.int({ min: 1, max: 9 }))));
  ok(g.string.uuid().length === 36);
  ok(g.location.city().length > 0);
  ok(g.helpers.arrayElement(["x", "y"]) !== undefined);
});

Deno.test("Python names that are also faker-js modules are both", () => {
  const f = faker();
  ok(/^\d{4}-\d{2}-\d{2}$/.test(f.date()), "date()");
  ok(f.date.past() instanceof Date, "date.past()");
  ok(/^\d{2}\/\d{2}\/\d{4}$/.test(f.date("%d/%m/%Y")), "date(pattern)");
  ok(/^\d{4}$/.test(call(f, "date", kw({ pattern: "%Y" })) as string));
  ok(f.company().length > 0 && f.company.name().length > 0 && f.company.catchPhrase().length > 0);
  ok(/^[a-z]+$/i.test(f.word()) && f.word.noun().length > 0);
  ok(/^#[0-9a-f]{6}$/.test(f.color()) && f.color.human().length > 0);
});

Deno.test("Python internet names return plausible values", () => {
  const f = faker();
  for (let i = 0; i < 100; i++) {
    ok(/^\S+$/.test(f.user_name()));
    ok(/^[^@\s]+@example\.(com|org|net)$/.test(f.email()), "email() is safe by default");
    ok(/^[^@\s]+@[a-z0-9.-]+\.[a-z]+$/i.test(f.email(false)));
    ok(f.email(true, "corp.local").endsWith("@corp.local"));
    ok((call(f, "email", kw({ domain: "x.io" })) as string).endsWith("@x.io"));
    ok(/^[^@\s]+@(gmail|yahoo|hotmail)\.com$/.test(f.free_email()));
    ok(/@example\.(com|org|net)$/.test(f.safe_email()));
    ok(f.company_email().includes("@"));
    ok(/^[a-z0-9-]+\.[a-z]+$/.test(f.domain_name()));
    equal(f.domain_name(3).split(".").length, 4);
    ok(/^[a-z]+$/.test(f.tld()));
    ok(/^(db|srv|desktop|laptop|lt|email|web)-\d{2}\.[a-z0-9.-]+$/.test(f.hostname()));
    ok(/^(db|srv|desktop|laptop|lt|email|web)-\d{2}$/.test(f.hostname(0)));
    ipv4ToInt(f.ipv4());
    ok(isPrivateIpv4(f.ipv4_private()));
    ok(isPublicIpv4(f.ipv4_public()));
    ok(isPrivateIpv4(call(f, "ipv4", kw({ private: true })) as string));
    ok(isPublicIpv4(call(f, "ipv4", kw({ private: false })) as string));
    ok(ipv4ToInt(f.ipv4(false, "a")) < 2 ** 31, "class A: 0.0.0.0/1");
    ok(f.ipv4_private(false, "c").startsWith("192.168."));
    ok(f.ipv4_private(false, "b").startsWith("172."));
    const [net, prefix] = f.ipv4(true).split("/") as [string, string];
    ok(Number(prefix) >= 0 && Number(prefix) <= 32);
    equal(ipv4ToInt(net) % 2 ** (32 - Number(prefix)), 0, "a network address");
    ok(isIpv6(f.ipv6()), "ipv6 parses");
    const [v6, len] = f.ipv6(true).split("/") as [string, string];
    ok(isIpv6(v6) && Number(len) <= 128);
    const mac = f.mac_address();
    ok(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(mac));
    equal(parseInt(mac.slice(0, 2), 16) & 1, 0, "unicast");
    equal(parseInt(f.mac_address(true).slice(0, 2), 16) & 1, 1, "multicast");
    ok(f.port_number() <= 65535 && f.port_number(true) <= 1023);
    ok(/^https?:\/\/(www\.)?[a-z0-9.-]+\/$/.test(f.url()));
    ok(f.url(["ftp"]).startsWith("ftp://"));
    ok(/^[a-z-]+(\/[a-z-]+){0,2}$/.test(f.uri_path()));
    equal(f.uri_path(4).split("/").length, 4);
    ok(/^https?:\/\/\S+\/[a-z]+\.(html|htm|php|jsp|asp)$/.test(f.uri()));
    ok(/^[a-z0-9]+(-[a-z0-9]+)*$/.test(f.slug()));
    ok(f.user_agent().startsWith("Mozilla/5.0 ("));
    ok(/Chrome\/\d+\.0\.\d+\.\d+ Safari\/537\.36$/.test(f.chrome()));
    ok(/rv:(\d+)\.0\) Gecko\/20100101 Firefox\/\1\.0$/.test(f.firefox()));
    ok(/Version\/\d+\.\d+ (Mobile\/\w+ )?Safari\/\d+/.test(f.safari()));
    ok(f.opera().includes(" OPR/"));
    ok(/MSIE|Trident/.test(f.internet_explorer()));
    ok(["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"].includes(f.http_method()));
    ok(f.http_status_code() >= 100 && f.http_status_code() < 600);
  }
  equal(f.slug("Hello, World!  Ünïcode"), "hello-world-unicode");
  ok(new Set(repeat(200, () => f.user_agent().match(/Chrome|Firefox|Safari|OPR|MSIE|Trident/)?.[0])).size >= 4);
});

Deno.test("Python people, places and text names return plausible values", () => {
  const f = faker();
  for (let i = 0; i < 50; i++) {
    ok(/\S+ \S+/.test(f.name()));
    for (const n of [f.first_name(), f.last_name(), f.first_name_male(), f.first_name_female()]) ok(n.length > 0);
    ok(/\S+ \S+/.test(f.name_male()) && /\S+ \S+/.test(f.name_female()));
    ok(f.prefix().length > 0 && f.suffix().length > 0);
    ok(f.company().length > 0 && f.job().length > 0 && f.catch_phrase().length > 0 && f.bs().length > 0);
    ok(/\d{3}/.test(f.phone_number()));
    ok(f.address().includes("\n"), "a multi-line address");
    ok(/^\d+ \S/.test(f.street_address()));
    ok(f.street_name().length > 0 && /^\d+$/.test(f.building_number()) && f.secondary_address().length > 0);
    ok(f.city().length > 0 && f.state().length > 0 && /^[A-Z]{2}$/.test(f.state_abbr()));
    ok(f.country().length > 0);
    ok(/^[A-Z]{2}$/.test(f.country_code()));
    ok(/^[A-Z]{3}$/.test(f.country_code("alpha-3")));
    ok(/^[A-Z]{3}$/.test(call(f, "country_code", kw({ representation: "alpha-3" })) as string));
    ok(/^\d{5}(-\d{4})?$/.test(f.postcode()) && /^\d{5}(-\d{4})?$/.test(f.zipcode()));
    const lat = f.latitude();
    const lon = f.longitude();
    ok(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180);
    ok(f.timezone().includes("/"));
    const text = f.text();
    ok(text.length > 0 && text.length <= 200, text);
    for (const max of [5, 12, 24, 60, 99, 150, 1000]) {
      const t = f.text(max);
      ok(t.length > 0 && t.length <= max, `text(${max}) is ${JSON.stringify(t)}`);
    }
    ok((call(f, "text", kw({ max_nb_chars: 40 })) as string).length <= 40);
    ok(/^[A-Z].*\.$/.test(f.sentence()));
    equal(f.sentence(4, false).split(" ").length, 4);
    equal((call(f, "sentence", kw({ nb_words: 9, variable_nb_words: false })) as string).split(" ").length, 9);
    equal(f.sentences().length, 3);
    ok(f.paragraph().split(". ").length >= 1);
    equal(f.paragraphs(2).length, 2);
    ok(/^\S+$/.test(f.word()));
    equal(f.words().length, 3);
    deepEqual(new Set(f.words(5, ["a", "b"])).size <= 2, true);
    deepEqual([...f.words(3, ["x", "y", "z"], true)].sort(), ["x", "y", "z"]);
  }
  throws(() => f.text(3), { message: "Cannot call `faker.text`: `max_nb_chars` is 3, expected 5 or more" });
  throws(() => f.words(4, ["x", "y"], true), { message: "Cannot call `faker.words`: 4 unique words asked from 2" });
});

Deno.test("Python ids, dates, files, money and colors return plausible values", () => {
  const f = createFaker(new Rng(9, "faker"), { refDate: () => Date.UTC(2024, 5, 1) });
  const ref = Date.UTC(2024, 5, 1);
  for (let i = 0; i < 100; i++) {
    ok(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(f.uuid4()));
    ok(/^[0-9a-f]{32}$/.test(f.md5()) && /^[0-9a-f]{40}$/.test(f.sha1()) && /^[0-9a-f]{64}$/.test(f.sha256()));
    const iso = f.iso8601();
    ok(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(iso));
    ok(Date.parse(iso + "Z") <= ref, "not after the reference date");
    ok(/^\d{4}-\d{2}-\d{2}$/.test(f.date()) && /^\d{2}:\d{2}:\d{2}$/.test(f.time()));
    ok(/^\d{2}h$/.test(f.time("%Hh")));
    const dt = f.date_time();
    ok(dt instanceof EventTimestamp && dt.epochMicroseconds <= ref * 1000 && dt.tzinfo === "UTC");
    const recent = f.date_time_between("-1d", "now");
    ok(recent.epochMicroseconds >= (ref - 86400000) * 1000 && recent.epochMicroseconds <= ref * 1000);
    const soon = call(f, "date_time_between", kw({ start_date: "+1w", end_date: "+2w3d" })) as EventTimestamp;
    ok(soon.epochMicroseconds >= (ref + 7 * 86400000) * 1000 && soon.epochMicroseconds <= (ref + 17 * 86400000) * 1000);
    const between = f.date_time_between("2020-01-01T00:00:00Z", new EventTimestamp(Date.UTC(2020, 0, 2) * 1000));
    ok(between.isoformat().startsWith("2020-01-0"));
    const day = f.date_between("-30d", "today");
    ok(day instanceof EventDate && /^\d{4}-\d{2}-\d{2}$/.test(String(day)));
    ok(/^\d{4}$/.test(f.year()) && Number(f.year()) <= 2024);
    ok(f.month_name().length > 0 && f.day_of_week().endsWith("day"));
    ok(/^\w+\.\w+$/.test(f.file_name()));
    ok(f.file_name(null, "log").endsWith(".log"));
    ok(/\.(flac|mp3|wav)$/.test(call(f, "file_name", kw({ category: "audio" })) as string));
    ok(/^(flac|mp3|wav)$/.test(f.file_extension("audio")));
    ok(/^\/\w+\/\w+\.\w+$/.test(f.file_path()));
    ok(/^(\w+\/){3}\w+\.csv$/.test(f.file_path(3, null, "csv", false)));
    ok(/^[a-z]+\/\S+$/.test(f.mime_type()));
    ok(f.mime_type("image").startsWith("image/"));
    const card = f.credit_card_number();
    ok(/^\d{13,19}$/.test(card) && luhn(card), `${card} passes Luhn`);
    const amex = f.credit_card_number("amex");
    ok(/^3[47]\d{13}$/.test(amex) && luhn(amex), amex);
    ok(/^4\d{12,18}$/.test(f.credit_card_number("visa16")));
    equal(f.credit_card_provider("visa"), "VISA 16 digit");
    ok(/^\d{2}\/\d{2}$/.test(f.credit_card_expire()));
    equal(f.credit_card_security_code("amex").length, 4);
    equal(f.credit_card_security_code().length, 3);
    const iban = f.iban();
    ok(/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban) && ibanValid(iban), `${iban} has a valid check sum`);
    ok(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(f.swift()));
    ok(/^[A-Z]{3}$/.test(f.currency_code()) && f.currency_name().length > 0);
    ok(f.color_name().length > 0 && /^#[0-9a-f]{6}$/.test(f.hex_color()));
    ok(/^\d{1,3},\d{1,3},\d{1,3}$/.test(f.rgb_color()));
  }
  throws(() => f.file_name("music"), { message: /^Cannot call `faker.file_name`: `category` is `'music'`/ });
  throws(() => f.credit_card_number("unionpay"), { message: /^Cannot call `faker.credit_card_number`/ });
  throws(() => f.date_time_between("last week"), { message: /`start_date` is `'last week'`/ });
});

Deno.test("Python value names return plausible values and take keywords", () => {
  const f = faker();
  const bools = repeat(4000, () => f.boolean());
  const trues = bools.filter(Boolean).length;
  ok(trues > 1800 && trues < 2200, `${trues} of 4000`);
  ok(repeat(100, () => f.boolean(0)).every((b) => !b));
  ok(repeat(100, () => call(f, "boolean", kw({ chance_of_getting_true: 100 }))).every((b) => b));
  ok(repeat(100, () => call(f, "pybool", kw({ truth_probability: 0 }))).every((b) => !b));
  for (let i = 0; i < 200; i++) {
    const n = f.random_int();
    ok(Number.isInteger(n) && n >= 0 && n <= 9999);
    const k = call(f, "random_int", kw({ min: 1, max: 10 })) as number;
    ok(k >= 1 && k <= 10);
    equal(f.random_int(0, 100, 5) % 5, 0);
    const p = call(f, "pyint", kw({ min_value: -3, max_value: 3 })) as number;
    ok(p >= -3 && p <= 3);
    const x = f.pyfloat(2, 3);
    ok(Math.abs(x) < 100 && /^-?\d{1,2}(\.\d{1,3})?$/.test(String(x)), String(x));
    ok(f.pyfloat(null, null, true) > 0);
    const bounded = call(f, "pyfloat", kw({ min_value: 1.5, max_value: 2.5 })) as number;
    ok(bounded >= 1.5 && bounded <= 2.5);
    ok(/^[A-Za-z]{20}$/.test(f.pystr()));
    ok(/^id-[A-Za-z]{3,5}$/.test(call(f, "pystr", kw({ min_chars: 3, max_chars: 5, prefix: "id-" })) as string));
    ok(f.random_digit() <= 9 && f.random_digit_not_null() >= 1);
    ok(String(f.random_number(4, true)).length === 4);
    ok(f.random_number(3) < 1000);
    ok(/^[A-Za-z]$/.test(f.random_letter()) && f.random_letters(5).length === 5);
    ok(["a", "b", "c"].includes(f.random_element() as string));
    equal(f.random_element({ never: 0, always: 1 }), "always");
    equal(f.random_element(new Map([["m", 1]])), "m");
    deepEqual([...f.random_elements(["x", "y", "z"], 3, true)].sort(), ["x", "y", "z"]);
    equal(f.random_elements([1, 2], 5).length, 5);
    ok(/^\d{3}-[1-9]$/.test(f.numerify("###-%")));
    ok(/^[A-Za-z]{4}$/.test(f.lexify()));
    ok(/^[ab]{3}$/.test(call(f, "lexify", kw({ text: "???", letters: "ab" })) as string));
    ok(/^\d{2} [A-Za-z]{2}$/.test(f.bothify()));
    ok(/^[0-9A-F]{4}$/.test(f.hexify("^^^^", true)));
  }
  const weighted = repeat(10000, () => f.random_element({ a: 3, b: 1 }));
  const a = weighted.filter((v) => v === "a").length;
  ok(a > 7250 && a < 7750, `${a} of 10000`);
});

Deno.test("password has the asked length and character classes", () => {
  const f = faker();
  for (let i = 0; i < 200; i++) {
    const p = f.password();
    equal(p.length, 10);
    ok(/[!@#$%^&*()_+]/.test(p) && /\d/.test(p) && /[A-Z]/.test(p) && /[a-z]/.test(p), p);
    const long = call(f, "password", kw({ length: 12 })) as string;
    equal(long.length, 12);
    const plain = call(f, "password", kw({ length: 8, special_chars: false, digits: false })) as string;
    ok(/^[A-Za-z]{8}$/.test(plain) && /[A-Z]/.test(plain) && /[a-z]/.test(plain), plain);
    ok(/^\d{4}$/.test(f.password(4, false, true, false, false)));
  }
  throws(() => f.password(2), { message: "Cannot call `faker.password`: `length` is 2, expected at least 4" });
  throws(() => f.password(5, false, false, false, false), {
    message: "Cannot call `faker.password`: every character class is disabled",
  });
});

Deno.test("bad arguments say what is wrong", () => {
  const f = faker();
  throws(() => call(f, "password", kw({ lenght: 12 })), {
    message: "Cannot call `faker.password`: unexpected keyword `lenght`",
  });
  throws(() => call(f, "random_int", 1, 2, 3, 4), {
    message: "Cannot call `faker.random_int`: expected at most 3 arguments, got 4",
  });
  throws(() => f.random_int(5, 1), { message: "Cannot call `faker.random_int`: the range [5, 1] is empty" });
  throws(() => call(f, "random_int", "x"), {
    message: "Cannot call `faker.random_int`: `min` is `'x'`, expected an integer",
  });
  throws(() => f.ipv4_private(false, "d" as "a"), {
    message: "Cannot call `faker.ipv4_private`: `address_class` is `'d'`, expected 'a', 'b' or 'c'",
  });
  throws(() => f.country_code("alpha-9" as "alpha-2"), { message: /expected 'alpha-2' or 'alpha-3'$/ });
});

Deno.test("the reference date moves faker's dates", () => {
  let now = Date.UTC(2030, 0, 1);
  const f = createFaker(new Rng(1, "faker"), { refDate: () => now });
  for (let i = 0; i < 50; i++) {
    const past = f.date.past().getTime();
    ok(past <= now && past >= now - 366 * 86400000, "date.past() is within a year before the reference date");
    const recent = f.date_time_between("-1h").epochMicroseconds / 1000;
    ok(recent >= now - 3600000 && recent <= now);
  }
  now = Date.UTC(1990, 5, 1);
  ok(f.date.recent().getTime() <= now && f.date.recent().getTime() > now - 86400000);
  const fixed = faker();
  ok(Date.parse(fixed.iso8601() + "Z") <= Date.UTC(2025, 0, 1), "the default reference date is fixed");
});

type Runtime = { memberLookup: (obj: unknown, key: unknown) => unknown };

/** Renders with the Jinja-compat layer; `callable` adds the lookup rule for {@linkcode CALLABLE_MODULE}. */
function render(source: string, context: Record<string, unknown>, callable: boolean): string {
  const uninstall = nunjucks.installJinjaCompat() as unknown as () => void;
  const runtime = (nunjucks as unknown as { runtime: Runtime }).runtime;
  const lookup = runtime.memberLookup;
  if (callable) {
    runtime.memberLookup = (obj, key) => {
      const value = obj === null || obj === undefined ? undefined : (obj as Record<string, unknown>)[key as string];
      return typeof value === "function" && CALLABLE_MODULE in value ? value : lookup(obj, key);
    };
  }
  try {
    return new nunjucks.Environment(null, { autoescape: false }).renderString(source, context);
  } finally {
    runtime.memberLookup = lookup;
    uninstall();
  }
}

Deno.test("module.faker works from Nunjucks templates", () => {
  const module = { faker: faker() };
  const source = [
    "{{ module.faker.internet.username() | length > 0 }}",
    "{{ module.faker.locale['de_DE'].city() | length > 0 }}",
    "{{ module.faker.locale.en_US.name() | length > 0 }}",
    "{{ module.faker.random_int(min=7, max=7) }}",
    "{{ module.faker.password(length=12) | length }}",
    "{{ module.faker.company() | length > 0 }}",
    "{{ module.faker.number.int(max=0) }}",
    "{{ module.faker.email(domain='corp.local').endsWith('@corp.local') }}",
    "{{ module.faker.locale['ja_JP'].user_name() | length > 0 }}",
    "{{ module.faker.date_time_between(start_date='-1d').strftime('%Y') }}",
    "{{ module.faker.words(2) | length }}",
    "{{ module.faker.random_element({'only': 1}) }}",
    "{{ module.faker.date('%Y') | length }}",
  ].join("|");
  const expected = "true|true|true|7|12|true|0|true|true|2024|2|only|4";
  equal(render(source, { module }, false), expected, "Python names work with plain Nunjucks");
  equal(render(source, { module }, true), expected);
  const hybrids = "{{ module.faker.company.name() | length > 0 }}|{{ module.faker.date.weekday() | length > 0 }}|" +
    "{{ module.faker.word.noun() | length > 0 }}|{{ module.faker.color.human() | length > 0 }}|" +
    "{{ module.faker.locale.fr_FR.company.catchPhrase() | length > 0 }}|{{ module.faker.color() | length }}";
  equal(render(hybrids, { module }, true), "true|true|true|true|true|7", "with the CALLABLE_MODULE rule");
});
