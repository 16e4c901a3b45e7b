/**
 * `event replay`: a log replayed line by line with its timestamps rewritten.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { eventum, lines } from "./_cli.ts";

const LOG = [
  '10.0.0.1 - - [12/Jan/2023:10:00:00 +0000] "GET / HTTP/1.1" 200 12',
  '10.0.0.2 - - [12/Jan/2023:10:00:05 +0000] "GET /a HTTP/1.1" 404 0',
  '10.0.0.3 - - [12/Jan/2023:10:00:09 +0000] "POST /b HTTP/1.1" 201 7',
].join("\n") + "\n";

function scenario(options: string, count = 3): string {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-replay-" });
  Deno.writeTextFileSync(`${dir}/old.log`, LOG);
  Deno.writeTextFileSync(
    `${dir}/s.evt`,
    `generator "r" {
  timezone "Europe/Berlin"
  input linspace { start 2024-06-01T12:00:00Z; end +${count - 1}s; count ${count} }
  event replay "old.log" { ${options} }
  output stdout
}
`,
  );
  return `${dir}/s.evt`;
}

Deno.test("replay rewrites each line's timestamp with the pattern and format given", async () => {
  const r = await eventum([
    "gen",
    scenario(String.raw`timestamp_pattern "\\[(?P<timestamp>[^\\]]+)\\]"; timestamp_format "%d/%b/%Y:%H:%M:%S %z"`),
  ]);
  equal(r.code, 0, r.stderr);
  deepEqual(lines(r.stdout), [
    '10.0.0.1 - - [01/Jun/2024:14:00:00 +0200] "GET / HTTP/1.1" 200 12',
    '10.0.0.2 - - [01/Jun/2024:14:00:01 +0200] "GET /a HTTP/1.1" 404 0',
    '10.0.0.3 - - [01/Jun/2024:14:00:02 +0200] "POST /b HTTP/1.1" 201 7',
  ]);
});

Deno.test("replay stops at the end of the file, or starts again with repeat", async () => {
  const once = await eventum(["gen", scenario("", 5)]);
  equal(once.code, 0, once.stderr);
  equal(lines(once.stdout).length, 3);
  const again = await eventum(["gen", scenario("repeat true", 5)]);
  equal(lines(again.stdout).length, 5);
  match(lines(again.stdout)[3]!, /^10\.0\.0\.1 /);
});

Deno.test("a bad pattern is a check-time error", async () => {
  const r = await eventum(["check", scenario('timestamp_pattern "\\\\[([^\\\\]]+)\\\\]"')]);
  equal(r.code, 1);
  match(r.stderr, /named group `timestamp`/);
  const bad = await eventum(["check", scenario('timestamp_pattern "(?<timestamp>["')]);
  match(bad.stderr, /invalid regular expression/);
});
