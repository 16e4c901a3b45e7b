import { deepEqual, equal, throws } from "node:assert/strict";
import { createEnvironment } from "../environment.ts";
import { parseTemplate } from "./_parse.ts";
import type { AstNode } from "./_ast.ts";
import { Bindings, frameAssignments, hasSet, Level, loopExtras, mentions } from "./_scope.ts";

const env = createEnvironment({ dir: "/", readText: () => "" });
const parse = (src: string) => parseTemplate(src, env);
/** The first statement of a template. */
const first = (src: string) => (parse(src).children as AstNode[])[0] as AstNode;

Deno.test("bindings: inner scopes see and shadow outer ones", () => {
  const outer = new Bindings();
  outer.set("x", "t1");
  const inner = outer.push();
  inner.set("x", "t2");
  inner.set("y", "t3");
  equal(inner.lookup("x"), "t2");
  equal(outer.lookup("x"), "t1");
  equal(outer.lookup("y"), undefined);
});

Deno.test("levels: a lookup reads the innermost frame first, the root's variable last", () => {
  const root = new Level(undefined, new Map([["a", "r1"]]));
  const loop = new Level(root, new Map([["b", "v1"]]));
  const inner = new Level(loop, new Map([["a", "v2"]]));
  deepEqual(inner.chain("a"), [{ id: "v2", root: false }, { id: "r1", root: true }]);
  deepEqual(inner.chain("b"), [{ id: "v1", root: false }]);
  deepEqual(inner.chain("c"), []);
});

Deno.test("frame assignments: this frame's sets, set blocks included, nested loops excluded", () => {
  const root = parse(
    "{% set a = 1 %}{% if x %}{% set b %}{% set c = 2 %}{% endset %}{% else %}{% set d, e = 1, 2 %}{% endif %}" +
      "{% set ns.f = 1 %}{% for i in x %}{% set g = 3 %}{% else %}{% set h = 4 %}{% endfor %}",
  );
  deepEqual([...frameAssignments(root)], ["a", "b", "c", "d", "e"]);
  const loop = first(
    "{% for i in x %}{% set g = 3 %}{% for j in y %}{% set k = 1 %}{% endfor %}{% else %}" +
      "{% set h = 4 %}{% endfor %}",
  );
  deepEqual([...frameAssignments([loop.body, loop.else_])], ["g", "h"]);
});

Deno.test("frame assignments: `{% set loop %}` is left to Nunjucks", () => {
  throws(() => frameAssignments(parse("{% set loop = 1 %}")), /set loop/);
});

Deno.test("hasSet and loopExtras find what the Python layer finds", () => {
  const loop = first("{% for i in x %}{% for j in y %}{% set k = loop.cycle(1, 2) %}{% endfor %}{% endfor %}");
  equal(hasSet(loop.body), true);
  deepEqual(loopExtras(loop.body), ["cycle"]);
  const plain = first("{% for i in x %}{{ loop.nextitem }}{{ loop.changed(i) }}{{ loop.previtem }}{% endfor %}");
  equal(hasSet(plain.body), false);
  deepEqual(loopExtras(plain.body), ["previtem", "nextitem", "changed"]);
  // The layer walks declared fields only: a set block's body is not among them.
  const hidden = first("{% for i in x %}{% set s %}{{ loop.cycle(1, 2) }}{% endset %}{% endfor %}");
  deepEqual(loopExtras(hidden.body), []);
});

Deno.test("mentions sees loop filters and set blocks", () => {
  equal(mentions(first("{% for i in x if loop.first %}{% endfor %}"), "loop"), true);
  equal(mentions(first("{% set s %}{{ loop }}{% endset %}"), "loop"), true);
  equal(mentions(first("{% for i in x %}{{ i }}{% endfor %}"), "loop"), false);
});
