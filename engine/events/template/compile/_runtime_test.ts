import { equal, ok } from "node:assert/strict";
import nunjucks from "nunjucks";
import { createEnvironment } from "../environment.ts";
import { type ContextEnvironment, FastContext, KIT_NAMES, runtimeKit } from "./_runtime.ts";

const env = createEnvironment({ dir: "/", readText: () => "" });

Deno.test("the kit has every helper compiled code reads", () => {
  const kit = runtimeKit();
  ok(kit !== undefined);
  for (const name of KIT_NAMES) ok(name in kit, name);
});

Deno.test("FastContext looks a name up as Nunjucks' Context does: variables before globals", () => {
  const globals = (env as unknown as { globals: Record<string, unknown> }).globals;
  const self = new FastContext(env as unknown as ContextEnvironment, { range: 1, a: 2 });
  equal(self.lookup("range"), 1);
  equal(self.lookup("a"), 2);
  equal(new FastContext({ globals, opts: {} }, {}).lookup("range"), globals.range);
  equal(self.env, env);
});

Deno.test("$fail reports an error as Template.render does", () => {
  const kit = runtimeKit()!;
  let expected: Error | undefined;
  try {
    new nunjucks.Template("\n  {{ 1 // 0 }}", env, "t.njk", true).render({});
  } catch (e) {
    expected = e as Error;
  }
  const got = kit.$fail(
    new Error("ZeroDivisionError: integer division or modulo by zero"),
    1,
    5,
    "t.njk",
    env,
  ) as Error;
  equal(got.message, expected?.message);
  equal(got.name, expected?.name);
});
