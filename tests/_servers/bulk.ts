/**
 * A local stand-in for the OpenSearch / Elasticsearch `_bulk` API, for
 * tests: NOT a real OpenSearch or Elasticsearch (neither can be installed
 * here). It implements what the `opensearch` and `elasticsearch` outputs
 * use, as the APIs document it:
 *
 * - `POST /_bulk` and `POST /<index>/_bulk`, NDJSON body (`Content-Type:
 *   application/json` or `application/x-ndjson`; others get 406), ending
 *   with a newline (else 400 `illegal_argument_exception`); `index` and
 *   `create` actions with `_index` and `_id` (an `_id` is generated when
 *   absent); the `pipeline` query parameter is recorded with each document.
 * - Response `{"took", "errors", "items": [{"index": {"_index", "_id",
 *   "_version", "result", "_shards", "_seq_no", "_primary_term", "status"}}]}`;
 *   a failed item has `"status"` and `"error": {"type", "reason"}`
 *   instead of `"result"`. Indexing an `_id` that exists replaces the document
 *   (`"result": "updated"`, status 200); `create` on it fails with 409.
 * - Basic authentication when users are given (401 with a
 *   `security_exception` body otherwise).
 *
 * Faults: everything {@link TestServer} does, plus per-document answers
 * ({@link BulkServer.itemFault}) for partial failures.
 *
 * @module
 */
import { type Reply, type Request, type ServerOptions, TestServer } from "./_http1.ts";

/** A stored document. */
export interface Doc {
  index: string;
  id: string;
  source: unknown;
  /** The `pipeline` query parameter of the request that stored it. */
  pipeline?: string;
}

/**
 * Decides a document's fate before it is stored: a status of 429, 4xx or
 * 5xx fails the item with a matching error; undefined stores it. `seen` is
 * how many times this exact document line arrived before (0 the first time).
 */
export type ItemFault = (source: unknown, seen: number) => number | undefined;

/** Options of {@link BulkServer}. */
export interface BulkOptions extends ServerOptions {
  /** Accepted `username: password` pairs; none: no authentication. */
  users?: Record<string, string>;
}

const ERRORS: Record<number, { type: string; reason: string }> = {
  400: { type: "mapper_parsing_exception", reason: "failed to parse field [seq] of type [long] in document" },
  409: { type: "version_conflict_engine_exception", reason: "document already exists" },
  429: {
    type: "es_rejected_execution_exception",
    reason:
      "rejected execution of coordinating operation [coordinating_and_primary_bytes=0, max_coordinating_and_primary_bytes=0]",
  },
  500: { type: "exception", reason: "internal error" },
  503: { type: "unavailable_shards_exception", reason: "primary shard is not active" },
};

function errorBody(status: number, type: string, reason: string): string {
  return JSON.stringify({ error: { root_cause: [{ type, reason }], type, reason }, status });
}

/** A local `_bulk` endpoint on 127.0.0.1 that keeps what it indexed. */
export class BulkServer extends TestServer {
  /** Documents stored, in the order they were first indexed. */
  readonly docs: Doc[] = [];
  /** Per-document failures for partial-failure tests. */
  itemFault: ItemFault | undefined;
  /** Authorization headers of every bulk request, in order. */
  readonly authorizations: (string | null)[] = [];
  #byId = new Map<string, Doc>();
  #lines = new Map<string, number>();
  #users: Record<string, string> | undefined;
  #ids = 0;
  #seqNo = 0;

  constructor(options: BulkOptions = {}) {
    super((r) => this.#handle(r), options);
    this.#users = options.users;
  }

  /** The stored documents' sources. */
  get sources(): unknown[] {
    return this.docs.map((d) => d.source);
  }

  #handle(r: Request): Reply {
    const json = (status: number, body: unknown): Reply => ({
      status,
      headers: { "content-type": "application/json; charset=UTF-8" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const path = r.url.pathname;
    const m = /^\/(?:([^/_][^/]*)\/)?_bulk$/.exec(path);
    if (!m || (r.method !== "POST" && r.method !== "PUT")) {
      return json(400, { error: `no handler found for uri [${path}] and method [${r.method}]` });
    }
    this.authorizations.push(r.headers.get("authorization"));
    if (this.#users && !this.#authorized(r.headers.get("authorization"))) {
      const reason = `unable to authenticate user for REST request [${path}]`;
      return {
        ...json(401, errorBody(401, "security_exception", reason)),
        headers: {
          "content-type": "application/json; charset=UTF-8",
          "www-authenticate": 'Basic realm="security" charset="UTF-8"',
        },
      };
    }
    const type = (r.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/json" && type !== "application/x-ndjson") {
      return json(406, { error: `Content-Type header [${type}] is not supported`, status: 406 });
    }
    const text = r.text();
    if (!text.endsWith("\n")) {
      const reason = "The bulk request must be terminated by a newline [\\n]";
      return json(400, errorBody(400, "illegal_argument_exception", reason));
    }
    const lines = text.split("\n");
    lines.pop();
    const pipeline = r.url.searchParams.get("pipeline") ?? undefined;
    const items: unknown[] = [];
    let errors = false;
    for (let i = 0; i < lines.length; i += 2) {
      let action: Record<string, { _index?: string; _id?: string }>;
      try {
        action = JSON.parse(lines[i] as string);
      } catch {
        return json(400, errorBody(400, "illegal_argument_exception", `Malformed action/metadata line [${i + 1}]`));
      }
      const op = Object.keys(action)[0] as string;
      const meta = action[op] ?? {};
      if (op !== "index" && op !== "create") {
        const reason = `Malformed action/metadata line [${i + 1}], expected one of [create, index] but found [${op}]`;
        return json(400, errorBody(400, "illegal_argument_exception", reason));
      }
      const index = meta._index ?? m[1];
      if (index === undefined) {
        return json(
          400,
          errorBody(400, "action_request_validation_exception", "Validation Failed: 1: index is missing;"),
        );
      }
      const line = lines[i + 1];
      if (line === undefined) {
        return json(
          400,
          errorBody(400, "illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]"),
        );
      }
      // How often this document came before, for faults that pass on a retry (kept only when faults are set).
      const seen = this.itemFault ? this.#lines.get(line) ?? 0 : 0;
      if (this.itemFault) this.#lines.set(line, seen + 1);
      const id = meta._id ?? `gen-${(++this.#ids).toString(36).padStart(8, "0")}`;
      let source: unknown;
      let status: number | undefined;
      try {
        source = JSON.parse(line);
        if (typeof source !== "object" || source === null || Array.isArray(source)) status = 400;
      } catch {
        status = 400;
      }
      status ??= this.itemFault?.(source, seen);
      const key = `${index}\0${id}`;
      const existing = this.#byId.get(key);
      if (status === undefined && op === "create" && existing) status = 409;
      if (status !== undefined && status >= 300) {
        errors = true;
        items.push({ [op]: { _index: index, _id: id, status, error: ERRORS[status] ?? ERRORS[500] } });
        continue;
      }
      const doc: Doc = { index, id, source, ...(pipeline === undefined ? {} : { pipeline }) };
      if (existing) Object.assign(existing, doc);
      else {
        this.docs.push(doc);
        this.#byId.set(key, doc);
      }
      items.push({
        [op]: {
          _index: index,
          _id: id,
          _version: 1,
          result: existing ? "updated" : "created",
          _shards: { total: 2, successful: 1, failed: 0 },
          _seq_no: this.#seqNo++,
          _primary_term: 1,
          status: existing ? 200 : 201,
        },
      });
    }
    return json(200, { took: 1, errors, items });
  }

  #authorized(header: string | null): boolean {
    const m = /^Basic (.+)$/i.exec(header ?? "");
    if (!m) return false;
    const [user, ...rest] = atob(m[1] as string).split(":");
    return this.#users?.[user as string] === rest.join(":");
  }
}
