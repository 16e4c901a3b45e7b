/**
 * The shared output contract (`_contract.ts`) for the HTTP-based outputs,
 * each against its local stand-in server from tests/_servers/ (not the real
 * OpenSearch, Elasticsearch or ClickHouse, which cannot be installed here).
 */
import * as v from "valibot";
import { outputContract } from "./_contract.ts";
import { httpOutput } from "./http.ts";
import { elasticsearchOutput, opensearchOutput } from "./opensearch.ts";
import { clickhouseOutput } from "./clickhouse.ts";
import type { OutputContext, OutputPlugin, OutputSpec } from "../spec.ts";
import type { TestServer } from "../../tests/_servers/_http1.ts";
import { HttpCollector } from "../../tests/_servers/http.ts";
import { BulkServer } from "../../tests/_servers/bulk.ts";
import { ClickHouseServer } from "../../tests/_servers/clickhouse.ts";
import { compileRecordTemplate } from "./_record_template.ts";

function context(name: string): OutputContext {
  return {
    dir: "/",
    timezone: "UTC",
    label: `output \`${name}\``,
    compile: (text) => compileRecordTemplate(text, { dir: "/", timezone: "UTC" }),
  };
}

function harness<S extends TestServer>(
  // deno-lint-ignore no-explicit-any
  spec: OutputSpec<any>,
  server: () => S,
  options: (server: S) => Record<string, unknown>,
  readBack: (server: S) => string[],
) {
  return () => {
    const s = server();
    return Promise.resolve({
      create: async (extra: Record<string, unknown> = {}): Promise<OutputPlugin> =>
        await spec.create(v.parse(spec.schema, { ...options(s), ...extra }), context(spec.name)),
      readBack: () => Promise.resolve(readBack(s)),
      teardown: () => s.close(),
      breakNext: () => {
        s.fault({ kind: "status", status: 503, body: "Service Unavailable" });
      },
      options: { defaults: spec.delivery ?? { batch_size: 1000, flush: 0 } },
    });
  };
}

outputContract(
  "http",
  harness(httpOutput, () => new HttpCollector(), (s) => ({ url: `${s.url}/in` }), (s) => s.lines),
);

for (const spec of [opensearchOutput, elasticsearchOutput]) {
  outputContract(
    spec.name,
    harness(
      spec,
      () => new BulkServer(),
      (s) => ({ hosts: [s.url], index: "events" }),
      (s) => s.sources.map((d) => JSON.stringify(d)),
    ),
  );
}

outputContract(
  "clickhouse",
  harness(
    clickhouseOutput,
    () => new ClickHouseServer(),
    (s) => ({ url: s.url, table: "events" }),
    (s) => s.table("default.events").map((r) => JSON.stringify(r)),
  ),
);
