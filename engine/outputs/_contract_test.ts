/**
 * The output contract (`_contract.ts`) for the local outputs: `stdout`
 * (through the stream it writes to, here a temporary file) and `file`, plain,
 * rotated with gzip, and written as a gzip stream. Network outputs call
 * `outputContract` from their own tests.
 */
import * as v from "valibot";
import zlib from "node:zlib";
import { outputContract } from "./_contract.ts";
import { streamOutput } from "./stdout.ts";
import { fileOutput, openFileOutput } from "./file.ts";
import { OutputError } from "../spec.ts";
import { Duration, Size } from "../schema.ts";

function lines(text: string): string[] {
  return text.split("\n").filter((l) => l !== "");
}

function gunzip(bytes: Uint8Array): string {
  return new TextDecoder().decode(zlib.gunzipSync(bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
}

/** The text of a file, gunzipped when it is gzip. */
function readAny(path: string): string {
  const bytes = Deno.readFileSync(path);
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzip(bytes) : new TextDecoder().decode(bytes);
}

outputContract("stdout", () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-stdout-" });
  const path = `${dir}/stdout.txt`;
  const file = Deno.openSync(path, { write: true, create: true, append: true });
  let broken = false;
  const stream = {
    write(p: Uint8Array): Promise<number> {
      if (broken) {
        broken = false;
        return Promise.reject(new Deno.errors.Interrupted("Interrupted system call (simulated)"));
      }
      return file.write(p);
    },
  };
  return Promise.resolve({
    create: () => Promise.resolve(streamOutput(stream, { separator: "\n", name: "standard output" })),
    readBack: () => Promise.resolve(lines(Deno.readTextFileSync(path))),
    breakNext: () => void (broken = true),
    teardown: () => {
      file.close();
      Deno.removeSync(dir, { recursive: true });
      return Promise.resolve();
    },
  });
});

function fileHarness(extra: Record<string, unknown>) {
  return () => {
    const dir = Deno.makeTempDirSync({ prefix: "eventum-file-" });
    let broken = false;
    const beforeWrite = () => {
      if (broken) {
        broken = false;
        throw new OutputError("Cannot write to `out.log`: No space left on device (simulated)", true);
      }
    };
    return Promise.resolve({
      create: (options: Record<string, unknown> = {}) =>
        Promise.resolve(
          openFileOutput(v.parse(fileOutput.schema, { path: "out.log", ...extra, ...options }), {
            dir,
            timezone: "UTC",
          }, { beforeWrite }),
        ),
      // The rotated files, oldest first, then the live one.
      readBack: () => {
        const rotated = [...Deno.readDirSync(dir)]
          .map((e) => /^out\.log\.(\d+)(\.gz)?$/.exec(e.name))
          .filter((m) => m !== null)
          .sort((a, b) => Number(b[1]) - Number(a[1]))
          .map((m) => `${dir}/${m[0]}`);
        return Promise.resolve([...rotated, `${dir}/out.log`].flatMap((p) => lines(readAny(p))));
      },
      breakNext: () => void (broken = true),
      teardown: () => Promise.resolve(Deno.removeSync(dir, { recursive: true })),
    });
  };
}

outputContract("file", fileHarness({}));
outputContract("file, appending", fileHarness({ write_mode: "append" }));
outputContract(
  "file, rotated by size and gzipped",
  fileHarness({ rotate: { size: new Size(4096), keep: 1000 }, gzip: true }),
);
outputContract(
  "file, rotated every 5 minutes of event time",
  fileHarness({ rotate: { every: new Duration(300e6), keep: 1000 } }),
);
outputContract("file, a gzip stream", fileHarness({ gzip: true }));
