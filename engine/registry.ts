/**
 * Every plugin, registered by static import so `deno compile` and
 * `deno bundle` embed exactly what they can see.
 *
 * @module
 */
import type { EventSpec, FormatterSpec, InputSpec, OutputSpec, PluginKind } from "./spec.ts";
import { staticInput } from "./inputs/static.ts";
import { linspaceInput } from "./inputs/linspace.ts";
import { timerInput } from "./inputs/timer.ts";
import { timestampsInput } from "./inputs/timestamps.ts";
import { httpInput } from "./inputs/http.ts";
import { cronInput } from "./inputs/cron.ts";
import { patternInput } from "./inputs/pattern.ts";
import { templateEvent } from "./events/template/plugin.ts";
import { scriptEvent } from "./events/script/plugin.ts";
import { replayEvent } from "./events/replay/plugin.ts";
import { plainFormatter } from "./formatters/plain.ts";
import { jsonFormatter } from "./formatters/json.ts";
import { jsonBatchFormatter } from "./formatters/json_batch.ts";
import { templateFormatter } from "./formatters/template.ts";
import { templateBatchFormatter } from "./formatters/template_batch.ts";
import { stdoutOutput } from "./outputs/stdout.ts";
import { fileOutput } from "./outputs/file.ts";
import { httpOutput } from "./outputs/http.ts";
import { elasticsearchOutput, opensearchOutput } from "./outputs/opensearch.ts";
import { clickhouseOutput } from "./outputs/clickhouse.ts";
import { kafkaOutput } from "./outputs/kafka.ts";
import { tcpOutput } from "./outputs/tcp.ts";
import { udpOutput } from "./outputs/udp.ts";
import { syslogOutput } from "./outputs/syslog.ts";
import { postgresOutput } from "./outputs/postgres.ts";
import { mqttOutput } from "./outputs/mqtt.ts";

// The registry holds specs of every option shape; their schemas differ.
// deno-lint-ignore no-explicit-any
type Any = any;

/** Input plugins by name. */
export const inputs: ReadonlyMap<string, InputSpec<Any>> = new Map<string, InputSpec<Any>>(
  [staticInput, linspaceInput, timerInput, timestampsInput, cronInput, patternInput, httpInput].map((s) => [s.name, s]),
);
/** Event plugins by name. */
export const events: ReadonlyMap<string, EventSpec<Any>> = new Map<string, EventSpec<Any>>(
  [templateEvent, scriptEvent, replayEvent].map((s) => [s.name, s]),
);
/** Formatters by name. */
export const formatters: ReadonlyMap<string, FormatterSpec<Any>> = new Map<string, FormatterSpec<Any>>(
  [plainFormatter, jsonFormatter, jsonBatchFormatter, templateFormatter, templateBatchFormatter].map((
    s,
  ) => [s.name, s]),
);
/** Outputs by name. */
export const outputs: ReadonlyMap<string, OutputSpec<Any>> = new Map<string, OutputSpec<Any>>(
  [
    stdoutOutput,
    fileOutput,
    httpOutput,
    opensearchOutput,
    elasticsearchOutput,
    clickhouseOutput,
    kafkaOutput,
    tcpOutput,
    udpOutput,
    syslogOutput,
    postgresOutput,
    mqttOutput,
  ].map((s) => [s.name, s]),
);

/** The plugins of one kind. */
export function pluginsOf(
  kind: PluginKind,
): ReadonlyMap<string, InputSpec<Any> | EventSpec<Any> | FormatterSpec<Any> | OutputSpec<Any>> {
  switch (kind) {
    case "input":
      return inputs;
    case "event":
      return events;
    case "formatter":
      return formatters;
    case "output":
      return outputs;
  }
}
