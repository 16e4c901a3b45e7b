/**
 * Runs the CLI as a user would: a separate `deno run` process.
 */
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT: string = fileURLToPath(new URL("../", import.meta.url));

/** What a CLI run printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for {@link eventum}. */
export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** The entry to run; defaults to `cli/main.ts` from source. */
  entry?: string;
}

/**
 * Runs `eventum ARGS...` and collects its output.
 *
 * @param args The arguments after `eventum`.
 */
export async function eventum(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const entry = options.entry ?? `${ROOT}cli/main.ts`;
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--unstable-worker-options", "--quiet", `--config=${ROOT}deno.json`, entry, ...args],
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: "1", TZ: "UTC", ...options.env },
    stdout: "piped",
    stderr: "piped",
  });
  const out = await cmd.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** The lines of a text, without the empty last one. */
export function lines(text: string): string[] {
  return text.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);
}

/**
 * Reads `eventum studio`'s stdout up to the line that holds its address.
 *
 * @param stdout The process's stdout.
 * @returns The URL (with the token), and the rest of stdout once the process ends.
 */
export async function studioAddress(
  stdout: ReadableStream<Uint8Array<ArrayBuffer>>,
): Promise<{ url: string; rest: Promise<string> }> {
  const reader = stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the Studio ended before printing its address: ${text}`);
    text += value;
    const m = /Eventum Studio: (http:\/\/\S+)\n/.exec(text);
    if (m) {
      const rest = (async () => {
        let more = "";
        for (;;) {
          const r = await reader.read();
          if (r.done) return more;
          more += r.value;
        }
      })();
      return { url: m[1] as string, rest };
    }
  }
}
