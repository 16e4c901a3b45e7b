/**
 * `eventum init [DIR]`: writes a small, commented scenario that runs as it
 * is, with a sample file and a template file, to start from.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { type Command, parse, shown, UsageError } from "../_command.ts";

const SCENARIO = `// A starter scenario: web-shop events in JSON, one a minute for an hour.
// Run it:    eventum gen scenario.evt
// Check it:  eventum check scenario.evt
// Every plugin and its options: \`eventum plugins\`; tidy the layout of a
// file: \`eventum fmt scenario.evt\`.

// A generator is one pipeline: inputs make timestamps, the event plugin
// turns each timestamp into events, outputs write them.
generator "shop" {
  mode sample // as fast as possible; \`mode live\` waits for each timestamp
  seed 42 // the same seed writes the same events, byte for byte
  timezone "UTC"

  // Values templates see as \`params.NAME\`; \`-p site=shop-2\` overrides one.
  param site = "shop-1"

  // Data for templates: rows of a CSV file (relative to this file).
  samples {
    users csv "samples/users.csv" { header true }
  }

  // Timestamps: 60, a minute apart from 09:00 (\`end\` itself excluded).
  input linspace { start 2024-01-01T09:00:00Z; end +1h; count 60; endpoint false }

  // Each timestamp picks one template by chance: \`view\` 9 times in 10.
  event template {
    pick chance
    template view file "templates/event.json.njk" { chance 90 }
    // An inline template: the text between the quotes, dedented.
    template error """
      {"ts": "{{ timestamp.isoformat() }}", "site": "{{ params.site }}", "event": "error", "status": 500}
    """ { chance 10 }
  }

  // Where events go, and how: \`format json\` checks each one is valid JSON.
  output stdout { format json }
}
`;

const TEMPLATE = `{#- A Nunjucks (Jinja-compatible) template: one JSON event per timestamp.
    It sees the timestamp, params, samples, and module.rand for random values. -#}
{%- set user = samples.users.weighted_pick('weight') -%}
{
  "ts": "{{ timestamp.isoformat() }}",
  "site": "{{ params.site }}",
  "event": "view",
  "user": "{{ user.name }}",
  "country": "{{ user.country }}",
  "path": "{{ module.rand.choice(['/', '/cart', '/product/42', '/checkout']) }}",
  "ms": {{ module.rand.number.integer(5, 250) }}
}
`;

const USERS = `name,country,weight
alice,DE,5
bob,FR,3
carol,US,2
dave,JP,1
`;

/** The files `init` writes, relative to its folder. */
export const STARTER_FILES: Readonly<Record<string, string>> = {
  "scenario.evt": SCENARIO,
  "templates/event.json.njk": TEMPLATE,
  "samples/users.csv": USERS,
};

function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** `eventum init`. */
export const initCommand: Command = {
  name: "init",
  summary: "Write a small, commented starter scenario",
  help: `Usage: eventum init [DIR] [--force]

Writes a starter scenario into DIR (default: the current folder):
${Object.keys(STARTER_FILES).map((f) => `  ${f}`).join("\n")}
commented to show the language, and ready to run with
\`eventum gen DIR/scenario.evt\`. Existing files are never overwritten
unless --force is given.

Options:
  --force     Overwrite files that exist
  -h, --help  Show this help

Exit codes: 0 written, 1 a file exists (or cannot be written), 2 usage error.`,
  // deno-lint-ignore require-await
  async run(args) {
    const { values, positionals } = parse(args, {
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      console.log(this.help);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError("give at most one folder");
    const dir = positionals[0] ?? ".";
    const targets = Object.keys(STARTER_FILES).map((f) => join(dir, f));
    const taken = targets.filter(exists);
    if (taken.length > 0 && !values.force) {
      console.error(
        `eventum init: ${taken.map((t) => `\`${shown(t)}\``).join(", ")} ${
          taken.length === 1 ? "exists" : "exist"
        }; nothing was written\nUse --force to overwrite, or give another folder: eventum init DIR`,
      );
      return 1;
    }
    for (const [name, text] of Object.entries(STARTER_FILES)) {
      const path = join(dir, name);
      Deno.mkdirSync(dirname(path), { recursive: true });
      Deno.writeTextFileSync(path, text);
      console.log(`wrote ${shown(path)}`);
    }
    console.log(`\nRun it with:\n  eventum gen ${shown(join(dir, "scenario.evt"))}`);
    return 0;
  },
};
