import { deepEqual, equal } from "node:assert/strict";
import { covers, mergeGrants, missingGrants, parseGrant, workerPermissions } from "./permissions.ts";
import type { GeneratorGraph, Graph } from "./graph.ts";

Deno.test("parseGrant reads Deno's flag shapes", () => {
  deepEqual(parseGrant("--allow-run=whoami,id", "/x"), { run: ["whoami", "id"] });
  deepEqual(parseGrant("--allow-net", "/x"), { net: true });
  deepEqual(parseGrant("--allow-read=data", "/x"), { read: ["/x/data"] });
  equal(parseGrant("-A", "/")?.env, true);
  equal(parseGrant("--count", "/"), undefined);
});

Deno.test("covers matches hosts, ports, paths and env prefixes", () => {
  equal(covers("net", ["127.0.0.1"], "127.0.0.1:9200"), true);
  equal(covers("net", ["127.0.0.1:9300"], "127.0.0.1:9200"), false);
  equal(covers("read", ["/data"], "/data/a.csv"), true);
  equal(covers("read", ["/data"], "/database"), false);
  equal(covers("env", ["OS_*"], "OS_PASSWORD"), true);
  equal(covers("run", undefined, "whoami"), false);
  equal(covers("run", true, "whoami"), true);
});

const gen = (needs: GeneratorGraph["needs"]): GeneratorGraph => ({
  name: "g",
  dir: "/s",
  mode: "sample",
  timezone: "UTC",
  skipPast: true,
  batch: { size: 1, delay: 0 },
  params: {},
  needs,
  grants: { read: ["/s"], write: ["/s/out.log"] },
  samples: {},
  inputs: [],
  event: { plugin: "template", options: {} },
  outputs: [],
});

Deno.test("missingGrants names the flag to add", () => {
  const graph: Graph = { version: 1, generators: [gen({ run: ["whoami"], env: ["X"] })] };
  deepEqual(missingGrants(graph, { env: ["X"] }).map((m) => m.flag), ["--allow-run=whoami"]);
  deepEqual(missingGrants(graph, mergeGrants({ run: ["whoami"] }, { env: true })), []);
});

Deno.test("workerPermissions grants exactly the flags plus the scenario's own files", () => {
  const graph: Graph = { version: 1, generators: [gen({})] };
  deepEqual(workerPermissions(graph, { run: ["whoami"] }), {
    run: ["whoami"],
    net: false,
    read: ["/s"],
    write: ["/s/out.log"],
    env: false,
    sys: false,
    ffi: false,
    import: false,
  });
});
