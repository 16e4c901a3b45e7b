/**
 * Correlated groups: one timestamp fires a fixed sequence of templates with
 * gaps between them, sharing a `group` state for that firing.
 */
import { equal, match } from "node:assert/strict";
import { eventum, lines } from "./_cli.ts";

function scenario(text: string): string {
  const dir = Deno.makeTempDirSync({ prefix: "eventum-groups-" });
  Deno.writeTextFileSync(`${dir}/s.evt`, text);
  return `${dir}/s.evt`;
}

const FLOW = `generator "g" {
  seed 11
  samples { users items ["ann", "bob", "cid"] }
  input linspace { start 2024-01-01T00:00:00Z; end +1h; count 300 }
  event template {
    pick chance
    template page """{"e": "page", "t": "{{ timestamp.isoformat() }}"}""" { chance 3 }
    template auth """{% do group.set('user', samples.users | random) %}{"e": "auth", "user": "{{ group.get('user') }}", "t": "{{ timestamp.isoformat() }}"}"""
    template credential """{"e": "credential", "user": "{{ group.get('user') }}", "t": "{{ timestamp.isoformat() }}"}"""
    template login """{"e": "login", "user": "{{ group.get('user') }}", "t": "{{ timestamp.isoformat() }}"}"""
    group login_flow { steps [auth, credential, login]; spread [1s, 2s]; chance 1 }
  }
  output stdout { format json }
}`;

Deno.test("a group fires its steps in order with gaps, sharing the group state", async () => {
  const r = await eventum(["gen", scenario(FLOW)]);
  equal(r.code, 0, r.stderr);
  const events = lines(r.stdout).map((l) => JSON.parse(l));
  let flows = 0;
  for (let i = 0; i < events.length; i++) {
    if (events[i].e !== "auth") {
      if (events[i].e !== "page") throw new Error(`step outside a flow at ${i}: ${events[i].e}`);
      continue;
    }
    flows++;
    const [a, c, l] = [events[i], events[i + 1], events[i + 2]];
    equal(c.e, "credential");
    equal(l.e, "login");
    equal(c.user, a.user);
    equal(l.user, a.user);
    for (const [x, y] of [[a, c], [c, l]]) {
      const gap = Date.parse(y.t) - Date.parse(x.t);
      if (gap < 1000 || gap > 2000) throw new Error(`gap ${gap} ms`);
    }
    i += 2;
  }
  // About a quarter of 300 timestamps fire the flow.
  if (flows < 40 || flows > 110) throw new Error(`${flows} flows`);
});

Deno.test("group mistakes are check-time errors", async () => {
  const bad = await eventum([
    "check",
    scenario(FLOW.replace("steps [auth, credential, login]", "steps [auth, credentail, login]")),
  ]);
  equal(bad.code, 1);
  match(bad.stderr, /no template named `credentail`/);
  match(bad.stderr, /did you mean `credential`\?/);
  const fsm = await eventum(["check", scenario(FLOW.replace("pick chance", "pick fsm"))]);
  match(fsm.stderr, /groups cannot be used with `pick fsm`/);
});
