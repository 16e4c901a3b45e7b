import { equal, throws } from "node:assert/strict";
import { createHashlib, createHmacModule } from "./hashlib.ts";
import { Bytes } from "./bytes.ts";

const hashlib = createHashlib();
const hmac = createHmacModule();

Deno.test("hashlib digests match Python's", () => {
  equal(hashlib.md5(Bytes.fromText("abc")).hexdigest(), "900150983cd24fb0d6963f7d28e17f72");
  equal(hashlib.sha1().hexdigest(), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  equal(hashlib.sha256("data").hexdigest(), "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7");
  equal(hashlib.sha512("abc").hexdigest().slice(0, 32), "ddaf35a193617abacc417349ae204131");
  equal(hashlib.sha3_256("abc").hexdigest().slice(0, 32), "3a985da74fe225b2045c172d6bd390bd");
  equal(hashlib.blake2b("abc").hexdigest().slice(0, 32), "ba80a53f981c4d0d6a2797b69f12f6e9");
  equal(hashlib.new("sha256", "data").hexdigest(), hashlib.sha256("data").hexdigest());
  throws(() => hashlib.new("whirlpool"), /unsupported hash type whirlpool/);
});

Deno.test("a hash can be updated and read more than once", () => {
  const h = hashlib.sha256();
  equal(h.update("da"), "");
  const copy = h.copy();
  h.update(Bytes.fromText("ta"));
  equal(h.hexdigest(), "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7");
  equal(h.hexdigest(), h.digest().hex());
  copy.update("ta");
  equal(copy.hexdigest(), h.hexdigest());
  equal(h.digest_size, 32);
  equal(h.block_size, 64);
  equal(h.name, "sha256");
  equal(String(hashlib.md5("abc").digest().slice(0, 2)), "b'\\x90\\x01'");
});

Deno.test("hmac", () => {
  equal(
    hmac.new("key", "msg", hashlib.sha256).hexdigest(),
    "2d93cbc1be167bcb1637a4a23cbff01a7878f0c50ee833954ea5221bb1b8c628",
  );
  equal(hmac.new("key", { __keywords: true, digestmod: "md5" }).hexdigest(), "63530468a04e386459855da0063b6596");
  equal(hmac.compare_digest("a", Bytes.fromText("a")), true);
  throws(() => hmac.new("key", "msg"), /Missing required parameter 'digestmod'/);
});

Deno.test("hashing works inside a worker with no permissions, as the engine runs", async () => {
  const dir = Deno.makeTempDirSync();
  const script = `${dir}/worker.ts`;
  Deno.writeTextFileSync(
    script,
    `import { createHashlib } from ${JSON.stringify(new URL("./hashlib.ts", import.meta.url).href)};
self.postMessage(createHashlib().sha256("data").hexdigest());`,
  );
  const worker = new Worker(new URL(`file://${script}`).href, {
    type: "module",
    deno: { permissions: "none" },
  } as WorkerOptions);
  try {
    const digest = await new Promise<string>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<string>) => resolve(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(e.message));
      };
    });
    equal(digest, "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7");
  } finally {
    worker.terminate();
    Deno.removeSync(dir, { recursive: true });
  }
});
