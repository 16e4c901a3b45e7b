/**
 * Property tests: whatever the text, the parser and checker never throw, and
 * they return either a graph or diagnostics whose spans lie inside the text.
 */
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { type LoadHost, loadScenario } from "./load.ts";
import { denoHost } from "./check.ts";
import type { Diagnostic } from "./diagnostics.ts";

const examples = fileURLToPath(new URL("../samples/", import.meta.url));
const seeds = [...Deno.readDirSync(examples)]
  .filter((e) => e.name.endsWith(".evt"))
  .map((e) => Deno.readTextFileSync(`${examples}${e.name}`));

/** The scenario lives in `/virtual/`, which stands for the samples folder. */
const real = (p: string) => p.replace(/^\/virtual\//, examples);
const host: LoadHost = {
  exists: (p) => p.startsWith("/virtual/") && denoHost.exists(real(p)),
  readText: (p) => (p.startsWith("/virtual/") ? denoHost.readText(real(p)) : undefined),
};

function assertSane(text: string): void {
  const loaded = loadScenario("/virtual/x.evt", { text, host });
  if (!loaded.graph && loaded.diagnostics.length === 0) throw new Error("neither a graph nor diagnostics");
  if (loaded.graph && loaded.diagnostics.some((d) => d.severity === "error")) throw new Error("graph despite errors");
  for (const d of loaded.diagnostics) checkSpan(d, text);
}

function checkSpan(d: Diagnostic, text: string): void {
  if (!d.code.match(/^EVT\d{4}$/) || !d.message) throw new Error(`bad diagnostic ${JSON.stringify(d)}`);
  const s = d.span;
  if (!s) return;
  if (s.file !== "/virtual/x.evt") return;
  const ok = Number.isInteger(s.offset) && s.offset >= 0 && s.offset <= text.length && s.length >= 0 &&
    s.offset + s.length <= text.length + 1 && s.line >= 1 && s.column >= 1;
  if (!ok) throw new Error(`span out of the text: ${JSON.stringify(d)}`);
  const before = text.slice(0, s.offset).split("\n");
  if (before.length !== s.line || (before.at(-1) as string).length + 1 !== s.column) {
    throw new Error(`span line/column do not match its offset: ${JSON.stringify(d)}`);
  }
}

const TOKENS = [
  "generator",
  '"g"',
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ",",
  ";",
  "=",
  "\n",
  " ",
  "input",
  "static",
  "count",
  "3",
  "5s",
  "10MB",
  "2024-01-01T00:00:00Z",
  "+1h",
  "now",
  '"""\n  x\n"""',
  '"unterminated',
  "/* c */",
  "// c\n",
  "env(",
  "param",
  "output",
  "stdout",
  "event",
  "template",
  "t",
  "true",
  "-",
  "5sec",
  "'",
];

Deno.test("random token soup never throws and yields valid spans", () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (tokens) => assertSane(tokens.join(" "))),
    { numRuns: 400, seed: 42 },
  );
});

Deno.test("random unicode text never throws", () => {
  fc.assert(fc.property(fc.string({ maxLength: 200, unit: "binary" }), assertSane), { numRuns: 300, seed: 7 });
});

Deno.test("mutations of the examples never throw and yield valid spans", () => {
  const mutation = fc.tuple(
    fc.constantFrom(...seeds),
    fc.array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        del: fc.integer({ min: 0, max: 8 }),
        ins: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  );
  fc.assert(
    fc.property(mutation, ([text, edits]) => {
      let t = text;
      for (const e of edits) {
        const i = Math.floor(e.at * t.length);
        t = t.slice(0, i) + e.ins + t.slice(i + e.del);
      }
      assertSane(t);
    }),
    { numRuns: 500, seed: 1 },
  );
});

Deno.test("the examples themselves check clean", () => {
  for (const text of seeds) {
    const loaded = loadScenario("/virtual/x.evt", { text, host });
    if (!loaded.graph) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
  }
});
