import { equal, ok } from "node:assert/strict";
import { Rng } from "../random.ts";
import { beta, betaCdf, type Sampler, triangular, triangularCdf, uniform, uniformCdf } from "./_distributions.ts";

const N = 20_000;
/** The Kolmogorov–Smirnov critical value at the 1% level for large n. */
const CRITICAL = 1.63 / Math.sqrt(N);

/** The Kolmogorov–Smirnov statistic of `n` draws against a CDF. */
function ksStatistic(draw: Sampler, cdf: (x: number) => number, seed: number): number {
  const rng = new Rng(seed, "ks");
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = draw(rng);
  xs.sort();
  let d = 0;
  for (let i = 0; i < N; i++) {
    const f = cdf(xs[i] as number);
    d = Math.max(d, Math.abs(f - i / N), Math.abs((i + 1) / N - f));
  }
  return d;
}

function assertFits(name: string, draw: Sampler, cdf: (x: number) => number, seed: number) {
  const d = ksStatistic(draw, cdf, seed);
  ok(d < CRITICAL, `${name}: D = ${d.toFixed(5)} is not below ${CRITICAL.toFixed(5)}`);
}

Deno.test("uniform draws fit the uniform CDF", () => {
  for (const [i, p] of [{ low: 0, high: 1 }, { low: 0.25, high: 0.75 }, { low: -3, high: 10 }].entries()) {
    assertFits(`uniform(${p.low}, ${p.high})`, uniform(p), uniformCdf(p), 100 + i);
  }
});

Deno.test("uniform draws stay in [low, high)", () => {
  const rng = new Rng(1);
  const draw = uniform({ low: 0.2, high: 0.3 });
  for (let i = 0; i < 10_000; i++) {
    const x = draw(rng);
    ok(x >= 0.2 && x < 0.3, String(x));
  }
});

Deno.test("triangular draws fit the triangular CDF for several shapes", () => {
  const shapes = [
    { left: 0, mode: 0.5, right: 1 },
    { left: 0, mode: 0, right: 1 },
    { left: 0, mode: 1, right: 1 },
    { left: 0.1, mode: 0.2, right: 0.9 },
    { left: 0.3, mode: 0.8, right: 0.85 },
  ];
  shapes.forEach((p, i) => {
    assertFits(`triangular(${p.left}, ${p.mode}, ${p.right})`, triangular(p), triangularCdf(p), 200 + i);
  });
});

Deno.test("beta draws fit the beta CDF", () => {
  const shapes = [[0.5, 0.5], [1, 1], [2, 5], [4, 3], [0.3, 2], [1, 0.4], [0.7, 1.5]] as const;
  shapes.forEach(([a, b], i) => assertFits(`beta(${a}, ${b})`, beta({ a, b }), betaCdf({ a, b }), 300 + i));
});

Deno.test("beta draws stay in [0, 1] even for tiny shapes", () => {
  const rng = new Rng(5);
  for (const [a, b] of [[0.01, 0.02], [0.001, 3], [5, 0.005]]) {
    const draw = beta({ a: a as number, b: b as number });
    for (let i = 0; i < 10_000; i++) {
      const x = draw(rng);
      ok(x >= 0 && x <= 1, `beta(${a}, ${b}) gave ${x}`);
    }
  }
});

Deno.test("the beta CDF matches known values", () => {
  // I_x(1, b) = 1 - (1 - x)^b; I_0.5(a, a) = 0.5; arcsine law for (0.5, 0.5).
  const close = (a: number, b: number) => ok(Math.abs(a - b) < 1e-10, `${a} vs ${b}`);
  close(betaCdf({ a: 1, b: 3 })(0.2), 1 - 0.8 ** 3);
  close(betaCdf({ a: 2.5, b: 2.5 })(0.5), 0.5);
  close(betaCdf({ a: 0.5, b: 0.5 })(0.25), (2 / Math.PI) * Math.asin(Math.sqrt(0.25)));
  close(betaCdf({ a: 4, b: 3 })(0.6), 0.54432);
});

Deno.test("a wrong sampler fails the test", () => {
  // The check has teeth: beta(2, 5) draws do not fit beta(2, 4).
  ok(ksStatistic(beta({ a: 2, b: 5 }), betaCdf({ a: 2, b: 4 }), 1) > CRITICAL);
  ok(
    ksStatistic(triangular({ left: 0, mode: 0.4, right: 1 }), triangularCdf({ left: 0, mode: 0.5, right: 1 }), 1) >
      CRITICAL,
  );
});

Deno.test("samplers are reproducible for a seed", () => {
  const draws = (seed: number) => {
    const rng = new Rng(seed);
    const draw = beta({ a: 0.3, b: 2 });
    return Array.from({ length: 100 }, () => draw(rng));
  };
  equal(draws(3).join(), draws(3).join());
  ok(draws(3).join() !== draws(4).join());
});
