/**
 * Baseline: the scenario's events written by hand. Template literals with
 * direct calls into our {@linkcode Rng}, `module.rand` and
 * {@linkcode EventTimestamp}: no template engine at all, the lists of the
 * templates hoisted out of the loop, a plain counter for `locals.incr`.
 * The practical limit of rendering these events in JavaScript with our
 * random and time APIs. Events go to the output in chunks of about 1 MiB.
 *
 * `deno run -A bench/baselines/handwritten.ts NAME COUNT OUT`
 *
 * @module
 */
import { EventTimestamp, TimeZone } from "../../engine/events/template/timestamp.ts";
import type { Sample } from "../../engine/events/template/samples.ts";
import { type ScenarioObjects, scenarioObjects } from "./_context.ts";
import { ChunkedSink, type Name, parseArgs, timeline } from "./_scenario.ts";

const CATEGORIES = ["authentication", "network", "process", "file"];
const ACTIONS = ["login", "logout", "connect", "exec", "open"];
const OUTCOMES = ["success", "failure"];
const OUTCOME_WEIGHTS = [9, 1];
const PORTS = [22, 80, 443, 3389, 5432, 8080];
const FAMILIES = ["linux", "windows", "darwin"];
const PROCESSES = ["sshd", "nginx", "postgres", "java", "python3"];
const METHODS = ["GET", "POST", "PUT"];
const STATUSES = [200, 404, 500];
const STATUS_WEIGHTS = [90, 7, 3];
const ACCESS_STATUSES = [200, 304, 404];
const ACCESS_WEIGHTS = [90, 7, 3];

/** Renders one event of scenario `name` at a timestamp, as its template would. */
function renderer(name: Name, objects: ScenarioObjects): (ts: EventTimestamp) => string {
  const { picks, samples, module: { rand } } = objects;
  const { number: n, string: s, network: net, crypto } = rand;
  switch (name) {
    case "counter": {
      const computers = samples.computers as Sample;
      let id = 0;
      return () => {
        const c = computers[picks.index(computers.length)] as readonly string[];
        return `{"id": ${++id}, "hostname": "${c[0]}", "ip": "${c[1]}"}`;
      };
    }
    case "json-1kb":
      return (ts) =>
        `{"@timestamp": "${ts.isoformat()}", "event": {"id": "${crypto.uuid4()}", "kind": "event", "category": "${
          rand.choice(CATEGORIES)
        }", "action": "${rand.choice(ACTIONS)}", "outcome": "${
          rand.weighted_choice(OUTCOMES, OUTCOME_WEIGHTS)
        }", "duration": ${n.integer(1000, 90000000)}, "sequence": ${
          n.integer(1, 1000000)
        }}, "source": {"ip": "${net.ip_v4_private()}", "port": ${
          n.integer(1024, 65535)
        }, "mac": "${net.mac()}", "bytes": ${
          n.integer(40, 1500000)
        }}, "destination": {"ip": "${net.ip_v4_public()}", "port": ${rand.choice(PORTS)}, "bytes": ${
          n.integer(40, 1500000)
        }}, "host": {"name": "srv-${s.digits(4)}", "os": {"family": "${rand.choice(FAMILIES)}", "version": "${
          n.integer(1, 20)
        }.${n.integer(0, 9)}"}}, "user": {"id": "${n.integer(1000, 9999)}", "name": "${
          s.letters_lowercase(8)
        }", "domain": "corp.example.com"}, "process": {"pid": ${n.integer(100, 65535)}, "name": "${
          rand.choice(PROCESSES)
        }", "hash": "${crypto.md5()}"}, "http": {"method": "${rand.choice(METHODS)}", "status": ${
          rand.weighted_choice(STATUSES, STATUS_WEIGHTS)
        }}, "tags": ["synthetic", "eventum", "bench"], "message": "${s.letters(120)}"}`;
    case "access-line": {
      const paths = samples.paths as Sample;
      const agents = samples.agents as Sample;
      return (ts) =>
        `${net.ip_v4_public()} - - [${ts.strftime("%d/%b/%Y:%H:%M:%S %z")}] "GET ${
          paths[picks.index(paths.length)]
        } HTTP/1.1" ${rand.weighted_choice(ACCESS_STATUSES, ACCESS_WEIGHTS)} ${n.integer(200, 50000)} "-" "${
          (agents.weighted_pick("weight") as { ua: string }).ua
        }"`;
    }
    case "pattern-10m":
      return (ts) => ts.toString();
  }
}

const { name, count, out } = parseArgs(Deno.args);
const render = renderer(name, scenarioObjects(name));
const zone = TimeZone.of("UTC");
const at = timeline(name, count);
const sink = new ChunkedSink(out);
for (let i = 0; i < count; i++) sink.line(render(new EventTimestamp(at(i), zone)));
sink.close();
