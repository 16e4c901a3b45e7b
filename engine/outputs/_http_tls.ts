/**
 * The `tls { verify; ca; cert; key }` block shared by the HTTP-based outputs
 * (`http`, `opensearch`, `elasticsearch`, `clickhouse`): its schema, its
 * checks, the files it makes the sandbox read, and loading them.
 *
 * `verify false` cannot be had from `fetch` in Deno 2.9: `Deno.createHttpClient`
 * takes extra CA certificates, a client certificate and a proxy, but has no
 * switch to skip verification (only the process-wide
 * `--unsafely-ignore-certificate-errors` flag does that). So an output with
 * `verify false` sends its HTTPS requests through `node:https` with
 * `rejectUnauthorized: false`, for its own connections only: the traffic is
 * still encrypted, but neither the certificate chain nor the host name is
 * checked, so anyone on the path can pose as the server.
 *
 * @module
 */
import * as v from "valibot";
import { isAbsolute, resolve } from "node:path";
import { bool, str } from "../schema.ts";
import type { Needs } from "../graph.ts";
import type { CheckEnv, OptionProblem } from "../spec.ts";

/** The `tls` block. */
export const tlsSchema = v.pipe(
  v.optional(
    v.object({
      verify: v.pipe(
        v.optional(bool(), true),
        v.description(
          "Check the server's certificate (chain and host name). `false` still encrypts, but accepts any certificate: for test clusters with self-signed certificates only.",
        ),
      ),
      ca: v.pipe(
        v.optional(str()),
        v.description("A PEM file of CA certificates to trust besides the built-in roots (relative to the scenario)."),
      ),
      cert: v.pipe(v.optional(str()), v.description("A PEM client certificate, for servers that ask for one (mTLS).")),
      key: v.pipe(v.optional(str()), v.description("The PEM private key of `cert`.")),
    }),
  ),
  v.description("TLS settings for `https://` addresses."),
);

/** The `tls` options as validated. */
export type TlsOptions = v.InferOutput<typeof tlsSchema>;

/** What an HTTP client needs for TLS, files read. */
export interface TlsMaterial {
  verify: boolean;
  /** Extra CA certificates (PEM). */
  caCerts?: string[];
  /** A client certificate chain and its key (PEM). */
  cert?: string;
  key?: string;
}

const FILES = ["ca", "cert", "key"] as const;

/**
 * Problems with a `tls` block: a certificate without its key (or the
 * reverse), files that do not exist.
 *
 * @param tls The validated block.
 * @param env The check environment.
 * @param at The path of the block in the options.
 */
export function checkTls(tls: TlsOptions, env: CheckEnv, at: (string | number)[] = ["tls"]): OptionProblem[] {
  if (!tls) return [];
  const problems: OptionProblem[] = [];
  if ((tls.cert === undefined) !== (tls.key === undefined)) {
    const given = tls.cert === undefined ? "key" : "cert";
    problems.push({
      path: [...at, given],
      message: `\`${given}\` needs \`${
        given === "cert" ? "key" : "cert"
      }\` too: a client certificate goes with its key`,
    });
  }
  for (const name of FILES) {
    const rel = tls[name];
    if (rel !== undefined && !env.exists(resolve(env.dir, rel))) {
      problems.push({ path: [...at, name], message: `file \`${rel}\` not found`, hint: env.missingFileHint(rel) });
    }
  }
  return problems;
}

/**
 * The files a `tls` block names, resolved against the scenario's folder:
 * the sandbox lets the output read them without asking (as the other
 * network outputs do), since the scenario names them.
 *
 * @param tls The validated block.
 * @param dir The scenario's folder.
 * @returns Read grants, possibly empty.
 * @example
 * ```ts
 * import { tlsGrants } from "./_http_tls.ts";
 * const grants = tlsGrants({ verify: true, ca: "/etc/ssl/ca.pem", cert: "certs/me.pem", key: "certs/me.key" }, "/work");
 * if (JSON.stringify(grants) !== '{"read":["/etc/ssl/ca.pem","/work/certs/me.pem","/work/certs/me.key"]}') {
 *   throw new Error(JSON.stringify(grants));
 * }
 * ```
 */
export function tlsGrants(tls: TlsOptions, dir: string): Needs {
  const read = FILES.map((name) => tls?.[name]).filter((p): p is string => p !== undefined)
    .map((p) => (isAbsolute(p) ? p : resolve(dir, p)));
  return read.length ? { read } : {};
}

/**
 * Reads the files of a `tls` block.
 *
 * @param tls The validated block (undefined: defaults).
 * @param dir The scenario's folder, where relative paths start.
 * @param label How messages name the output.
 */
export async function loadTls(tls: TlsOptions, dir: string, label: string): Promise<TlsMaterial> {
  const read = async (name: (typeof FILES)[number]): Promise<string | undefined> => {
    const rel = tls?.[name];
    if (rel === undefined) return undefined;
    try {
      return await Deno.readTextFile(resolve(dir, rel));
    } catch (e) {
      throw new Error(`Cannot read the TLS ${name} \`${rel}\` of ${label}: ${(e as Error).message}`);
    }
  };
  const [ca, cert, key] = await Promise.all([read("ca"), read("cert"), read("key")]);
  return {
    verify: tls?.verify ?? true,
    ...(ca === undefined ? {} : { caCerts: [ca] }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
  };
}
