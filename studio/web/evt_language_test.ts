import { StringStream } from "@codemirror/language";
import { type EvtState, evtToken, startState } from "./evt_language.ts";

/** The styled tokens of a text, line by line: `style:text`, spaces left out. */
function tokens(text: string): string[] {
  const state: EvtState = startState();
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const stream = new StringStream(line, 4, 2);
    while (!stream.eol()) {
      const style = evtToken(stream, state);
      if (stream.pos === stream.start) throw new Error(`No progress at ${stream.pos} of ${line}`);
      if (style) out.push(`${style}:${stream.current()}`);
      stream.start = stream.pos;
    }
  }
  return out;
}

function assertEquals(actual: unknown, expected: unknown): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`Expected ${JSON.stringify(expected)}\n     got ${JSON.stringify(actual)}`);
  }
}

Deno.test("statement names, values and punctuation", () => {
  assertEquals(tokens('generator "web" {\n  seed 1; mode sample\n}'), [
    "keyword:generator",
    'string:"web"',
    "brace:{",
    "propertyName:seed",
    "number:1",
    "punctuation:;",
    "propertyName:mode",
    "variableName:sample",
    "brace:}",
  ]);
});

Deno.test("dates, durations, relative times, sizes and atoms", () => {
  assertEquals(tokens("oscillator { period 1d; start 2024-03-04T00:00:00+01:00; end +7d }"), [
    "keyword:oscillator",
    "brace:{",
    "propertyName:period",
    "number:1d",
    "punctuation:;",
    "propertyName:start",
    "literal:2024-03-04T00:00:00+01:00",
    "punctuation:;",
    "propertyName:end",
    "literal:+7d",
    "brace:}",
  ]);
  assertEquals(tokens("x 10MB 1h30m 09:30 true -0.5 5sec"), [
    "propertyName:x",
    "number:10MB",
    "number:1h30m",
    "literal:09:30",
    "atom:true",
    "number:-0.5",
    "invalid:5sec",
  ]);
});

Deno.test("comments, lists across lines and calls", () => {
  assertEquals(tokens('// hi\na [1,\n  2] /* x\n y */ env("X")'), [
    "lineComment:// hi",
    "propertyName:a",
    "squareBracket:[",
    "number:1",
    "separator:,",
    "number:2",
    "squareBracket:]",
    "blockComment:/* x",
    "blockComment: y */",
    "variableName.function:env",
    "paren:(",
    'string:"X"',
    "paren:)",
  ]);
});

Deno.test('`"""` strings with template tags span lines', () => {
  assertEquals(tokens('template t """\n  {"a": {{ x }}} {% if y %}\n""" { chance 3 }'), [
    "keyword:template",
    "variableName:t",
    'string:"""',
    'string:  {"a": ',
    "meta:{{ x }}",
    "string:} ",
    "meta:{% if y %}",
    'string:"""',
    "brace:{",
    "propertyName:chance",
    "number:3",
    "brace:}",
  ]);
});

Deno.test("mistakes are marked", () => {
  assertEquals(tokens("a 'x' \"open"), ["propertyName:a", "invalid:'x'", 'invalid:"open']);
  assertEquals(tokens("output file out/access.log"), [
    "keyword:output",
    "variableName:file",
    "string:out/access.log",
  ]);
});
