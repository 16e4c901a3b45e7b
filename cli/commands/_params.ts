import { UsageError } from "../_command.ts";

/** Reads repeated `-p NAME=VALUE` arguments. */
export function collectParams(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list ?? []) {
    const i = p.indexOf("=");
    if (i <= 0) throw new UsageError(`expected -p NAME=VALUE, got \`${p}\``);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}
