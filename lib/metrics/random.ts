/**
 * mulberry32: a tiny seeded PRNG (32-bit state), good enough for Monte Carlo and synthetic data,
 * and — what matters here — the same sequence for the same seed on every machine.
 */
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Integer in [0, n). */
export const randomIndex = (random: Random, n: number): number => Math.floor(random() * n);

/** Standard normal deviate (Box–Muller). */
export function randomNormal(random: Random): number {
  const u = 1 - random(); // (0, 1]: log(0) never happens
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal with the given median; `spread` is the sigma of the underlying normal. */
export const randomLogNormal = (random: Random, median: number, spread: number): number =>
  median * Math.exp(spread * randomNormal(random));
