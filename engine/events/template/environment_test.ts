import { deepEqual, equal, match, ok, throws } from "node:assert/strict";
import nunjucks from "nunjucks";
import { createEnvironment, templateErrorInfo } from "./environment.ts";
import { loadSample } from "./samples.ts";
import { EventTimestamp } from "./timestamp.ts";
import { createPythonModules } from "./python/mod.ts";

const FILES: Record<string, string> = {
  "/scenario/_base.json.jinja": `{%- macro ecs_block() -%}
    "ecs": {"version": "8.17.0"}
{%- endmacro -%}
{%- macro host_block(name, ip='127.0.0.1') -%}
    "host": {"name": "{{ name }}", "ip": "{{ ip }}"}
{%- endmacro -%}`,
  "/scenario/templates/event.json.jinja": `{%- from '_base.json.jinja' import ecs_block, host_block -%}
{
    {{ ecs_block() }},
    {{ host_block('web-01') }}
}`,
};

const env = createEnvironment({
  dir: "/scenario",
  readText: (path) => {
    const text = FILES[path];
    if (text === undefined) throw new Error(`no file ${path}`);
    return text;
  },
});

function render(source: string, context: Record<string, unknown> = {}): string {
  return env.renderString(source, context);
}

/** The message and position of the error a template raises, compiling or rendering. */
function failure(source: string, context: Record<string, unknown> = {}): { message: string; line?: number } {
  let template: nunjucks.Template;
  try {
    template = new nunjucks.Template(source, env, "t", true);
  } catch (e) {
    const { message, line } = templateErrorInfo(e, "compile");
    return line === undefined ? { message } : { message, line };
  }
  try {
    template.render(context);
  } catch (e) {
    const { message, line } = templateErrorInfo(e);
    return line === undefined ? { message } : { message, line };
  }
  throw new Error(`no error from ${source}`);
}

Deno.test("values print as Python prints them", () => {
  equal(render("{{ None }}|{{ none }}|{{ True }}|{{ false }}|{{ x }}|"), "None|None|True|False||");
  equal(
    render("{{ [1, 'a', None, True] }}|{{ {'k': [1.5]} }}|{{ (1, 'b') }}"),
    "[1, 'a', None, True]|{'k': [1.5]}|(1, 'b')",
  );
  equal(render("{{ 'a' ~ None ~ 1 ~ [2] }}"), "aNone1[2]");
  equal(
    render("{{ 10 ** 18 }}|{{ 0.1 + 0.2 }}|{{ 1e-5 }}|{{ 1e3 }}|{{ 1_000 }}"),
    "1000000000000000000|0.30000000000000004|1e-05|1000|1000",
  );
});

Deno.test("operators follow Python", () => {
  equal(
    render("{{ [1] + [2] }}|{{ 'ab' * 2 }}|{{ [0] * 2 }}|{{ -7 % 3 }}|{{ -7 // 2 }}|{{ 7 / 2 }}"),
    "[1, 2]|abab|[0, 0]|2|-4|3.5",
  );
  equal(render("{{ '%05.1f|%s' % (3.14159, 'x') }}|{{ '%(a)s' % {'a': 1} }}"), "003.1|x|1");
  equal(
    render("{{ 0 < x < 10 }}|{{ 0 < x < 5 }}|{{ [1, 2] == [1, 2] }}|{{ '1' == 1 }}|{{ 1 == True }}", { x: 7 }),
    "True|False|True|False|True",
  );
  equal(
    render("{{ 'b' in 'abc' }}|{{ 'k' in {'k': 1} }}|{{ 'toString' in {} }}|{{ [1] in [[1]] }}"),
    "True|True|False|True",
  );
  equal(render("{{ a + b }}|{{ a - b }}|{{ a * b }}", { a: 6, b: 3 }), "9|3|18");
});

Deno.test("truth follows Python: empty lists and dicts are false", () => {
  equal(
    render("{% if x %}y{% else %}n{% endif %}|{{ x or 'd' }}|{{ [] and 1 }}|{{ not {} }}", { x: [] }),
    "n|d|[]|True",
  );
  equal(render("{{ 'y' if {} else 'n' }}|{{ 0 or None }}|{{ [0] | select | list }}"), "n|None|[]");
});

Deno.test("Python methods on strings, lists and dicts", () => {
  equal(
    render("{{ '  a  b '.split() }}|{{ 'a.b.c'.rsplit('.', 1) }}|{{ 'x'.startswith(('a', 'x')) }}"),
    "['a', 'b']|['a.b', 'c']|True",
  );
  equal(
    render(
      "{{ 'a-b-c'.replace('-', '+') }}|{{ '7'.zfill(3) }}|{{ 'ab'.center(6, '*') }}|{{ '{}-{:03d}'.format('a', 7) }}",
    ),
    "a+b+c|007|**ab**|a-007",
  );
  equal(
    render("{% set l = [3, 1, 2] %}{% do l.append(0) %}{% do l.sort() %}{{ l }}|{{ l.pop(0) }}|{{ l.pop() }}|{{ l }}"),
    "[0, 1, 2, 3]|0|3|[1, 2]",
  );
  equal(
    render("{% set d = {'a': 1} %}{% do d.update(b=2) %}{{ d.get('z') }}|{{ d.get('z', 0) }}|{{ d.items() | list }}"),
    "None|0|[('a', 1), ('b', 2)]",
  );
});

Deno.test("a sample row's columns named like list methods still read as columns", () => {
  const hosts = loadSample({ kind: "items", items: [{ count: 3, index: "i", name: "h" }] }, () => "");
  equal(render("{{ h[0].count }}|{{ h[0].index }}|{{ h[0].name }}|{{ h.count(h[0]) }}", { h: hosts }), "3|i|h|1");
});

Deno.test("slices and negative indexes", () => {
  equal(
    render("{{ s[:3] }}|{{ s[-3:] }}|{{ s[::-1] }}|{{ l[1:3] }}|{{ l[-1] }}|{{ s[-1] }}", {
      s: "abcdef",
      l: [1, 2, 3, 4],
    }),
    "abc|def|fedcba|[2, 3]|4|f",
  );
  const rows = loadSample({ kind: "items", items: [["a", "b", "c"]] }, () => "");
  equal(render("{{ r[0][:2] }}", { r: rows }), "('a', 'b')");
});

Deno.test("dict keys are expressions; nested dicts close with }}", () => {
  equal(
    render("{% set k = 'x' %}{{ {k: 1} }}|{{ {'a' ~ k: 2} }}|{{ {1: 2} }}|{{ {name: 3} }}"),
    "{'x': 1}|{'ax': 2}|{'1': 2}|{'name': 3}",
  );
  equal(render("{{ {'a': {'b': 1}} }}|{% set d = {'x': {'y': [1]}} %}{{ d.x.y }}"), "{'a': {'b': 1}}|[1]");
});

Deno.test("loops: filters, dict keys, loop controls, loop variables, Jinja scoping", () => {
  equal(render("{% for x in [1, 2, 3, 4] if x is even %}{{ x }}{{ loop.length }}{% endfor %}"), "2242");
  equal(render("{% for k in {'a': 1, 'b': 2} %}{{ k }}{% endfor %}"), "ab");
  equal(
    render(
      "{% for i in range(9) %}{% if i == 1 %}{% continue %}{% endif %}{% if i == 4 %}{% break %}{% endif %}{{ i }}{% endfor %}",
    ),
    "023",
  );
  equal(
    render("{% for i in range(3) %}{{ loop.cycle('a', 'b') }}{{ loop.previtem }}{{ loop.nextitem }};{% endfor %}"),
    "a1;b02;a1;",
  );
  equal(render("{% for x in [1, 1, 2] %}{{ loop.changed(x) }}{% endfor %}"), "TrueFalseTrue");
  equal(render("{% set x = 1 %}{% for i in range(2) %}{% set x = x + 10 %}{{ x }},{% endfor %}{{ x }}"), "11,11,1");
  equal(render("{% for i in [1] %}{% with a = 2 %}{% break %}{% endwith %}{% endfor %}{{ 'after' }}"), "after");
});

Deno.test("namespace, with, set unpacking, dict()", () => {
  equal(
    render("{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}"),
    "3",
  );
  equal(render("{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}|{{ a }}"), "3|");
  equal(render("{% set a, b = 'x:y'.split(':') %}{% set c, d = 1, 2 %}{{ a }}{{ b }}{{ c }}{{ d }}"), "xy12");
  equal(render("{{ dict({'a': 1}, b=2) }}|{{ dict([('c', 3)]) }}"), "{'a': 1, 'b': 2}|{'c': 3}");
});

Deno.test("tests without parentheses and Jinja's extra tests", () => {
  equal(
    render("{{ 6 is divisibleby 3 }}|{{ 2 is in [1, 2] }}|{{ 3 is integer }}|{{ 3.5 is float }}|{{ x is none }}", {
      x: null,
    }),
    "True|True|True|True|True",
  );
  equal(
    render("{{ [1, 2, 3] | select('in', [2, 3]) | list }}|{{ ['a', 'b'] | reject('equalto', 'a') | list }}"),
    "[2, 3]|['b']",
  );
});

Deno.test("filters with Jinja's semantics", () => {
  equal(render("{{ {'b': 1, 'a': '<'} | tojson }}|{{ [1] | tojson(indent=2) }}"), '{"a": "\\u003c", "b": 1}|[\n  1\n]');
  equal(render("{{ '%.6f' | format(x) }}|{{ '%s-%05d' | format('id', 42) }}", { x: 3.14159265 }), "3.141593|id-00042");
  equal(
    render("{{ '12' | int }}|{{ 'x' | int }}|{{ 3.9 | int }}|{{ '1e3' | int }}|{{ '7.5' | float }}|{{ 'x' | float }}"),
    "12|0|3|1000|7.5|0",
  );
  equal(
    render(
      "{{ 2.5 | round }}|{{ 0.125 | round(2) }}|{{ 1.21 | round(1, 'ceil') }}|{{ 1.29 | round(1, method='floor') }}",
    ),
    "2|0.12|1.3|1.2",
  );
  equal(
    render(
      "{{ {'a': 1} | length }}|{{ 'abc' | count }}|{{ none | string }}|{{ {'a': 1} | list }}|{{ {'a': 1} | items | list }}",
    ),
    "1|3|None|['a']|[('a', 1)]",
  );
  equal(render("{{ 'hi' | b64encode }}|{{ 'aGk=' | b64decode }}"), "aGk=|hi");
  equal(render("{{ [{'a': 2}, {'a': 1}] | sort(attribute='a') | map(attribute='a') | join(',') }}"), "1,2");
  equal(
    render(
      "{% for g in [{'c': 'x'}, {'c': 'y'}, {'c': 'x'}] | groupby('c') %}{{ g.grouper }}{{ g.list | length }}{% endfor %}",
    ),
    "x2y1",
  );
  equal(
    render("{{ 'Hello big wide World' | truncate(9) }}|{{ 'a' | default('d', true) }}|{{ '' | default('d', true) }}"),
    "Hello...|a|d",
  );
});

Deno.test("module.datetime arithmetic with timestamps", () => {
  const timestamp = new EventTimestamp(Date.UTC(2024, 0, 1, 9) * 1000, "Europe/Berlin");
  const module = createPythonModules();
  const out = render(
    "{{ (timestamp - module.datetime.timedelta(hours=3)).isoformat() }}|{{ timestamp + module.datetime.timedelta(days=1, minutes=30) }}" +
      "|{{ (timestamp + module.datetime.timedelta(hours=1)) - timestamp }}|{{ module.datetime.timedelta(seconds=90).total_seconds() }}" +
      "|{{ module.datetime.timedelta(hours=1) * 2 }}|{{ timestamp < timestamp + module.datetime.timedelta(seconds=1) }}",
    { timestamp, module },
  );
  equal(out, "2024-01-01T07:00:00+01:00|2024-01-02 10:30:00+01:00|1:00:00|90|2:00:00|True");
});

Deno.test("module.hashlib and module.base64 with bytes", () => {
  const module = createPythonModules();
  equal(
    render(
      "{{ module.hashlib.md5('abc'.encode()).hexdigest() }}|{{ module.base64.b64encode('hi'.encode()) }}|{{ module.base64.b64encode('hi'.encode()).decode() }}",
      { module },
    ),
    "900150983cd24fb0d6963f7d28e17f72|b'aGk='|aGk=",
  );
});

Deno.test("macros imported from a file beside the scenario, with whitespace control", () => {
  const out = env.getTemplate("templates/event.json.jinja", true).render({});
  deepEqual(JSON.parse(out), { ecs: { version: "8.17.0" }, host: { name: "web-01", ip: "127.0.0.1" } });
  equal(
    render("{% from '_base.json.jinja' import host_block %}{{ host_block('a', ip='10.0.0.1') }}").trim(),
    `"host": {"name": "a", "ip": "10.0.0.1"}`,
  );
  equal(render("a {#- note -#} b\n  {%- if true %} c {% endif -%}  \n d"), "ab c d");
});

Deno.test("constructs Nunjucks cannot follow fail clearly, at their line", () => {
  deepEqual(failure("x\n{% trans %}hi{% endtrans %}"), {
    message:
      "`{% trans %}` is not supported (there is no i18n extension): write the text directly, with `{{ }}` for the values",
    line: 2,
  });
  match(
    failure("{% for x in y recursive %}{% endfor %}").message,
    /recursive %}` is not supported: write the levels as a macro/,
  );
  deepEqual(failure("{% break %}"), { message: "`{% break %}` is only allowed inside a `{% for %}` loop", line: 1 });
  match(
    failure("{% for i in [1] %}{% macro m() %}{% continue %}{% endmacro %}{% endfor %}").message,
    /only allowed inside/,
  );
  match(failure("{{ b'x' }}").message, /bytes literals \(`b'...'`\) are not supported: write a string and encode it/);
  match(failure("{% autoescape true %}{% endautoescape %}").message, /escape values with `\| e`/);
  equal(render("{% autoescape false %}<b>{{ '<i>' }}</b>{% endautoescape %}"), "<b><i></b>");
  deepEqual(failure("{% foo %}"), { message: "unknown tag `{% foo %}`", line: 1 });
  deepEqual(failure("{{ x | nope }}"), { message: "unknown filter `nope`", line: 1 });
  deepEqual(failure("a\n{{ a.b.c() }}", { a: {} }), { message: "cannot call `a.b.c`: it is undefined", line: 2 });
  deepEqual(failure("{{ 1 / 0 }}"), { message: "ZeroDivisionError: division by zero", line: 1 });
  deepEqual(failure("{{ '%d' % 'x' }}"), {
    message: "TypeError: %d format: a real number is required, not str",
    line: 1,
  });
  match(failure("{{ x.0 }}").message, /write `\[0\]` for an index/);
});

Deno.test("the environment keeps Nunjucks' own ways working", () => {
  equal(render("{% for k, v in {'a': 1} %}{{ k }}={{ v }}{% endfor %}"), "a=1");
  equal(render("{{ 'abc'.toUpperCase() }}|{{ s.length }}|{{ [1, 2] | dump }}", { s: "ab" }), "ABC|2|[1,2]");
  equal(render("{% set x %}cap{% endset %}{{ x }}|{% filter upper %}f{% endfilter %}"), "cap|F");
  equal(render("{% macro f(a, b=2) %}{{ a }}{{ b }}{% endmacro %}{{ f(1, b=3) }}"), "13");
  ok(render("{{ range(3) | list }}") === "[0, 1, 2]");
  throws(() => render("{{ [].pop() }}"), /pop from empty list/);
});
