/**
 * `output postgres { url; password; table; columns [...] | column payload; mode copy|insert; tls { ... } }`:
 * rows into a PostgreSQL table, one statement per batch (`COPY ... FROM
 * STDIN`, or a multi-row `INSERT`), through the `postgres` npm client.
 *
 * With `columns`, each record is a JSON object and each column takes the
 * field of its name (objects and arrays as JSON text, missing fields as
 * NULL; the server converts text to the column's type). With `column`, the
 * whole record goes into that one column (`jsonb`, `json` or `text`).
 *
 * A batch commits as a whole or not at all, so a batch that fails for a
 * reason that may pass (the server is down or restarting, the connection
 * broke, a deadlock) is retried without duplicating rows. The exception is
 * a connection lost after the server committed and before its answer
 * arrived: the retry then writes the batch again (at least once). A batch
 * the server refuses for what is in it (a value of the wrong type, a
 * constraint) is written again row by row, each in its own savepoint, so
 * only the bad rows are dead-lettered, with the server's message; a batch
 * refused for what the scenario says (an unknown table or column, a
 * refused login) is dead-lettered whole, not retried.
 *
 * @module
 */
import * as v from "valibot";
import type { Sql } from "postgres";
import { oneOf, str, strings, text } from "../schema.ts";
import type { OptionProblem, OutputSpec, WriteResult } from "../spec.ts";
import { OutputError } from "../spec.ts";
import { address, loadTls, message, tlsFiles, tlsSchema } from "./_socket.ts";
import { tolerateEnv } from "./_socket_env.ts";

const schema = v.object({
  url: v.pipe(
    str(),
    v.description("The server and database: `postgres://user@host:5432/db` (a password here, or in `password`)."),
  ),
  password: v.pipe(v.optional(text()), v.description('The password, such as `secret("pg")` (over the URL\'s).')),
  table: v.pipe(str(), v.description("The table, optionally with its schema: `public.events`.")),
  columns: v.pipe(
    v.optional(strings()),
    v.description("Columns filled from the JSON record's fields of the same name."),
  ),
  column: v.pipe(v.optional(str()), v.description("One column that takes the whole record (`jsonb`, `json`, `text`).")),
  mode: v.pipe(
    v.optional(oneOf(["copy", "insert"] as const), "copy"),
    v.description("`COPY ... FROM STDIN` (fastest) or multi-row `INSERT`."),
  ),
  tls: v.pipe(v.optional(tlsSchema), v.description("Connect with TLS (`tls {}` for the defaults).")),
});

/** The host and port of a `postgres://` URL; undefined when it is not one. */
function server(url: string): { host: string; port: number } | undefined {
  try {
    const u = new URL(url);
    if (u.protocol !== "postgres:" && u.protocol !== "postgresql:") return undefined;
    return { host: u.hostname.replace(/^\[|\]$/g, "") || "localhost", port: Number(u.port || 5432) };
  } catch {
    return undefined;
  }
}

/** Quotes an identifier, keeping a `schema.` prefix apart: `public.events` → `"public"."events"`. */
export function quoteName(name: string, dotted = false): string {
  const parts = dotted ? name.split(".") : [name];
  return parts.map((p) => `"${p.replaceAll('"', '""')}"`).join(".");
}

/**
 * A value for one column from a record's field: text, or null.
 *
 * @example
 * ```ts
 * import { cell } from "./postgres.ts";
 * if (cell({ a: { b: 1 } }, "a") !== '{"b":1}' || cell({ n: 2 }, "n") !== "2" || cell({}, "x") !== null) {
 *   throw new Error();
 * }
 * ```
 */
export function cell(record: Record<string, unknown>, column: string): string | null {
  const x = record[column];
  if (x === undefined || x === null) return null;
  if (typeof x === "object") return JSON.stringify(x);
  return String(x);
}

/** Escapes a value for COPY's text format. */
function copyText(x: string | null): string {
  if (x === null) return "\\N";
  return x.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

/** SQLSTATE classes worth another try: connection trouble, lack of resources, shutdown, conflicts. */
function retryableCode(code: string | undefined): boolean {
  if (!code) return true;
  if (/^[0-9A-Z]{5}$/.test(code)) {
    return code.startsWith("08") || code.startsWith("53") || code.startsWith("57P") || code === "40001" ||
      code === "40P01" || code === "55P03" || code === "57014" || code === "58000";
  }
  // client-side codes: connection errors are worth another try, misuse is not
  return ![
    "UNDEFINED_VALUE",
    "NOT_TAGGED_CALL",
    "MAX_PARAMETERS_EXCEEDED",
    "NUL_CHARACTER",
    "AUTH_TYPE_NOT_IMPLEMENTED",
  ]
    .includes(code) && !code.startsWith("SASL_") && code !== "TLS_HANDSHAKE_FAILED";
}

/** True for errors about one row's values (data exceptions, constraints): the other rows may pass alone. */
function rowError(code: string | undefined): boolean {
  return !!code && (code.startsWith("22") || code.startsWith("23"));
}

function errorText(e: unknown): string {
  const err = e as { code?: string; detail?: string };
  const detail = err?.detail ? ` (${err.detail})` : "";
  const code = err?.code && /^[0-9A-Z]{5}$/.test(err.code) ? ` [${err.code}]` : "";
  return `${message(e)}${detail}${code}`;
}

const MAX_PARAMS = 65_535;

/** The `postgres` output. */
export const postgresOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "postgres",
  summary: "Rows into a PostgreSQL table, by COPY or multi-row INSERT, one transaction per batch",
  schema,
  defaultFormat: "json",
  delivery: { batch_size: 1000, flush: 200_000 },
  examples: [
    'output postgres { url "postgres://eventum@127.0.0.1:5432/logs"; password secret("pg"); table "events"; ' +
    'columns ["ts", "user", "action"] }',
    'output postgres { url "postgres://eventum@127.0.0.1/logs"; table "raw_events"; column "payload"; mode insert }',
  ],
  check(o) {
    const problems: OptionProblem[] = [];
    if (!server(o.url)) {
      problems.push({ path: ["url"], message: "expected a URL such as `postgres://user@127.0.0.1:5432/db`" });
    }
    if ((o.columns === undefined) === (o.column === undefined)) {
      problems.push({
        path: [o.columns ? "column" : "table"],
        message: o.columns ? "give `columns` or `column`, not both" : "give `columns [...]` or `column NAME`",
        hint: "`columns` takes fields of a JSON record; `column` takes the whole record",
      });
    }
    if (o.columns && o.columns.length === 0) problems.push({ path: ["columns"], message: "needs at least one column" });
    return problems;
  },
  access(o, dir) {
    const s = server(o.url);
    return { needs: s ? { net: [address(s.host, s.port)] } : {}, grants: { read: tlsFiles(o.tls, dir) } };
  },
  async create(o, ctx) {
    tolerateEnv();
    const { default: postgres } = await import("postgres");
    const tls = await loadTls(o.tls, ctx.dir);
    // Values go as the record's text; the server converts them to each
    // column's type. JSON columns too: the client would otherwise encode
    // the text again, as a JSON string.
    const asIs = (x: unknown) => (typeof x === "string" ? x : JSON.stringify(x));
    const sql: Sql = postgres(o.url, {
      max: 1,
      types: {
        json: { to: 114, from: [114], serialize: asIs, parse: JSON.parse },
        jsonb: { to: 3802, from: [3802], serialize: asIs, parse: JSON.parse },
      },
      onnotice: () => {},
      connect_timeout: 10,
      idle_timeout: 60,
      connection: { application_name: "eventum" },
      ...(typeof o.password === "string" ? { password: o.password } : {}),
      ...(tls
        ? {
          ssl: {
            rejectUnauthorized: tls.verify,
            ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
            ...(tls.cert !== undefined ? { cert: tls.cert, key: tls.key } : {}),
          },
        }
        : {}),
    });
    const table = quoteName(o.table, true);
    const columns = o.columns ?? [o.column as string];
    const columnList = columns.map((c) => quoteName(c)).join(", ");
    let closed = false;

    /** Each record's row: its cells, or an error when the record is not a JSON object. */
    const rows = (records: string[]): (string | null)[][] =>
      records.map((r) => {
        if (o.column !== undefined) return [r];
        let parsed: unknown;
        try {
          parsed = JSON.parse(r);
        } catch {
          throw new OutputError("A record is not JSON: `columns` needs JSON objects", false);
        }
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
          throw new OutputError("A record is not a JSON object: `columns` needs JSON objects", false);
        }
        return columns.map((c) => cell(parsed as Record<string, unknown>, c));
      });

    const insert = async (q: Sql, data: (string | null)[][], signal: AbortSignal) => {
      const per = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
      for (let from = 0; from < data.length; from += per) {
        const chunk = data.slice(from, from + per);
        const params: (string | null)[] = [];
        const values = chunk.map((row) => `(${row.map((x) => (params.push(x), `$${params.length}`)).join(", ")})`);
        await q.unsafe(`insert into ${table} (${columnList}) values ${values.join(", ")}`, params).signal(signal);
      }
    };

    const copy = async (data: (string | null)[][], signal: AbortSignal) => {
      const query = sql.unsafe(`copy ${table} (${columnList}) from stdin`);
      // A write that timed out is cancelled on the server, so it rolls back
      // and its retry cannot store the rows twice.
      const abort = () => query.cancel();
      signal.addEventListener("abort", abort, { once: true });
      try {
        const stream = await query.writable();
        const done = new Promise<void>((ok, fail) => {
          stream.once("finish", ok);
          stream.once("error", fail);
        });
        stream.end(data.map((row) => row.map(copyText).join("\t")).join("\n") + "\n");
        await Promise.all([done, query]);
      } finally {
        signal.removeEventListener("abort", abort);
      }
    };

    /** Writes rows one by one in savepoints after a batch was refused for its data: only bad rows fail. */
    const oneByOne = async (data: (string | null)[][], signal: AbortSignal): Promise<WriteResult> => {
      const failed: NonNullable<WriteResult["failed"]> = [];
      await sql.begin(async (tx) => {
        for (const [index, row] of data.entries()) {
          try {
            await tx.savepoint((sp) => insert(sp as unknown as Sql, [row], signal));
          } catch (e) {
            const code = (e as { code?: string }).code;
            if (!rowError(code)) throw e;
            failed.push({ index, error: errorText(e), retryable: false });
          }
        }
      });
      return failed.length ? { failed } : {};
    };

    return {
      async write(batch, signal) {
        if (closed) throw new OutputError("The PostgreSQL output is closed", false);
        if (batch.records.length === 0) return {};
        const data = rows(batch.records);
        try {
          if (o.mode === "copy") await copy(data, signal);
          else if (data.length * columns.length <= MAX_PARAMS) await insert(sql, data, signal);
          else await sql.begin((tx) => insert(tx as unknown as Sql, data, signal));
        } catch (e) {
          if (e instanceof OutputError) throw e;
          const code = (e as { code?: string }).code;
          if (rowError(code) && data.length > 1) {
            try {
              return await oneByOne(data, signal);
            } catch (again) {
              const c = (again as { code?: string }).code;
              throw new OutputError(`PostgreSQL: ${errorText(again)}`, retryableCode(c));
            }
          }
          throw new OutputError(`PostgreSQL: ${errorText(e)}`, retryableCode(code) && !rowError(code));
        }
        return {};
      },
      async close() {
        if (closed) return;
        closed = true;
        await sql.end({ timeout: 5 });
      },
    };
  },
};
