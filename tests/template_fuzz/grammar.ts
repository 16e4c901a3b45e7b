/**
 * Random templates from a small grammar, over the names `CONTEXT` defines:
 * text, output, Python's operators and truth, filters, tests, methods,
 * slices, state calls, `set` in all its forms, `if`, `for` (with `else`,
 * `if` filters, `loop.*`, `break`, `continue`), `do`, and now and then
 * something the fast path leaves to Nunjucks. Loops only walk fixed
 * sequences, and only `acc` is mutated, so every template terminates.
 *
 * @module
 */
import fc from "fast-check";

/** The top-level variables the grammar's names refer to (besides the plugin's own). */
export function fuzzVariables(): Record<string, unknown> {
  return {
    n: 5,
    s: "Hello World",
    f: 2.5,
    neg: -7,
    zero: 0,
    lst: [3, 1, 2],
    d: { a: 1, b: "two", items: 3 },
    nested: { x: { y: [1, { z: "deep" }] } },
    none_var: null,
    acc: [],
    t: true,
  };
}

const NUMBERS = ["0", "1", "2", "3", "5", "7", "12", "2.5", "0.1", "1e3", "1_000", "3.0", "-4", "10"];
const STRINGS = [
  "'abc'",
  "'Hello World'",
  "''",
  `"q'x"`,
  "'a,b,c'",
  "'%s-%s'",
  "'{}-{}'",
  "'日本'",
  "'x\\ny'",
  "'  pad  '",
  "'42'",
  "'3.5'",
  "'l\\\\b'",
];
const CONSTANTS = ["True", "False", "None", "true", "false", "none"];
const NAMES = [
  "n",
  "s",
  "f",
  "neg",
  "zero",
  "lst",
  "d",
  "nested",
  "undef",
  "tags",
  "params",
  "x",
  "y",
  "z",
  "k",
  "v",
  "i",
  "loop",
  "acc",
  "ns",
  "row",
  "none_var",
  "t",
];
const PATHS = [
  "vars.n",
  "params.host",
  "params.port",
  "d.a",
  "d['b']",
  "d.items",
  "d['items']",
  "nested.x.y[1].z",
  "nested['x']['y'][0]",
  "lst[0]",
  "lst[-1]",
  "lst[5]",
  "s[:3]",
  "s[::-1]",
  "lst[1:]",
  "s[1:-1:2]",
  "samples.computers[0]",
  "samples.computers[0][1]",
  "samples.users[1]",
  "timestamp.year",
  "timestamp.isoformat()",
  "timestamp.strftime('%Y-%m-%d %H:%M')",
  "loop.index",
  "loop.index0",
  "loop.first",
  "loop.last",
  "loop.length",
  "loop.revindex",
  "loop.revindex0",
  "loop.cycle('a', 'b')",
  "loop.previtem",
  "loop.nextitem",
  "loop.changed(1)",
  "loop.depth",
  "loop",
  "tags[0]",
  "undef.x.y",
  "none_var.x",
  "ns.total",
  "row.name",
  "module.math.floor(2.5)",
  "module.json.dumps(d)",
];
const CALLS = [
  "s.upper()",
  "s.split(' ')",
  "s.startswith('H')",
  "s.replace('l', 'L')",
  "s.strip()",
  "s.zfill(14)",
  "'{}-{}'.format(1, 2)",
  "lst.index(1)",
  "lst.count(1)",
  "d.get('a', 0)",
  "d.get('zz')",
  "d.items()",
  "d.keys()",
  "d.values()",
  "'-'.join(lst | map('string'))",
  "locals.incr('c')",
  "locals.get('c', 0)",
  "locals.set('c', 5)",
  "shared.incr('n', 2)",
  "shared.get('count')",
  "globals.push('q', 1)",
  "globals.size('q')",
  "acc.append(1)",
  "acc.pop()",
  "module.rand.number.integer(1, 10)",
  "module.rand.choice(lst)",
  "module.rand.string.hex(4)",
  "range(3)",
  "namespace(total=0)",
  "dict(a=1, b=2)",
  "s.upper",
  "dispatch.drop()",
  "s.format(n)",
  "'%05.1f' % f",
  "'%d items' % n",
  "samples.users | random",
  "lst | random",
  "cycler(1, 2).next()",
];
/** Calls that throw. */
const FAILING = ["lst.index(9)", "undef()", "lst.nope()", "none_var.x()", "'%d' % s", "1 // 0", "n % 0", "lst | nope"];
const FILTERS = [
  "upper",
  "lower",
  "length",
  "default('x')",
  "default(n, true)",
  "join(',')",
  "int",
  "float",
  "round",
  "round(1)",
  "string",
  "first",
  "last",
  "list",
  "sort",
  "reverse",
  "abs",
  "trim",
  "replace('l', 'L')",
  "title",
  "capitalize",
  "unique",
  "sum",
  "tojson",
  "e",
  "count",
  "min",
  "max",
  "wordcount",
  "random",
  "batch(2)",
  "map('upper')",
  "select('odd')",
  "reject('even')",
  "dictsort",
  "items",
  "truncate(5)",
  "center(9)",
  "int(default=3)",
  "sort(reverse=true)",
  "format(1)",
  "safe",
];
const TESTS = [
  "defined",
  "undefined",
  "none",
  "number",
  "string",
  "divisibleby 3",
  "divisibleby(2)",
  "odd",
  "even",
  "sameas(1)",
  "not defined",
  "in [1, 2]",
  "iterable",
  "mapping",
  "eq 3",
  "gt(2)",
  "lower",
  "integer",
  "callable",
];
const OPERATORS = [
  "+",
  "-",
  "*",
  "/",
  "//",
  "%",
  "**",
  "~",
  "==",
  "!=",
  "<",
  ">",
  "<=",
  ">=",
  "in",
  "not in",
  "and",
  "or",
];
const SEQUENCES = [
  "lst",
  "[1, 2, 3]",
  "[]",
  "'abc'",
  "d",
  "range(3)",
  "samples.computers",
  "samples.users",
  "params.list",
  "none_var",
  "undef",
  "5",
  "nested.x.y",
  "tags",
  "[[1, 2], [3, 4]]",
  "lst | sort",
  "s.split(' ')",
];
const PAIRS = ["d.items()", "d", "samples.computers", "[[1, 2], [3, 4]]", "lst", "[(1, 'a'), (2, 'b')]"];
const TEXTS = ["x", " ", "\n", "{ ", "}", '"', "\\", "日", ", ", "a b", "# "];
const SET_NAMES = ["x", "y", "z", "k", "n", "row", "True", "i"];
const LOOP_NAMES = ["x", "i", "k", "row", "n", "y"];
const EXOTIC = [
  "{% with a = 1 %}{{ a }}{% endwith %}",
  "{% macro m(a) %}[{{ a }}]{% endmacro %}{{ m(n) }}",
  "{% raw %}{{ x }}{% endraw %}",
  "{# a comment #}",
  "{% filter upper %}abc{% endfilter %}",
  "{% set ns = namespace(total=0) %}",
  "{% autoescape false %}{{ s }}{% endautoescape %}",
];

const pick = (items: readonly string[]) => fc.constantFrom(...items);

/** An expression of at most `depth` levels. */
export function expression(depth: number): fc.Arbitrary<string> {
  const atom = fc.oneof(
    { weight: 20, arbitrary: pick(NUMBERS) },
    { weight: 20, arbitrary: pick(STRINGS) },
    { weight: 10, arbitrary: pick(CONSTANTS) },
    { weight: 30, arbitrary: pick(NAMES) },
    { weight: 30, arbitrary: pick(PATHS) },
    { weight: 30, arbitrary: pick(CALLS) },
    { weight: 1, arbitrary: pick(FAILING) },
  );
  if (depth <= 0) return atom;
  const sub = expression(depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: atom },
    { weight: 3, arbitrary: fc.tuple(sub, pick(OPERATORS), sub).map(([a, op, b]) => `(${a} ${op} ${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub, sub).map(([a, b, c]) => `${a} < ${b} <= ${c}`) },
    { weight: 1, arbitrary: sub.map((a) => `not ${a}`) },
    { weight: 1, arbitrary: sub.map((a) => `-${a}`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub, sub).map(([a, c, b]) => `(${a} if ${c} else ${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, c]) => `(${a} if ${c})`) },
    { weight: 3, arbitrary: fc.tuple(sub, pick(FILTERS)).map(([a, f]) => `${a} | ${f}`) },
    { weight: 2, arbitrary: fc.tuple(sub, pick(TESTS)).map(([a, t]) => `(${a} is ${t})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `[${a}, ${b}]`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `{'k': ${a}, 'j': ${b}}`) },
    { weight: 1, arbitrary: sub.map((a) => `{x: ${a}}`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `(${a}, ${b})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `(${a})[${b}]`) },
    { weight: 1, arbitrary: sub.map((a) => `locals.set('c', ${a})`) },
    { weight: 1, arbitrary: sub.map((a) => `acc.append(${a})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `'%s|%s' % (${a}, ${b})`) },
    { weight: 1, arbitrary: sub.map((a) => `dict(k=${a})`) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([a, b]) => `${a} | default(${b})`) },
    { weight: 1, arbitrary: sub.map((a) => `(${a} | string).split(',')`) },
    { weight: 1, arbitrary: sub.map((a) => `module.json.dumps(${a})`) },
  );
}

/** `{%` or `{%-`, and the matching end. */
const tag = (body: string, trim: [boolean, boolean]) => `{%${trim[0] ? "-" : ""} ${body} ${trim[1] ? "-" : ""}%}`;
const trims = fc.constantFrom<[boolean, boolean]>([false, false], [false, false], [false, false], [true, false], [
  false,
  true,
], [
  true,
  true,
]);

/** A run of statements of at most `depth` levels; `inLoop` allows `break` and `continue`. */
export function block(depth: number, inLoop: boolean): fc.Arbitrary<string> {
  return fc.array(statement(depth, inLoop), { minLength: 0, maxLength: 3 }).map((s) => s.join(""));
}

/** One statement. */
export function statement(depth: number, inLoop: boolean): fc.Arbitrary<string> {
  const e = expression(Math.min(depth, 2));
  const simple = fc.oneof(
    { weight: 3, arbitrary: pick(TEXTS) },
    { weight: 5, arbitrary: fc.tuple(e, fc.boolean()).map(([x, trim]) => trim ? `{{- ${x} -}}` : `{{ ${x} }}`) },
    {
      weight: 3,
      arbitrary: fc.tuple(pick(SET_NAMES), e, trims).map(([name, x, t]) => tag(`set ${name} = ${x}`, t)),
    },
    { weight: 1, arbitrary: e.map((x) => `{% set x, y = ${x} %}`) },
    { weight: 1, arbitrary: pick(["(1, 2)", "lst[:2]", "'ab'", "[n, s]"]).map((x) => `{% set x, y = ${x} %}`) },
    { weight: 2, arbitrary: fc.tuple(e, trims).map(([x, t]) => tag(`do ${x}`, t)) },
    { weight: 1, arbitrary: e.map((x) => `{% set ns = namespace(total=0) %}{% set ns.total = ${x} %}{{ ns.total }}`) },
    ...(inLoop
      ? [
        { weight: 1, arbitrary: fc.constantFrom("{% break %}", "{% continue %}") },
        { weight: 1, arbitrary: e.map((x) => `{% if ${x} %}{% break %}{% endif %}`) },
        { weight: 1, arbitrary: e.map((x) => `{% if ${x} %}{% continue %}{% endif %}`) },
      ]
      : []),
  );
  if (depth <= 0) return simple;
  const inner = block(depth - 1, inLoop);
  const loopBody = block(depth - 1, true);
  const ifs = fc.tuple(e, inner, fc.option(fc.tuple(e, inner)), fc.option(inner)).map(([c, body, elif, otherwise]) =>
    `{% if ${c} %}${body}${elif ? `{% elif ${elif[0]} %}${elif[1]}` : ""}${
      otherwise === null ? "" : `{% else %}${otherwise}`
    }{% endif %}`
  );
  const loops = fc.tuple(
    fc.oneof(
      fc.tuple(pick(LOOP_NAMES), pick(SEQUENCES)).map(([v, seq]) => `${v} in ${seq}`),
      pick(PAIRS).map((seq) => `k, v in ${seq}`),
    ),
    fc.option(e),
    loopBody,
    fc.option(inner),
    trims,
  ).map(([head, cond, body, otherwise, t]) =>
    `${tag(`for ${head}${cond === null ? "" : ` if ${cond}`}`, t)}${body}${
      otherwise === null ? "" : `{% else %}${otherwise}`
    }{% endfor %}`
  );
  const capture = fc.tuple(pick(SET_NAMES), block(depth - 1, false)).map(([name, body]) =>
    `{% set ${name} %}${body}{% endset %}`
  );
  return fc.oneof(
    { weight: 6, arbitrary: simple },
    { weight: 2, arbitrary: ifs },
    { weight: 3, arbitrary: loops },
    { weight: 1, arbitrary: capture },
  );
}

/** A whole template: now and then with something the fast path leaves to Nunjucks. */
export const template: fc.Arbitrary<string> = fc.tuple(
  block(3, false),
  fc.oneof({ weight: 9, arbitrary: fc.constant("") }, { weight: 1, arbitrary: pick(EXOTIC) }),
  block(1, false),
).map(([a, exotic, b]) => `${a}${exotic}${b}`);
