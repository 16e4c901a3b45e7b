/**
 * Small templates over output records: an OpenSearch index such as
 * `logs-{{ timestamp.strftime('%Y.%m.%d') }}`, a Kafka key such as
 * `{{ event.user_id }}`. They see `timestamp` (the record's event time) and
 * `event` (the record parsed as JSON, when it is JSON).
 *
 * @module
 */
import nunjucks from "nunjucks";
import { createEnvironment, templateErrorInfo } from "../events/template/environment.ts";
import { EventTimestamp, TimeZone } from "../events/template/timestamp.ts";

/**
 * Compiles a record template.
 *
 * @param text The template; text without `{{`/`{%` is returned as is.
 * @param options The scenario folder and timezone.
 * @returns A function of a record and its timestamp (epoch µs).
 * @example
 * ```ts
 * import { compileRecordTemplate } from "./_record_template.ts";
 * const index = compileRecordTemplate("logs-{{ timestamp.strftime('%Y.%m.%d') }}-{{ event.app }}", { dir: "/", timezone: "UTC" });
 * if (index('{"app": "web"}', Date.UTC(2024, 0, 2) * 1000) !== "logs-2024.01.02-web") throw new Error();
 * ```
 */
export function compileRecordTemplate(
  text: string,
  options: { dir: string; timezone: string; readText?: (path: string) => string },
): (record: string, timestamp: number) => string {
  if (!/\{\{|\{%/.test(text)) return () => text;
  const env = createEnvironment({ dir: options.dir, readText: options.readText ?? (() => "") });
  let template: nunjucks.Template;
  try {
    template = new nunjucks.Template(text, env, "record template", true);
  } catch (e) {
    throw new Error(`Invalid template \`${text}\`: ${templateErrorInfo(e, "compile").message}`);
  }
  const zone = TimeZone.of(options.timezone);
  const wantsEvent = /\bevent\b/.test(text);
  return (record, timestamp) => {
    let event: unknown = record;
    if (wantsEvent) {
      try {
        event = JSON.parse(record);
      } catch {
        // not JSON: `event` is the text
      }
    }
    return template.render({ timestamp: new EventTimestamp(timestamp, zone), event });
  };
}
