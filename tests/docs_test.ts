/**
 * The docs keep up with the code: every diagnostic code is documented, and
 * every document the README links to exists.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { CODES } from "../dsl/diagnostics.ts";
import { generatorStatements } from "../dsl/check.ts";
import { eventum, ROOT } from "./_cli.ts";
import { createRand } from "../engine/events/template/rand.ts";
import { State } from "../engine/events/template/state.ts";
import { Rng } from "../engine/random.ts";

Deno.test("every diagnostic code is in docs/diagnostics.md", () => {
  const doc = Deno.readTextFileSync(`${ROOT}docs/diagnostics.md`);
  deepEqual(Object.keys(CODES).filter((code) => !doc.includes(`| ${code} |`)), []);
});

Deno.test("every statement of a generator is in docs/language.md", () => {
  const doc = Deno.readTextFileSync(`${ROOT}docs/language.md`);
  deepEqual(generatorStatements().filter((s) => !doc.includes(`\`${s}`)), []);
});

Deno.test("every document the README links to exists", () => {
  const readme = Deno.readTextFileSync(`${ROOT}README.md`);
  const links = [...readme.matchAll(/\]\(((?:docs|samples)\/[^)#]+)\)/g)].map((m) => m[1] as string);
  deepEqual(links.filter((l) => !exists(`${ROOT}${l}`)), []);
});

/** The dotted names of the functions in an API object, nested objects included. */
function functionNames(api: object, prefix = ""): string[] {
  return Object.entries(api).flatMap(([key, value]) => {
    if (typeof value === "function") return [prefix + key];
    if (value && typeof value === "object") return functionNames(value, `${prefix}${key}.`);
    return [];
  });
}

Deno.test("every function of module.rand is in docs/templates.md", () => {
  const doc = Deno.readTextFileSync(`${ROOT}docs/templates.md`);
  const names = functionNames(createRand(new Rng(1, "docs")));
  deepEqual(names.filter((name) => !doc.includes(`${name.split(".").pop()}(`)), []);
});

Deno.test("every State method is in docs/templates.md", () => {
  const doc = Deno.readTextFileSync(`${ROOT}docs/templates.md`);
  const proto = Object.getPrototypeOf(new State()) as object;
  const methods = Object.getOwnPropertyNames(proto).filter((m) => !["constructor", "toJSON", "toString"].includes(m));
  deepEqual(methods.filter((m) => !doc.includes(`\`${m}(`)), []);
});

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The fenced blocks of a Markdown text, in order. */
function blocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```[a-z]*\n([^]*?)^```$/gm)].map((m) => m[1] as string);
}

Deno.test("the tutorial's files are the ones in samples/tutorial/", () => {
  const all = blocks(Deno.readTextFileSync(`${ROOT}docs/tutorial.md`));
  const has = (file: string) => all.includes(Deno.readTextFileSync(`${ROOT}samples/tutorial/${file}`));
  deepEqual(["shop.evt", "products.csv", "templates/order.json.njk"].filter((f) => !has(f)), []);
});

Deno.test("the tutorial's first step runs as shown", async () => {
  const all = blocks(Deno.readTextFileSync(`${ROOT}docs/tutorial.md`));
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(`${dir}/shop.evt`, all[0] as string);
  const r = await eventum(["gen", `${dir}/shop.evt`]);
  equal(r.code, 0, r.stderr);
  equal(r.stdout, (all[2] as string).split("\n").slice(0, 3).join("\n") + "\n");
});

Deno.test("the tutorial's scenario writes what its comment says", async () => {
  const r = await eventum(["gen", "samples/tutorial/shop.evt", "-q"]);
  equal(r.code, 0, r.stderr);
  const events = Deno.readTextFileSync(`${ROOT}samples/tutorial/out/orders.jsonl`).trim().split("\n");
  ok(events.length >= 4000 && events.length <= 6000, `${events.length} events`);
  for (const line of events) JSON.parse(line);
});
