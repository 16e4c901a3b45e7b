import { equal, ok } from "node:assert/strict";
import { V8_FLAGS_ARG } from "./v8_flags.ts";

Deno.test("`deno task eventum` runs with the program's V8 flags", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url))) as {
    tasks: Record<string, string>;
  };
  ok(config.tasks.eventum?.split(" ").includes(V8_FLAGS_ARG), config.tasks.eventum);
});

Deno.test("the program's V8 flags are flags V8 takes", async () => {
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["eval", V8_FLAGS_ARG, "console.log('ok')"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  equal(new TextDecoder().decode(r.stderr), "");
  equal(new TextDecoder().decode(r.stdout).trim(), "ok");
});
