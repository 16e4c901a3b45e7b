/**
 * The permission check before a run: needs that the grants do not cover,
 * as diagnostics pointing at the `permissions` block.
 *
 * @module
 */
import { diag, type Diagnostic } from "./diagnostics.ts";
import type { Loaded } from "./load.ts";
import { describeMissing, type Grants, missingGrants } from "../engine/permissions.ts";

/**
 * Lists what a loaded scenario needs and was not granted.
 *
 * @param loaded A scenario that loaded without errors.
 * @param grants The command line's grants.
 * @returns One `EVT3001` error per missing grant, naming the flag to add.
 */
export function grantDiagnostics(loaded: Loaded, grants: Grants): Diagnostic[] {
  if (!loaded.graph) return [];
  return missingGrants(loaded.graph, grants).map((m) =>
    diag("EVT3001", [describeMissing(m)], {
      span: loaded.needSpans.get(`${m.generator}\0${m.kind}\0${m.value}`),
      hint: `add ${m.flag}`,
    })
  );
}
