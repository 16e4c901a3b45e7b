/**
 * The bundled scenarios run exactly as their comments say.
 */
import { deepEqual, equal, match, notEqual } from "node:assert/strict";
import { eventum, lines, ROOT } from "./_cli.ts";

Deno.test("hello.evt prints five lines, userID 1 to 5", async () => {
  const r = await eventum(["gen", "samples/hello.evt"]);
  equal(r.code, 0, r.stderr);
  deepEqual(lines(r.stdout), [1, 2, 3, 4, 5].map((n) => `{"userID":${n}}`));
  match(r.stderr, /5 events generated, 5 written, 0 failed/);
});

Deno.test("samples.evt prints three CSV rows, the same ones again with the same seed", async () => {
  const a = await eventum(["gen", "samples/samples.evt", "--seed", "7"]);
  const b = await eventum(["gen", "samples/samples.evt", "--seed", "7"]);
  equal(a.code, 0, a.stderr);
  const rows = lines(a.stdout);
  equal(rows.length, 3);
  const csv = Deno.readTextFileSync(`${ROOT}samples/computers.csv`).trim().split("\n").map((l) => l.split(","));
  for (const row of rows) {
    const e = JSON.parse(row);
    const found = csv.find(([h]) => h === e.hostname);
    notEqual(found, undefined, row);
    deepEqual(e, { sampleRow: `('${found![0]}', '${found![1]}')`, hostname: found![0], ip: found![1] });
  }
  equal(b.stdout, a.stdout);
});

Deno.test("samples.evt with another seed picks differently somewhere", async () => {
  const outs = new Set<string>();
  for (const seed of ["1", "2", "3"]) outs.add((await eventum(["gen", "samples/samples.evt", "--seed", seed])).stdout);
  notEqual(outs.size, 1);
});

Deno.test("whoami.evt stops before any event and names the flag", async () => {
  const r = await eventum(["gen", "samples/whoami.evt"]);
  equal(r.code, 1);
  equal(r.stdout, "");
  match(r.stderr, /EVT3001/);
  match(r.stderr, /--allow-run=whoami/);
});

Deno.test("whoami.evt with --allow-run=whoami prints the user's name", async () => {
  const r = await eventum(["gen", "samples/whoami.evt", "--allow-run=whoami"]);
  equal(r.code, 0, r.stderr);
  const who = new TextDecoder().decode(new Deno.Command("whoami").outputSync().stdout).trim();
  const name = who.charAt(0).toUpperCase() + who.slice(1).toLowerCase();
  deepEqual(lines(r.stdout), [`{"name":"Shell says, that I'm ${name}"}`]);
});

Deno.test("every bundled scenario passes check", async () => {
  const files = [...Deno.readDirSync(`${ROOT}samples`)].filter((e) => e.name.endsWith(".evt")).map((e) =>
    `samples/${e.name}`
  );
  const r = await eventum(["check", ...files]);
  equal(r.code, 0, r.stderr);
  match(r.stderr, /checked: no problems/);
});
