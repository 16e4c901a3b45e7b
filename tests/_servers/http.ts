/**
 * A local HTTP collector for tests of the `http` output: it keeps every
 * request it accepted (method, path, headers, body) and answers with a
 * chosen status. Optional Basic or Bearer authentication (401 otherwise).
 * It stands for any endpoint that takes events over HTTP (a log collector,
 * a webhook); faults come from {@link TestServer}.
 *
 * @module
 */
import { type Reply, type Request, type ServerOptions, TestServer } from "./_http1.ts";

/** A request the collector accepted. */
export interface Received {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

/** Options of {@link HttpCollector}. */
export interface CollectorOptions extends ServerOptions {
  /** The status of an accepted request (200 by default). */
  status?: number;
  /** Required `Authorization` header value, such as `Bearer abc`. */
  authorization?: string;
}

/** A local HTTP endpoint on 127.0.0.1 that keeps what it was sent. */
export class HttpCollector extends TestServer {
  /** Requests accepted, in order. */
  readonly received: Received[] = [];
  #options: CollectorOptions;

  constructor(options: CollectorOptions = {}) {
    super((r) => this.#handle(r), options);
    this.#options = options;
  }

  /** Every non-empty line of every accepted body, in order. */
  get lines(): string[] {
    return this.received.flatMap((r) => r.body.split("\n").filter((l) => l !== ""));
  }

  #handle(r: Request): Reply {
    if (this.#options.authorization !== undefined && r.headers.get("authorization") !== this.#options.authorization) {
      return {
        status: 401,
        headers: { "www-authenticate": 'Basic realm="collector"', "content-type": "application/json" },
        body: JSON.stringify({ error: "unauthorized: missing or wrong credentials" }),
      };
    }
    this.received.push({ method: r.method, path: r.target, headers: r.headers, body: r.text() });
    const status = this.#options.status ?? 200;
    return status === 204 ? { status, body: "" } : {
      status,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ accepted: true }),
    };
  }
}
