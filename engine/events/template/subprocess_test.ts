import { equal, ok, throws } from "node:assert/strict";
import nunjucks from "nunjucks";
import { createSubprocess, runError, splitCommand, SubprocessResult } from "./subprocess.ts";

const kw = (values: Record<string, unknown>) => ({
  __keywords: true as const,
  ...values,
});

/** Runs `f` with a fresh `subprocess` object and closes it afterwards. */
function withSubprocess(
  f: (sub: ReturnType<typeof createSubprocess>) => void,
  cwd = Deno.cwd(),
): void {
  const sub = createSubprocess({ cwd, templateName: () => "login" });
  try {
    f(sub);
  } finally {
    sub.close();
  }
}

Deno.test("run(cmd, True) returns stdout (the 1.x form)", () => {
  withSubprocess((sub) => {
    equal(sub.run("echo hello world", true), "hello world\n");
    equal(sub.run("echo 'a  b' \"c\"", kw({ block: true })), "a  b c\n");
    equal(sub.run("sh -c 'exit 3'", true), "");
    equal(
      sub.run("whoami", true),
      new TextDecoder().decode(
        new Deno.Command("whoami").outputSync().stdout,
      ),
    );
  });
});

Deno.test("run(cmd) returns stdout, stderr and exit_code", () => {
  withSubprocess((sub) => {
    const ok0 = sub.run("echo hi") as SubprocessResult;
    ok(ok0 instanceof SubprocessResult);
    equal(ok0.stdout, "hi\n");
    equal(ok0.stderr, "");
    equal(ok0.exit_code, 0);
    equal(String(ok0), "SubprocessResult(stdout='hi\\n', stderr='', exit_code=0)");
    const failed = sub.run("sh -c 'echo oops >&2; exit 3'") as SubprocessResult;
    equal(failed.exit_code, 3);
    equal(failed.stderr, "oops\n");
  });
});

Deno.test("cwd is resolved from the scenario folder", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.mkdirSync(`${dir}/sub`);
    const real = Deno.realPathSync(dir);
    withSubprocess((sub) => {
      equal((sub.run("pwd") as SubprocessResult).stdout, `${real}\n`);
      equal(
        (sub.run("pwd", kw({ cwd: "sub" })) as SubprocessResult).stdout,
        `${real}/sub\n`,
      );
      equal((sub.run("pwd", "/") as SubprocessResult).stdout, "/\n");
      throws(() => sub.run("pwd", kw({ cwd: "missing" })), {
        message: `Cannot run \`pwd\`: the working directory \`${dir}/missing\` does not exist`,
      });
    }, dir);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("env replaces the environment, as in Python", () => {
  withSubprocess((sub) => {
    const out = sub.run(
      "sh -c 'echo $FOO ${HOME:-no-home} $N'",
      kw({ env: { FOO: "bar", N: 5 } }),
    ) as SubprocessResult;
    equal(out.stdout, "bar no-home 5\n");
  });
});

Deno.test("timeout kills the command and fails the call", () => {
  withSubprocess((sub) => {
    const started = performance.now();
    throws(() => sub.run("sleep 5", kw({ timeout: 0.3 })), {
      message: "Command `sleep 5` timed out after 0.3 s",
    });
    const took = performance.now() - started;
    ok(took < 2000, `took ${took} ms`);
    equal(sub.run("echo still works", true), "still works\n");
    throws(() => sub.run("echo x", kw({ timeout: "soon" })), {
      message: "Cannot run `echo x`: `timeout` is `'soon'`, expected a number of seconds",
    });
    // Zero or negative means the default (30 s), as in the Python Eventum.
    equal(sub.run("echo y", kw({ timeout: 0, block: true })), "y\n");
  });
});

Deno.test("output beyond 8 MiB fails the call", () => {
  withSubprocess((sub) => {
    throws(() => sub.run("head -c 9000000 /dev/zero"), {
      message: "Command `head -c 9000000 /dev/zero` wrote more than 8 MiB to stdout",
    });
    const big = sub.run("head -c 8000000 /dev/zero") as SubprocessResult;
    equal(big.stdout.length, 8000000);
  });
});

Deno.test("commands that need a shell are refused with a hint", () => {
  const hint = (cmd: string, uses: string) =>
    `Command \`${cmd}\` needs a shell (it uses ${uses}): run it as \`sh -c '${
      cmd.replaceAll("'", `'\\''`)
    }'\` and grant --allow-run=sh`;
  throws(() => splitCommand("ls | wc -l"), { message: hint("ls | wc -l", "`|`") });
  throws(() => splitCommand("echo hi > f"), { message: hint("echo hi > f", "`>`") });
  throws(() => splitCommand("a && b"), { message: hint("a && b", "`&&`") });
  throws(() => splitCommand("echo $HOME"), { message: hint("echo $HOME", "`$HOME`") });
  throws(() => splitCommand("ls *.log"), { message: hint("ls *.log", "`*.log`") });
  throws(() => splitCommand("echo `id`"), { message: hint("echo `id`", "a backquote") });
  throws(() => splitCommand("echo 'x' $(id)"), { message: /needs a shell/ });
  throws(() => splitCommand("   "), { message: "Cannot run an empty command" });
  equal(splitCommand("echo '$HOME' a\\ b # comment").join("|"), "echo|$HOME|a b");
  withSubprocess((sub) => {
    throws(() => sub.run("ls | wc -l", true), { message: /needs a shell/ });
    equal(sub.run(`sh -c 'ls / | head -n 1 > /dev/null && echo ok'`, true), "ok\n");
  });
});

Deno.test("a missing program behaves as in a shell: exit code 127", () => {
  withSubprocess((sub) => {
    const r = sub.run("no-such-program-xyz --flag") as SubprocessResult;
    equal(r.exit_code, 127);
    equal(r.stderr, "no-such-program-xyz: command not found\n");
    equal(sub.run("no-such-program-xyz", true), "");
  });
});

Deno.test({
  name: "run(cmd, False) starts the command in the background",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const dir = Deno.makeTempDirSync();
    try {
      withSubprocess((sub) => {
        equal(sub.run("touch started", false), null);
      }, dir);
      for (let i = 0; i < 100; i++) {
        try {
          Deno.statSync(`${dir}/started`);
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      throw new Error("the background command did not run");
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test("runError names the flag to add", () => {
  equal(
    runError(new Deno.errors.NotCapable('Requires run access to "whoami"'), "whoami")
      .message,
    "Command `whoami` is not allowed: grant it with --allow-run=whoami",
  );
  equal(
    runError(new Deno.errors.NotCapable("x"), "whoami", "login").message,
    "Command `whoami` in template `login` is not allowed: grant it with --allow-run=whoami",
  );
  const other = new Error("boom");
  equal(runError(other, "x"), other);
});

Deno.test("a command the worker may not run is refused, naming the flag", async () => {
  const module = new URL("./subprocess.ts", import.meta.url).href;
  const source = `
    import { createSubprocess } from ${JSON.stringify(module)};
    const sub = createSubprocess({ cwd: "/", templateName: () => "login" });
    const results = [];
    for (const args of [["echo allowed", true], ["whoami", true], ["whoami", false], ["whoami"]]) {
      try { results.push(String(sub.run(...args))); } catch (e) { results.push("error: " + e.message); }
    }
    sub.close();
    self.postMessage(results);
    self.close();`;
  const url = URL.createObjectURL(
    new Blob([source], { type: "application/javascript" }),
  );
  const worker = new Worker(url, {
    type: "module",
    deno: {
      permissions: {
        run: ["echo"],
        read: true,
        env: false,
        net: false,
        write: false,
        ffi: false,
        sys: false,
        import: false,
      },
    },
  });
  try {
    const results = await new Promise<string[]>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
    });
    const denied = "error: Command `whoami` in template `login` is not allowed: grant it with --allow-run=whoami";
    equal(results[0], "allowed\n");
    equal(results[1], denied);
    equal(results[2], denied);
    equal(results[3], denied);
  } finally {
    worker.terminate();
    URL.revokeObjectURL(url);
  }
});

Deno.test("subprocess works from Nunjucks templates", () => {
  const uninstall = nunjucks.installJinjaCompat() as unknown as () => void;
  try {
    withSubprocess((subprocess) => {
      const env = new nunjucks.Environment(null, { autoescape: false });
      equal(
        env.renderString(
          "{{ subprocess.run('echo hostname', True) | trim }}|" +
            "{% set r = subprocess.run('sh -c \"exit 3\"', timeout=5.0) %}{{ r.exit_code }}|" +
            "{{ subprocess.run('echo x').stdout | trim }}",
          { subprocess },
        ),
        "hostname|3|x",
      );
    });
  } finally {
    uninstall();
  }
});
