/**
 * `deno task bench`: every benchmark, printed as Markdown tables. Figures
 * are medians of several runs on whatever machine runs them; compare ratios
 * measured side by side, not absolute numbers across machines.
 */
import { benchInputs } from "./inputs.ts";
import { benchLive } from "./live.ts";

console.log(
  `# Eventum benchmarks (${
    new Date().toISOString()
  }, Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores)\n`,
);
console.log("## Inputs: timestamps per second\n");
console.log(await benchInputs());
console.log("\n## Live mode: lateness on the real clock (5 s per rate)\n");
console.log(await benchLive(5));
