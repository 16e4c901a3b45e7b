/**
 * A local stand-in for the ClickHouse HTTP interface's INSERT, for tests:
 * NOT a real ClickHouse (it cannot be installed here). It implements what
 * the `clickhouse` output uses, as ClickHouse documents it:
 *
 * - `POST /?query=INSERT INTO [db.]table FORMAT <format>` with the rows as
 *   the body; the database comes from the query, else the `database`
 *   parameter or `X-ClickHouse-Database` header, else `default`.
 * - Credentials from `X-ClickHouse-User` / `X-ClickHouse-Key`, the `user` /
 *   `password` parameters, or Basic authentication; user `default` with an
 *   empty password when none are given.
 * - Success: 200 with an empty body and an `X-ClickHouse-Summary` header.
 *   Failure: the exception text (`Code: 60. DB::Exception: Table
 *   default.x does not exist. (UNKNOWN_TABLE) (version ...)`), the
 *   `X-ClickHouse-Exception-Code` header, and the status ClickHouse maps
 *   the code to (`exceptionCodeToHTTPStatus`: 400 parse errors, 403
 *   authentication, 404 unknown table or database, 500 otherwise).
 * - `JSONEachRow` rows are parsed: a row that is not a JSON object, or
 *   (when the table lists its columns) has an unknown field, fails the
 *   whole insert with `(at row N)`, and nothing is inserted. Rows of other
 *   formats are kept as text lines.
 *
 * Faults: everything {@link TestServer} does.
 *
 * @module
 */
import { type Reply, type Request, type ServerOptions, TestServer } from "./_http1.ts";

/** Options of {@link ClickHouseServer}. */
export interface ClickHouseOptions extends ServerOptions {
  /** Accepted users and passwords; default: `default` with no password. */
  users?: Record<string, string>;
  /** Tables as `db.table`, each with its columns (empty: any field). Default: `default.events`. */
  tables?: Record<string, string[]>;
}

const VERSION = "(version 24.8.1.1 (local test server))";

/** A local ClickHouse HTTP endpoint on 127.0.0.1 that keeps the rows inserted. */
export class ClickHouseServer extends TestServer {
  /** Rows by `db.table`: parsed objects for JSONEachRow, text lines otherwise. */
  readonly rows = new Map<string, unknown[]>();
  /** Every INSERT query text received, in order. */
  readonly queries: string[] = [];
  /** The user of every request, in order. */
  readonly users: string[] = [];
  #users: Record<string, string>;
  #tables: Record<string, string[]>;

  constructor(options: ClickHouseOptions = {}) {
    super((r) => this.#handle(r), options);
    this.#users = options.users ?? { default: "" };
    this.#tables = options.tables ?? { "default.events": [] };
    for (const t of Object.keys(this.#tables)) this.rows.set(t, []);
  }

  /** The rows of a table (`db.table`). */
  table(name: string): unknown[] {
    return this.rows.get(name) ?? [];
  }

  #handle(r: Request): Reply {
    const fail = (code: number, name: string, status: number, message: string): Reply => ({
      status,
      headers: { "x-clickhouse-exception-code": String(code), "content-type": "text/plain; charset=UTF-8" },
      body: `Code: ${code}. DB::Exception: ${message}. (${name}) ${VERSION}\n`,
    });
    if (r.url.pathname === "/ping" && r.method === "GET") return { status: 200, body: "Ok.\n" };
    if (r.url.pathname !== "/") return fail(1, "UNSUPPORTED_METHOD", 404, `There is no handle ${r.url.pathname}`);
    const basic = /^Basic (.+)$/i.exec(r.headers.get("authorization") ?? "");
    const [bUser, ...bPass] = basic ? atob(basic[1] as string).split(":") : [];
    const user = r.headers.get("x-clickhouse-user") ?? r.url.searchParams.get("user") ?? bUser ?? "default";
    const key = r.headers.get("x-clickhouse-key") ?? r.url.searchParams.get("password") ?? bPass.join(":") ?? "";
    this.users.push(user);
    if (this.#users[user] !== key) {
      return fail(
        516,
        "AUTHENTICATION_FAILED",
        403,
        `${user}: Authentication failed: password is incorrect, or there is no user with such name`,
      );
    }
    const query = r.url.searchParams.get("query") ?? "";
    if (r.method !== "POST") {
      return fail(
        164,
        "READONLY",
        400,
        "Cannot execute query in readonly mode. For queries over HTTP, method GET implies readonly",
      );
    }
    this.queries.push(query);
    const m = /^\s*INSERT\s+INTO\s+(?:`?(\w+)`?\.)?`?(\w+)`?\s*(?:\([^)]*\)\s*)?FORMAT\s+(\w+)\s*$/i.exec(query);
    if (!m) {
      return fail(
        62,
        "SYNTAX_ERROR",
        400,
        `Syntax error: failed at position 1 (${JSON.stringify(query.slice(0, 40))})`,
      );
    }
    const db = m[1] ?? r.url.searchParams.get("database") ?? r.headers.get("x-clickhouse-database") ?? "default";
    const table = `${db}.${m[2]}`;
    const format = m[3] as string;
    if (!Object.keys(this.#tables).some((t) => t.startsWith(`${db}.`))) {
      return fail(81, "UNKNOWN_DATABASE", 404, `Database ${db} does not exist`);
    }
    const columns = this.#tables[table];
    if (!columns) return fail(60, "UNKNOWN_TABLE", 404, `Table ${table} does not exist`);
    const lines = r.text().split("\n").filter((l) => l.trim() !== "");
    const parsed: unknown[] = [];
    if (format === "JSONEachRow") {
      for (const [i, line] of lines.entries()) {
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch {
          row = undefined;
        }
        if (typeof row !== "object" || row === null || Array.isArray(row)) {
          return fail(
            27,
            "CANNOT_PARSE_INPUT_ASSERTION_FAILED",
            400,
            `Cannot parse input: expected '{' before: ${JSON.stringify(line.slice(0, 30))}: (at row ${i + 1})\n` +
              ": While executing ParallelParsingBlockInputFormat",
          );
        }
        const unknown = columns.length ? Object.keys(row).find((k) => !columns.includes(k)) : undefined;
        if (unknown !== undefined) {
          return fail(
            117,
            "INCORRECT_DATA",
            400,
            `Unknown field found while parsing JSONEachRow format: ${unknown}: (at row ${i + 1})\n` +
              ": While executing ParallelParsingBlockInputFormat",
          );
        }
        parsed.push(row);
      }
    } else if (!["CSV", "TSV", "TabSeparated", "JSONCompactEachRow", "CSVWithNames"].includes(format)) {
      return fail(73, "UNKNOWN_FORMAT", 404, `Unknown input format ${format}`);
    } else parsed.push(...lines);
    this.rows.get(table)?.push(...parsed);
    const bytes = r.body.length;
    return {
      status: 200,
      headers: {
        "x-clickhouse-summary": JSON.stringify({
          read_rows: "0",
          read_bytes: "0",
          written_rows: String(parsed.length),
          written_bytes: String(bytes),
          total_rows_to_read: "0",
          result_rows: String(parsed.length),
          result_bytes: String(bytes),
        }),
      },
      body: "",
    };
  }
}
