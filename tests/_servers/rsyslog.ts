/**
 * A private rsyslog for tests: `rsyslogd -n` with its own config in a temp
 * folder, listening on free ports of 127.0.0.1 with `imtcp` (newline and
 * octet-counted framing, RFC 6587: imtcp tells them apart by the first
 * byte), `imudp`, and when `rsyslog-gnutls` is installed a TLS `imtcp`
 * listener. Every message goes to a file, one line each, as the fields
 * rsyslog parsed, so tests check what a real syslog server understood.
 *
 * @module
 */
import { freePort, waitForPorts } from "./_daemon.ts";

/** What rsyslog parsed from one message. */
export interface SyslogLine {
  pri: number;
  /** The timestamp as rsyslog read it, RFC 3339. */
  timestamp: string;
  hostname: string;
  app: string;
  procid: string;
  msgid: string;
  msg: string;
  /** The message as received (after the framing). */
  raw: string;
}

/** A running (or stopped) private rsyslog. */
export interface RsyslogServer {
  tcpPort: number;
  udpPort: number;
  /** The TLS port, when `rsyslog-gnutls` is installed. */
  tlsPort?: number;
  /** The CA certificate (PEM path) that signed the TLS listener's certificate. */
  caFile?: string;
  /** Messages written so far. */
  lines(): SyslogLine[];
  /** Stops rsyslog (SIGTERM). */
  stop(): Promise<void>;
  /** Starts it again on the same ports. */
  start(): Promise<void>;
  /** Pauses the process (SIGSTOP) for `ms`: a server that stops reading. */
  stall(ms: number): Promise<void>;
  close(): Promise<void>;
}

const SEP = "\u001f";

/** The path of `rsyslogd`, or undefined when it is not installed. */
export function rsyslogBin(): string | undefined {
  for (const dir of [...(Deno.env.get("PATH") ?? "").split(":"), "/usr/sbin"]) {
    try {
      if (Deno.statSync(`${dir}/rsyslogd`).isFile) return `${dir}/rsyslogd`;
    } catch {
      // not here
    }
  }
  return undefined;
}

function hasTls(): boolean {
  for (const dir of ["/usr/lib/x86_64-linux-gnu/rsyslog", "/usr/lib/aarch64-linux-gnu/rsyslog", "/usr/lib/rsyslog"]) {
    try {
      if (Deno.statSync(`${dir}/lmnsd_gtls.so`).isFile) return true;
    } catch {
      // not here
    }
  }
  return false;
}

/** Makes a CA and a certificate for 127.0.0.1 with openssl; undefined when openssl is missing. */
export async function makeCerts(dir: string): Promise<{ ca: string; cert: string; key: string } | undefined> {
  const openssl = async (...args: string[]) => {
    const out = await new Deno.Command("openssl", { args, stdout: "null", stderr: "piped" }).output();
    if (!out.success) throw new Error(`openssl ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
  };
  try {
    await openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=eventum test CA",
      "-keyout",
      `${dir}/ca.key`,
      "-out",
      `${dir}/ca.pem`,
    );
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
  await openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-keyout",
    `${dir}/server.key`,
    "-out",
    `${dir}/server.csr`,
  );
  Deno.writeTextFileSync(`${dir}/ext.cnf`, "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  await openssl(
    "x509",
    "-req",
    "-in",
    `${dir}/server.csr`,
    "-CA",
    `${dir}/ca.pem`,
    "-CAkey",
    `${dir}/ca.key`,
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    `${dir}/ext.cnf`,
    "-out",
    `${dir}/server.pem`,
  );
  return { ca: `${dir}/ca.pem`, cert: `${dir}/server.pem`, key: `${dir}/server.key` };
}

/**
 * Starts a private rsyslog, or returns undefined when it is not installed.
 *
 * @param options `start: false` prepares it (ports, config) without starting it.
 */
export async function startRsyslog(options: { start?: boolean } = {}): Promise<RsyslogServer | undefined> {
  const bin = rsyslogBin();
  if (!bin) return undefined;
  const dir = Deno.makeTempDirSync({ prefix: "eventum-rsyslog-" });
  const tcpPort = freePort();
  const udpPort = freePort();
  const certs = hasTls() ? await makeCerts(dir) : undefined;
  const tlsPort = certs ? freePort() : undefined;
  const out = `${dir}/messages.log`;
  const fields = ["%pri%", "%timereported:::date-rfc3339%", "%hostname%", "%app-name%", "%procid%", "%msgid%", "%msg%"];
  const conf = [
    `global(workDirectory="${dir}" maxMessageSize="64k"${
      certs
        ? ` defaultNetstreamDriverCAFile="${certs.ca}" defaultNetstreamDriverCertFile="${certs.cert}" ` +
          `defaultNetstreamDriverKeyFile="${certs.key}"`
        : ""
    })`,
    `module(load="imtcp" maxSessions="100")`,
    `module(load="imudp")`,
    `input(type="imtcp" address="127.0.0.1" port="${tcpPort}")`,
    `input(type="imudp" address="127.0.0.1" port="${udpPort}")`,
    ...(certs
      ? [
        `input(type="imtcp" address="127.0.0.1" port="${tlsPort}" streamDriver.name="gtls" streamDriver.mode="1" ` +
        `streamDriver.authMode="anon")`,
      ]
      : []),
    `template(name="fields" type="string" string="${fields.join(SEP)}${SEP}%rawmsg%\\n")`,
    `*.* action(type="omfile" file="${out}" template="fields")`,
  ].join("\n") + "\n";
  Deno.writeTextFileSync(`${dir}/rsyslog.conf`, conf);
  let child: Deno.ChildProcess | undefined;
  let log = "";
  const start = async () => {
    child = new Deno.Command(bin, {
      args: ["-n", "-f", `${dir}/rsyslog.conf`, "-i", `${dir}/rsyslogd.pid`],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const proc = child;
    for (const s of [proc.stdout, proc.stderr]) {
      (async () => {
        for await (const chunk of s.pipeThrough(new TextDecoderStream())) log = (log + chunk).slice(-20_000);
      })();
    }
    await waitForPorts(proc, [tcpPort, ...(tlsPort ? [tlsPort] : [])], "rsyslogd", () => log);
  };
  const stop = async () => {
    if (!child) return;
    child.kill("SIGTERM");
    await child.status;
    child = undefined;
  };
  if (options.start !== false) await start();
  return {
    tcpPort,
    udpPort,
    ...(tlsPort ? { tlsPort, caFile: certs?.ca as string } : {}),
    lines() {
      let text = "";
      try {
        text = Deno.readTextFileSync(out);
      } catch {
        return [];
      }
      return text.split("\n").filter((l) => l.includes(SEP)).map((l) => {
        const [pri, timestamp, hostname, app, procid, msgid, msg, raw] = l.split(SEP) as string[];
        return {
          pri: Number(pri),
          timestamp: timestamp as string,
          hostname: hostname as string,
          app: app as string,
          procid: procid as string,
          msgid: msgid as string,
          msg: msg as string,
          raw: raw as string,
        };
      });
    },
    start,
    stop,
    async stall(ms) {
      if (!child) return;
      Deno.kill(child.pid, "SIGSTOP");
      await new Promise((r) => setTimeout(r, ms));
      Deno.kill(child.pid, "SIGCONT");
    },
    async close() {
      await stop();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}
