/**
 * Template flow end to end: dispatch, globals across generators, pools.
 */
import { deepEqual, equal, match } from "node:assert/strict";
import { eventum, lines } from "./_cli.ts";

function scenario(text: string): string {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-tpl-" });
  Deno.writeTextFileSync(`${dir}/s.evt`, text);
  return `${dir}/s.evt`;
}

Deno.test("dispatch: drop skips and counts, next picks again, exhaust stops the generator", async () => {
  const r = await eventum([
    "gen",
    scenario(`generator "d" {
  input static { count 20 }
  event template {
    pick spin
    template a """{% set n = shared.incr('n') %}{% if n % 3 == 0 %}{{ dispatch.drop() }}{% endif %}{% if n == 8 %}{{ dispatch.exhaust() }}{% endif %}a{{ n }}"""
    template b """{% if shared.get('n') % 2 == 0 %}{{ dispatch.next() }}{% endif %}b{{ shared.get('n') }}"""
  }
  output stdout
}`),
  ]);
  equal(r.code, 0, r.stderr);
  // spin: a, b, a, b...; `next` on b moves to the next template in turn
  // (a, which may drop); a at n = 8 stops the generator before the 20th.
  deepEqual(lines(r.stdout), ["a1", "b1", "a2", "b3", "a4", "a5", "b5", "a7", "b7"]);
  match(r.stderr, /2 dropped/);
});

Deno.test("globals are shared by the generators of a run: a pool filled by one, drained by another", async () => {
  const r = await eventum([
    "gen",
    scenario(`generator "orders" {
  input linspace { start 2024-01-01T00:00:00Z; end +9s; count 10 }
  event template { template o """{% do globals.push('open', 'order-' ~ locals.incr('n')) %}placed"""  }
  output stdout
}
generator "shipping" {
  seed 1
  input linspace { start 2024-01-01T00:00:30Z; end +4s; count 5 }
  event template { template s """shipped {{ globals.pop_random('open') }} of {{ globals.size('open') + 1 }}"""  }
  output stdout
}`),
    "--seed",
    "3",
  ]);
  equal(r.code, 0, r.stderr);
  // Generators run concurrently (not in timestamp order across generators),
  // so only what the pool guarantees is checked: each order ships at most once.
  const shipped = lines(r.stdout).filter((l) => l.startsWith("shipped order-")).map((l) => l.split(" ")[1]);
  if (shipped.length === 0) throw new Error("nothing crossed from one generator to the other");
  equal(new Set(shipped).size, shipped.length);
});

Deno.test("dispatch.next() in a group's step discards the whole firing and picks again", async () => {
  const r = await eventum([
    "gen",
    scenario(`generator "g" {
  seed 1
  input static { count 6 }
  event template {
    pick spin
    template a """a{{ shared.incr('a') }}"""
    template s1 """s1-{{ shared.incr('g') }}"""
    template s2 """{% if shared.get('g') % 2 == 1 %}{{ dispatch.next() }}{% endif %}s2-{{ shared.get('g') }}"""
    group pair { steps [s1, s2]; spread 1s }
  }
  output stdout
}`),
  ]);
  equal(r.code, 0, r.stderr);
  // spin over [a, pair]: the firings of pair with an odd count lose s1 too, and `a` is picked instead.
  deepEqual(lines(r.stdout), ["a1", "a2", "s1-2", "s2-2", "a3", "a4", "s1-4", "s2-4"]);
});

Deno.test("a timestamp whose every pick says dispatch.next() is counted as dropped, not lost", async () => {
  const r = await eventum([
    "gen",
    scenario(`generator "n" {
  input static { count 5 }
  event template { pick any; template t """{{ dispatch.next() }}x""" }
  output stdout
}`),
  ]);
  equal(r.code, 0, r.stderr);
  equal(r.stdout, "");
  match(r.stderr, /5 dropped/);
});
