/**
 * The docs keep up with the code: every diagnostic code is documented, and
 * every document the README links to exists.
 */
import { deepEqual } from "node:assert/strict";
import { CODES } from "../dsl/diagnostics.ts";
import { ROOT } from "./_cli.ts";

Deno.test("every diagnostic code is in docs/diagnostics.md", () => {
  const doc = Deno.readTextFileSync(`${ROOT}docs/diagnostics.md`);
  deepEqual(Object.keys(CODES).filter((code) => !doc.includes(`| ${code} |`)), []);
});

Deno.test("every document the README links to exists", () => {
  const readme = Deno.readTextFileSync(`${ROOT}README.md`);
  const links = [...readme.matchAll(/\]\(((?:docs|samples)\/[^)#]+)\)/g)].map((m) => m[1] as string);
  deepEqual(links.filter((l) => !exists(`${ROOT}${l}`)), []);
});

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}
