import { deepEqual, equal, notEqual, ok, throws } from "node:assert/strict";
import nunjucks from "nunjucks";
import { Rng } from "../../random.ts";
import { createRand, isPublicIpv4, MAC_VENDORS } from "./rand.ts";
import { EventTimestamp } from "./timestamp.ts";

const kw = (values: Record<string, unknown>) => ({
  __keywords: true as const,
  ...values,
});

const rand = () => createRand(new Rng(42, "rand"));

/** Calls a template function the loose way Nunjucks does. */
type Loose = (...args: unknown[]) => unknown;

function repeat<T>(n: number, f: () => T): T[] {
  return Array.from({ length: n }, f);
}

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** Pearson's chi-square statistic of observed counts against expected proportions. */
function chiSquare(counts: readonly number[], proportions: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  return counts.reduce((sum, c, i) => {
    const expected = total * (proportions[i] as number);
    return sum + (c - expected) ** 2 / expected;
  }, 0);
}

/** Chi-square critical values at p = 0.001, by degrees of freedom. */
const CHI2_999: Readonly<Record<number, number>> = { 1: 10.83, 2: 13.82, 3: 16.27, 4: 18.47, 5: 20.52, 9: 27.88 };

function tally<T>(values: readonly T[], keys: readonly T[]): number[] {
  return keys.map((k) => values.filter((v) => v === k).length);
}

/**
 * The eight 16-bit groups of an IPv6 address, after checking it parses and
 * is in canonical (RFC 5952) form, through the WHATWG URL parser.
 */
function ipv6Groups(ip: string): number[] {
  equal(new URL(`http://[${ip}]/`).hostname, `[${ip}]`, `${ip} is canonical IPv6`);
  const [head = "", tail] = ip.split("::");
  const h = head === "" ? [] : head.split(":");
  const t = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  equal(groups.length, 8, ip);
  return groups.map((g) => parseInt(g, 16));
}

Deno.test("the same seed gives the same values", () => {
  const draw = (r: ReturnType<typeof createRand>) => [
    r.number.integer(0, 1000),
    r.number.floating(0, 1),
    r.number.gauss(0, 1),
    r.choice(["a", "b", "c"]),
    r.string.hex(16),
    r.network.ip_v4_public(),
    r.network.ip_v6(),
    r.crypto.uuid4(),
    r.weighted_choice([1, 2, 3], [1, 1, 1]),
  ];
  deepEqual(draw(rand()), draw(rand()));
  notEqual(
    JSON.stringify(draw(rand())),
    JSON.stringify(draw(createRand(new Rng(43, "rand")))),
  );
});

Deno.test("a block restarts every function's draws", () => {
  const rng = new Rng(42);
  const r = createRand(rng.child("rand"));
  const draw = () => [
    r.number.integer(0, 1e9),
    r.string.pattern("%H{8}"),
    r.network.mac(),
    r.crypto.sha1(),
    r.weighted_choice({ a: 1, b: 1 }),
  ];
  rng.enterBlock(2);
  const first = draw();
  draw();
  rng.enterBlock(9);
  const other = draw();
  rng.enterBlock(2);
  deepEqual(draw(), first, "re-entering a block replays it");
  notEqual(JSON.stringify(other), JSON.stringify(first));
});

Deno.test("choice and choices are uniform", () => {
  const r = rand();
  const items = ["a", "b", "c", "d", "e"];
  const one = tally(repeat(10000, () => r.choice(items)), items);
  ok(chiSquare(one, Array(5).fill(0.2)) < (CHI2_999[4] as number), `choice counts ${one}`);
  const many = tally(r.choices(items, 10000), items);
  ok(chiSquare(many, Array(5).fill(0.2)) < (CHI2_999[4] as number), `choices counts ${many}`);
  equal(r.choices(items, 0).length, 0);
  throws(() => r.choices(items, -1), { message: "Cannot choose: `n` is -1, expected 0 or more" });
});

Deno.test("shuffle gives every permutation about equally often", () => {
  const r = rand();
  const perms = ["123", "132", "213", "231", "312", "321"];
  const seen = tally(repeat(12000, () => (r.shuffle([1, 2, 3]) as number[]).join("")), perms);
  ok(chiSquare(seen, Array(6).fill(1 / 6)) < (CHI2_999[5] as number), `permutation counts ${seen}`);
  const original = [1, 2, 3];
  r.shuffle(original);
  deepEqual(original, [1, 2, 3], "the input is not changed");
});

Deno.test("weighted_choice respects weights, in list and dict form", () => {
  const r = rand();
  const items = ["GET", "POST", "PUT"];
  const list = tally(repeat(20000, () => r.weighted_choice(items, [70, 20, 10])), items);
  ok(chiSquare(list, [0.7, 0.2, 0.1]) < (CHI2_999[2] as number), `list form counts ${list}`);
  const dict = tally(repeat(20000, () => r.weighted_choice({ GET: 70, POST: 20, PUT: 10 })), items);
  ok(chiSquare(dict, [0.7, 0.2, 0.1]) < (CHI2_999[2] as number), `dict form counts ${dict}`);
  const kwargs = tally(
    repeat(20000, () => (r.weighted_choice as Loose)(kw({ items, weights: [1, 1, 2] }))),
    items,
  );
  ok(chiSquare(kwargs, [0.25, 0.25, 0.5]) < (CHI2_999[2] as number), `keyword form counts ${kwargs}`);
});

Deno.test("weighted_choices respects weights, in list and dict form", () => {
  const r = rand();
  const codes = [200, 404, 500];
  const list = tally(r.weighted_choices(codes, [90, 8, 2], 20000), codes);
  ok(chiSquare(list, [0.9, 0.08, 0.02]) < (CHI2_999[2] as number), `list form counts ${list}`);
  const dict = tally(r.weighted_choices({ 200: 90, 404: 8, 500: 2 }, 20000).map(Number), codes);
  ok(chiSquare(dict, [0.9, 0.08, 0.02]) < (CHI2_999[2] as number), `dict form counts ${dict}`);
  equal((r.weighted_choices as Loose)(kw({ items: { x: 1 }, weights: 2 })) instanceof Array, true);
  equal(r.weighted_choices(["a"], [1], 0).length, 0);
});

Deno.test("choice, choices and shuffle", () => {
  const r = rand();
  for (const v of repeat(50, () => r.choice(["a", "b"]))) ok(v === "a" || v === "b");
  ok("xyz".includes(r.choice("xyz") as string));
  equal(r.choices(["a"], 3).join(), "a,a,a");
  equal(((r.choices as Loose)(kw({ items: [1], n: 2 })) as unknown[]).length, 2);
  throws(() => r.choice([]), { message: "Cannot choose from an empty sequence" });
  throws(() => r.choice(5), {
    message: "Cannot choose from `5`: expected a list or a string",
  });
  const shuffled = r.shuffle([1, 2, 3, 4, 5]) as number[];
  deepEqual([...shuffled].sort(), [1, 2, 3, 4, 5]);
  const text = r.shuffle("abcdef") as string;
  equal(typeof text, "string");
  equal([...text].sort().join(""), "abcdef");
});

Deno.test("weighted_choice takes lists or a dict and honours zero weights", () => {
  const r = rand();
  for (let i = 0; i < 200; i++) {
    equal(r.weighted_choice(["a", "b", "c"], [0, 1, 0]), "b");
    equal(r.weighted_choice({ x: 0, y: 5 }), "y");
  }
  const counts = { 200: 0, 404: 0 };
  for (const s of r.weighted_choices([200, 404], [9, 1], 10000) as Array<200 | 404>) {
    counts[s]++;
  }
  ok(counts[200] > 8700 && counts[200] < 9300, `200 drawn ${counts[200]} times`);
  equal(r.weighted_choices({ a: 1 }, 3).join(), "a,a,a");
  equal(r.weighted_choices(new Map([["m", 1]]), 2).join(), "m,m");
  throws(() => r.weighted_choice([1, 2], [1]), {
    message: "Cannot make a weighted choice: expected 2 weights, got 1",
  });
  throws(() => r.weighted_choice([1, 2], [0, 0]), {
    message: "Cannot make a weighted choice: every weight is zero",
  });
  throws(() => r.weighted_choice([1, 2], [1, -1]), {
    message: "Cannot make a weighted choice: weight 1 is `-1`, expected a non-negative number",
  });
});

Deno.test("chance", () => {
  const r = rand();
  equal(r.chance(0), false);
  equal(r.chance(1), true);
  equal(r.chance(-3), false);
  equal(r.chance(7), true);
  const hits = repeat(10000, () => r.chance(0.25)).filter(Boolean).length;
  ok(chiSquare([hits, 10000 - hits], [0.25, 0.75]) < (CHI2_999[1] as number), `${hits} hits`);
  equal((r.chance as Loose)(kw({ prob: 1 })), true);
});

Deno.test("number: integer, floating, gauss and the distributions", () => {
  const r = rand();
  const ints = repeat(6000, () => r.number.integer(1, 6));
  deepEqual([...new Set(ints)].sort(), [1, 2, 3, 4, 5, 6]);
  const faces = tally(ints, [1, 2, 3, 4, 5, 6]);
  ok(chiSquare(faces, Array(6).fill(1 / 6)) < (CHI2_999[5] as number), `integer counts ${faces}`);
  for (const n of repeat(500, () => r.number.integer(-5, -3))) ok(n >= -5 && n <= -3 && Number.isInteger(n));
  equal((r.number.integer as Loose)(kw({ a: 7, b: 7 })), 7);
  throws(() => r.number.integer(5, 1), {
    message: "Cannot pick a random integer in [5, 1]: the range is empty",
  });
  throws(() => r.number.integer(1.5, 3), {
    message: "Cannot pick a random integer: `a` is `1.5`, expected an integer",
  });
  throws(() => r.number.integer("x" as unknown as number, 3), {
    message: "Cannot pick a random integer: `a` is `'x'`, expected a number",
  });
  for (const f of repeat(500, () => r.number.floating(2, 3))) ok(f >= 2 && f <= 3);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  ok(Math.abs(mean(repeat(20000, () => r.number.gauss(50, 10))) - 50) < 0.5);
  for (const x of repeat(500, () => r.number.lognormal(0, 1))) ok(x > 0);
  ok(Math.abs(mean(repeat(20000, () => r.number.exponential(0.5))) - 2) < 0.1);
  for (const x of repeat(500, () => r.number.pareto(1.5, kw({ xmin: 100 }) as unknown as number))) {
    ok(x >= 100);
  }
  for (const x of repeat(500, () => r.number.triangular(15, 35, 22))) {
    ok(x >= 15 && x <= 35);
  }
  ok(Math.abs(mean(repeat(20000, () => r.number.triangular(0, 3, 0))) - 1) < 0.05);
  const sd = (xs: number[]) => {
    const m = mean(xs);
    return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
  };
  ok(Math.abs(sd(repeat(20000, () => r.number.gauss(50, 10))) - 10) < 0.3);
  equal((r.number.gauss as Loose)(kw({ mu: 3, sigma: 0 })), 3);
  const logs = repeat(20001, () => r.number.lognormal(2, 0.5)).sort((a, b) => a - b);
  ok(Math.abs((logs[10000] as number) - Math.exp(2)) < 0.2, "the log-normal median is exp(mu)");
  const paretos = repeat(20001, () => r.number.pareto(2, 10)).sort((a, b) => a - b);
  ok(Math.abs((paretos[10000] as number) - 10 * Math.SQRT2) < 0.3, "the Pareto median is xmin * 2^(1/alpha)");
  throws(() => r.number.pareto(0), {
    message: "Cannot draw from a Pareto distribution: `alpha` is 0, expected a positive number",
  });
  throws(() => r.number.exponential(0), {
    message: "Cannot draw from an exponential distribution: `lambd` must not be zero",
  });
  ok(Math.abs(mean(repeat(20000, () => r.number.triangular(15, 35, 22))) - 24) < 0.2, "mean (low+high+mode)/3");
  equal(r.number.triangular(5, 5, 5), 5);
  for (const f of repeat(500, () => r.number.floating(-1, 1))) ok(f >= -1 && f <= 1);
  equal(r.number.clamp(20000, 0, 15000), 15000);
  equal(r.number.clamp(-3, 0, 15000), 0);
  equal((r.number.clamp as Loose)(kw({ value: 5, min: 0, max: 10 })), 5);
  equal((r.number.clamp as Loose)(kw({ value: 50, min_val: 0, max_val: 10 })), 10, "Python's keyword names");
  equal(r.number.clamp(2.5, 0, 10), 2.5);
});

Deno.test("string helpers", () => {
  const r = rand();
  ok(/^[a-z]{12}$/.test(r.string.letters_lowercase(12)));
  ok(/^[A-Z]{12}$/.test(r.string.letters_uppercase(12)));
  ok(/^[a-zA-Z]{12}$/.test(r.string.letters(12)));
  ok(/^[0-9]{12}$/.test(r.string.digits(12)));
  ok(/^[0-9a-f]{32}$/.test(r.string.hex(32)));
  ok(/^[!-/:-@[-`{-~]{12}$/.test(r.string.punctuation(12)));
  equal(r.string.hex(0), "");
  equal(r.string.digits(kw({ size: 3 }) as unknown as number).length, 3);
  ok(/^ORD-[A-Z]{3}-\d{6}$/.test(r.string.pattern("ORD-%A{3}-%d{6}")));
  ok(/^[1-9]\d{2}-\d{2}-\d{4}$/.test(r.string.pattern("%n%d{2}-%d{2}-%d{4}")));
  ok(/^[a-z][A-Z][a-zA-Z]\d[0-9a-f][0-9A-F]\w 100%$/.test(r.string.pattern("%a%A%l%d%h%H%w 100%%")));
  ok(/^%[A-Z]{2}\{x$/.test(r.string.pattern("%%%A{2}{x")), "`{` not followed by a count is copied");
  equal(r.string.pattern("plain text"), "plain text");
  equal(r.string.pattern("%d{0}"), "");
  equal(((r.string.pattern as Loose)(kw({ format_string: "%d{4}" })) as string).length, 4);
  ok(/^[A-Z]{2}\d{4}[A-Z]{2}$/.test(r.string.pattern("%A{2}%d{4}%A{2}")));
  const hexes = r.string.pattern("%h{2000}");
  equal(new Set(hexes).size, 16, "every hex digit appears");
  throws(() => r.string.pattern("50%"), {
    message: "Cannot make a string from the pattern `'50%'`: unknown specifier `%` at 2",
  });
  throws(() => r.string.pattern("x%q"), {
    message: "Cannot make a string from the pattern `'x%q'`: unknown specifier `%q` at 1",
  });
});

Deno.test("IPv4 addresses fall in their ranges", () => {
  const r = rand();
  const within = (ip: string, first: string, last: string) =>
    ipv4ToInt(ip) >= ipv4ToInt(first) && ipv4ToInt(ip) <= ipv4ToInt(last);
  for (let i = 0; i < 300; i++) {
    ok(/^(\d{1,3}\.){3}\d{1,3}$/.test(r.network.ip_v4()));
    ok(within(r.network.ip_v4_private_a(), "10.0.0.0", "10.255.255.255"));
    ok(within(r.network.ip_v4_private_b(), "172.16.0.0", "172.31.255.255"));
    ok(within(r.network.ip_v4_private_c(), "192.168.0.0", "192.168.255.255"));
    const priv = r.network.ip_v4_private();
    ok(
      within(priv, "10.0.0.0", "10.255.255.255") ||
        within(priv, "172.16.0.0", "172.31.255.255") ||
        within(priv, "192.168.0.0", "192.168.255.255"),
    );
    const pub = r.network.ip_v4_public();
    for (
      const [first, last] of [
        ["0.0.0.0", "0.255.255.255"],
        ["10.0.0.0", "10.255.255.255"],
        ["100.64.0.0", "100.127.255.255"],
        ["127.0.0.0", "127.255.255.255"],
        ["169.254.0.0", "169.254.255.255"],
        ["172.16.0.0", "172.31.255.255"],
        ["192.168.0.0", "192.168.255.255"],
        ["224.0.0.0", "255.255.255.255"],
      ] as const
    ) ok(!within(pub, first, last), `${pub} is not public`);
    ok(within(r.network.ip_v4_in_subnet("10.0.1.0/24"), "10.0.1.1", "10.0.1.254"));
  }
  equal(r.network.ip_v4_in_subnet("10.9.8.7/32"), "10.9.8.7");
  ok(["10.0.0.2", "10.0.0.3"].includes(r.network.ip_v4_in_subnet("10.0.0.3/31")));
  ok(["192.168.1.77", "192.168.1.78"].includes(r.network.ip_v4_in_subnet("192.168.1.77/30")));
  for (const cidr of ["10.0.0.0/8", "172.20.0.0/14", "192.168.10.0/24", "203.0.113.64/26", "100.64.7.8/29"]) {
    const [base, bits] = cidr.split("/") as [string, string];
    const size = 2 ** (32 - Number(bits));
    const network = ipv4ToInt(base) - (ipv4ToInt(base) % size);
    for (let i = 0; i < 200; i++) {
      const ip = r.network.ip_v4_in_subnet(cidr);
      const n = ipv4ToInt(ip);
      ok(n > network && n < network + size - 1, `${ip} is a host of ${cidr}`);
    }
  }
  ok(within((r.network.ip_v4_in_subnet as Loose)(kw({ cidr: "10.1.0.0/16" })) as string, "10.1.0.1", "10.1.255.254"));
  throws(() => r.network.ip_v4_in_subnet("10.0.0.0/33"), {
    message: "Cannot pick an address in `'10.0.0.0/33'`: expected an IPv4 subnet such as `10.0.1.0/24`",
  });
});

Deno.test("isPublicIpv4 knows the special-purpose ranges", () => {
  for (const ip of ["1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.0", "172.32.0.1", "223.255.255.255"]) {
    ok(isPublicIpv4(ip), ip);
  }
  for (
    const ip of [
      "0.1.2.3",
      "10.0.0.1",
      "100.64.0.1",
      "127.0.0.1",
      "169.254.1.1",
      "172.16.0.1",
      "192.0.2.5",
      "192.168.1.1",
      "198.18.0.1",
      "198.51.100.7",
      "203.0.113.9",
      "224.0.0.1",
      "255.255.255.255",
      "256.1.1.1",
      "not an ip",
    ]
  ) ok(!isPublicIpv4(ip), ip);
  const r = rand();
  for (let i = 0; i < 2000; i++) ok(isPublicIpv4(r.network.ip_v4_public()));
});

Deno.test("IPv6 addresses parse and fall in their ranges", () => {
  const r = rand();
  for (let i = 0; i < 300; i++) {
    ipv6Groups(r.network.ip_v6());
    const global = ipv6Groups(r.network.ip_v6_global());
    equal((global[0] as number) & 0xe000, 0x2000, "2000::/3");
    const link = ipv6Groups(r.network.ip_v6_link_local());
    deepEqual(link.slice(0, 4), [0xfe80, 0, 0, 0], "fe80::/64");
    const ula = ipv6Groups(r.network.ip_v6_ula());
    equal((ula[0] as number) & 0xff00, 0xfd00, "fd00::/8");
  }
  // Zero runs are compressed as Python's ipaddress does.
  const zeros = createRand({ uint32: () => 0, float: () => 0 } as unknown as Rng);
  equal(zeros.network.ip_v6(), "::");
  equal(zeros.network.ip_v6_link_local(), "fe80::");
});

Deno.test("MAC addresses: format, OUI prefix and vendors", () => {
  const r = rand();
  const mac = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;
  for (let i = 0; i < 200; i++) ok(mac.test(r.network.mac()));
  const macs = new Set(repeat(50, () => r.network.mac()));
  ok(macs.size > 45, "MACs vary");
  for (const oui of ["00:1A:2B", "00-1a-2b", "001A2B"]) {
    const m = r.network.mac(oui);
    ok(mac.test(m) && m.startsWith("00:1a:2b:"), m);
  }
  ok(((r.network.mac as Loose)(kw({ oui: "AC:DE:48:01" })) as string).startsWith("ac:de:48:01:"));
  for (const [vendor, ouis] of Object.entries(MAC_VENDORS)) {
    const m = (r.network.mac as Loose)(kw({ vendor })) as string;
    ok(mac.test(m) && ouis.includes(m.slice(0, 8)), `${vendor}: ${m}`);
  }
  ok(MAC_VENDORS["cisco"]!.includes(r.network.mac(null, "Cisco").slice(0, 8)));
  ok(MAC_VENDORS["vmware"]!.includes(r.network.mac(undefined, "VMware").slice(0, 8)));
  ok(MAC_VENDORS["hp"]!.includes(r.network.mac(null, "Hewlett-Packard").slice(0, 8)));
  ok(MAC_VENDORS["raspberrypi"]!.includes(r.network.mac(null, "Raspberry Pi").slice(0, 8)));
  const dells = new Set(repeat(300, () => r.network.mac(null, "dell").slice(0, 8)));
  deepEqual([...dells].sort(), [...MAC_VENDORS["dell"]!].sort(), "every OUI of a vendor is used");
  throws(() => r.network.mac("00:1G:2B"), {
    message: "Cannot make a MAC address: `oui` is `'00:1G:2B'`, expected 1 to 5 hex octets such as `00:1A:2B`",
  });
  throws(() => r.network.mac(null, "Acme"), { message: /^Cannot make a MAC address: unknown vendor `'Acme'`/ });
});

Deno.test("crypto ids have the right shape", () => {
  const r = rand();
  for (let i = 0; i < 100; i++) {
    ok(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
        .test(r.crypto.uuid4()),
    );
    ok(/^[0-9a-f]{32}$/.test(r.crypto.md5()));
    ok(/^[0-9a-f]{40}$/.test(r.crypto.sha1()));
    ok(/^[0-9a-f]{64}$/.test(r.crypto.sha256()));
  }
  const uuids = new Set(repeat(1000, () => r.crypto.uuid4()));
  equal(uuids.size, 1000);
  const variants = tally(repeat(4000, () => r.crypto.uuid4()[19]), ["8", "9", "a", "b"]);
  ok(chiSquare(variants, [0.25, 0.25, 0.25, 0.25]) < (CHI2_999[3] as number), `variant counts ${variants}`);
});

Deno.test("datetime.timestamp picks between two timestamps", () => {
  const r = rand();
  const start = new EventTimestamp(Date.UTC(2024, 0, 1) * 1000, "Europe/Berlin");
  const end = new EventTimestamp(Date.UTC(2024, 0, 2) * 1000, "UTC");
  for (let i = 0; i < 100; i++) {
    const ts = r.datetime.timestamp(start, end);
    ok(ts.epochMicroseconds >= start.epochMicroseconds);
    ok(ts.epochMicroseconds <= end.epochMicroseconds);
    equal(ts.tzinfo, "Europe/Berlin");
  }
  const fromText = r.datetime.timestamp("2024-01-01T00:00:00Z", "2024-01-01T00:00:01Z");
  equal(fromText.tzinfo, "UTC");
  ok(fromText.isoformat().startsWith("2024-01-01T00:00:0"));
  const reversed = r.datetime.timestamp(end, start);
  ok(reversed.epochMicroseconds >= start.epochMicroseconds && reversed.epochMicroseconds <= end.epochMicroseconds);
  equal(reversed.tzinfo, "UTC", "the zone of the first argument");
  const same = r.datetime.timestamp(start, start);
  equal(same.epochMicroseconds, start.epochMicroseconds);
  const minutes = new Set(repeat(500, () => r.datetime.timestamp(start, end).minute));
  ok(minutes.size > 50, "timestamps spread over the range");
  throws(() => r.datetime.timestamp("yesterday", end), {
    message:
      "Cannot pick a random timestamp: `start` is `'yesterday'`, expected a timestamp or ISO 8601 text with an offset",
  });
});

Deno.test("module.rand works from Nunjucks templates", () => {
  const uninstall = nunjucks.installJinjaCompat() as unknown as () => void;
  try {
    const env = new nunjucks.Environment(null, { autoescape: false });
    const module = { rand: rand() };
    const out = env.renderString(
      "{{ module.rand.number.integer(200, 200) }}|{{ module.rand.weighted_choice([200, 304, 404], [0, 7, 0]) }}|" +
        "{{ module.rand.weighted_choice({'GET': 1, 'POST': 0}) }}|{{ module.rand.chance(1) }}|" +
        "{{ module.rand.number.pareto(1.5, xmin=100) >= 100 }}|{{ module.rand.string.pattern('%d{3}') | length }}|" +
        "{{ module.rand.choices(['x'], 2) | join(',') }}|{{ module.rand.network.mac(vendor='VMware') }}|" +
        "{{ module.rand.network.mac(oui='00:1A:2B') }}|{{ module.rand.network.ip_v4_in_subnet(cidr='10.0.0.1/32') }}|" +
        "{{ module.rand.string.pattern('ORD-%A{3}-%d{6}') | length }}|" +
        "{{ module.rand.number.clamp(9, min_val=0, max_val=5) }}",
      { module },
    );
    const parts = out.split("|");
    equal(parts.slice(0, 7).join("|"), "200|304|GET|true|true|3|x,x");
    ok(MAC_VENDORS["vmware"]!.includes(parts[7]!.slice(0, 8)), out);
    ok(parts[8]!.startsWith("00:1a:2b:"), out);
    deepEqual(parts.slice(9), ["10.0.0.1", "14", "5"]);
  } finally {
    uninstall();
  }
});
