/**
 * The Subprocess API: `subprocess.run(...)` in templates.
 *
 * Two forms, as in the Python Eventum:
 *
 * - `subprocess.run(cmd, True)` (1.x) returns the command's stdout as text;
 *   `subprocess.run(cmd, False)` starts it in the background and returns
 *   `None`.
 * - `subprocess.run(cmd, cwd=..., env=..., timeout=...)` (2.x) returns
 *   `{stdout, stderr, exit_code}`. `env` replaces the environment, as
 *   Python's does; a relative `cwd` is taken from the scenario's folder.
 *
 * **No shell.** The command is split with shell-quote's `parse` and its
 * first word is run directly, so `--allow-run=whoami` is enough to run
 * `whoami`. A command that needs a shell (pipes, redirects, `&&`, `$VAR`,
 * globs, backquotes) is refused with a hint to run `sh -c '...'` and grant
 * `--allow-run=sh`. A command found neither in the grants nor on disk
 * behaves as in a shell: exit code 127 and a message on stderr.
 *
 * **Limits.** Each output stream is captured up to 8 MiB; going over fails
 * the render. Without `timeout=`, the command runs in place
 * (`Deno.Command.outputSync`) with no time limit: that is the fast path,
 * because the helper thread below takes about a second to start inside the
 * sandbox. With `timeout=` a call runs for at most that many seconds (30
 * when not positive, 300 at most). Templates render synchronously, so such
 * a command is spawned by a helper thread (a `node:worker_threads` worker, unref'd so it
 * never keeps the process alive) while the rendering thread blocks in
 * `Atomics.wait` on a shared buffer where the helper writes the result. On
 * timeout the helper kills the command with SIGKILL; processes the command
 * started itself are not killed (Deno cannot signal a process group without
 * a full `--allow-run`). A helper that does not answer two seconds after
 * the deadline is terminated and replaced.
 *
 * The helper inherits the worker's permissions, so a command that is not
 * granted fails with ``Command `whoami` is not allowed: grant it with
 * --allow-run=whoami`` and nothing runs.
 *
 * @module
 */
import { resolve } from "node:path";
import { Worker } from "node:worker_threads";
// @ts-types="@types/shell-quote"
import { parse } from "shell-quote";
import { splitArgs } from "./_args.ts";
import { pyRepr } from "./_py_repr.ts";

/** Options for {@linkcode createSubprocess}. */
export interface SubprocessOptions {
  /** The folder relative `cwd` values are taken from (the scenario's). */
  cwd: string;
  /** The template being rendered, for error messages. */
  templateName?: () => string;
  /** Start the helper thread now rather than on the first call. */
  prestart?: boolean;
}

/** What `subprocess.run(cmd, cwd=..., env=..., timeout=...)` returns. */
export class SubprocessResult {
  /** Standard output, decoded as UTF-8. */
  readonly stdout: string;
  /** Standard error, decoded as UTF-8. */
  readonly stderr: string;
  /** The exit code. */
  readonly exit_code: number;

  /**
   * Creates a result.
   *
   * @param stdout Standard output.
   * @param stderr Standard error.
   * @param exitCode The exit code.
   */
  constructor(stdout: string, stderr: string, exitCode: number) {
    this.stdout = stdout;
    this.stderr = stderr;
    this.exit_code = exitCode;
  }

  /** `"SubprocessResult"`; keeps Nunjucks' Jinja-compat from seeing a dict. */
  get [Symbol.toStringTag](): string {
    return "SubprocessResult";
  }

  /**
   * The result as Python prints it.
   *
   * @returns Such as `SubprocessResult(stdout='x\n', stderr='', exit_code=0)`.
   */
  toString(): string {
    return `SubprocessResult(stdout=${pyRepr(this.stdout)}, stderr=${
      pyRepr(this.stderr)
    }, exit_code=${this.exit_code})`;
  }
}

/** `subprocess` as templates see it. */
export interface Subprocess {
  /**
   * Runs a command: `run(cmd, True)` returns stdout, `run(cmd, False)`
   * starts it in the background and returns `null`, and `run(cmd,
   * cwd=..., env=..., timeout=...)` returns a {@linkcode SubprocessResult}.
   */
  run(command: string, ...args: unknown[]): string | SubprocessResult | null;
  /** Stops the helper thread; later calls start a new one. */
  close(): void;
}

/** The default timeout in seconds. */
export const DEFAULT_TIMEOUT = 30;
/** The longest timeout a call can ask for, in seconds. */
export const MAX_TIMEOUT = 300;
/** The most bytes captured from each output stream. */
export const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

const GRACE_MS = 2000;
const HEADER_BYTES = 64;
const MAX_MESSAGE_BYTES = 64 * 1024;

/** Result kinds written by the helper. */
const Kind = {
  Ok: 1,
  Timeout: 2,
  Overflow: 3,
  NotCapable: 4,
  NotFound: 5,
  Failed: 6,
} as const;
type Kind = typeof Kind[keyof typeof Kind];

/** The helper thread's source (plain JavaScript, run with `eval`). */
const HELPER = `
const { parentPort, workerData } = require("node:worker_threads");
const sab = workerData.sab;
const HEADER = ${HEADER_BYTES};
const MAX_MESSAGE = ${MAX_MESSAGE_BYTES};
const encoder = new TextEncoder();

async function collect(stream, limit, onOverflow) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) { onOverflow(); return null; }
    chunks.push(chunk);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) { out.set(chunk, at); at += chunk.length; }
  return out;
}

function answer(seq, kind, code, stdout, stderr, message) {
  const msg = encoder.encode(message).subarray(0, MAX_MESSAGE);
  const need = HEADER + stdout.length + stderr.length + msg.length;
  if (sab.byteLength < need) sab.grow(need);
  const bytes = new Uint8Array(sab);
  bytes.set(stdout, HEADER);
  bytes.set(stderr, HEADER + stdout.length);
  bytes.set(msg, HEADER + stdout.length + stderr.length);
  const ctl = new Int32Array(sab, 0, 8);
  ctl[1] = kind; ctl[2] = code; ctl[3] = stdout.length; ctl[4] = stderr.length; ctl[5] = msg.length;
  Atomics.store(ctl, 0, seq);
  Atomics.notify(ctl, 0);
}

parentPort.on("message", async (req) => {
  const empty = new Uint8Array(0);
  let child;
  try {
    child = new Deno.Command(req.program, {
      args: req.args, cwd: req.cwd, env: req.env, clearEnv: req.clearEnv,
      stdin: "null", stdout: "piped", stderr: "piped",
    }).spawn();
  } catch (error) {
    const kind = error instanceof Deno.errors.NotCapable ? ${Kind.NotCapable}
      : error instanceof Deno.errors.NotFound ? ${Kind.NotFound} : ${Kind.Failed};
    answer(req.seq, kind, 0, empty, empty, String(error && error.message || error));
    return;
  }
  let timedOut = false;
  let overflow = "";
  const kill = () => { try { child.kill("SIGKILL"); } catch { /* exited */ } };
  const timer = setTimeout(() => { timedOut = true; kill(); }, req.timeoutMs);
  try {
    const [stdout, stderr, status] = await Promise.all([
      collect(child.stdout, req.maxBytes, () => { overflow ||= "stdout"; kill(); }),
      collect(child.stderr, req.maxBytes, () => { overflow ||= "stderr"; kill(); }),
      child.status,
    ]);
    clearTimeout(timer);
    if (timedOut) answer(req.seq, ${Kind.Timeout}, 0, empty, empty, "");
    else if (overflow) answer(req.seq, ${Kind.Overflow}, 0, empty, empty, overflow);
    else answer(req.seq, ${Kind.Ok}, status.code, stdout, stderr, "");
  } catch (error) {
    clearTimeout(timer);
    answer(req.seq, ${Kind.Failed}, 0, empty, empty, String(error && error.message || error));
  }
});
`;

interface Request {
  readonly program: string;
  readonly args: string[];
  readonly cwd: string;
  readonly env: Record<string, string> | undefined;
  readonly timeoutMs: number;
}

interface Outcome {
  readonly kind: Kind;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly message: string;
}

/** Runs a request on this thread, without a time limit. */
function runInPlace(request: Request): Outcome {
  const empty = { code: 0, stdout: "", stderr: "" };
  let out: Deno.CommandOutput;
  try {
    out = new Deno.Command(request.program, {
      args: request.args,
      cwd: request.cwd,
      ...(request.env === undefined ? {} : { env: request.env, clearEnv: true }),
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).outputSync();
  } catch (error) {
    const kind = error instanceof Deno.errors.NotCapable
      ? Kind.NotCapable
      : error instanceof Deno.errors.NotFound
      ? Kind.NotFound
      : Kind.Failed;
    return { kind, ...empty, message: String((error as Error)?.message ?? error) };
  }
  if (out.stdout.length > MAX_OUTPUT_BYTES || out.stderr.length > MAX_OUTPUT_BYTES) {
    return { kind: Kind.Overflow, ...empty, message: out.stdout.length > MAX_OUTPUT_BYTES ? "stdout" : "stderr" };
  }
  const decoder = new TextDecoder();
  return {
    kind: Kind.Ok,
    code: out.code,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
    message: "",
  };
}

/** The helper thread and its shared answer buffer. */
class Helper {
  #worker: Worker;
  #sab: SharedArrayBuffer;
  #ctl: Int32Array;
  #seq = 0;

  constructor() {
    this.#sab = new SharedArrayBuffer(4096, {
      maxByteLength: HEADER_BYTES + 2 * MAX_OUTPUT_BYTES + MAX_MESSAGE_BYTES,
    });
    this.#ctl = new Int32Array(this.#sab, 0, 8);
    this.#worker = new Worker(HELPER, {
      eval: true,
      workerData: { sab: this.#sab },
      name: "eventum-subprocess",
    });
    this.#worker.unref();
  }

  /** Runs a request; `null` when the helper did not answer in time. */
  run(request: Request): Outcome | null {
    const seq = ++this.#seq;
    this.#worker.postMessage({
      seq,
      program: request.program,
      args: request.args,
      cwd: request.cwd,
      env: request.env,
      clearEnv: request.env !== undefined,
      timeoutMs: request.timeoutMs,
      maxBytes: MAX_OUTPUT_BYTES,
    });
    const deadline = performance.now() + request.timeoutMs + GRACE_MS;
    for (;;) {
      const done = Atomics.load(this.#ctl, 0);
      if (done === seq) break;
      const left = deadline - performance.now();
      if (left <= 0) return null;
      Atomics.wait(this.#ctl, 0, done, left);
    }
    const ctl = this.#ctl;
    const bytes = new Uint8Array(this.#sab);
    const outLength = ctl[3] as number;
    const errLength = ctl[4] as number;
    const msgLength = ctl[5] as number;
    // TextDecoder refuses shared memory, hence the copies (slice()).
    const decoder = new TextDecoder();
    const text = (from: number, length: number) => length === 0 ? "" : decoder.decode(bytes.slice(from, from + length));
    return {
      kind: ctl[1] as Kind,
      code: ctl[2] as number,
      stdout: text(HEADER_BYTES, outLength),
      stderr: text(HEADER_BYTES + outLength, errLength),
      message: text(HEADER_BYTES + outLength + errLength, msgLength),
    };
  }

  close(): void {
    void this.#worker.terminate();
  }
}

function bt(text: string): string {
  return "`" + text + "`";
}

/**
 * Splits a command into words, refusing what only a shell could run.
 *
 * @param command The command line.
 * @returns The program and its arguments.
 * @throws {Error} When the command is empty or uses shell features.
 *
 * @example
 * ```ts
 * import { splitCommand } from "./subprocess.ts";
 * const argv = splitCommand(`grep -c 'a b' "/var/log/x.log"`);
 * if (argv.join("|") !== "grep|-c|a b|/var/log/x.log") throw new Error();
 * ```
 */
export function splitCommand(command: string): string[] {
  if (typeof command !== "string") {
    throw new Error(
      `Cannot run ${bt(pyRepr(command))}: expected a command line`,
    );
  }
  const variables: string[] = [];
  const entries = parse(command, (name: string) => {
    variables.push(name);
    return "$" + name;
  });
  const argv: string[] = [];
  let feature: string | null = variables.length > 0 ? "$" + (variables[0] || "(") : null;
  for (const entry of entries) {
    if (typeof entry === "string") {
      if (feature === null && entry.includes("`")) feature = "a backquote";
      argv.push(entry);
    } else if ("comment" in entry) {
      break;
    } else if (feature === null) {
      feature = entry.op === "glob" ? entry.pattern : entry.op;
    }
  }
  if (feature !== null) {
    const quoted = "'" + command.replaceAll("'", `'\\''`) + "'";
    throw new Error(
      `Command ${bt(command)} needs a shell (it uses ${feature === "a backquote" ? feature : bt(feature)}): run it as ${
        bt("sh -c " + quoted)
      } and grant --allow-run=sh`,
    );
  }
  if (argv.length === 0) throw new Error("Cannot run an empty command");
  return argv;
}

/**
 * Turns a permission error from spawning `program` into one that says
 * which flag to add; other errors are returned unchanged.
 *
 * @param error What spawning threw.
 * @param program The program that was spawned.
 * @param template The template that asked for it, if known.
 * @returns The error to throw.
 *
 * @example
 * ```ts
 * import { runError } from "./subprocess.ts";
 * const error = runError(new Deno.errors.NotCapable("Requires run access"), "whoami");
 * if (error.message !== "Command `whoami` is not allowed: grant it with --allow-run=whoami") {
 *   throw new Error(error.message);
 * }
 * ```
 */
export function runError(
  error: unknown,
  program: string,
  template?: string,
): Error {
  const denied = error instanceof Deno.errors.NotCapable ||
    (error instanceof Deno.errors.PermissionDenied &&
      /run access|--allow-run/.test(error.message));
  if (!denied) return error instanceof Error ? error : new Error(String(error));
  const where = template === undefined ? "" : ` in template ${bt(template)}`;
  return new Error(
    `Command ${bt(program)}${where} is not allowed: grant it with --allow-run=${program}`,
  );
}

function resolveTimeout(value: unknown, command: string): number {
  if (value === undefined || value === null) return DEFAULT_TIMEOUT;
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new Error(
      `Cannot run ${bt(command)}: \`timeout\` is ${bt(pyRepr(value))}, expected a number of seconds`,
    );
  }
  return value <= 0 ? DEFAULT_TIMEOUT : Math.min(value, MAX_TIMEOUT);
}

function resolveEnv(
  value: unknown,
  command: string,
): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new Error(
      `Cannot run ${bt(command)}: \`env\` is ${bt(pyRepr(value))}, expected a dict`,
    );
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "__keywords" || v === undefined || v === null) continue;
    env[k] = typeof v === "string" ? v : String(v);
  }
  return env;
}

/**
 * Creates the `subprocess` object for a generator's templates.
 *
 * @param options The scenario folder, and the current template's name.
 * @returns The object; call `close()` when the generator stops.
 *
 * @example
 * ```ts
 * import { createSubprocess } from "./subprocess.ts";
 * const subprocess = createSubprocess({ cwd: Deno.cwd() });
 * try {
 *   if (subprocess.run("echo hello", true) !== "hello\n") throw new Error();
 * } finally {
 *   subprocess.close();
 * }
 * ```
 */
export function createSubprocess(options: SubprocessOptions): Subprocess {
  let helper: Helper | null = options.prestart === true ? new Helper() : null;
  const template = () => options.templateName?.();

  function background(argv: string[], cwd: string): null {
    const [program, ...args] = argv as [string, ...string[]];
    try {
      const child = new Deno.Command(program, {
        args,
        cwd,
        stdin: "null",
        stdout: "null",
        stderr: "null",
      }).spawn();
      child.unref();
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return null;
      throw runError(error, program, template());
    }
    return null;
  }

  function run(command: string, ...rest: unknown[]) {
    const [positional, keywords] = splitArgs(rest);
    let block: unknown = keywords["block"];
    let cwdArg: unknown = keywords["cwd"];
    let envArg: unknown = keywords["env"];
    let timeoutArg: unknown = keywords["timeout"];
    if (typeof positional[0] === "boolean") {
      block = positional[0];
    } else {
      cwdArg ??= positional[0];
      envArg ??= positional[1];
      timeoutArg ??= positional[2];
    }
    const argv = splitCommand(command);
    const program = argv[0] as string;
    if (cwdArg !== undefined && cwdArg !== null && typeof cwdArg !== "string") {
      throw new Error(
        `Cannot run ${bt(command)}: \`cwd\` is ${bt(pyRepr(cwdArg))}, expected a path`,
      );
    }
    const cwd = typeof cwdArg === "string" ? resolve(options.cwd, cwdArg) : options.cwd;
    const blockGiven = block !== undefined && block !== null;
    if (blockGiven && !block) return background(argv, cwd);
    const timeout = resolveTimeout(timeoutArg, command);
    const request = { program, args: argv.slice(1), cwd, env: resolveEnv(envArg, command), timeoutMs: timeout * 1000 };
    // Without `timeout=`, run in place: no helper thread, whose start costs
    // about a second inside the sandbox. With it, the helper enforces it.
    const limited = timeoutArg !== undefined && timeoutArg !== null;
    const outcome = limited ? (helper ??= new Helper()).run(request) : runInPlace(request);
    if (outcome === null) {
      helper?.close();
      helper = null;
      throw new Error(`Command ${bt(command)} timed out after ${timeout} s`);
    }
    let result: SubprocessResult;
    switch (outcome.kind) {
      case Kind.Ok:
        result = new SubprocessResult(
          outcome.stdout,
          outcome.stderr,
          outcome.code,
        );
        break;
      case Kind.Timeout:
        throw new Error(`Command ${bt(command)} timed out after ${timeout} s`);
      case Kind.Overflow:
        throw new Error(
          `Command ${bt(command)} wrote more than ${MAX_OUTPUT_BYTES / 1024 / 1024} MiB to ${outcome.message}`,
        );
      case Kind.NotCapable:
        throw runError(
          new Deno.errors.NotCapable(outcome.message),
          program,
          template(),
        );
      case Kind.NotFound:
        if (!directoryExists(cwd)) {
          throw new Error(
            `Cannot run ${bt(command)}: the working directory ${bt(cwd)} does not exist`,
          );
        }
        result = new SubprocessResult(
          "",
          `${program}: command not found\n`,
          127,
        );
        break;
      default:
        throw new Error(`Cannot run ${bt(command)}: ${outcome.message}`);
    }
    return blockGiven ? result.stdout : result;
  }

  return {
    run,
    close() {
      helper?.close();
      helper = null;
    },
  };
}

function directoryExists(path: string): boolean {
  try {
    return Deno.statSync(path).isDirectory;
  } catch (error) {
    // Without read access, assume it exists: the program is what is missing.
    return !(error instanceof Deno.errors.NotFound);
  }
}
