/**
 * `output clickhouse { url "http://127.0.0.1:8123"; database "default"; table "events";
 * username; password; input_format JSONEachRow; tls { ... } }`: each batch is one
 * `INSERT INTO db.table FORMAT JSONEachRow` over ClickHouse's HTTP interface,
 * the rows as the request body, credentials in the `X-ClickHouse-User` and
 * `X-ClickHouse-Key` headers.
 *
 * ClickHouse answers an error with its exception text (`Code: 60.
 * DB::Exception: Table default.x does not exist. (UNKNOWN_TABLE)`), the code
 * in `X-ClickHouse-Exception-Code`, and a status that follows the code: 4xx
 * and the codes that cannot pass later (unknown table or column, bad data,
 * access) are not retried; 5xx, 408, 429 and the codes of a busy server
 * (too many parts or queries, memory, timeouts, Keeper) are. When the
 * error names a row (`(at row N)`) that row goes to the dead-letter file and
 * the rest of the batch is sent again: an insert of fewer rows than
 * `max_insert_block_size` (about a million) is all or nothing.
 *
 * @module
 */
import * as v from "valibot";
import { str, text } from "../schema.ts";
import { OutputError, type OutputSpec, type WriteResult } from "../spec.ts";
import { checkTls, loadTls, tlsGrants, tlsSchema } from "./_http_tls.ts";
import { createClient, excerpt, hostPort } from "./_http_client.ts";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

const schema = v.object({
  url: v.pipe(
    v.optional(str(), "http://127.0.0.1:8123"),
    v.description("The HTTP interface: `http://host:8123` or `https://host:8443`."),
  ),
  database: v.pipe(v.optional(str(), "default"), v.description("The database of the table.")),
  table: v.pipe(str(), v.description("The table to insert into.")),
  username: v.pipe(v.optional(text(), "default"), v.description("The ClickHouse user.")),
  password: v.pipe(v.optional(text()), v.description('Its password, such as `secret("clickhouse")`.')),
  input_format: v.pipe(
    v.optional(str(), "JSONEachRow"),
    v.description(
      "ClickHouse's name for the format the rows are in: `JSONEachRow` for the `json` formatter, `CSV` or `TSV` with a `template` formatter. (`format` chooses the formatter, as for every output.)",
    ),
  ),
  tls: tlsSchema,
});

type Options = v.InferOutput<typeof schema>;

/** Exception codes that another try will not fix, whatever the status. */
const PERMANENT = new Set([
  16, // NO_SUCH_COLUMN_IN_TABLE
  27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
  48, // NOT_IMPLEMENTED
  60, // UNKNOWN_TABLE
  62, // SYNTAX_ERROR
  73, // UNKNOWN_FORMAT
  81, // UNKNOWN_DATABASE
  117, // INCORRECT_DATA
  164, // READONLY
  192, // UNKNOWN_USER
  193, // WRONG_PASSWORD
  194, // REQUIRED_PASSWORD
  291, // DATABASE_ACCESS_DENIED
  349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
  497, // ACCESS_DENIED
  516, // AUTHENTICATION_FAILED
]);

/** Exception codes of a busy or recovering server: worth another try, whatever the status. */
const TRANSIENT = new Set([
  159, // TIMEOUT_EXCEEDED
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  203, // NO_FREE_CONNECTION
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY (a replica without Keeper, for a while)
  252, // TOO_MANY_PARTS
  319, // UNKNOWN_STATUS_OF_INSERT
  364, // RECEIVED_ERROR_TOO_MANY_REQUESTS
  425, // SYSTEM_ERROR
  439, // CANNOT_SCHEDULE_TASK
  999, // KEEPER_EXCEPTION
]);

/**
 * Whether a failed insert may pass on another try.
 *
 * @param status The HTTP status.
 * @param code The exception code (`X-ClickHouse-Exception-Code`), if any.
 * @example
 * ```ts
 * import { insertRetryable } from "./clickhouse.ts";
 * if (insertRetryable(404, 60)) throw new Error("unknown table is final");
 * if (!insertRetryable(500, 252)) throw new Error("too many parts passes later");
 * if (!insertRetryable(503, undefined)) throw new Error("503 passes later");
 * ```
 */
export function insertRetryable(status: number, code: number | undefined): boolean {
  if (code !== undefined && PERMANENT.has(code)) return false;
  if (code !== undefined && TRANSIENT.has(code)) return true;
  return status === 408 || status === 429 || status >= 500;
}

/** The exception code of an answer: the header, else `Code: N.` in the text. */
function exceptionCode(headers: Headers, body: string): number | undefined {
  const h = headers.get("x-clickhouse-exception-code");
  const m = h ?? /Code: (\d+)/.exec(body)?.[1];
  return m === undefined || m === null ? undefined : Number(m);
}

/** A JSON record on one line (pretty-printed ones are compacted; others are left for ClickHouse to judge). */
function compact(record: string): string {
  if (!record.includes("\n")) return record;
  try {
    return JSON.stringify(JSON.parse(record));
  } catch {
    return record.replace(/\r?\n/g, " ");
  }
}

/** The `clickhouse` output. */
export const clickhouseOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "clickhouse",
  summary: "Rows inserted into a ClickHouse table over its HTTP interface",
  schema,
  defaultFormat: "json",
  delivery: { batch_size: 10_000, flush: 1_000_000 },
  examples: [
    'output clickhouse { table "events" }',
    'output clickhouse { url "https://ch.example.com:8443"; database "logs"; table "ssh"; username "writer"; password secret("clickhouse") }',
  ],
  access: (o, dir) => {
    const url = URL.parse(o.url);
    return { needs: url ? { net: [hostPort(url)] } : {}, grants: tlsGrants(o.tls, dir) };
  },
  check(o, env) {
    const problems = checkTls(o.tls, env);
    const url = URL.parse(o.url);
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      problems.push({ path: ["url"], message: `\`${o.url}\` is not an http:// or https:// address` });
    }
    for (const key of ["database", "table", "input_format"] as const) {
      if (!IDENT.test(o[key])) {
        problems.push({ path: [key], message: `\`${o[key]}\` is not a plain name (letters, digits and \`_\`)` });
      }
    }
    return problems;
  },
  async create(o: Options, ctx) {
    for (const key of ["database", "table", "input_format"] as const) {
      if (!IDENT.test(o[key])) throw new Error(`The ${key} \`${o[key]}\` of ${ctx.label} is not a plain name`);
    }
    const url = new URL(o.url);
    url.searchParams.set("query", `INSERT INTO ${o.database}.${o.table} FORMAT ${o.input_format}`);
    const client = createClient(await loadTls(o.tls, ctx.dir, ctx.label));
    const headers: Record<string, string> = {
      "content-type": "text/plain; charset=utf-8",
      "x-clickhouse-user": String(o.username),
    };
    if (o.password !== undefined) headers["x-clickhouse-key"] = String(o.password);
    const json = o.input_format.startsWith("JSON");
    let closed = false;
    return {
      async write(batch, signal): Promise<WriteResult | void> {
        if (closed) throw new OutputError(`${ctx.label} is closed`, false);
        // JSONEachRow takes one object per line: compact pretty-printed records.
        const rows = json ? batch.records.map(compact) : batch.records;
        const answer = await client.send(url, { method: "POST", headers, body: rows.join("\n") + "\n", signal });
        if (answer.status === 200) return;
        const code = exceptionCode(answer.headers, answer.body);
        const message = `${o.database}.${o.table}: ${answer.status} ${excerpt(answer.body)}`;
        const row = /\(at row (\d+)\)/.exec(answer.body);
        const bad = row ? Number(row[1]) - 1 : -1;
        if ((code === 27 || code === 117) && bad >= 0 && bad < batch.records.length && batch.records.length > 1) {
          // One bad row: it is dead-lettered, the others (not inserted) go again.
          return {
            failed: batch.records.map((_, i) => ({
              index: i,
              error: i === bad ? message : `the insert failed on row ${bad + 1}; sent again without it`,
              retryable: i !== bad,
            })),
          };
        }
        throw new OutputError(message, insertRetryable(answer.status, code));
      },
      // deno-lint-ignore require-await
      async close() {
        if (closed) return;
        closed = true;
        client.close();
      },
    };
  },
};
