/**
 * `docs/cli.md` is the commands' own `--help`, regenerated.
 */
import { equal } from "node:assert/strict";
import { cliReference } from "../tools/cli_doc.ts";
import { ROOT } from "./_cli.ts";

Deno.test("docs/cli.md is up to date with every command's --help", async () => {
  const doc = Deno.readTextFileSync(`${ROOT}docs/cli.md`);
  equal(doc, await cliReference(), "docs/cli.md is stale: run deno task docs:cli");
});
