/** A small seeded PRNG (mulberry32): the same seed gives the same demo organisation. */
export function seededRandom(seed = 20261123): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Pick {
  int(min: number, max: number): number;
  chance(p: number): boolean;
  one<T>(items: readonly T[]): T;
  some<T>(items: readonly T[], max: number): T[];
}

export function picker(random: () => number): Pick {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return {
    int,
    chance: (p) => random() < p,
    one: (items) => items[int(0, items.length - 1)] as (typeof items)[number],
    some: (items, max) => items.filter(() => random() < max / Math.max(1, items.length)).slice(0, max),
  };
}
