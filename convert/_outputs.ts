/**
 * The `output` list of a Python Eventum `generator.yml`: `stdout`, `file`,
 * `http`, `opensearch`, `clickhouse`, `kafka`, `tcp` and `udp`, each with its
 * `formatter` as a `format` statement.
 *
 * @module
 */
import type { Node } from "yaml";
import { tick } from "../dsl/diagnostics.ts";
import { type Ctx, Opts } from "./_context.ts";
import { from, opt, plugin, put } from "./_inputs.ts";
import { listText, pathText, quote, stringOf, valueText } from "./_values.ts";
import { indentAt, type Stmt, tripleQuoted } from "./_writer.ts";
import { entries, items, type YamlFile } from "./_yaml.ts";

/** The formatter of each Python output when it has none, where ours differs. */
const PYTHON_DEFAULT: Record<string, string> = { http: "json-batch", tcp: "plain", udp: "plain" };
const OUR_DEFAULT: Record<string, string> = { stdout: "plain", file: "plain" };

/** An inline template, as a `"""` block at output depth (the generator's outputs sit at depth 1). */
function inlineTemplate(text: string): string {
  return tripleQuoted(text, indentAt(4)) ?? quote(text);
}

function formatter(ctx: Ctx, y: YamlFile, node: Node | null | undefined, output: string): Stmt | undefined {
  if (node === undefined || node === null) {
    const d = PYTHON_DEFAULT[output];
    return d ? { head: `format ${d}` } : undefined;
  }
  const o = new Opts(ctx, y, node, "the formatter");
  const formatNode = o.get("format");
  const format = stringOf(formatNode) ?? "";
  const body: Stmt[] = [];
  let result: Stmt | undefined;
  switch (format) {
    case "plain":
      result = OUR_DEFAULT[output] === "plain" ? undefined : { head: "format plain" };
      break;
    case "json":
    case "json-batch": {
      const indent = opt(o, "indent", "int");
      if (indent !== undefined && indent !== "0") body.push({ head: `indent ${indent}` });
      result = { head: `format ${format}`, ...(body.length ? { body } : {}) };
      break;
    }
    case "template":
    case "template-batch": {
      const inline = stringOf(o.get("template"));
      const path = stringOf(o.get("template_path"));
      const word = format === "template" ? "event" : "events";
      const ours = format === "template" ? "text" : "texts";
      if (inline !== undefined) {
        const re = new RegExp(`\\b${word}\\b`, "g");
        const rewritten = inline.replace(/\{\{[^]*?\}\}|\{%[^]*?%\}/g, (tag) => tag.replace(re, ours));
        if (rewritten !== inline) {
          ctx.warn(
            "EVT5008",
            [`in \`format ${format}\`, \`${word}\` is parsed JSON here and the text is \`${ours}\`: the template now uses \`${ours}\``],
            y,
            o.keyNode("template"),
          );
        }
        body.push({ head: `template ${inlineTemplate(rewritten)}` });
      } else if (path !== undefined) {
        body.push({ head: `template_path ${quote(ctx.path(path))}` });
        const text = ctx.host.readText(ctx.abs(path));
        if (text !== undefined && new RegExp(`\\b${word}\\b`).test(text)) {
          ctx.warn(
            "EVT5008",
            [`${tick(path)} uses \`${word}\`: in \`format ${format}\` here it is the parsed event${
              format === "template" ? "" : "s"
            }, and the text is \`${ours}\``],
            y,
            o.keyNode("template_path"),
            `replace \`${word}\` by \`${ours}\` where the template wants the text`,
          );
        }
      } else ctx.warn("EVT5007", [`\`format ${format}\``, "expected `template` or `template_path`"], y, node);
      result = { head: `format ${format}`, body, tall: true };
      break;
    }
    default:
      ctx.warn(
        "EVT5004",
        ["formatter", tick(format), ""],
        y,
        formatNode ?? node,
        format === "syslog"
          ? "for syslog, write `output syslog { transport tcp; host ...; port ... }` instead"
          : "formatters are plain, json, json-batch, template and template-batch",
      );
      o.done();
      return undefined;
  }
  o.done();
  return result;
}

/** `verify`, `ca_cert`, `client_cert`, `client_cert_key` as a `tls` block. */
function tls(o: Opts, body: Stmt[], verifyDefault: boolean, always = false): void {
  const parts: Stmt[] = [];
  const verify = opt(o, "verify", "bool") ?? String(verifyDefault);
  if (verify === "false") parts.push({ head: "verify false" });
  for (const [py, ours] of [["ca_cert", "ca"], ["client_cert", "cert"], ["client_cert_key", "key"]] as const) {
    const p = stringOf(o.get(py));
    if (p !== undefined) parts.push({ head: `${ours} ${quote(o.ctx.path(p))}` });
  }
  if (parts.length || always) body.push({ head: "tls", body: parts });
}

function encoding(o: Opts): void {
  const node = o.get("encoding");
  const enc = stringOf(node);
  if (enc !== undefined && !/^utf[-_]?8$/i.test(enc)) {
    o.ctx.warn("EVT5006", ["`encoding`", o.label, "records are written as UTF-8"], o.y, o.keyNode("encoding"));
  }
}

function flush(o: Opts, body: Stmt[]): void {
  put(body, "flush", opt(o, "flush_interval", "seconds"));
}

function convertOutput(ctx: Ctx, o: Opts, name: string, body: Stmt[]): string | undefined {
  const timeouts = (reason: string) => {
    o.drop("connect_timeout", reason);
    o.drop("request_timeout", reason);
  };
  switch (name) {
    case "stdout":
      put(body, "stream", stringOf(o.get("stream")));
      put(body, "separator", opt(o, "separator", "str"));
      flush(o, body);
      encoding(o);
      return "output stdout";
    case "file": {
      const path = pathText(ctx, o.y, o.get("path"), "`path` of output `file`");
      // The Python Eventum appends by default; here a file starts afresh unless told.
      body.push({ head: `write_mode ${stringOf(o.get("write_mode")) ?? "append"}` });
      put(body, "separator", opt(o, "separator", "str"));
      const mode = stringOf(o.get("file_mode"));
      if (mode !== undefined) body.push({ head: `mode ${quote(mode.padStart(4, "0"))}` });
      flush(o, body);
      o.drop("cleanup_interval", "the file stays open while the run lasts");
      encoding(o);
      return path === undefined ? undefined : `output file ${path}`;
    }
    case "http": {
      const urlNode = o.get("url");
      const url = valueText(ctx, o.y, urlNode, "str", "`url` of output `http`", quote("http://127.0.0.1:8080"));
      const method = stringOf(o.get("method"));
      if (method !== undefined && method !== "POST") {
        if (["PUT", "PATCH"].includes(method)) body.push({ head: `method ${method}` });
        else {ctx.warn(
            "EVT5007",
            [`\`method: ${method}\``, "only POST, PUT and PATCH send events"],
            o.y,
            o.keyNode("method"),
            "POST is used",
          );}
      }
      const codeNode = o.get("success_code");
      const code = codeNode === undefined
        ? undefined
        : valueText(ctx, o.y, codeNode, "int", "`success_code` of output `http`", "201");
      body.push({ head: `success [${code ?? "201"}]` });
      const headers: Stmt[] = [];
      for (const e of entries(o.get("headers")) ?? []) {
        const v = valueText(ctx, o.y, e.value, "text", `header ${tick(e.key)}`);
        if (v === undefined) continue;
        if (e.key.toLowerCase() === "content-type") body.push({ head: `content_type ${v}` });
        else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(e.key)) headers.push({ head: `${e.key} ${v}` });
        else ctx.warn("EVT5007", [`header ${tick(e.key)}`, "its name is not a plain identifier"], o.y, e.keyNode);
      }
      if (headers.length) body.push({ head: "headers", body: headers, tall: true });
      const authNode = o.get("auth");
      if (authNode) {
        const a = new Opts(ctx, o.y, authNode, "`auth`");
        const type = stringOf(a.get("type"));
        if (type === "basic") {
          const parts: Stmt[] = [];
          put(parts, "username", opt(a, "username", "text"));
          put(parts, "password", opt(a, "password", "text") ?? '""');
          body.push({ head: "auth", body: [{ head: "basic", body: parts }] });
        } else if (type === "bearer") {
          const token = opt(a, "token", "text");
          if (token) body.push({ head: "auth", body: [{ head: `bearer ${token}` }] });
        } else {
          ctx.warn(
            "EVT5007",
            [`\`auth\` of type ${tick(String(type))}`, "only `basic` and `bearer` are supported"],
            o.y,
            authNode,
            "get a token yourself and use `bearer`",
          );
          for (const e of entries(authNode) ?? []) a.get(e.key);
        }
        a.done();
      }
      const timeout = opt(o, "request_timeout", "seconds");
      put(body, "timeout", timeout);
      tls(o, body, true);
      o.drop("connect_timeout", "the request `timeout` covers connecting");
      o.drop("proxy_url", "proxies are not supported yet");
      o.drop(
        "concurrency",
        "requests go one at a time per output by default (`keep_order false; concurrency N` allows more)",
      );
      return url === undefined ? undefined : `output http ${url}`;
    }
    case "opensearch": {
      put(body, "hosts", listText(ctx, o.y, o.get("hosts"), "str", "`hosts` of output `opensearch`"));
      put(body, "index", opt(o, "index", "str"));
      put(body, "username", opt(o, "username", "text"));
      put(body, "password", opt(o, "password", "text"));
      // The Python Eventum does not check certificates unless `verify: true`.
      tls(o, body, false);
      timeouts("requests have the delivery's `write_timeout` (30s by default)");
      o.drop("proxy_url", "proxies are not supported yet");
      return "output opensearch";
    }
    case "clickhouse": {
      const dsn = o.get("dsn");
      if (dsn !== undefined && dsn !== null) {
        ctx.warn(
          "EVT5007",
          ["`dsn`", "the HTTP interface is reached with `url`"],
          o.y,
          o.keyNode("dsn"),
          'write `url "http://host:8123"`, `database`, `username` and `password` instead',
        );
      }
      const host = stringOf(o.get("host"));
      const port = stringOf(o.get("port")) ?? "8123";
      const protocol = stringOf(o.get("protocol")) ?? "http";
      if (host !== undefined) {
        if (`${host}${port}`.includes("${")) {
          ctx.warn(
            "EVT5007",
            [
              tick(`${protocol}://${host}:${port}`),
              "`url` is one value here: a `${params...}` inside it is written as is",
            ],
            o.y,
            o.keyNode("host"),
          );
        }
        body.push({ head: `url ${quote(`${protocol}://${host}:${port}`)}` });
      }
      put(body, "database", opt(o, "database", "str"));
      put(body, "table", opt(o, "table", "str"));
      put(body, "username", opt(o, "username", "text"));
      put(body, "password", opt(o, "password", "text"));
      put(body, "input_format", opt(o, "input_format", "str"));
      tls(o, body, true);
      timeouts("requests have the delivery's `write_timeout` (30s by default)");
      for (const k of ["header", "footer"]) o.drop(k, "use `format template-batch` to wrap a batch");
      const sep = stringOf(o.get("separator"));
      if (sep !== undefined && sep !== "\n") {
        ctx.warn("EVT5006", ["`separator`", o.label, "rows are separated by newlines"], o.y, o.keyNode("separator"));
      }
      for (const k of ["client_name", "server_host_name", "tls_mode", "proxy_url", "pool_maxsize"]) {
        o.drop(k, "not supported");
      }
      return "output clickhouse";
    }
    case "kafka": {
      put(
        body,
        "brokers",
        listText(ctx, o.y, o.get("bootstrap_servers"), "str", "`bootstrap_servers` of output `kafka`"),
      );
      put(body, "topic", opt(o, "topic", "str"));
      put(body, "key", opt(o, "key", "str"));
      const acks = stringOf(o.get("acks")) ?? "1";
      body.push({
        head: `acks ${
          ({ "0": "none", "1": "leader", "-1": "all", all: "all" } as Record<string, string>)[acks] ?? "leader"
        }`,
      });
      put(body, "compression", stringOf(o.get("compression_type")) ?? undefined);
      put(body, "client_id", opt(o, "client_id", "str"));
      const protocol = stringOf(o.get("security_protocol")) ?? "PLAINTEXT";
      if (protocol.startsWith("SASL")) {
        const mech = (stringOf(o.get("sasl_mechanism")) ?? "PLAIN").toLowerCase();
        const parts: Stmt[] = [{ head: `mechanism ${mech}` }];
        put(parts, "username", opt(o, "sasl_plain_username", "text"));
        put(parts, "password", opt(o, "sasl_plain_password", "text"));
        body.push({ head: "sasl", body: parts });
      } else o.drop("sasl_mechanism", "`security_protocol` does not use SASL");
      if (protocol.endsWith("SSL")) {
        const parts: Stmt[] = [];
        for (const [py, ours] of [["ssl_cafile", "ca"], ["ssl_certfile", "cert"], ["ssl_keyfile", "key"]] as const) {
          const p = stringOf(o.get(py));
          if (p !== undefined) parts.push({ head: `${ours} ${quote(ctx.path(p))}` });
        }
        body.push({ head: "tls", body: parts });
      }
      encoding(o);
      for (
        const k of [
          "metadata_max_age_ms",
          "request_timeout_ms",
          "connections_max_idle_ms",
          "max_batch_size",
          "max_request_size",
          "linger_ms",
          "retry_backoff_ms",
          "enable_idempotence",
          "transactional_id",
          "transaction_timeout_ms",
          "sasl_kerberos_service_name",
          "sasl_kerberos_domain_name",
        ]
      ) o.drop(k, "the producer's tuning is not exposed; the delivery's `batch_size` and `flush` shape batches");
      return "output kafka";
    }
    case "tcp": {
      put(body, "host", opt(o, "host", "str"));
      put(body, "port", opt(o, "port", "int"));
      put(body, "separator", opt(o, "separator", "str"));
      const framing = stringOf(o.get("framing"));
      if (framing === "octet_counting") body.push({ head: "framing octet-counting" });
      if (opt(o, "ssl", "bool") === "true") tls(o, body, true, true);
      else for (const k of ["verify", "ca_cert", "client_cert", "client_cert_key"]) o.drop(k, "`ssl` is off");
      o.drop("connect_timeout", "connecting has the delivery's `write_timeout` (30s by default)");
      encoding(o);
      return "output tcp";
    }
    case "udp": {
      put(body, "host", opt(o, "host", "str"));
      put(body, "port", opt(o, "port", "int"));
      const sep = stringOf(o.get("separator"));
      if (sep !== undefined && sep !== "\n") {
        ctx.warn("EVT5006", ["`separator`", o.label, "each record is one datagram"], o.y, o.keyNode("separator"));
      }
      encoding(o);
      return "output udp";
    }
    default:
      return undefined;
  }
}

/**
 * Converts the `output` list.
 *
 * @param ctx The conversion.
 * @param y The generator file.
 * @param node The `output` value.
 */
export function convertOutputs(ctx: Ctx, y: YamlFile, node: Node | null): Stmt[] {
  const out: Stmt[] = [];
  const list = items(node);
  if (!list) {
    ctx.error("EVT5003", ["`output`", "expected a list of output plugins"], y, node);
    return out;
  }
  for (const item of list) {
    const p = plugin(ctx, y, item, "output");
    if (!p) continue;
    const known = ["stdout", "file", "http", "opensearch", "clickhouse", "kafka", "tcp", "udp"];
    if (!known.includes(p.name)) {
      ctx.warn("EVT5004", ["output", tick(p.name), ""], y, p.nameNode, `outputs that convert: ${known.join(", ")}`);
      continue;
    }
    const o = new Opts(ctx, y, p.options, `output ${tick(p.name)}`);
    const body: Stmt[] = [];
    const head = convertOutput(ctx, o, p.name, body);
    const f = formatter(ctx, y, o.get("formatter"), p.name);
    if (f) body.push(f);
    o.done();
    if (head === undefined) {
      ctx.warn("EVT5007", [`output ${tick(p.name)}`, "a required option is missing"], y, p.nameNode);
      continue;
    }
    out.push(body.length ? { head, body, comment: from(y, p.nameNode) } : { head, comment: from(y, p.nameNode) });
  }
  return out;
}
