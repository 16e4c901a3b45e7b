/**
 * `eventum init` writes a starter scenario that runs as it is, is already
 * formatted, and never overwrites files unless told to.
 */
import { equal, match, ok } from "node:assert/strict";
import { eventum, lines } from "./_cli.ts";
import { STARTER_FILES } from "../cli/commands/init.ts";
import { formatEvt } from "../dsl/fmt.ts";

Deno.test("init writes a scenario that `eventum gen` runs as it is", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-init-" });
  try {
    const r = await eventum(["init", dir]);
    equal(r.code, 0, r.stderr);
    for (const f of Object.keys(STARTER_FILES)) {
      ok(r.stdout.includes(`wrote ${dir}/${f}`), r.stdout);
      equal(Deno.readTextFileSync(`${dir}/${f}`), STARTER_FILES[f]);
    }
    match(r.stdout, new RegExp(`eventum gen ${dir}/scenario\\.evt`));
    const gen = await eventum(["gen", `${dir}/scenario.evt`, "--count", "5"]);
    equal(gen.code, 0, gen.stderr);
    const events = lines(gen.stdout).map((l) => JSON.parse(l));
    equal(events.length, 5);
    for (const e of events) ok(typeof e.ts === "string" && e.site === "shop-1", JSON.stringify(e));
    const check = await eventum(["check", `${dir}/scenario.evt`]);
    equal(check.code, 0, check.stderr);
    match(check.stderr, /no problems/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("init refuses to overwrite, and names the files; --force overwrites", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-init-" });
  try {
    equal((await eventum(["init", dir])).code, 0);
    Deno.writeTextFileSync(`${dir}/scenario.evt`, "// mine\n");
    const again = await eventum(["init", dir]);
    equal(again.code, 1);
    match(
      again.stderr,
      /scenario\.evt`, `.*templates\/event\.json\.njk`, `.*samples\/users\.csv` exist; nothing was written/,
    );
    match(again.stderr, /--force/);
    equal(Deno.readTextFileSync(`${dir}/scenario.evt`), "// mine\n");
    const forced = await eventum(["init", dir, "--force"]);
    equal(forced.code, 0, forced.stderr);
    equal(Deno.readTextFileSync(`${dir}/scenario.evt`), STARTER_FILES["scenario.evt"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("the starter scenario is already formatted", () => {
  const text = STARTER_FILES["scenario.evt"] as string;
  equal(formatEvt(text, "scenario.evt").value, text);
});
