/**
 * `input http { port 8080; host "127.0.0.1"; max_pending 100 }`: events on
 * demand. `POST /generate` with `{"count": N}` answers 201 and adds N events
 * stamped with the time of the request; 429 when `max_pending` requests are
 * already waiting; 409 once stopping. `POST /stop` ends the input. Like every
 * network access, listening needs `--allow-net=HOST:PORT`.
 *
 * @module
 */
import * as v from "valibot";
import { int, str } from "../schema.ts";
import type { InputSpec } from "../spec.ts";

const schema = v.object({
  port: v.pipe(int(0), v.maxValue(65535, "must be at most 65535"), v.description("The port to listen on.")),
  host: v.pipe(v.optional(str(), "127.0.0.1"), v.description("The address to listen on.")),
  max_pending: v.pipe(
    v.optional(int(1), 100),
    v.description("How many requests may wait to be served before new ones get 429."),
  ),
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** The `http` input. */
export const httpInput: InputSpec<typeof schema> = {
  kind: "input",
  name: "http",
  summary: 'Events on demand: POST /generate {"count": N} adds N events stamped now',
  schema,
  examples: ["input http { port 8080 }", 'input http { port 9000; host "0.0.0.0"; max_pending 1000 }'],
  access: (o) => ({ needs: { net: [`${o.host}:${o.port}`] } }),
  create(options, ctx) {
    const queue: { count: number; at: number }[] = [];
    let stopping = false;
    let closed = false;
    let wake: (() => void) | undefined;
    const notify = () => {
      wake?.();
      wake = undefined;
    };
    let server: Deno.HttpServer;
    try {
      server = Deno.serve({
        hostname: options.host,
        port: options.port,
        onListen: () => {},
      }, async (req) => {
        const path = new URL(req.url).pathname;
        if (req.method !== "POST") return json(405, { error: "use POST" });
        if (path === "/stop") {
          stopping = true;
          notify();
          return json(200, { stopping: true });
        }
        if (path !== "/generate") return json(404, { error: "POST /generate or /stop" });
        if (stopping) return json(409, { error: "stopping" });
        let count: unknown;
        try {
          count = ((await req.json()) as { count?: unknown }).count;
        } catch {
          return json(400, { error: 'expected a JSON body such as {"count": 10}' });
        }
        if (typeof count !== "number" || !Number.isInteger(count) || count < 1) {
          return json(400, { error: "`count` must be a whole number of at least 1" });
        }
        if (queue.length >= options.max_pending) return json(429, { error: "too many pending requests" });
        queue.push({ count, at: Math.round(ctx.clock.now()) });
        notify();
        return json(201, { accepted: count });
      });
    } catch (e) {
      const denied = e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied;
      throw new Error(
        denied
          ? `Input \`http\` may not listen on ${options.host}:${options.port}: grant it with --allow-net=${options.host}:${options.port}`
          : `Input \`http\` cannot listen on ${options.host}:${options.port}: ${(e as Error).message}`,
      );
    }
    const shutdown = async () => {
      stopping = true;
      notify();
      if (closed) return;
      closed = true;
      await server.shutdown();
    };
    ctx.signal.addEventListener("abort", () => void shutdown(), { once: true });
    return {
      finite: true,
      interactive: true,
      async read(max) {
        while (queue.length === 0 && !stopping) await new Promise<void>((resolve) => (wake = resolve));
        const head = queue[0];
        if (!head) return new Float64Array(0);
        const n = Math.min(max, head.count);
        head.count -= n;
        if (head.count === 0) queue.shift();
        return new Float64Array(n).fill(head.at);
      },
      close: shutdown,
    };
  },
};
