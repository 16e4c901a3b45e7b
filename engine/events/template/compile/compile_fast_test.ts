import { deepEqual, equal, notEqual } from "node:assert/strict";
import nunjucks from "nunjucks";
import { createEnvironment, templateErrorInfo } from "../environment.ts";
import { State } from "../state.ts";
import { compileFast, whyNotFast } from "./compile_fast.ts";

const env = createEnvironment({ dir: "/", readText: () => "" });

type Outcome = { text: string } | { error: string; name: string; info: unknown };

function outcome(render: () => string): Outcome {
  try {
    return { text: render() };
  } catch (e) {
    return { error: (e as Error).message, name: (e as Error).name, info: templateErrorInfo(e) };
  }
}

/** Renders with Nunjucks and with the fast path, each over a fresh context; both outcomes and contexts. */
function both(source: string, context: () => Record<string, unknown>, e: nunjucks.Environment = env) {
  const fast = compileFast(source, e, "t.njk");
  notEqual(fast, undefined, whyNotFast(source, e));
  const [a, b] = [context(), context()];
  const slow = outcome(() => new nunjucks.Template(source, e, "t.njk", true).render(a));
  return { slow, fast: outcome(() => fast!.render(b)), a, b };
}

function same(source: string, context: () => Record<string, unknown> = () => ({})): Outcome {
  const { slow, fast } = both(source, context);
  deepEqual(fast, slow, source);
  return slow;
}

Deno.test("prints as Nunjucks and the Python layer print", () => {
  const ctx = () => ({ n: 3.0, xs: [1, "a", null, true], d: { k: [1.5] }, u: undefined });
  equal(
    (same("{{ n }} {{ xs }} {{ d }} [{{ u }}] {{ None }} {{ 1e21 }} {{ 'x' ~ 2 }}", ctx) as { text: string }).text,
    "3 [1, 'a', None, True] {'k': [1.5]} [] None 1000000000000000000000 x2",
  );
});

Deno.test("`{% set %}` in a loop does not leak, a loop variable assigned does", () => {
  same("{% set x = 1 %}{% for i in [1, 2] %}{% set x = i %}{% endfor %}{{ x }}");
  same("{% for x in [1, 2] %}{% for y in [3] %}{% set x = y %}{% endfor %}{{ x }}{% endfor %}{{ x }}");
  same("{% set y = 1 %}{% for i in [1] %}{% set y = undefined_name %}{{ y }}{% endfor %}");
});

Deno.test("an `else` after a loop that did not run sees what the last run left", () => {
  same("{% for o in [[1, 2], [], none, [3], none] %}{% for x in o %}{% else %}({{ x }}){% endfor %}{% endfor %}");
});

Deno.test("`loop` is one object per frame, as Nunjucks keeps it", () => {
  const ctx = () => ({ l: [] as unknown[] });
  same("{% for x in [1, 2] %}{% do l.append(loop) %}{% endfor %}{{ l }}", ctx);
  same("{% for x in [1, 2] %}{% set y = x %}{% do l.append(loop) %}{% endfor %}{{ l }}", ctx);
});

Deno.test("state changes happen once per call, in order", () => {
  const ctx = () => ({ locals: new State() });
  const { a, b } = both(
    "{{ locals.incr('n') }}{% if locals.incr('n') > 1 %}{{ locals.incr('n', 10) }}{% endif %}",
    ctx,
  );
  deepEqual((b.locals as State).as_dict(), (a.locals as State).as_dict());
  deepEqual((b.locals as State).as_dict(), { n: 12 });
});

Deno.test("errors carry Nunjucks' message, line and column", () => {
  const cases = [
    "a\n\n  {{ 1 // 0 }}",
    "{{ 'x' in 5 }}",
    "{% for x in [1] %}\n{{ x.missing() }}{% endfor %}",
    "{{ undefined_name.attr() }}",
    "{% set a, b = [1] %}",
    "{{ f(g(1)) }}",
  ];
  for (const source of cases) {
    const result = same(source, () => ({ f: 1, g: () => 2 }));
    equal("error" in result, true, source);
  }
  const info = (same("x\n  {{ 1 // 0 }}") as { info: unknown }).info;
  deepEqual(info, { message: "ZeroDivisionError: integer division or modulo by zero", line: 2, column: 6 });
});

Deno.test("a context that is not a plain object is copied as Nunjucks copies it", () => {
  class Ctx {
    own = 1;
    get inherited() {
      return 2;
    }
  }
  same("{{ own }}|{{ inherited }}", () => new Ctx() as unknown as Record<string, unknown>);
  same("{{ a }}", () => Object.assign(Object.create(null), { a: 1 }));
});

Deno.test("autoescape and throwOnUndefined environments render as Nunjucks does", () => {
  const escaping = createEnvironment({ dir: "/", readText: () => "" });
  (escaping as unknown as { opts: { autoescape: boolean } }).opts.autoescape = true;
  const a = both("<{{ s }}>{{ s | safe }}{{ '<' }}{% do 1 %}", () => ({ s: "<b>&" }), escaping);
  deepEqual(a.fast, a.slow);
  const strict = createEnvironment({ dir: "/", readText: () => "" });
  (strict as unknown as { opts: { throwOnUndefined: boolean } }).opts.throwOnUndefined = true;
  const b = both("{{ 1 }}\n {{ missing }}", () => ({}), strict);
  deepEqual(b.fast, b.slow);
});

Deno.test("the render function works on its own", () => {
  const render = compileFast("{{ a }}", env, "t")!.render;
  equal(render({ a: 1 }), "1");
});

Deno.test("what the fast path leaves to Nunjucks", () => {
  const async = createEnvironment({ dir: "/", readText: () => "" });
  async.addFilter("later", (v: unknown, cb: (e: null, r: unknown) => void) => cb(null, v), true);
  const cases: [string, nunjucks.Environment?][] = [
    ["{% macro m() %}{% endmacro %}"],
    ["{% include 'x.njk' %}"],
    ["{% import 'x.njk' as x %}"],
    ["{% from 'x.njk' import y %}"],
    ["{% extends 'x.njk' %}"],
    ["{% block b %}{% endblock %}"],
    ["{% call m() %}{% endcall %}"],
    ["{% with a = 1 %}{% endwith %}"],
    ["{% filter upper %}x{% endfilter %}"],
    ["{% switch x %}{% case 1 %}a{% endswitch %}"],
    ["{{ x | no_such_filter }}"],
    ["{{ x is no_such_test }}"],
    ["{{ x is sameas(1, 2) }}"],
    ["{% for o in [1] %}{% for x in [] %}{% else %}{% break %}{% endfor %}{% endfor %}"],
    ["{% set loop = 1 %}"],
    ["{% set __proto__ = {'a': 1} %}{{ a }}"],
    ["{% for loop in [1] %}{% endfor %}"],
    ["{{ x | later }}", async],
    ["{{ unclosed"],
  ];
  for (const [source, e] of cases) equal(compileFast(source, e ?? env, "t"), undefined, source);
  equal(whyNotFast("{% with a = 1 %}{% endwith %}", env), "Not on the fast path: `PyWith` statements");
  equal(whyNotFast("{{ a }}", env), undefined);
});
