/**
 * Grants from the command line, in Deno's own shape (`--allow-run=whoami`,
 * `--allow-net=127.0.0.1:9200`, `-A`), checked against what a scenario needs
 * and turned into the permissions of the engine Worker.
 *
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import type { Graph, Needs } from "./graph.ts";

/** The kinds of access a scenario can be granted. */
export const KINDS = ["run", "net", "read", "write", "env"] as const;
/** One kind of access. */
export type Kind = typeof KINDS[number];

/** What the user granted: `true` for all of a kind, or a list. */
export type Grants = Partial<Record<Kind, true | string[]>>;

/**
 * Reads one command-line argument if it is a grant.
 *
 * @param arg Such as `--allow-run=whoami,id`, `--allow-net` or `-A`.
 * @param cwd Relative read/write paths resolve against it.
 * @returns The grant, or undefined when `arg` is not one.
 * @example
 * ```ts
 * import { parseGrant } from "./permissions.ts";
 * const g = parseGrant("--allow-run=whoami", "/");
 * if (JSON.stringify(g) !== '{"run":["whoami"]}') throw new Error();
 * ```
 */
export function parseGrant(arg: string, cwd: string): Grants | undefined {
  if (arg === "-A" || arg === "--allow-all") return Object.fromEntries(KINDS.map((k) => [k, true]));
  const m = /^--allow-(run|net|read|write|env)(?:=(.*))?$/.exec(arg);
  if (!m) return undefined;
  const kind = m[1] as Kind;
  if (m[2] === undefined) return { [kind]: true };
  const list = m[2].split(",").map((s) => s.trim()).filter(Boolean)
    .map((s) => (kind === "read" || kind === "write") && !isAbsolute(s) ? resolve(cwd, s) : s);
  return { [kind]: list };
}

/** Combines grants. */
export function mergeGrants(a: Grants, b: Grants): Grants {
  const out: Grants = { ...a };
  for (const k of KINDS) {
    const x = a[k], y = b[k];
    if (x === true || y === true) out[k] = true;
    else if (x || y) out[k] = [...new Set([...(x ?? []), ...(y ?? [])])];
  }
  return out;
}

function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith("/") ? dir : dir + "/");
}

/** True when `need` of kind `kind` is covered by `granted`. */
export function covers(kind: Kind, granted: true | string[] | undefined, need: string): boolean {
  if (granted === true) return true;
  if (!granted) return false;
  return granted.some((g) => {
    switch (kind) {
      case "read":
      case "write":
        return inside(need, g);
      case "net": {
        if (g === need) return true;
        // A host without a port covers every port of that host.
        const host = need.replace(/:\d+$/, "");
        return g === host;
      }
      case "env":
        return g === need || (g.endsWith("*") && need.startsWith(g.slice(0, -1)));
      default:
        return g === need || g === need.split("/").pop();
    }
  });
}

/** A need that the grants do not cover. */
export interface Missing {
  generator: string;
  kind: Kind;
  value: string;
  /** The flag that grants it. */
  flag: string;
}

/** Lists the needs of every generator that the grants do not cover. */
export function missingGrants(graph: Graph, grants: Grants): Missing[] {
  const out: Missing[] = [];
  for (const g of graph.generators) {
    for (const k of KINDS) {
      for (const need of g.needs[k] ?? []) {
        if (!covers(k, grants[k], need)) {
          out.push({ generator: g.name, kind: k, value: need, flag: `--allow-${k}=${need}` });
        }
      }
    }
  }
  return out;
}

/** Explains a missing grant in one sentence. */
export function describeMissing(m: Missing): string {
  const what: Record<Kind, string> = {
    run: `to run \`${m.value}\``,
    net: `network access to \`${m.value}\``,
    read: `to read \`${m.value}\``,
    write: `to write \`${m.value}\``,
    env: `the environment variable \`${m.value}\``,
  };
  return `generator \`${m.generator}\` needs ${what[m.kind]}: grant it with ${m.flag}`;
}

/**
 * The permissions of the engine Worker: exactly the grants, plus what the
 * scenario gets without asking (reading its folder, writing its output files).
 */
export function workerPermissions(graph: Graph, grants: Grants): Deno.PermissionOptionsObject {
  const implicit: Needs = {};
  for (const g of graph.generators) {
    for (const k of KINDS) (implicit[k] ??= []).push(...(g.grants[k] ?? []));
  }
  const perm = (k: Kind): true | string[] | false => {
    const g = grants[k];
    if (g === true) return true;
    const list = [...new Set([...(g ?? []), ...(implicit[k] ?? [])])];
    return list.length ? list : false;
  };
  return {
    run: perm("run"),
    net: perm("net"),
    read: perm("read"),
    write: perm("write"),
    env: perm("env"),
    sys: false,
    ffi: false,
    import: false,
  };
}
