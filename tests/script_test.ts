/**
 * `event script`: a module's produce(ctx) makes the events, with the same
 * APIs as templates and inside the same sandbox.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { eventum, lines } from "./_cli.ts";

function scenario(producer: string, extra = "", count = 3): string {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-script-" });
  Deno.writeTextFileSync(`${dir}/producer.ts`, producer);
  Deno.writeTextFileSync(
    `${dir}/s.evt`,
    `generator "s" {
  seed 5
  ${extra}
  samples { users items ["ann", "bob"] }
  input linspace { start 2024-01-01T00:00:00Z; end +2s; count ${count} }
  event script "producer.ts"
  output stdout
}
`,
  );
  return `${dir}/s.evt`;
}

Deno.test("a script's produce(ctx) makes events with state, samples, rand and the timestamp", async () => {
  const file = scenario(`
    export function produce(ctx) {
      const n = ctx.shared.incr("n");
      const user = ctx.samples.users.pick();
      if (n === 2) return [\`\${n} a\`, \`\${n} b\`];
      return JSON.stringify({ n, user, at: ctx.timestamp.isoformat(), i: ctx.index, x: ctx.module.rand.number.integer(1, 9) });
    }
  `);
  const a = await eventum(["gen", file]);
  equal(a.code, 0, a.stderr);
  const out = lines(a.stdout);
  equal(out.length, 4);
  deepEqual(out.slice(1, 3), ["2 a", "2 b"]);
  const first = JSON.parse(out[0]!);
  equal(first.n, 1);
  equal(first.at, "2024-01-01T00:00:00+00:00");
  equal(first.i, 0);
  match(first.user, /^(ann|bob)$/);
  equal((await eventum(["gen", file])).stdout, a.stdout);
});

Deno.test("a script error names the script and its line; on_error skip goes on", async () => {
  const producer =
    `export function produce(ctx) {\n  if (ctx.index === 1) throw new Error("boom");\n  return "ok";\n}\n`;
  const failing = await eventum(["gen", scenario(producer)]);
  equal(failing.code, 1);
  match(failing.stderr, /Script `producer\.ts:2:\d+` failed: boom/);
  const file = scenario(producer).replace("s.evt", "s.evt");
  Deno.writeTextFileSync(file, Deno.readTextFileSync(file).replace('"producer.ts"', '"producer.ts" { on_error skip }'));
  const skipping = await eventum(["gen", file]);
  deepEqual(lines(skipping.stdout), ["ok", "ok"]);
  match(skipping.stderr, /3 events generated, 2 written, 1 failed/);
});

Deno.test("a script without produce, or missing, is a clear error", async () => {
  const none = await eventum(["gen", scenario("export const x = 1;")]);
  equal(none.code, 1);
  match(none.stderr, /does not export a function `produce\(ctx\)`/);
  const file = scenario("export function produce() { return 'x'; }");
  Deno.writeTextFileSync(file, Deno.readTextFileSync(file).replace('"producer.ts"', '"producr.ts"'));
  const missing = await eventum(["check", file]);
  equal(missing.code, 1);
  match(missing.stderr, /script `producr\.ts` not found/);
  match(missing.stderr, /did you mean "producer\.ts"\?/);
});

Deno.test("a script runs in the sandbox: no command, file or variable without a grant", async () => {
  const cases: [string, string[], RegExp][] = [
    [
      `export function produce() { return new TextDecoder().decode(new Deno.Command("id").outputSync().stdout).trim(); }`,
      [
        "--allow-run=id",
      ],
      /uid=/,
    ],
    [`export function produce(ctx) { return ctx.subprocess.run("id", true).trim(); }`, ["--allow-run=id"], /uid=/],
    [`export function produce() { return Deno.env.get("EVENTUM_PROBE"); }`, ["--allow-env=EVENTUM_PROBE"], /^leaked$/m],
    [`export function produce() { return Deno.readTextFileSync("/etc/hostname").trim() || "empty"; }`, [
      "--allow-read=/etc/hostname",
    ], /./],
  ];
  for (const [producer, grant, expected] of cases) {
    const file = scenario(producer, "", 1);
    const env = { EVENTUM_PROBE: "leaked" };
    const denied = await eventum(["gen", file], { env });
    equal(denied.code, 1, producer);
    equal(denied.stdout, "");
    match(denied.stderr, /Script `producer\.ts|Command `id`/);
    match(denied.stderr, /--allow-(run|env|read)/);
    const granted = await eventum(["gen", file, ...grant], { env });
    equal(granted.code, 0, granted.stderr);
    match(granted.stdout, expected);
  }
});
