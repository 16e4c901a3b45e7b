/**
 * The plugin reference keeps up with the plugin specs: `docs/plugins.md` is
 * what `eventum plugins --markdown` prints (after `deno fmt`), every plugin
 * has a summary and an example, and every example checks clean inside a
 * minimal scenario.
 */
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { eventum, ROOT } from "./_cli.ts";
import { allPlugins, pluginsMarkdown } from "../cli/commands/plugins.ts";
import { parse } from "../dsl/parse.ts";
import { type LoadHost, loadScenario } from "../dsl/load.ts";
import { formatDiagnostics } from "../dsl/format.ts";

/** Markdown as `deno fmt` lays it out with the repository's settings. */
async function denoFmt(markdown: string): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", `--config=${ROOT}deno.json`, "--ext=md", "-"],
    cwd: ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(markdown));
  await writer.close();
  const out = await child.output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

Deno.test("docs/plugins.md is up to date", async () => {
  const expected = await denoFmt(pluginsMarkdown());
  let actual = "";
  try {
    actual = Deno.readTextFileSync(`${ROOT}docs/plugins.md`);
  } catch {
    // reported below
  }
  if (actual !== expected) throw new Error("docs/plugins.md is stale: run deno task docs:plugins");
});

Deno.test("`eventum plugins --markdown` prints the reference", async () => {
  const r = await eventum(["plugins", "--markdown"]);
  equal(r.code, 0, r.stderr);
  equal(r.stdout, pluginsMarkdown().trimEnd() + "\n");
});

Deno.test("every plugin has a summary and at least one example", () => {
  for (const spec of allPlugins()) {
    ok(spec.summary.trim().length > 0, `${spec.kind} ${spec.name} has no summary`);
    ok(spec.examples.length > 0, `${spec.kind} ${spec.name} has no example`);
  }
});

/** Every file a scenario names exists, with text that suits its kind. */
const host: LoadHost = {
  exists: () => true,
  readText: (path) => {
    if (path.endsWith("/x.evt")) return undefined;
    if (/\.(ts|js)$/.test(path)) return "export function produce() { return []; }\n";
    if (path.endsWith(".txt")) return "2024-01-01T00:00:00Z\n";
    if (path.endsWith(".log")) return "[01/Jan/2024:00:00:00 +0000] GET /\n";
    return "{{ timestamp }}\n";
  },
};

/** A minimal scenario around a spec's example: whatever the example lacks, the simplest plugin supplies. */
function wrap(example: string): string {
  const parsed = parse(example, "example.evt");
  const top: string[] = [];
  const inside: string[] = [];
  for (const st of parsed.value?.statements ?? []) {
    const text = example.slice(st.span.offset, st.span.offset + st.span.length);
    (["input", "event", "output"].includes(st.name) ? inside : top).push(text);
  }
  const has = (kind: string) => parsed.value?.statements.some((s) => s.name === kind);
  if (!has("input")) inside.unshift("input static { count 1 }");
  if (!has("event")) inside.push('event template { template t """{"a": 1}""" }');
  if (!has("output")) inside.push("output stdout {}");
  return [...top, 'generator "example" {', ...inside.map((s) => s.replace(/^/gm, "  ")), "}", ""].join("\n");
}

Deno.test("every example checks clean in a minimal scenario", () => {
  const failures: string[] = [];
  for (const spec of allPlugins()) {
    for (const example of spec.examples) {
      const text = wrap(example);
      const loaded = loadScenario(`${ROOT}scratch/x.evt`, { text, host });
      if (!loaded.graph || loaded.diagnostics.some((d) => d.severity === "error")) {
        failures.push(`${spec.kind} ${spec.name}:\n${text}\n${formatDiagnostics(loaded.diagnostics, loaded.sources)}`);
      }
    }
  }
  deepEqual(failures, []);
});

Deno.test("`eventum plugins` lists every plugin by kind", async () => {
  const r = await eventum(["plugins"]);
  equal(r.code, 0, r.stderr);
  for (const title of ["Inputs:", "Event plugins:", "Formatters:", "Outputs:"]) ok(r.stdout.includes(title));
  for (const spec of allPlugins()) ok(r.stdout.includes(`  ${spec.name} `), spec.name);
});

Deno.test("`eventum plugins NAME` shows options with types and defaults, and examples", async () => {
  const r = await eventum(["plugins", "file"]);
  equal(r.code, 0, r.stderr);
  match(r.stdout, /^output file: /);
  match(r.stdout, /write_mode +`append` \| `overwrite` {2}\(optional, default overwrite\)/);
  match(r.stdout, /rotate\.keep +whole number >= 1/);
  match(r.stdout, /Examples:\n\n {2}output file "out\/events\.jsonl"/);
});

Deno.test("an ambiguous name asks for KIND/NAME; KIND/NAME picks one; an unknown name suggests", async () => {
  const ambiguous = await eventum(["plugins", "template"]);
  equal(ambiguous.code, 2);
  match(ambiguous.stderr, /`event\/template`, `formatter\/template`/);
  const one = await eventum(["plugins", "formatter/template"]);
  equal(one.code, 0, one.stderr);
  match(one.stdout, /^formatter template: /);
  const unknown = await eventum(["plugins", "fiel"]);
  equal(unknown.code, 1);
  match(unknown.stderr, /Unknown plugin `fiel`: did you mean `file`\?/);
});
