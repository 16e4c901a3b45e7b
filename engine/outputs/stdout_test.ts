/**
 * The `stdout` output in a child process: records reach the stream asked
 * for, with the separator, and a reader that goes away makes writing fail
 * for good instead of being retried. (The contract runs `streamOutput` over
 * a file in `_contract_test.ts`.)
 */
import { equal, match } from "node:assert/strict";

const ROOT = new URL("../../", import.meta.url).pathname;
const MODULE = JSON.stringify(import.meta.resolve("./stdout.ts"));

/** Runs `body` in a child Deno with `out` being the output created from `options`. */
function child(options: Record<string, unknown>, body: string): Deno.Command {
  const code = `
    import * as v from "valibot";
    const { stdoutOutput } = await import(${MODULE});
    const out = await stdoutOutput.create(v.parse(stdoutOutput.schema, ${JSON.stringify(options)}), {});
    const write = (records) => out.write({ records, timestamps: records.map(() => 0), counts: records.map(() => 1) });
    ${body}
    await out.close();`;
  return new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=js", code],
    cwd: ROOT,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test("records go to standard output, or to standard error when asked, each followed by the separator", async () => {
  const out = await child({}, `await write(["a", "b"]); await write(["c"]);`).output();
  equal(decode(out.stderr), "");
  equal(decode(out.stdout), "a\nb\nc\n");
  const err = await child({ stream: "stderr", separator: "\n--\n" }, `await write(["a", "b"]);`).output();
  equal(decode(err.stdout), "");
  equal(decode(err.stderr), "a\n--\nb\n--\n");
});

Deno.test("a reader that goes away (| head) fails the write for good: a broken pipe is not retried", async () => {
  const proc = child(
    {},
    `const records = Array.from({ length: 1000 }, (_, i) => "record " + i + " " + "x".repeat(100));
    try {
      for (let i = 0; i < 1000; i++) await write(records);
      console.error("no error");
    } catch (e) {
      console.error(e.name, e.retryable, e.message);
    }`,
  ).spawn();
  // Read a little, then go away like `head` does.
  const reader = proc.stdout.getReader();
  await reader.read();
  await reader.cancel();
  const [status, stderr] = await Promise.all([proc.status, new Response(proc.stderr).text()]);
  equal(status.code, 0);
  match(stderr, /^OutputClosed false Cannot write to standard output: the reader went away \(broken pipe\)/);
});
