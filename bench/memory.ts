/**
 * Memory over a long live run: `eventum gen` on a live scenario at 10,000
 * events/s (a timer every 100us, a JSON template with a counter, written to
 * `/dev/null`) for `--seconds` (default 600), the RSS of the deno process
 * (`VmRSS` of `/proc/PID/status`, workers included) sampled every 5 s.
 * Prints the samples' min, max, first and last, a least-squares slope in
 * MB/min over the samples after the warm-up, whether memory grows, and the
 * achieved rate and lateness of the run's summary line.
 *
 * Not part of `deno task bench` (it takes ten minutes); run it once:
 * `deno run -A bench/memory.ts [--seconds N] [--warmup N]`
 *
 * @module
 */
import { join } from "node:path";
import { table } from "./_stats.ts";
import { EVENTUM } from "./_eventum.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const EVERY_MS = 5000;

const SCENARIO = `// bench/memory.ts: 10,000 events/s on the real clock, to /dev/null.
generator "memory" {
  mode live
  seed 1
  input timer { every 100us }
  event template {
    template t """{"ts": "{{ timestamp.isoformat() }}", "n": {{ locals.incr('n') }}}"""
  }
  output file "/dev/null" { write_mode append }
}
`;

/** Reads `--name N` from the command line. */
function option(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!(value >= 0)) throw new Error(`Bad \`--${name}\` \`${args[i + 1] ?? ""}\`: expected a number of seconds`);
  return value;
}

/** The resident set of a process, in MB, or `null` once it has exited. */
function rssMb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** The least-squares slope of `y` over `x`. */
function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const d = n * sxx - sx * sx;
  return d === 0 ? 0 : (n * sxy - sx * sy) / d;
}

/**
 * Runs the live scenario for `seconds` and reports its memory.
 *
 * @param seconds How long the run lasts.
 * @param warmup Seconds at the start left out of the slope (the JIT and the heap settle).
 * @returns The report, as Markdown.
 */
export async function benchMemory(seconds = 600, warmup = Math.min(60, seconds / 5)): Promise<string> {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-memory-" });
  const evt = join(dir, "memory.evt");
  Deno.writeTextFileSync(evt, SCENARIO);
  const [deno = "deno", ...args] = EVENTUM;
  const child = new Deno.Command(deno, {
    args: [...args, "gen", evt, "--until", `+${seconds}s`, "--allow-write=/dev/null"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const t0 = performance.now();
  const samples: [number, number][] = [];
  const sampler = setInterval(() => {
    const mb = rssMb(child.pid);
    if (mb !== null) samples.push([(performance.now() - t0) / 1000, mb]);
  }, EVERY_MS);
  const { code, stdout, stderr } = await child.output();
  clearInterval(sampler);
  Deno.removeSync(dir, { recursive: true });
  const text = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  if (code !== 0) throw new Error(`Cannot run the live scenario: exit code ${code}: ${text.trim().slice(-2000)}`);
  if (samples.length === 0) throw new Error("The run ended before the first RSS sample");

  const mbs = samples.map(([, mb]) => mb);
  const settled = samples.filter(([t]) => t >= warmup);
  const perMinute = slope(settled.map(([t, mb]) => [t / 60, mb] as const));
  const first = mbs[0] as number;
  const last = mbs[mbs.length - 1] as number;
  const span = settled.length > 1
    ? (settled[settled.length - 1] as [number, number])[0] - (settled[0] as [number, number])[0]
    : 0;
  const fitted = span / 60 * perMinute;
  // Growth worth a look: the fit rises by more than 5 MB and more than 5% of the first sample over the run.
  const grows = fitted > 5 && fitted > first * 0.05;
  const summary = text.split("\n").find((l) => /events? generated/.test(l))?.trim() ?? "(no summary line)";
  const rate = /, ([\d,]+)\/s/.exec(summary)?.[1];
  const lateness = /lateness (.*)$/.exec(summary)?.[1];
  const f = (mb: number) => `${mb.toFixed(1)} MB`;
  return [
    `Live run at 10,000 events/s for ${seconds} s, RSS every ${EVERY_MS / 1000} s (${samples.length} samples):`,
    "",
    table(["first", "last", "min", "max", `slope after ${warmup.toFixed(0)} s`, "grows"], [[
      f(first),
      f(last),
      f(Math.min(...mbs)),
      f(Math.max(...mbs)),
      `${perMinute.toFixed(3)} MB/min`,
      grows ? "yes" : "no",
    ]]),
    "",
    `Achieved: ${rate ?? "?"}/s (target 10,000/s); lateness: ${lateness ?? "?"}.`,
    `Summary line: ${summary}`,
    `RSS every ${EVERY_MS / 1000} s (MB): ${mbs.map((mb) => mb.toFixed(0)).join(" ")}`,
  ].join("\n");
}

if (import.meta.main) {
  const seconds = option(Deno.args, "seconds", 600);
  console.log(await benchMemory(seconds, option(Deno.args, "warmup", Math.min(60, seconds / 5))));
}
