/**
 * `output opensearch { hosts [...]; index "logs-{{ timestamp.strftime('%Y.%m.%d') }}";
 * username; password; api_key; id; pipeline; tls { ... } }` (and `elasticsearch`, the
 * same): events indexed through the `_bulk` API, one request per batch.
 *
 * Each batch goes to the next host in turn; when a host cannot be reached,
 * the same batch goes to the next one. The answer is read item by item:
 * items refused with 429 or 5xx are retried, others (a mapping error, 400)
 * go to the dead-letter file, each under its own record. A 429 or 5xx for
 * the whole request retries the batch; other statuses (401, 403, 413...)
 * do not. Records must be JSON objects (the default `json` format).
 *
 * Without `id`, a batch that is retried after the server indexed it (its
 * answer lost to a timeout or a broken connection) is indexed twice; with
 * `id "{{ event.id }}"` the retry overwrites the same documents.
 *
 * @module
 */
import * as v from "valibot";
import { str, strings, text } from "../schema.ts";
import { OutputError, type OutputSpec, type WriteResult } from "../spec.ts";
import { checkTls, loadTls, tlsGrants, tlsSchema } from "./_http_tls.ts";
import { basicAuth, ConnectionError, createClient, excerpt, hostPort } from "./_http_client.ts";

const schema = v.object({
  hosts: v.pipe(
    v.optional(v.pipe(strings(), v.minLength(1)), ["http://127.0.0.1:9200"]),
    v.description(
      "The nodes to send to, each `http(s)://host:port`: batches take turns, and skip a node that is down.",
    ),
  ),
  index: v.pipe(
    str(),
    v.description(
      "The index, per event: a template over `timestamp` and `event`, such as `logs-{{ timestamp.strftime('%Y.%m.%d') }}`.",
    ),
  ),
  id: v.pipe(
    v.optional(str()),
    v.description(
      "The document `_id`, per event (a template, such as `{{ event.id }}`); a retried batch then replaces what it indexed instead of adding it twice.",
    ),
  ),
  username: v.pipe(v.optional(text()), v.description("The user for Basic authentication.")),
  password: v.pipe(v.optional(text()), v.description('Its password, such as `env("OS_PASSWORD")`.')),
  api_key: v.pipe(
    v.optional(text()),
    v.description('An API key sent as `Authorization: ApiKey ...` (instead of a user), such as `secret("es")`.'),
  ),
  pipeline: v.pipe(v.optional(str()), v.description("The ingest pipeline to run on each document.")),
  tls: tlsSchema,
});

type Options = v.InferOutput<typeof schema>;

/** One item of a `_bulk` answer. */
interface BulkItem {
  status?: number;
  error?: { type?: string; reason?: string } | string;
}

function parseHost(host: string): URL | undefined {
  try {
    const u = new URL(host);
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
    return u;
  } catch {
    return undefined;
  }
}

/** `https://h:9200/prefix/` + `_bulk?pipeline=p`. */
function bulkUrl(host: URL, pipeline: string | undefined): URL {
  const url = new URL(host);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/_bulk`;
  url.search = "";
  if (pipeline !== undefined) url.searchParams.set("pipeline", pipeline);
  return url;
}

function reasonOf(item: BulkItem): string {
  const e = item.error;
  if (typeof e === "string") return e;
  return [e?.type, e?.reason].filter(Boolean).join(": ") || `status ${item.status}`;
}

/** The error message of a whole-request failure: the `error.reason` of a JSON body, else its start. */
function requestError(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { type?: string; reason?: string } | string };
    if (typeof j.error === "string") return excerpt(j.error);
    if (j.error?.reason) return excerpt([j.error.type, j.error.reason].filter(Boolean).join(": "));
  } catch {
    // not JSON
  }
  return excerpt(body);
}

/**
 * True when a `_bulk` answer says `"errors": false`, read from the fields
 * before `"items"` without parsing the items (the common case, and most of
 * the answer's size).
 *
 * @example
 * ```ts
 * import { allIndexed } from "./opensearch.ts";
 * if (!allIndexed('{"took":3,"errors":false,"items":[{"index":{"status":201}}]}')) throw new Error();
 * if (allIndexed('{"took":3,"errors":true,"items":[{"index":{"status":429}}]}')) throw new Error();
 * if (allIndexed('{"items":[{"index":{"errors":false}}],"errors":true}')) throw new Error();
 * ```
 */
export function allIndexed(body: string): boolean {
  const items = body.indexOf('"items"');
  const head = items < 0 ? body : body.slice(0, items);
  return /"errors"\s*:\s*false/.test(head);
}

/** A record as one NDJSON line: JSON objects only; pretty-printed ones are compacted. */
function documentLine(record: string): string | undefined {
  const t = record.trimStart();
  if (t[0] !== "{") return undefined;
  if (!record.includes("\n") && !record.includes("\r")) return record;
  try {
    return JSON.stringify(JSON.parse(record));
  } catch {
    return undefined;
  }
}

/**
 * Remembers a template's last result: events in a row often share a
 * timestamp, and an index that depends on the timestamp alone is then
 * rendered once for them.
 */
function lastValue(
  render: (record: string, timestamp: number) => string,
  timeOnly: boolean,
): (record: string, timestamp: number) => string {
  if (!timeOnly) return render;
  let at = NaN;
  let value = "";
  return (record, timestamp) => {
    if (timestamp !== at) {
      value = render(record, timestamp);
      at = timestamp;
    }
    return value;
  };
}

/** The `opensearch` output. */
export const opensearchOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "opensearch",
  summary: "Events indexed in OpenSearch through the _bulk API",
  schema,
  defaultFormat: "json",
  delivery: { batch_size: 1000, flush: 1_000_000 },
  examples: [
    'output opensearch { hosts ["https://127.0.0.1:9200"]; index "logs-{{ timestamp.strftime(\'%Y.%m.%d\') }}"; username "admin"; password env("OS_PASSWORD"); tls { ca "certs/root-ca.pem" } }',
    'output opensearch { hosts ["http://10.0.0.1:9200", "http://10.0.0.2:9200"]; index "events"; id "{{ event.id }}"; pipeline "geoip" }',
  ],
  access: (o, dir) => {
    const net = o.hosts.map(parseHost).filter((u): u is URL => u !== undefined).map(hostPort);
    return { needs: { net: [...new Set(net)] }, grants: tlsGrants(o.tls, dir) };
  },
  check(o, env) {
    const problems = checkTls(o.tls, env);
    o.hosts.forEach((h, i) => {
      if (!parseHost(h)) {
        problems.push({ path: ["hosts", i], message: `\`${h}\` is not an http:// or https:// address` });
      }
    });
    if (o.api_key !== undefined && (o.username !== undefined || o.password !== undefined)) {
      problems.push({
        path: ["api_key"],
        message: "`api_key` replaces `username` and `password`: give one or the other",
      });
    }
    if ((o.username === undefined) !== (o.password === undefined)) {
      const given = o.username === undefined ? "password" : "username";
      problems.push({
        path: [given],
        message: `\`${given}\` needs \`${given === "username" ? "password" : "username"}\` too`,
      });
    }
    return problems;
  },
  async create(o: Options, ctx) {
    const hosts = o.hosts.map((h) => {
      const u = parseHost(h);
      if (!u) throw new Error(`The host \`${h}\` of ${ctx.label} is not an http:// or https:// address`);
      return bulkUrl(u, o.pipeline);
    });
    const client = createClient(await loadTls(o.tls, ctx.dir, ctx.label));
    const index = lastValue(ctx.compile(o.index), !/\bevent\b/.test(o.index));
    const id = o.id === undefined ? undefined : ctx.compile(o.id);
    const headers: Record<string, string> = { "content-type": "application/x-ndjson" };
    if (o.api_key !== undefined) headers.authorization = `ApiKey ${String(o.api_key)}`;
    else if (o.username !== undefined) headers.authorization = basicAuth(String(o.username), String(o.password ?? ""));
    let turn = 0;
    let closed = false;
    return {
      async write(batch, signal): Promise<WriteResult | void> {
        if (closed) throw new OutputError(`${ctx.label} is closed`, false);
        const failed: NonNullable<WriteResult["failed"]> = [];
        // Which record each action is, for reading the answer's items.
        const sent: number[] = [];
        let body = "";
        for (let i = 0; i < batch.records.length; i++) {
          const record = batch.records[i] as string;
          const doc = documentLine(record);
          if (doc === undefined) {
            failed.push({ index: i, error: "the record is not a JSON object (use `format json`)", retryable: false });
            continue;
          }
          let action: string;
          try {
            const meta: Record<string, string> = { _index: index(record, batch.timestamps[i] as number) };
            if (id) meta._id = id(record, batch.timestamps[i] as number);
            action = JSON.stringify({ index: meta });
          } catch (e) {
            failed.push({ index: i, error: `index or id template failed: ${(e as Error).message}`, retryable: false });
            continue;
          }
          body += `${action}\n${doc}\n`;
          sent.push(i);
        }
        if (sent.length === 0) return { failed };
        // Round-robin per batch; on a connection error, the next host takes the same batch.
        const first = turn++ % hosts.length;
        let answer;
        let lastError: ConnectionError | undefined;
        for (let k = 0; k < hosts.length && !answer; k++) {
          const url = hosts[(first + k) % hosts.length] as URL;
          try {
            answer = await client.send(url, { method: "POST", headers, body, signal });
          } catch (e) {
            if (!(e instanceof ConnectionError) || signal.aborted) throw e;
            lastError = e;
          }
        }
        if (!answer) {
          throw hosts.length > 1
            ? new ConnectionError(`no host could be reached (${lastError?.message})`)
            : lastError as ConnectionError;
        }
        if (answer.status === 429 || answer.status >= 500) {
          throw new OutputError(`_bulk answered ${answer.status}: ${requestError(answer.body)}`, true);
        }
        if (answer.status !== 200) {
          const hint = answer.status === 413 ? " (lower `batch_size`)" : "";
          throw new OutputError(`_bulk answered ${answer.status}${hint}: ${requestError(answer.body)}`, false);
        }
        if (allIndexed(answer.body)) return failed.length ? { failed } : undefined;
        let parsed: { errors?: boolean; items?: Record<string, BulkItem>[] };
        try {
          parsed = JSON.parse(answer.body);
        } catch {
          throw new OutputError(`_bulk answered 200 with a body that is not JSON: ${excerpt(answer.body)}`, false);
        }
        if (parsed.errors) {
          const items = parsed.items ?? [];
          if (items.length !== sent.length) {
            throw new OutputError(`_bulk answered ${items.length} items for ${sent.length} documents`, false);
          }
          items.forEach((entry, k) => {
            const item = Object.values(entry)[0] ?? {};
            const status = item.status ?? 0;
            if (status >= 200 && status < 300) return;
            failed.push({
              index: sent[k] as number,
              error: `${status} ${reasonOf(item)}`,
              retryable: status === 429 || status >= 500,
            });
          });
        }
        return failed.length ? { failed } : undefined;
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

/** The `elasticsearch` output: the same `_bulk` API. */
export const elasticsearchOutput: OutputSpec<typeof schema> = {
  ...opensearchOutput,
  name: "elasticsearch",
  summary: "Events indexed in Elasticsearch through the _bulk API",
  examples: opensearchOutput.examples.map((e) => e.replace("output opensearch", "output elasticsearch")),
};
