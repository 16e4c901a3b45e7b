/**
 * `deno task bench`: every benchmark, printed as Markdown tables. Figures
 * are medians of several runs on whatever machine runs them; compare ratios
 * measured side by side, not absolute numbers across machines.
 */
import { benchE2e } from "./e2e.ts";
import { benchInputs } from "./inputs.ts";
import { benchLive } from "./live.ts";
import { benchOutputsHttp } from "./outputs_http.ts";
import { benchTemplates } from "./templates.ts";

console.log(
  `# Eventum benchmarks (${
    new Date().toISOString()
  }, Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores)\n`,
);
console.log("## Inputs: timestamps per second\n");
console.log(await benchInputs());
console.log("\n## Templates: renders per second, Nunjucks against the fast path\n");
console.log(benchTemplates());
console.log("\n## Live mode: lateness on the real clock (5 s per rate)\n");
console.log(await benchLive(5));
console.log("\n## Outputs: HTTP into local stand-in servers\n");
console.log(await benchOutputsHttp());
console.log("\n## Outputs: sockets and clients into local servers\n");
{
  // A script of its own: it starts rsyslog, PostgreSQL and Mosquitto when they are installed.
  const run = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", new URL("./outputs_net.ts", import.meta.url).pathname],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  console.log(new TextDecoder().decode(run.stdout).trim());
}
console.log("\n## End to end: scenarios through `eventum gen` against baselines (median of 3 runs)\n");
console.log(await benchE2e());
