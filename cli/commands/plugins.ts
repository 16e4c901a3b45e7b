/**
 * `eventum plugins [NAME] [--markdown]`: the reference of every plugin, from
 * the plugin specs themselves: summaries, options (types, defaults, allowed
 * values, descriptions) and examples. `docs/plugins.md` is this command's
 * Markdown (`deno task docs:plugins`).
 *
 * @module
 */
import { type Command, parse, UsageError } from "../_command.ts";
import { events, formatters, inputs, outputs } from "../../engine/registry.ts";
import type { AnySpec, PluginKind } from "../../engine/spec.ts";
import { deliverySchema } from "../../engine/outputs/delivery.ts";
import { didYouMean } from "../../engine/suggest.ts";
import { patternBodySchema } from "../../engine/inputs/pattern.ts";
import { type OptionDoc, optionsOf, positionalOf, rulesOf } from "../_schema_doc.ts";

const KINDS: { kind: PluginKind; title: string; plugins: ReadonlyMap<string, AnySpec> }[] = [
  { kind: "input", title: "Inputs", plugins: inputs },
  { kind: "event", title: "Event plugins", plugins: events },
  { kind: "formatter", title: "Formatters", plugins: formatters },
  { kind: "output", title: "Outputs", plugins: outputs },
];

/**
 * The options as a scenario writes them, where the spec's schema is the
 * graph's form: a pattern's body (its `period` a duration) rather than the
 * resolved `layers`.
 */
function schemaOf(spec: AnySpec): unknown {
  return spec.kind === "input" && spec.name === "pattern" ? patternBodySchema : spec.schema;
}

/** Every plugin, in the order of the reference. */
export function allPlugins(): AnySpec[] {
  return KINDS.flatMap((k) => [...k.plugins.values()]);
}

/** How a plugin's statement starts: `output file PATH { ... }`. */
function usage(spec: AnySpec): string {
  const statement = spec.kind === "formatter" ? "format" : spec.kind;
  const args = positionalOf(schemaOf(spec)).map((a) => a.toUpperCase());
  const options = optionsOf(schemaOf(spec)).filter((o) => o.position === undefined && !o.name.includes("."));
  return [statement, spec.name, ...args, ...(options.length > 0 ? ["{ ... }"] : [])].join(" ");
}

function qualifier(o: OptionDoc): string {
  const parts = [o.required ? "required" : "optional"];
  if (o.position !== undefined) parts.push(`value ${o.position} on the statement's line`);
  if (o.repeated) parts.push("repeatable");
  if (o.default !== undefined) parts.push(`default ${o.default}`);
  return parts.join(", ");
}

/** One plugin, for a terminal. */
function pluginText(spec: AnySpec): string {
  const out = [`${spec.kind} ${spec.name}: ${spec.summary}`, "", `Usage: ${usage(spec)}`, ""];
  const options = optionsOf(schemaOf(spec));
  if (options.length === 0) out.push("No options.");
  else {
    out.push("Options:");
    const width = Math.max(...options.map((o) => o.name.length));
    for (const o of options) {
      out.push(`  ${o.name.padEnd(width)}  ${o.type}  (${qualifier(o)})`);
      if (o.description) out.push(`  ${" ".repeat(width)}  ${o.description}`);
    }
  }
  const rules = rulesOf(schemaOf(spec));
  if (rules.length > 0) out.push("", "Rules:", ...rules.map((r) => `  - ${r}`));
  if (spec.kind === "input") out.push("", 'Every input also takes `tags ["a", "b"]`, which templates see.');
  if (spec.kind === "output") {
    out.push("", "Every output also takes `format FORMATTER { ... }` and the delivery options:");
    out.push(`  ${optionsOf(deliverySchema).map((o) => o.name).join(", ")}`);
    out.push("  (`eventum plugins --markdown` describes them.)");
  }
  out.push("", "Examples:");
  for (const e of spec.examples) out.push("", ...e.split("\n").map((l) => `  ${l}`));
  return out.join("\n");
}

/** The list of every plugin by kind, for a terminal. */
function listText(): string {
  const width = Math.max(...allPlugins().map((s) => s.name.length));
  const out: string[] = [];
  for (const k of KINDS) {
    out.push(`${k.title}:`);
    for (const s of k.plugins.values()) out.push(`  ${s.name.padEnd(width)}  ${s.summary}`);
    out.push("");
  }
  out.push("Run `eventum plugins NAME` for a plugin's options and examples.");
  return out.join("\n");
}

const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

function optionTable(options: OptionDoc[]): string[] {
  const out = ["| Option | Type | Default | Description |", "| --- | --- | --- | --- |"];
  for (const o of options) {
    const notes = [];
    if (o.position !== undefined) notes.push(`Value ${o.position} on the statement's line.`);
    if (o.repeated) notes.push("Repeatable: one statement per item.");
    const desc = [o.description ?? "", ...notes].filter(Boolean).join(" ");
    const def = o.default !== undefined ? `\`${o.default}\`` : o.required ? "required" : "";
    out.push(`| \`${o.name}\` | ${cell(o.type)} | ${cell(def)} | ${cell(desc)} |`);
  }
  return out;
}

function anchor(spec: AnySpec): string {
  return `${spec.kind}-${spec.name}`.replace(/[^a-z0-9-]/g, "");
}

/** The whole reference as Markdown: what `docs/plugins.md` holds. */
export function pluginsMarkdown(): string {
  const out = [
    "# Plugins",
    "",
    "<!-- Generated by `deno task docs:plugins` (`eventum plugins --markdown`) from the plugin specs: do not edit. -->",
    "",
    "Every plugin with its options, their types, defaults and descriptions, and examples. " +
    "`eventum plugins NAME` prints the same for one plugin in the terminal. " +
    "Positional values fill the options marked _value N_; the other options go in the block or, as `option value` " +
    "pairs, on the statement's line. Nested blocks are written with dotted names: `rotate.size` is `size` in " +
    "`rotate { ... }`.",
    "",
  ];
  for (const k of KINDS) {
    out.push(`- ${k.title}: ${[...k.plugins.values()].map((s) => `[\`${s.name}\`](#${anchor(s)})`).join(", ")}`);
  }
  out.push("- [Delivery options of every output](#delivery-options)", "");
  for (const k of KINDS) {
    out.push(`## ${k.title}`, "");
    if (k.kind === "input") {
      out.push(
        'Every input also takes `tags ["a", "b"]`: templates see the tags of the input that made the timestamp.',
        "",
      );
    }
    for (const spec of k.plugins.values()) {
      out.push(`<a id="${anchor(spec)}"></a>`, "", `### ${spec.kind} \`${spec.name}\``, "", `${spec.summary}.`, "");
      out.push("```evt", usage(spec), "```", "");
      const options = optionsOf(schemaOf(spec));
      if (options.length === 0) out.push("No options.", "");
      else out.push(...optionTable(options), "");
      const rules = rulesOf(schemaOf(spec));
      if (rules.length > 0) out.push(...rules.map((r) => `- ${r}`), "");
      out.push(spec.examples.length === 1 ? "Example:" : "Examples:", "");
      for (const e of spec.examples) out.push("```evt", e, "```", "");
    }
  }
  out.push(
    '<a id="delivery-options"></a>',
    "",
    "## Delivery options",
    "",
    "Every output takes these besides its own options, and `format FORMATTER { ... }` (see [Formatters](#formatters)).",
    "",
    ...optionTable(optionsOf(deliverySchema)),
    "",
  );
  return out.join("\n");
}

/** Finds a plugin by `NAME` or `KIND/NAME`. */
function find(query: string): AnySpec {
  const slash = query.indexOf("/");
  const kind = slash >= 0 ? query.slice(0, slash) : undefined;
  const name = slash >= 0 ? query.slice(slash + 1) : query;
  const candidates = KINDS.filter((k) => kind === undefined || k.kind === kind);
  if (candidates.length === 0) {
    throw new UsageError(`unknown plugin kind \`${kind}\`: expected ${KINDS.map((k) => `\`${k.kind}\``).join(", ")}`);
  }
  const found = candidates.flatMap((k) => (k.plugins.has(name) ? [k.plugins.get(name) as AnySpec] : []));
  if (found.length > 1) {
    throw new UsageError(
      `\`${name}\` names several plugins: ${found.map((s) => `\`${s.kind}/${s.name}\``).join(", ")}; give one of them`,
    );
  }
  const spec = found[0];
  if (!spec) {
    const names = candidates.flatMap((k) => [...k.plugins.keys()]);
    const hint = didYouMean(name, names);
    throw new Error(`Unknown plugin \`${query}\`${hint ? `: ${hint}` : ""}; \`eventum plugins\` lists them`);
  }
  return spec;
}

/** `eventum plugins`. */
export const pluginsCommand: Command = {
  name: "plugins",
  summary: "List plugins, or show one plugin's options and examples",
  help: `Usage: eventum plugins [NAME | KIND/NAME] [--markdown]

Without a name, lists every plugin by kind with its summary. With a name
(\`file\`, or \`output/http\` when several kinds share it), shows the
plugin's options (types, defaults, allowed values, descriptions) and
examples.

Options:
  --markdown  Print the whole reference as Markdown (docs/plugins.md)
  -h, --help  Show this help

Exit codes: 0 done, 1 unknown plugin, 2 usage error.`,
  // deno-lint-ignore require-await
  async run(args) {
    const { values, positionals } = parse(args, {
      markdown: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      console.log(this.help);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError("give at most one plugin name");
    if (values.markdown) {
      if (positionals.length > 0) throw new UsageError("`--markdown` prints the whole reference: give no name");
      console.log(pluginsMarkdown().trimEnd());
      return 0;
    }
    const query = positionals[0];
    console.log(query === undefined ? listText() : pluginText(find(query)));
    return 0;
  },
};
