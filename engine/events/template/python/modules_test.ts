import { deepEqual, equal, throws } from "node:assert/strict";
import { createPythonModules } from "./modules.ts";
import { Rng } from "../../../random.ts";

Deno.test("module.math", () => {
  const { math } = createPythonModules();
  equal(math.ceil(3.14), 4);
  equal(math.floor(-0.5), -1);
  equal(math.log(8, 2), 3);
  equal(math.log(100, 10), 2);
  equal(math.sqrt(16), 4);
  equal(math.fsum([0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1]), 1);
  equal(math.gcd(12, 18), 6);
  equal(math.factorial(5), 120);
  equal(math.comb(5, 2), 10);
  equal(math.isclose(1, 1.0000000001), true);
  throws(() => math.log(0), /math domain error/);
  throws(() => math.sqrt("4"), /must be a real number, not string/);
});

Deno.test("module.uuid: seeded uuid4, name-based uuid3 and uuid5", () => {
  const a = createPythonModules({ rng: new Rng(42) }).uuid;
  const b = createPythonModules({ rng: new Rng(42) }).uuid;
  const u = a.uuid4();
  equal(String(u), String(b.uuid4()));
  equal(u.version, 4);
  equal(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(String(u)), true);
  equal(String(a.uuid3(a.NAMESPACE_DNS, "python.org")), "6fa459ea-ee8a-3ca4-894e-db77e160355e");
  equal(String(a.uuid5(a.NAMESPACE_DNS, "python.org")), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  equal(a.UUID("{12345678-1234-5678-1234-567812345678}").hex, "12345678123456781234567812345678");
  throws(() => a.UUID("nope"), /badly formed hexadecimal UUID string/);
});

Deno.test("module.random draws from the seeded stream", () => {
  const a = createPythonModules({ rng: new Rng(7) }).random;
  const b = createPythonModules({ rng: new Rng(7) }).random;
  deepEqual([a.randint(1, 6), a.choice(["x", "y"]), a.uniform(1, 2)], [
    b.randint(1, 6),
    b.choice(["x", "y"]),
    b.uniform(1, 2),
  ]);
  const r = a.randint(1, 3);
  equal(r >= 1 && r <= 3, true);
  equal(a.sample([1, 2, 3], 3).length, 3);
  equal(a.choices(["a"], { __keywords: true, k: 2 }).join(), "a,a");
  equal(a.randrange(0, 10, 5) % 5, 0);
  const list = [1, 2, 3];
  equal(a.shuffle(list), null);
  equal([...list].sort().join(), "1,2,3");
  throws(() => a.randint(5, 1), /empty range/);
  throws(() => a.choice([]), /Cannot choose from an empty sequence/);
});

Deno.test("module.zoneinfo and module.string", () => {
  const m = createPythonModules();
  equal(m.zoneinfo.ZoneInfo("Europe/Berlin"), "Europe/Berlin");
  throws(() => m.zoneinfo.ZoneInfo("Mars/Base"), /No time zone found with key Mars\/Base/);
  equal(m.string.ascii_lowercase.length, 26);
  equal(m.datetime.timezone.utc, "UTC");
});
