import { deepEqual, equal, notEqual, ok, throws } from "node:assert/strict";
import nunjucks from "nunjucks";
import { Rng } from "../../random.ts";
import { createRand } from "./rand.ts";
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
  const hits = repeat(10000, () => r.chance(0.25)).filter(Boolean).length;
  ok(hits > 2300 && hits < 2700, `${hits} hits`);
  equal((r.chance as Loose)(kw({ prob: 1 })), true);
});

Deno.test("number: integer, floating, gauss and the distributions", () => {
  const r = rand();
  const ints = repeat(2000, () => r.number.integer(1, 6));
  deepEqual([...new Set(ints)].sort(), [1, 2, 3, 4, 5, 6]);
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
  equal(r.number.clamp(20000, 0, 15000), 15000);
  equal(r.number.clamp(-3, 0, 15000), 0);
  equal((r.number.clamp as Loose)(kw({ value: 5, min: 0, max: 10 })), 5);
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
  throws(() => r.network.ip_v4_in_subnet("10.0.0.0/33"), {
    message: "Cannot pick an address in `'10.0.0.0/33'`: expected an IPv4 subnet such as `10.0.1.0/24`",
  });
});

Deno.test("IPv6 and MAC addresses", () => {
  const r = rand();
  const hextet = "[0-9a-f]{1,4}";
  for (let i = 0; i < 200; i++) {
    const any = r.network.ip_v6();
    ok(new RegExp(`^[0-9a-f:]+$`).test(any) && any.split("::").length <= 2, any);
    ok(/^[23][0-9a-f]{3}:/.test(r.network.ip_v6_global()));
    ok(new RegExp(`^fe80::${hextet}(:${hextet}){0,3}$`).test(r.network.ip_v6_link_local()));
    ok(/^fd[0-9a-f]{2}:/.test(r.network.ip_v6_ula()));
    ok(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(r.network.mac()));
  }
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
  notEqual(r.crypto.uuid4(), r.crypto.uuid4());
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
        "{{ module.rand.choices(['x'], 2) | join(',') }}",
      { module },
    );
    equal(out, "200|304|GET|true|true|3|x,x");
  } finally {
    uninstall();
  }
});
