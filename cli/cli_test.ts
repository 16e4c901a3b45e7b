import { deepEqual, equal } from "node:assert/strict";
import { command, commands } from "./cli.ts";

Deno.test("each command loads by its own name, in the order of the help", async () => {
  const list = await commands();
  deepEqual(list.map((c) => c.name), [
    "gen",
    "render",
    "plot",
    "studio",
    "check",
    "compile",
    "convert",
    "fmt",
    "init",
    "plugins",
  ]);
  for (const c of list) equal((await command(c.name))?.name, c.name);
  equal(await command("nope"), undefined);
});
