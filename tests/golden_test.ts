/**
 * Golden tests of the language: each `tests/golden/<case>/input.evt` with
 * the diagnostics `eventum check` (and, given `grants.txt`, `eventum gen`'s
 * permission check) prints for it, in `expected.txt`. Regenerate with
 * `deno task golden:update` after a deliberate change, and read the diff.
 */
import { equal } from "node:assert/strict";
import { relative } from "node:path";
import { fileURLToPath as fromFileUrl } from "node:url";
import { loadScenario } from "../dsl/load.ts";
import { grantDiagnostics } from "../dsl/grants.ts";
import { formatDiagnostics } from "../dsl/format.ts";
import { type Grants, mergeGrants, parseGrant } from "../engine/permissions.ts";

const root = fromFileUrl(new URL("./golden/", import.meta.url));
const update = Deno.env.get("UPDATE_GOLDEN") === "1";

function readMaybe(path: string): string | undefined {
  try {
    return Deno.readTextFileSync(path);
  } catch {
    return undefined;
  }
}

/** Renders what the CLI prints for a case. */
export function renderCase(dir: string): string {
  const file = relative(Deno.cwd(), `${dir}/input.evt`);
  const loaded = loadScenario(file);
  const diagnostics = [...loaded.diagnostics];
  const grantsText = readMaybe(`${dir}/grants.txt`);
  if (grantsText !== undefined && loaded.graph) {
    let grants: Grants = {};
    for (const arg of grantsText.split(/\s+/).filter(Boolean)) grants = mergeGrants(grants, parseGrant(arg, dir) ?? {});
    diagnostics.push(...grantDiagnostics(loaded, grants));
  }
  return formatDiagnostics(diagnostics, loaded.sources).replaceAll(file, "input.evt");
}

const cases = [...Deno.readDirSync(root)].filter((e) => e.isDirectory).map((e) => e.name).sort();

for (const name of cases) {
  Deno.test(`golden: ${name}`, () => {
    const dir = `${root}${name}`;
    const actual = renderCase(dir);
    const expectedPath = `${dir}/expected.txt`;
    if (update) {
      Deno.writeTextFileSync(expectedPath, actual);
      return;
    }
    const expected = readMaybe(expectedPath);
    if (expected === undefined) throw new Error(`Missing ${expectedPath}: run \`deno task golden:update\``);
    equal(actual, expected);
  });
}
