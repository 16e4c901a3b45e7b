import { equal, match, ok, throws } from "node:assert/strict";
import { formatEvt } from "./fmt.ts";
import { reindentTriple, WIDTH } from "./_print.ts";
import { dedent } from "./_values.ts";

function fmt(text: string): string {
  const r = formatEvt(text, "x.evt");
  if (r.value === undefined) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  return r.value;
}

Deno.test("a file with syntax errors is not formatted: its errors come back with places", () => {
  const r = formatEvt('generator "g" {\n  input static { count 3 \n', "bad.evt");
  equal(r.value, undefined);
  ok(r.diagnostics.length > 0);
  ok(r.diagnostics.every((d) => d.severity === "error" && d.span?.file === "bad.evt" && d.span.line >= 1));
});

Deno.test("semantic mistakes do not stop formatting", () => {
  equal(fmt("generator   g {hots 1}"), "generator g { hots 1 }\n");
});

Deno.test("an empty file stays empty; a file of blank lines becomes empty", () => {
  equal(fmt(""), "");
  equal(fmt("\n\n  \n"), "");
});

Deno.test("statements joined by `;` go on lines of their own outside one-line blocks", () => {
  equal(fmt("a 1; b 2\nc { d 1; e 2 }"), "a 1\nb 2\nc { d 1; e 2 }\n");
});

Deno.test("a block written over several lines stays expanded, even when short", () => {
  equal(fmt("a {\n  b 1 }"), "a {\n  b 1\n}\n");
});

Deno.test("a one-line block longer than the width is expanded", () => {
  const long = `a { ${Array.from({ length: 20 }, (_, i) => `k${i} ${i}`).join("; ")} }`;
  ok(long.length > WIDTH);
  const out = fmt(long);
  equal(out.split("\n").length, 23);
  equal(fmt(out), out);
});

Deno.test("a comment inside a one-line block expands it", () => {
  equal(fmt("a { b 1 /* c */ }"), "a {\n  b 1 /* c */\n}\n");
});

Deno.test("a list written over several lines gets one item a line and a trailing comma", () => {
  equal(fmt("a [1,\n 2]"), "a [\n  1,\n  2,\n]\n");
  equal(fmt("a [1, 2,]"), "a [1, 2]\n");
});

Deno.test("calls are written without spaces and with commas", () => {
  equal(fmt('p = env ( "X" )\nq f(1 2)'), 'p = env("X")\nq f(1, 2)\n');
});

Deno.test("line comments lose trailing spaces; block comments stay as written", () => {
  equal(fmt("a 1 // c   \n/*  x  \n  y */"), "a 1 // c\n/*  x  \n  y */\n");
});

Deno.test("CRLF line breaks become LF", () => {
  equal(fmt('a {\r\n  b """\r\n    x\r\n  """\r\n}\r\n'), 'a {\n  b """\n    x\n  """\n}\n');
});

Deno.test("a triple string with text on its opening line is kept as written", () => {
  const raw = '"""x\n      y\n  """';
  equal(reindentTriple(raw, 4), raw);
});

Deno.test("re-indenting a triple string never changes its value", () => {
  const cases = [
    '"""\n      a\n        b\n    """',
    '"""\n\t\ta\n\t\t\tb\n\t"""',
    '"""\n  a\n        \n \n  b\n"""',
    '"""\n    a\n    b"""',
    '"""\n   \n"""',
    '"""\n"""',
    '"""\n  a\n\n"""',
  ];
  for (const raw of cases) {
    for (const indent of [0, 2, 8]) {
      const out = reindentTriple(raw, indent);
      equal(dedent(out.slice(3, -3)).value, dedent(raw.slice(3, -3)).value, `${JSON.stringify(raw)} at ${indent}`);
      equal(reindentTriple(out, indent), out);
    }
  }
});

Deno.test("the closing quotes line up with the statement", () => {
  match(fmt('g {\nevent template {\ntemplate t """\n x\n """ { chance 1 }\n}\n}'), /\n {4}""" \{ chance 1 \}\n/);
});

Deno.test("a file whose formatted form would read differently is refused, not broken", () => {
  // The comment's second line is deeper than where the `}` goes: the parser would take that `}` for a misplaced one.
  const text = "a {\n  b /* x\n      */ {\n        c 1\n      }\n}\n";
  throws(() => formatEvt(text, "x.evt"), /Cannot format `x\.evt` safely/);
});
