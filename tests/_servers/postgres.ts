/**
 * A private PostgreSQL for tests: `initdb` into a temp folder, `postgres` on a
 * free port of 127.0.0.1 with password (SCRAM) authentication over TCP, and
 * ways to stop and restart it for fault tests. As root (CI), the server runs
 * as the `postgres` user (spawned with its uid and gid), since PostgreSQL
 * refuses to run as root.
 *
 * @module
 */
import postgres from "postgres";
import { freePort } from "./_daemon.ts";

/** The password of the test server's `postgres` user. */
export const PASSWORD = "s3cret:pw";

/** A running (or stopped) private server. */
export interface PostgresServer {
  port: number;
  /** `postgres://postgres:...@127.0.0.1:PORT/postgres`. */
  url: string;
  /** A client connected to it (from the test process). */
  sql: postgres.Sql;
  /** Stops the server (fast shutdown: sessions are ended, open transactions rolled back). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** The folder of PostgreSQL's programs, or undefined when PostgreSQL is not installed. */
export function postgresBin(): string | undefined {
  for (const dir of (Deno.env.get("PATH") ?? "").split(":")) {
    if (exists(`${dir}/postgres`) && exists(`${dir}/initdb`)) return dir;
  }
  try {
    const versions = [...Deno.readDirSync("/usr/lib/postgresql")].map((e) => e.name).sort((a, b) => +b - +a);
    for (const v of versions) {
      if (exists(`/usr/lib/postgresql/${v}/bin/postgres`)) return `/usr/lib/postgresql/${v}/bin`;
    }
  } catch {
    // not installed
  }
  return undefined;
}

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

async function run(cmd: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<void> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped", ...ids }).output();
  if (!out.success) {
    throw new Error(
      `\`${cmd}\` failed: ${new TextDecoder().decode(out.stderr)}${new TextDecoder().decode(out.stdout)}`,
    );
  }
}

function userIds(name: string): { uid: number; gid: number } | undefined {
  for (const line of Deno.readTextFileSync("/etc/passwd").split("\n")) {
    const f = line.split(":");
    if (f[0] === name) return { uid: Number(f[2]), gid: Number(f[3]) };
  }
  return undefined;
}

/**
 * Starts a private PostgreSQL, or returns undefined when it is not installed.
 *
 * @param setup SQL run once the server is up (`create table ...`).
 */
export async function startPostgres(setup = ""): Promise<PostgresServer | undefined> {
  const bin = postgresBin();
  if (!bin) return undefined;
  const user = Deno.uid() === 0 ? userIds("postgres") : undefined;
  if (Deno.uid() === 0 && !user) throw new Error("User `postgres` not found: install the `postgresql` package");
  const dir = Deno.makeTempDirSync({ prefix: "eventum-pg-" });
  const pw = `${dir}/pw`;
  Deno.writeTextFileSync(pw, PASSWORD + "\n");
  if (user) { for (const p of [dir, pw]) Deno.chownSync(p, user.uid, user.gid); }
  await run(`${bin}/initdb`, [
    "-D",
    `${dir}/data`,
    "-U",
    "postgres",
    `--pwfile=${pw}`,
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    "--no-sync",
    "-E",
    "UTF8",
    "--locale=C",
  ], user);
  const port = freePort();
  const url = `postgres://postgres:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/postgres`;
  let child: Deno.ChildProcess | undefined;
  let log = "";
  const start = async () => {
    const args = [
      "-D",
      `${dir}/data`,
      "-p",
      String(port),
      "-k",
      dir,
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "fsync=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "synchronous_commit=off",
    ];
    child = new Deno.Command(`${bin}/postgres`, { args, stdout: "null", stderr: "piped", ...user }).spawn();
    const proc = child;
    (async () => {
      for await (const chunk of proc.stderr.pipeThrough(new TextDecoderStream())) log = (log + chunk).slice(-20_000);
    })();
    await ready(url, proc, () => log);
  };
  await start();
  const sql = postgres(url, { onnotice: () => {}, max: 1, connect_timeout: 5 });
  if (setup) await sql.unsafe(setup);
  const stop = async () => {
    if (!child) return;
    // SIGINT: fast shutdown.
    child.kill("SIGINT");
    await child.status;
    child = undefined;
  };
  return {
    port,
    url,
    sql,
    stop,
    start,
    async close() {
      await sql.end({ timeout: 1 });
      await stop();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

async function ready(url: string, child: Deno.ChildProcess, log: () => string): Promise<void> {
  let exited = false;
  child.status.then(() => exited = true);
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`PostgreSQL exited at start:\n${log()}`);
    const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await probe`select 1`;
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await probe.end({ timeout: 0 }).catch(() => {});
    }
  }
  throw new Error(`PostgreSQL did not start within 30s:\n${log()}`);
}
