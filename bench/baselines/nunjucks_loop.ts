/**
 * Baseline: a raw Nunjucks render loop. A plain `nunjucks.Environment`
 * (no Jinja-compat layer, no Python layer, Nunjucks' own `random` filter),
 * the scenario's template text, and a context made from our own APIs
 * (State, samples, `module.rand`, {@linkcode EventTimestamp}), so that only
 * the engine around the template differs from an `eventum gen` run: no
 * inputs, batches, workers, dispatch, formatter or output plugin. Events
 * go to the output in chunks of about 1 MiB.
 *
 * `deno run -A bench/baselines/nunjucks_loop.ts NAME COUNT OUT`
 *
 * @module
 */
import nunjucks from "nunjucks";
import { EventTimestamp, TimeZone } from "../../engine/events/template/timestamp.ts";
import { scenarioObjects } from "./_context.ts";
import { ChunkedSink, parseArgs, templateText, timeline } from "./_scenario.ts";

const { name, count, out } = parseArgs(Deno.args);
const env = new nunjucks.Environment(null, { autoescape: false });
const template = nunjucks.compile(templateText(name), env);
const { locals, samples, module } = scenarioObjects(name);
const context: Record<string, unknown> = { locals, samples, module, timestamp: null };
const zone = TimeZone.of("UTC");
const at = timeline(name, count);
const sink = new ChunkedSink(out);
for (let i = 0; i < count; i++) {
  context.timestamp = new EventTimestamp(at(i), zone);
  sink.line(template.render(context).trim());
}
sink.close();
