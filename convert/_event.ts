/**
 * The `event` of a Python Eventum `generator.yml`: the `template` plugin
 * (mode, templates, chain, fsm transitions, vars, params, samples), `script`
 * and `replay`.
 *
 * @module
 */
import type { Node } from "yaml";
import { diag, tick } from "../dsl/diagnostics.ts";
import { type Ctx, Opts } from "./_context.ts";
import { conditionText } from "./_fsm.ts";
import { from, opt, plugin, put } from "./_inputs.ts";
import { scanJinja } from "./_jinja.ts";
import { ident, quote, stringOf, valueText } from "./_values.ts";
import type { Stmt } from "./_writer.ts";
import { entries, items, type YamlFile } from "./_yaml.ts";

/** What the event becomes: its statement and the generator's samples. */
export interface EventResult {
  event?: Stmt;
  samples: Stmt[];
}

const MODES = ["all", "any", "chance", "spin", "chain", "fsm"];

/** Python codec names as WHATWG encoding labels. */
function encodingLabel(name: string): string {
  const n = name.toLowerCase().replace(/_/g, "-");
  const known: Record<string, string> = {
    "utf8": "utf-8",
    "latin-1": "latin1",
    "iso8859-1": "latin1",
    "utf-16-le": "utf-16le",
  };
  return known[n] ?? n;
}

/** Checks a template file and reports the Jinja it uses that Nunjucks lacks. */
function checkTemplateFile(ctx: Ctx, y: YamlFile, node: Node, path: string): void {
  const shown = ctx.shown(y, path);
  const text = ctx.host.readText(ctx.abs(path));
  if (text === undefined) {
    ctx.warn("EVT5001", [`template ${tick(shown)}`, "file not found or not readable"], y, node);
    return;
  }
  for (const f of scanJinja(text)) {
    ctx.sources.set(shown, text);
    const offset = text.split("\n").slice(0, f.line - 1).reduce((n, l) => n + l.length + 1, 0) + f.column - 1;
    ctx.diagnostics.push(diag("EVT5009", [`template ${tick(shown)}`, f.construct, f.advice], {
      span: { file: shown, line: f.line, column: f.column, offset, length: f.length },
      severity: "warning",
    }));
  }
}

function samples(ctx: Ctx, y: YamlFile, node: Node | null | undefined): Stmt[] {
  const out: Stmt[] = [];
  for (const e of entries(node) ?? []) {
    const o = new Opts(ctx, y, e.value, `sample ${tick(e.key)}`);
    const type = stringOf(o.get("type"));
    const source = o.get("source");
    const body: Stmt[] = [];
    let head: string;
    switch (type) {
      case "items": {
        const t = valueText(ctx, y, source, "any", `\`source\` of sample ${tick(e.key)}`);
        if (t === undefined) {
          o.done();
          continue;
        }
        head = `${ident(e.key)} items ${t}`;
        break;
      }
      case "csv":
      case "json": {
        const path = stringOf(source);
        if (path === undefined) {
          ctx.warn("EVT5007", [`sample ${tick(e.key)}`, "expected a file in `source`"], y, source ?? e.keyNode);
          o.done();
          continue;
        }
        head = `${ident(e.key)} ${type} ${quote(ctx.path(path))}`;
        if (type === "csv") {
          put(body, "header", opt(o, "header", "bool"));
          put(body, "delimiter", opt(o, "delimiter", "str"));
          put(body, "quote", opt(o, "quotechar", "str"));
        }
        break;
      }
      default:
        ctx.warn(
          "EVT5007",
          [`sample ${tick(e.key)}`, `unknown type ${tick(String(type))}`],
          y,
          e.value ?? e.keyNode,
          "types are items, csv and json",
        );
        o.done();
        continue;
    }
    o.done();
    out.push(body.length ? { head, body, comment: from(y, e.keyNode) } : { head, comment: from(y, e.keyNode) });
  }
  return out;
}

function params(ctx: Ctx, y: YamlFile, node: Node | null | undefined): void {
  for (const e of entries(node) ?? []) {
    const what = `param ${tick(e.key)}`;
    const flat = items(e.value);
    if (flat && flat.some((n) => entries(n) !== undefined || items(n) !== undefined)) {
      ctx.warn("EVT5007", [what, "a param holds a string, a number, a boolean or a flat list"], y, e.value);
      continue;
    }
    if (entries(e.value) !== undefined) {
      ctx.warn(
        "EVT5007",
        [what, "a param holds a string, a number, a boolean or a flat list"],
        y,
        e.value,
        "move the mapping into `vars` of the templates that use it, or into a JSON sample",
      );
      continue;
    }
    const value = valueText(ctx, y, e.value, "any", what);
    if (value === undefined) continue;
    const before = ctx.params.get(e.key);
    if (before && before.value !== value) {
      ctx.warn(
        "EVT5008",
        [`param ${
          tick(e.key)
        } is both a template param and a \`\${params.${e.key}}\` of the config: they share one name here`],
        y,
        e.keyNode,
      );
    }
    ctx.params.set(e.key, { value, from: from(y, e.keyNode) });
  }
}

function vars(ctx: Ctx, y: YamlFile, node: Node | null | undefined, alias: string): Stmt | undefined {
  const body: Stmt[] = [];
  for (const e of entries(node) ?? []) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(e.key)) {
      ctx.warn(
        "EVT5007",
        [`var ${tick(e.key)} of template ${tick(alias)}`, "its name is not a plain identifier"],
        y,
        e.keyNode,
      );
      continue;
    }
    const what = `var ${tick(e.key)} of template ${tick(alias)}`;
    if (entries(e.value) !== undefined) {
      ctx.warn("EVT5007", [what, "a var holds a string, a number, a boolean or a list, not a mapping"], y, e.value);
      continue;
    }
    put(body, e.key, valueText(ctx, y, e.value, "any", what));
  }
  return body.length ? { head: "vars", body, tall: true } : undefined;
}

function templatePlugin(ctx: Ctx, y: YamlFile, o: Opts, nameNode: Node): EventResult {
  const body: Stmt[] = [];
  const modeNode = o.get("mode");
  const mode = stringOf(modeNode) ?? "";
  if (!MODES.includes(mode)) {
    ctx.error(
      "EVT5003",
      ["`mode` of event `template`", `expected one of ${MODES.join(", ")}`],
      y,
      modeNode ?? nameNode,
    );
  } else if (mode !== "all") body.push({ head: `pick ${mode}` });
  if (mode === "chain") {
    const chain = items(o.get("chain"));
    if (chain) body.push({ head: `chain [${chain.map((n) => ident(String(stringOf(n)))).join(", ")}]` });
  } else o.drop("chain", "only `mode: chain` uses it");
  params(ctx, y, o.get("params"));
  const result: EventResult = { samples: samples(ctx, y, o.get("samples")) };
  const list = items(o.get("templates"));
  if (!list) {
    ctx.error(
      "EVT5003",
      ["`templates` of event `template`", "expected a list of templates"],
      y,
      o.get("templates") ?? nameNode,
    );
  }
  for (const item of list ?? []) {
    const t = plugin(ctx, y, item, "templates");
    if (!t) continue;
    const to = new Opts(ctx, y, t.options, `template ${tick(t.name)}`);
    const tb: Stmt[] = [];
    const pathNode = to.get("template");
    const path = stringOf(pathNode);
    let head = `template ${ident(t.name)}`;
    if (path === undefined) {
      ctx.error("EVT5003", [`template ${tick(t.name)}`, "expected a `template` file"], y, pathNode ?? t.nameNode);
    } else {
      head += ` file ${quote(ctx.path(path))}`;
      checkTemplateFile(ctx, y, pathNode as Node, path);
    }
    if (mode === "chance") put(tb, "chance", opt(to, "chance", "number"));
    else to.drop("chance", "only `mode: chance` uses it");
    if (mode === "fsm") {
      const initial = opt(to, "initial", "bool");
      if (initial === "true") tb.push({ head: "initial true" });
      for (const tr of items(to.get("transitions")) ?? []) {
        const tro = new Opts(ctx, y, tr, `a transition of template ${tick(t.name)}`);
        const target = stringOf(tro.get("to"));
        const when = tro.get("when");
        const expr = when === undefined ? "true" : conditionText(ctx, y, when);
        tro.done();
        if (target === undefined || expr === undefined) continue;
        tb.push({ head: expr === "true" ? `to ${ident(target)}` : `to ${ident(target)} when ${quote(expr)}` });
      }
    } else {
      to.drop("initial", "only `mode: fsm` uses it");
      to.drop("transitions", "only `mode: fsm` uses it");
    }
    const v = vars(ctx, y, to.get("vars"), t.name);
    if (v) tb.push(v);
    to.done();
    body.push(tb.length ? { head, body: tb, comment: from(y, t.nameNode) } : { head, comment: from(y, t.nameNode) });
  }
  o.done();
  result.event = { head: "event template", body, comment: from(y, nameNode), tall: true };
  return result;
}

/**
 * Converts the `event` mapping.
 *
 * @param ctx The conversion.
 * @param y The generator file.
 * @param node The `event` value.
 */
export function convertEvent(ctx: Ctx, y: YamlFile, node: Node | null): EventResult {
  const p = plugin(ctx, y, node ?? y.root as Node, "event");
  if (!p) return { samples: [] };
  const o = new Opts(ctx, y, p.options, `event ${tick(p.name)}`);
  const comment = from(y, p.nameNode);
  switch (p.name) {
    case "template":
      return templatePlugin(ctx, y, o, p.nameNode);
    case "script": {
      const pathNode = o.get("path");
      const path = stringOf(pathNode);
      o.done();
      if (path === undefined) {
        ctx.error("EVT5003", ["event `script`", "expected a `path`"], y, pathNode ?? p.nameNode);
        return { samples: [] };
      }
      const ts = path.replace(/\.py$/, "") + ".ts";
      ctx.warn(
        "EVT5008",
        [`the script ${tick(path)} is Python: \`event script\` runs TypeScript or JavaScript, so it names ${tick(ts)}`],
        y,
        pathNode,
        "port `produce(params)` to `export function produce(ctx)` in that file: `ctx.timestamp`, `ctx.tags` and `ctx.globals` are there, and return a string or a list of strings",
      );
      return { event: { head: `event script ${quote(ctx.path(ts))}`, comment }, samples: [] };
    }
    case "replay": {
      const pathNode = o.get("path");
      const path = stringOf(pathNode);
      if (path === undefined) {
        ctx.error("EVT5003", ["event `replay`", "expected a `path`"], y, pathNode ?? p.nameNode);
        o.done();
        return { samples: [] };
      }
      const body: Stmt[] = [];
      const pattern = opt(o, "timestamp_pattern", "str");
      if (pattern === undefined || !o.has("timestamp_format")) {
        ctx.warn(
          "EVT5008",
          ["without both `timestamp_pattern` and `timestamp_format`, the Python Eventum replays lines unchanged; here the timestamps in them are rewritten to the event's time (ISO 8601 ones, without `timestamp_pattern`)"],
          y,
          p.nameNode,
        );
      }
      put(body, "timestamp_pattern", pattern);
      put(body, "timestamp_format", opt(o, "timestamp_format", "str"));
      put(body, "repeat", opt(o, "repeat", "bool"));
      const chunk = opt(o, "chunk_size", "int");
      if (chunk === "0") {
        ctx.warn(
          "EVT5006",
          ["`chunk_size 0`", "event `replay`", "the file is always read in chunks; the default (1 MiB) is used"],
          y,
          o.keyNode("chunk_size"),
        );
      } else if (chunk !== undefined && Number(chunk) < 1024) put(body, "chunk_size", "1024");
      else put(body, "chunk_size", chunk);
      const enc = stringOf(o.get("encoding"));
      if (enc !== undefined && encodingLabel(enc) !== "utf-8") {
        body.push({ head: `encoding ${quote(encodingLabel(enc))}` });
      }
      o.done();
      const head = `event replay ${quote(ctx.path(path))}`;
      return { event: body.length ? { head, body, comment } : { head, comment }, samples: [] };
    }
    default:
      o.done();
      ctx.warn("EVT5004", ["event", tick(p.name), ""], y, p.nameNode, "event plugins are template, script and replay");
      return { samples: [] };
  }
}
