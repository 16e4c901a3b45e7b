/**
 * A private Mosquitto broker for tests: a listener on a free port of
 * 127.0.0.1, anonymous clients allowed, persistence in a temp folder (so a
 * restarted broker still has the messages queued for a persistent
 * subscriber), and ways to stop and restart it for fault tests.
 *
 * @module
 */
import mqtt from "mqtt";
import { freePort, waitForPorts } from "./_daemon.ts";

/** A running (or stopped) private broker. */
export interface MosquittoServer {
  port: number;
  /** `mqtt://127.0.0.1:PORT`. */
  url: string;
  /** Stops the broker (SIGTERM: it saves its persistence file). */
  stop(): Promise<void>;
  /** Starts it again on the same port and persistence file. */
  start(): Promise<void>;
  /** Pauses the broker (SIGSTOP) for `ms`: a broker that stops answering. */
  stall(ms: number): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** The path of `mosquitto`, or undefined when it is not installed. */
export function mosquittoBin(): string | undefined {
  for (const dir of [...(Deno.env.get("PATH") ?? "").split(":"), "/usr/sbin"]) {
    try {
      if (Deno.statSync(`${dir}/mosquitto`).isFile) return `${dir}/mosquitto`;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Starts a private broker, or returns undefined when Mosquitto is not installed. */
export async function startMosquitto(): Promise<MosquittoServer | undefined> {
  const bin = mosquittoBin();
  if (!bin) return undefined;
  const dir = Deno.makeTempDirSync({ prefix: "eventum-mqtt-" });
  const port = freePort();
  const conf = `${dir}/mosquitto.conf`;
  Deno.writeTextFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      "allow_anonymous true",
      "persistence true",
      `persistence_location ${dir}/`,
      "autosave_interval 0",
      "max_queued_messages 0",
      "max_inflight_messages 0",
      // As root, stay root: the temp folder belongs to root.
      ...(Deno.uid() === 0 ? ["user root"] : []),
      "log_dest stderr",
      "log_type error",
      "log_type warning",
    ].join("\n") + "\n",
  );
  let child: Deno.ChildProcess | undefined;
  let log = "";
  const start = async () => {
    child = new Deno.Command(bin, { args: ["-c", conf], stdout: "null", stderr: "piped" }).spawn();
    const proc = child;
    (async () => {
      for await (const chunk of proc.stderr.pipeThrough(new TextDecoderStream())) log = (log + chunk).slice(-20_000);
    })();
    await waitForPorts(proc, [port], "Mosquitto", () => log);
  };
  const stop = async () => {
    if (!child) return;
    child.kill("SIGTERM");
    await child.status;
    child = undefined;
  };
  await start();
  return {
    port,
    url: `mqtt://127.0.0.1:${port}`,
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

/** What a subscriber received so far. */
export interface Subscription {
  messages: { topic: string; payload: string }[];
  /** Resolves once `n` messages arrived (rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Subscribes to `topic` with a persistent session at QoS 1, so that messages
 * published while it is away (a broker restart) wait for it in the broker.
 */
export async function subscribe(url: string, topic: string): Promise<Subscription> {
  const client = await mqtt.connectAsync(url, {
    clientId: `eventum-test-${crypto.randomUUID().slice(0, 8)}`,
    clean: false,
    reconnectPeriod: 100,
  });
  await client.subscribeAsync(topic, { qos: 1 });
  const messages: { topic: string; payload: string }[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  client.on("message", (t, payload) => {
    messages.push({ topic: t, payload: new TextDecoder().decode(payload) });
    for (const w of waiters.filter((w) => messages.length >= w.n)) w.resolve();
  });
  return {
    messages,
    waitFor(n, ms = 20_000) {
      if (messages.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`Got ${messages.length} of ${n} messages in ${ms}ms`)), ms);
        waiters.push({ n, resolve: () => (clearTimeout(t), resolve()) });
      });
    },
    async close() {
      await client.endAsync(true);
    },
  };
}
