/*
 * A small seeded generator so the same seed always yields the same demo warehouse. Not for
 * anything secret. The state update is an xorshift-multiply mix over a 32-bit counter, seeded
 * from an FNV-1a hash of the seed's text so numbers and strings both work.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A new generator whose sequence does not depend on how much of this one is used later. */
  fork(label: string): Prng;
}

export function hashSeed(seed: number | string): number {
  const text = String(seed);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function createPrng(seed: number | string): Prng {
  let counter = hashSeed(seed);
  const nextUint = (): number => {
    counter = (counter + 0x9e3779b9) >>> 0;
    let z = counter;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  const prng: Prng = {
    next: () => nextUint() / 0x100000000,
    int: (min, max) => min + Math.floor(prng.next() * (max - min + 1)),
    chance: (probability) => prng.next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(prng.next() * items.length)] as (typeof items)[number];
    },
    fork: (label) => createPrng(`${seed}/${label}/${nextUint()}`),
  };
  return prng;
}
