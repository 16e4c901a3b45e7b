/**
 * `output http "https://collector.example.com/ingest" { method POST; headers { ... };
 * auth { basic { username; password } | bearer "token" }; tls { ... };
 * success [200, 201, 202, 204]; timeout 10s; content_type "..." }`:
 * one request per batch, the records joined by newlines (a `json-batch`
 * record is already the whole JSON array).
 *
 * A status in `success` means the batch arrived. 429, 5xx, 408, timeouts and
 * connection errors are worth another try (after waiting what a
 * `Retry-After` asks, up to 10 s); other statuses are not, and the error
 * carries the start of the response body. The address must be granted:
 * `--allow-net=HOST:PORT`.
 *
 * @module
 */
import * as v from "valibot";
import { Duration, duration, int, oneOf, str, text, withArgs } from "../schema.ts";
import { OutputError, type OutputSpec } from "../spec.ts";
import { checkTls, loadTls, tlsGrants, tlsSchema } from "./_http_tls.ts";
import { basicAuth, createClient, excerpt, hostPort, pause, retryAfter } from "./_http_client.ts";

const schema = withArgs(
  v.object({
    url: v.pipe(str(), v.description("Where to send the batches: an `http://` or `https://` address.")),
    method: v.pipe(v.optional(oneOf(["POST", "PUT", "PATCH"] as const), "POST"), v.description("The HTTP method.")),
    headers: v.pipe(
      v.optional(v.record(v.string(), text()), {}),
      v.description('Extra request headers, such as `headers { X-Api-Key env("API_KEY") }`.'),
    ),
    content_type: v.pipe(
      v.optional(str()),
      v.description(
        "The `Content-Type`. Default: `application/json` for a batch of one JSON record (a `json-batch` array), " +
          "`application/x-ndjson` for several JSON records, `text/plain; charset=utf-8` otherwise.",
      ),
    ),
    auth: v.pipe(
      v.optional(v.object({
        basic: v.optional(v.object({ username: text(), password: text() })),
        bearer: v.optional(text()),
      })),
      v.description('`basic { username "u"; password env("P") }` or `bearer secret("token")`.'),
    ),
    tls: tlsSchema,
    success: v.pipe(
      v.optional(v.array(v.pipe(int(100), v.maxValue(599, "must be at most 599"))), [200, 201, 202, 204]),
      v.description("Statuses that mean the batch arrived."),
    ),
    timeout: v.pipe(
      v.optional(duration({ min: 1 }), () => new Duration(10_000_000, "10s")),
      v.description("How long to wait for an answer before the request fails (and is retried)."),
    ),
  }),
  ["url"],
);

type Options = v.InferOutput<typeof schema>;

function parseUrl(url: string): URL | undefined {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u : undefined;
  } catch {
    return undefined;
  }
}

/** The `Content-Type` of a batch when the scenario sets none. */
function contentType(records: readonly string[]): string {
  const json = records.every((r) => /^\s*[{[]/.test(r));
  if (!json) return "text/plain; charset=utf-8";
  return records.length === 1 ? "application/json" : "application/x-ndjson";
}

/** The longest `Retry-After` wait honoured inside a write. */
const MAX_RETRY_AFTER = 10_000;

/** The `http` output. */
export const httpOutput: OutputSpec<typeof schema> = {
  kind: "output",
  name: "http",
  summary: "Batches of events in HTTP requests, to a collector or webhook",
  schema,
  defaultFormat: "json",
  delivery: { batch_size: 1000, flush: 1_000_000 },
  examples: [
    'output http "http://127.0.0.1:8080/ingest"',
    'output http "https://logs.example.com/v1/events" { auth { bearer secret("logs") }; headers { X-Source "eventum" } }',
    'output http { url "https://127.0.0.1:8443/bulk"; format json-batch; tls { ca "certs/ca.pem" }; success [200, 202] }',
  ],
  access: (o, dir) => {
    const url = parseUrl(o.url);
    return { needs: url ? { net: [hostPort(url)] } : {}, grants: tlsGrants(o.tls, dir) };
  },
  check(o, env) {
    const problems = checkTls(o.tls, env);
    if (!parseUrl(o.url)) {
      problems.push({ path: ["url"], message: `\`${o.url}\` is not an http:// or https:// address` });
    }
    if (o.auth && (o.auth.basic === undefined) === (o.auth.bearer === undefined)) {
      problems.push({ path: ["auth"], message: "`auth` takes one of `basic { ... }` or `bearer`" });
    }
    return problems;
  },
  async create(o: Options, ctx) {
    const url = parseUrl(o.url);
    if (!url) throw new Error(`The url \`${o.url}\` of ${ctx.label} is not an http:// or https:// address`);
    const client = createClient(await loadTls(o.tls, ctx.dir, ctx.label));
    const headers: Record<string, string> = {};
    for (const [k, val] of Object.entries(o.headers)) headers[k.toLowerCase()] = String(val);
    if (o.auth?.basic) headers.authorization = basicAuth(String(o.auth.basic.username), String(o.auth.basic.password));
    else if (o.auth?.bearer !== undefined) headers.authorization = `Bearer ${String(o.auth.bearer)}`;
    const success = new Set(o.success);
    let closed = false;
    return {
      async write(batch, signal) {
        if (closed) throw new OutputError(`${ctx.label} is closed`, false);
        const answer = await client.send(url, {
          method: o.method,
          headers: { "content-type": o.content_type ?? contentType(batch.records), ...headers },
          body: batch.records.join("\n"),
          signal,
          timeout: o.timeout / 1000,
        });
        if (success.has(answer.status)) return;
        const retry = answer.status === 429 || answer.status === 408 || answer.status >= 500;
        const body = excerpt(answer.body);
        if (retry) await pause(retryAfter(answer.headers) ?? 0, MAX_RETRY_AFTER, signal);
        throw new OutputError(
          `${hostPort(url)} answered ${answer.status}${body ? `: ${body}` : ""}`,
          retry,
        );
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
