/**
 * `eventum studio [DIR]`: the Studio, a local web app to edit scenarios with
 * live diagnostics, see their inputs' timelines, and debug their templates.
 *
 * @module
 */
import { wholeNumber } from "../_args.ts";
import { type Command, parse, UsageError } from "../_command.ts";
import type { Grants } from "../../engine/permissions.ts";
import { DEFAULT_PORT, isLoopback, openBrowser, serveStudio } from "../../studio/serve.ts";

/**
 * `eventum studio`.
 *
 * @param entry The program's entry module, to spawn the engine Worker from.
 * @param grants The command line's grants: what renders in the Studio may do.
 * @returns The command.
 * @example
 * ```ts
 * import { studioCommand } from "./studio.ts";
 * if (!studioCommand(import.meta.url, {}).help.includes("--allow-remote")) throw new Error();
 * ```
 */
export function studioCommand(entry: string | URL, grants: Grants): Command {
  return {
    name: "studio",
    summary: "Edit, check, plot and debug scenarios in the browser",
    help: `Usage: eventum studio [DIR] [options] [--allow-...]

Serves the Studio, a web app for the scenarios in DIR (the current folder by
default): a file tree, an .evt editor with live diagnostics, the histogram of
each input's timestamps with sliders for pattern parameters, a template
debugger (events and state step by step) and an output preview. It prints
the address to open, with a token made for this start, and serves until
Ctrl-C.

Options:
      --port N            The port (default ${DEFAULT_PORT}; 0 for any free one)
      --host HOST         The address to listen on (default 127.0.0.1)
      --allow-remote      Allow a --host other machines can reach (0.0.0.0, a
                          LAN address): anyone with the token can then edit
                          the files in DIR and run its scenarios
      --open              Open the address in the browser
  -h, --help              Show this help

Security: every API call needs the token; requests must name this server in
their Host header and come from its own page (no other site, no DNS
rebinding); files are read and written only inside DIR (no \`..\`, no
absolute paths, no symlinks leading out).

Sandbox: renders and previews run in the same sandbox as \`eventum gen\`, with
the flags given here (--allow-run, --allow-net, ...; none by default). A
template that calls \`subprocess.run\` without --allow-run shows the
permission error in the page.

Exit codes: 1 DIR missing or the port in use, 2 usage error, 130/143 stopped
by Ctrl-C or SIGTERM.`,
    async run(args) {
      const { values, positionals } = parse(args, {
        port: { type: "string" },
        host: { type: "string" },
        "allow-remote": { type: "boolean" },
        open: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      });
      if (values.help) {
        console.log(this.help);
        return 0;
      }
      if (positionals.length > 1) throw new UsageError("give at most one folder");
      const port = values.port === undefined ? DEFAULT_PORT : wholeNumber("--port", values.port);
      if (port > 65535) throw new UsageError(`--port takes 0 to 65535, got \`${values.port}\``);
      const host = values.host ?? "127.0.0.1";
      if (host === "") throw new UsageError("--host takes an address");
      const remote = !isLoopback(host);
      if (remote && !values["allow-remote"]) {
        throw new UsageError(
          `--host \`${host}\` can be reached from other machines: add --allow-remote if that is what you want`,
        );
      }
      const dir = positionals[0] ?? ".";
      let stat: Deno.FileInfo | undefined;
      try {
        stat = Deno.statSync(dir);
      } catch {
        stat = undefined;
      }
      if (!stat) throw new Error(`folder \`${dir}\` does not exist`);
      if (!stat.isDirectory) throw new Error(`\`${dir}\` is not a folder: give the folder of your scenarios`);

      const server = serveStudio({ root: dir, entry, grants, host, port, allowRemote: remote });
      if (remote) {
        console.error(
          `warning: listening on ${host}: other machines can reach the Studio; ` +
            "anyone with the address below can edit the files in the folder and run its scenarios",
        );
      }
      console.log(`Eventum Studio: ${server.url}`);
      console.error("Press Ctrl-C to stop.");
      if (values.open) await openBrowser(server.url);

      const code = await new Promise<number>((resolve) => {
        const handlers = (["SIGINT", "SIGTERM"] as const).map((sig) => {
          const h = () => {
            for (const [s, f] of handlers) Deno.removeSignalListener(s, f);
            resolve(sig === "SIGINT" ? 130 : 143);
          };
          Deno.addSignalListener(sig, h);
          return [sig, h] as const;
        });
      });
      await server.shutdown();
      console.error("Studio stopped.");
      return code;
    },
  };
}
