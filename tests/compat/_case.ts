/**
 * What a compatibility case's `case.json` says (see compat_test.ts), and how
 * its sample declarations become sample specs.
 *
 * @module
 */
import { join } from "node:path";
import type { SampleSpec } from "../../engine/events/template/samples.ts";

/** A sample as a case declares it. */
export type SampleDecl =
  | { items: unknown[] }
  | { csv: string; header?: boolean; delimiter?: string; quote?: string }
  | { json: string };

/** What a case's `case.json` says. */
export interface CaseSpec {
  description: string;
  /** Where the template's style comes from (docs page or content pack). */
  source?: string;
  /** The templates rendered in turn for each timestamp (default `["template.jinja"]`). */
  templates?: string[];
  /** How many timestamps to render (default 1). */
  renders?: number;
  /** The first timestamp, ISO 8601 with an offset. */
  timestamp: string;
  /** Seconds between timestamps (default 60). */
  step?: number;
  timezone?: string;
  params?: Record<string, unknown>;
  vars?: Record<string, unknown>;
  samples?: Record<string, SampleDecl>;
  shared?: Record<string, unknown>;
  globals?: Record<string, unknown>;
  seed?: number;
  /** Checked against Jinja2 itself (nothing random in it). */
  jinja?: boolean;
}

/** Reads `dir/case.json`. */
export function readCase(dir: string): CaseSpec {
  return JSON.parse(Deno.readTextFileSync(join(dir, "case.json"))) as CaseSpec;
}

/** The sample spec a declaration in case directory `dir` stands for. */
export function sampleSpec(dir: string, decl: SampleDecl): SampleSpec {
  if ("items" in decl) return { kind: "items", items: decl.items };
  if ("json" in decl) return { kind: "json", path: join(dir, decl.json) };
  const { csv, ...rest } = decl;
  return { kind: "csv", path: join(dir, csv), ...rest };
}
