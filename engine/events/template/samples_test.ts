import { deepEqual, equal, notEqual, ok, throws } from "node:assert/strict";
import nunjucks from "nunjucks";
import { Rng } from "../../random.ts";
import { loadSample, pickRandom, Row, Sample } from "./samples.ts";

const kw = (values: Record<string, unknown>) => ({
  __keywords: true as const,
  ...values,
});

const files: Record<string, string> = {
  "/computers.csv": "wks01,172.16.0.3\nwks02,172.16.0.4\nsrv01,10.0.0.10\n",
  "/hosts.csv": "\uFEFFhostname,os,port,weight\nweb1,linux,80,3\nweb2,linux,443,0\nwin1,windows,80,1\n",
  "/agents.json": JSON.stringify([
    { ua: "Chrome", weight: 60 },
    { ua: "curl", weight: 10 },
    { ua: "bot", weight: 0 },
  ]),
};

function read(path: string): string {
  const text = files[path];
  if (text === undefined) throw new Error(`no file ${path}`);
  return text;
}

function csv(name: string, header = false, rng: Rng | null = new Rng(1)) {
  return loadSample(
    { kind: "csv", path: `/${name}.csv`, header },
    read,
    rng === null ? { name } : { name, rng },
  );
}

/** Renders with the Jinja-compat layer and a seeded `random` filter. */
function render(source: string, context: Record<string, unknown>): string {
  const uninstall = nunjucks.installJinjaCompat() as unknown as () => void;
  try {
    const env = new nunjucks.Environment(null, { autoescape: false });
    const rng = new Rng(3, "filter");
    env.addFilter("random", (value: unknown) => pickRandom(value, rng));
    return env.renderString(source, context);
  } finally {
    uninstall();
  }
}

Deno.test("a CSV without header gives tuples printed like Python", () => {
  const s = csv("computers");
  equal(s.length, 3);
  ok(s instanceof Sample && Array.isArray(s));
  ok(s[0] instanceof Row && Array.isArray(s[0]));
  deepEqual([...(s[1] as Row)], ["wks02", "172.16.0.4"]);
  equal(String(s[1]), "('wks02', '172.16.0.4')");
  equal(s.fields, null);
  equal((s[0] as unknown as Record<string, unknown>)["hostname"], undefined);
  equal(
    String(s),
    "[('wks01', '172.16.0.3'), ('wks02', '172.16.0.4'), ('srv01', '10.0.0.10')]",
  );
});

Deno.test("a CSV with header reads by index and by name", () => {
  const s = csv("hosts", true);
  deepEqual(s.fields, ["hostname", "os", "port", "weight"]);
  equal(s.length, 3);
  const row = s[0] as Row & Record<string, unknown>;
  equal(row[0], "web1");
  equal(row["hostname"], "web1");
  equal(row["port"], "80", "CSV cells are strings");
  equal(row.length, 4);
  equal(String(row), "Row(hostname='web1', os='linux', port='80', weight='3')");
  deepEqual(row._asdict(), {
    hostname: "web1",
    os: "linux",
    port: "80",
    weight: "3",
  });
  deepEqual(JSON.stringify(row), '["web1","linux","80","3"]');
});

Deno.test("CSV options: delimiter, quote, quoted delimiters, blank lines", () => {
  const text = "a|'b|c'\n\nd|e\r\n";
  const s = loadSample(
    { kind: "csv", path: "/x.csv", delimiter: "|", quote: "'" },
    () => text,
  );
  deepEqual(s.map((r) => [...(r as Row)]), [["a", "b|c"], ["d", "e"]]);
});

Deno.test("CSV errors name the sample", () => {
  throws(
    () =>
      loadSample({ kind: "csv", path: "/x.csv" }, () => "a,b\nc\n", {
        name: "bad",
      }),
    {
      message:
        "Cannot read sample `bad`: CSV rows have different numbers of fields (Invalid Record Length: expect 2, got 1 on line 2); quote values that contain the delimiter",
    },
  );
  throws(
    () => loadSample({ kind: "csv", path: "/x.csv" }, () => '"a,b\n', {}),
    { message: /^Cannot read sample `\/x\.csv`: invalid CSV: Quote Not Closed/ },
  );
});

Deno.test("reading errors propagate unchanged", () => {
  throws(() => loadSample({ kind: "json", path: "/nope.json" }, read), {
    message: "no file /nope.json",
  });
});

Deno.test("JSON objects become named rows; numbers stay numbers", () => {
  const s = loadSample({ kind: "json", path: "/agents.json" }, read);
  deepEqual(s.fields, ["ua", "weight"]);
  const row = s[0] as Row & Record<string, unknown>;
  equal(row["ua"], "Chrome");
  equal(row["weight"], 60);
  equal(String(row), "Row(ua='Chrome', weight=60)");
});

Deno.test("JSON values stay plain; nested values print as Python", () => {
  const s = loadSample(
    { kind: "json", path: "/v.json" },
    () => '["a", 1, [2, "b", null, true, {"k": 1.5}]]',
  );
  equal(s[0], "a");
  equal(s[1], 1);
  equal(String(s[2]), "(2, 'b', None, True, {'k': 1.5})");
});

Deno.test("JSON errors", () => {
  throws(
    () =>
      loadSample({ kind: "json", path: "/u.json" }, () => '{"a": 1}', {
        name: "users",
      }),
    { message: "Cannot read sample `users`: expected a JSON array" },
  );
  throws(
    () =>
      loadSample({ kind: "json", path: "/u.json" }, () => "[1,", {
        name: "users",
      }),
    { message: /^Cannot read sample `users`: invalid JSON: / },
  );
  throws(
    () =>
      loadSample(
        { kind: "json", path: "/u.json" },
        () => '[{"a": 1}, {"a": 2, "b": 3}]',
        { name: "users" },
      ),
    {
      message: "Cannot read sample `users`: objects have different keys (item 1 has `b`, item 0 does not)",
    },
  );
  throws(
    () =>
      loadSample(
        { kind: "json", path: "/u.json" },
        () => '[{"a": 1, "b": 2}, {"a": 2}]',
        { name: "users" },
      ),
    {
      message: "Cannot read sample `users`: objects have different keys (item 1 lacks `b`)",
    },
  );
});

Deno.test("items: plain values stay plain, lists become tuples", () => {
  const s = loadSample(
    { kind: "items", items: ["alice", ["a"], ["x", 2], []] },
    read,
  );
  equal(s[0], "alice");
  equal(String(s[1]), "('a',)");
  equal(String(s[2]), "('x', 2)");
  equal(String(s[3]), "()");
  const objects = loadSample(
    { kind: "items", items: [{ name: "a" }, { name: "b" }] },
    read,
  );
  equal((objects[1] as unknown as { name: string }).name, "b");
});

Deno.test("rows print strings with Python's quoting rules", () => {
  const s = loadSample({
    kind: "items",
    items: [[
      "it's",
      'say "hi"',
      `it's "both"`,
      "tab\tnew\nline\\",
      "caf\u00e9 \u{1F600}",
      "\u0001\u00a0\u200b",
    ]],
  }, read);
  equal(
    String(s[0]),
    `("it's", 'say "hi"', 'it\\'s "both"', 'tab\\tnew\\nline\\\\', ` +
      `'caf\u00e9 \u{1F600}', '\\x01\\xa0\\u200b')`,
  );
});

Deno.test("a sample is a frozen array that iterates", () => {
  const s = csv("computers");
  ok(Object.isFrozen(s) && Object.isFrozen(s[0]));
  throws(() => (s as unknown[]).push(1));
  deepEqual([...s].map((r) => (r as Row)[0]), ["wks01", "wks02", "srv01"]);
  const mapped = s.map((r) => (r as Row)[0]);
  equal(Object.getPrototypeOf(mapped), Array.prototype);
});

Deno.test("pick needs a stream and is reproducible", () => {
  const unbound = csv("computers", false, null);
  throws(() => unbound.pick(), {
    message: "Cannot pick from sample `computers`: it is not bound to a random stream",
  });
  const a = unbound.bind(new Rng(9));
  const b = csv("computers", false, new Rng(9));
  const seqA = Array.from({ length: 20 }, () => a.pick());
  const seqB = Array.from({ length: 20 }, () => b.pick());
  deepEqual(seqA.map(String), seqB.map(String));
  equal(seqA[0], a[a.indexOf(seqA[0])], "picks return the rows themselves");
  const seen = new Set(Array.from({ length: 200 }, () => String(a.pick())));
  equal(seen.size, 3);
  const empty = loadSample({ kind: "items", items: [] }, read, {
    name: "none",
    rng: new Rng(1),
  });
  throws(() => empty.pick(), {
    message: "Cannot pick from sample `none`: it is empty",
  });
});

Deno.test("pick_n picks with replacement and returns a bound sample", () => {
  const s = csv("computers");
  const five = s.pick_n(5);
  ok(five instanceof Sample);
  equal(five.length, 5);
  for (const row of five) ok(s.includes(row));
  ok(s.includes(five.pick()));
  equal(s.pick_n(kw({ n: 2 })).length, 2);
  equal(s.pick_n(0).length, 0);
  throws(() => s.pick_n(-1), {
    message: "Cannot pick from sample `computers`: `n` must be a non-negative integer, got `-1`",
  });
});

Deno.test("weighted_pick follows a weight field and never picks weight 0", () => {
  const agents = loadSample({ kind: "json", path: "/agents.json" }, read, {
    name: "agents",
    rng: new Rng(5),
  });
  const counts: Record<string, number> = {};
  for (let i = 0; i < 7000; i++) {
    const ua = (agents.weighted_pick("weight") as unknown as { ua: string }).ua;
    counts[ua] = (counts[ua] ?? 0) + 1;
  }
  equal(counts["bot"], undefined);
  const chrome = counts["Chrome"] ?? 0;
  ok(chrome > 5700 && chrome < 6300, `Chrome picked ${chrome} times`);
  // CSV cells holding numbers work too, as does a keyword.
  const hosts = csv("hosts", true);
  for (let i = 0; i < 50; i++) {
    notEqual((hosts.weighted_pick(kw({ weight: "weight" })) as Row)[0], "web2");
  }
});

Deno.test("weighted_pick takes a list of weights", () => {
  const s = csv("computers");
  for (let i = 0; i < 50; i++) {
    equal((s.weighted_pick([0, 1, 0]) as Row)[0], "wks02");
  }
  throws(() => s.weighted_pick([1, 2]), {
    message: "Cannot pick from sample `computers`: expected 3 weights, got 2",
  });
  throws(() => s.weighted_pick([1, -2, 1]), {
    message: "Cannot pick from sample `computers`: weight 1 is `-2`, expected a non-negative number",
  });
  throws(() => s.weighted_pick([0, 0, 0]), {
    message: "Cannot pick from sample `computers`: every weight is zero",
  });
});

Deno.test("weighted_pick errors name the field", () => {
  const hosts = csv("hosts", true);
  throws(() => hosts.weighted_pick("wieght"), {
    message: "Cannot pick from sample `hosts`: no field `wieght` (fields: `hostname`, `os`, `port`, `weight`)",
  });
  throws(() => hosts.weighted_pick("os"), {
    message:
      "Cannot pick from sample `hosts`: the weight in field `os` of row 0 is `linux`, expected a non-negative number",
  });
  throws(() => csv("computers").weighted_pick("weight"), {
    message: "Cannot pick from sample `computers`: row 0 has no field `weight`",
  });
  const zero = loadSample(
    { kind: "items", items: [{ w: 0 }, { w: 0 }] },
    read,
    { name: "z", rng: new Rng(1) },
  );
  throws(() => zero.weighted_pick("w"), {
    message: "Cannot pick from sample `z`: every weight in field `w` is zero",
  });
});

Deno.test("weighted_pick_n takes its arguments in either order", () => {
  const hosts = csv("hosts", true);
  for (
    const picked of [
      hosts.weighted_pick_n("weight", 10),
      hosts.weighted_pick_n(10, "weight"),
      hosts.weighted_pick_n(kw({ weight: "weight", n: 10 })),
      hosts.weighted_pick_n(10, [1, 0, 0]),
    ]
  ) {
    ok(picked instanceof Sample);
    equal(picked.length, 10);
    for (const row of picked) notEqual((row as Row)[0], "web2");
  }
  const agents = loadSample({ kind: "json", path: "/agents.json" }, read, {
    rng: new Rng(2),
  });
  // Two numbers: a field position, then a count (the Python order).
  equal(agents.weighted_pick_n(1, 4).length, 4);
});

Deno.test("where filters by keywords or field-value pairs, and caches", () => {
  const hosts = csv("hosts", true);
  const linux = hosts.where(kw({ os: "linux" }));
  ok(linux instanceof Sample);
  deepEqual(linux.map((r) => (r as Row)[0]), ["web1", "web2"]);
  equal(hosts.where(kw({ os: "linux" })), linux, "cached");
  deepEqual(
    hosts.where("os", "linux", kw({ port: 443 })).map((r) => (r as Row)[0]),
    ["web2"],
    "a number matches a CSV cell holding it",
  );
  deepEqual(hosts.where({ port: "80" }).map((r) => (r as Row)[0]), [
    "web1",
    "win1",
  ]);
  equal(hosts.where(kw({ os: "bsd" })).length, 0);
  equal((linux.pick() as Row & { os: string }).os, "linux");
  deepEqual(linux.fields, hosts.fields);
  throws(() => hosts.where(kw({ oss: "linux" })), {
    message: "Cannot filter sample `hosts`: no field `oss` (fields: `hostname`, `os`, `port`, `weight`)",
  });
  throws(() => hosts.where("os"), {
    message: "Cannot filter sample `hosts`: no value given for field `os`",
  });
  // Tuples without header filter by position.
  deepEqual(
    csv("computers").where(0, "srv01").map(String),
    ["('srv01', '10.0.0.10')"],
  );
});

Deno.test("pickRandom draws from samples, lists and strings", () => {
  const rng = new Rng(4);
  const s = csv("computers");
  for (let i = 0; i < 20; i++) ok(s.includes(pickRandom(s, rng)));
  equal(pickRandom(["only"], rng), "only");
  equal(pickRandom([], rng), undefined);
  equal(pickRandom("", rng), undefined);
  ok("abc".includes(pickRandom("abc", rng) as string));
  equal(pickRandom("\u{1F600}", rng), "\u{1F600}");
  equal(pickRandom(new Set([5]), rng), 5);
  throws(() => pickRandom(undefined, rng), {
    message: "Cannot pick a random item from an undefined value: expected a list, a sample or a string",
  });
  throws(() => pickRandom({ a: 1 }, rng), {
    message: "Cannot pick a random item from `{'a': 1}`: expected a list, a sample or a string",
  });
  const a = new Rng(8);
  const b = new Rng(8);
  equal(pickRandom(s, a), pickRandom(s, b));
});

Deno.test("samples work from Nunjucks templates", () => {
  const rng = new Rng(11);
  const samples = {
    computers: csv("computers", false, rng),
    hosts: csv("hosts", true, rng),
    agents: loadSample({ kind: "json", path: "/agents.json" }, read, { rng }),
    users: loadSample({ kind: "items", items: ["alice", "bob"] }, read, {
      rng,
    }),
  };
  const out = render(
    "{% set c = samples.computers | random %}{{ c }}|{{ c[0] }}|" +
      "{% for h in samples.hosts %}{{ h.hostname }}:{{ h[2] }},{% endfor %}|" +
      "{{ samples.hosts | length }}|{{ samples.agents.weighted_pick('weight').ua in ['Chrome', 'curl'] }}|" +
      "{{ samples.hosts.where(os='windows').pick().hostname }}|" +
      "{{ samples.hosts.where('os', 'linux') | length }}|" +
      "{{ samples.users | random in ['alice', 'bob'] }}|" +
      "{{ samples.hosts.pick_n(2) | length }}|{{ samples.hosts.weighted_pick_n('weight', 3) | length }}",
    { samples },
  );
  const [tuple, first, ...rest] = out.split("|");
  ok(/^\('(wks01|wks02|srv01)', '[\d.]+'\)$/.test(tuple ?? ""), tuple);
  ok(tuple?.startsWith(`('${first}'`));
  deepEqual(rest, [
    "web1:80,web2:443,win1:80,",
    "3",
    "true",
    "win1",
    "2",
    "true",
    "2",
    "3",
  ]);
});
