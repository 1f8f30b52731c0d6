// Near-duplicate text: a 64-bit SimHash over word 3-shingles. Texts that differ by a few edits land within
// a few bits of each other; splitting the hash into four 16-bit bands lets the store find candidates by
// index (any two hashes within 3 bits share at least one band exactly).

/** Fewer words than this give too little signal: every short letter would look like every other. */
const MIN_WORDS = 20;

function fnv1a32(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface SimHash {
  hex: string;
  bands: [number, number, number, number];
}

export function simHash(text: string): SimHash | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words || words.length < MIN_WORDS) return null;
  const weights = new Int32Array(64);
  for (let i = 0; i + 2 < words.length; i++) {
    const shingle = `${words[i]} ${words[i + 1]} ${words[i + 2]}`;
    const lo = fnv1a32(shingle, 0);
    const hi = fnv1a32(shingle, 0x9e3779b9);
    for (let b = 0; b < 32; b++) {
      weights[b]! += (lo >>> b) & 1 ? 1 : -1;
      weights[b + 32]! += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  const bands: [number, number, number, number] = [0, 0, 0, 0];
  for (let b = 0; b < 64; b++) {
    if (weights[b]! > 0) bands[b >> 4] = bands[b >> 4]! | (1 << (b & 15));
  }
  const hex = bands.map((v) => v.toString(16).padStart(4, '0')).join('');
  return { hex, bands };
}

export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i += 4) {
    let x = parseInt(a.slice(i, i + 4), 16) ^ parseInt(b.slice(i, i + 4), 16);
    while (x) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}

export const NEAR_DUPLICATE_BITS = 3;
