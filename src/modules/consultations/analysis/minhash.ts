/**
 * MinHash signatures of free-text answers, for campaign detection (pure functions, no I/O).
 * A text's words (core/search similarityTokens: lower case, Arabic normalized, Chinese segmented
 * by jieba) make word pairs (shingles); each of SIGNATURE_HASHES hash functions keeps its smallest
 * value over the shingles. Two texts agree on a hash with a probability equal to the Jaccard
 * similarity of their shingle sets, so the share of equal hashes estimates it.
 *
 * Locality-sensitive hashing: the hashes are cut into BANDS bands of ROWS; two texts that share a
 * whole band are candidates. With 32 bands of 4, texts at Jaccard 0.5 are candidates with
 * probability 0.87, at 0.6 0.99, at 0.1 0.003. The stored signature is the 32 band keys followed by
 * the 128 hashes; the database indexes the band keys (mixed with the consultation and question,
 * `consultations_band_keys`, migration 0027), so that a new text's candidates are found in SQL (a
 * band key mixes its band number in, so it never equals a key of another band but by a 2⁻³² chance).
 */
import { similarityTokens } from '../../../core/search/index.js';

export const SIGNATURE_HASHES = 128;
export const ROWS = 4;
export const BANDS = SIGNATURE_HASHES / ROWS;
/** A text with fewer words takes no part in campaign detection ("Yes", a country's name). */
export const MIN_CAMPAIGN_WORDS = 8;
/** Estimated Jaccard similarity from which a text joins a near text's group. */
export const NEAR_THRESHOLD = 0.5;

// Every hash below is computed on 32-bit integers (Math.imul, xor, shifts) and kept as a signed
// int32, which the engine holds unboxed; a value above 2³¹ as an unsigned number would be a
// heap double. Minimums are compared as unsigned through the sign-flipped value (FLIP).

const FLIP = -0x80000000;
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over the UTF-16 code units of `text`, continuing from `h` (an int32). */
const fnv1a = (text: string, h: number = FNV_OFFSET): number => {
  let out = h;
  for (let i = 0; i < text.length; i++) out = Math.imul(out ^ text.charCodeAt(i), FNV_PRIME);
  return out;
};

/** MurmurHash3's finalizer: a 32-bit value well mixed (int32 in, int32 out). */
const fmix = (value: number): number => {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
};

/** One seed per hash function (fixed: signatures stored in the database must stay comparable). */
const SEEDS = Int32Array.from({ length: SIGNATURE_HASHES }, (_, i) => fmix(0x9e3779b9 + Math.imul(i + 1, 0x7f4a7c15)));

/** The shingles of a text's words: consecutive word pairs (the single word when there is one). */
export const shingles = (tokens: readonly string[]): string[] => {
  if (tokens.length < 2) return [...tokens];
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
};

/** Lowers each hash function's minimum (sign-flipped) by the values of one shingle, `base` its FNV-1a. */
const mixInto = (mins: Int32Array, base: number) => {
  for (let i = 0; i < SIGNATURE_HASHES; i++) {
    const v = fmix(base ^ (SEEDS[i] as number)) ^ FLIP;
    if (v < (mins[i] as number)) mins[i] = v;
  }
};

/** The hashes as PostgreSQL stores them (signed 32-bit integers, the unsigned minimum's bits). */
const unflip = (mins: Int32Array): number[] => Array.from(mins, (v) => v ^ FLIP);

/** The MinHash of a set of shingles: SIGNATURE_HASHES values (as signed 32-bit integers, as PostgreSQL stores them). */
export const minHash = (items: readonly string[]): number[] => {
  // The minimum over a list with repeats is the minimum over its set.
  const mins = new Int32Array(SIGNATURE_HASHES).fill(0x7fffffff);
  for (const item of items) mixInto(mins, fnv1a(item));
  return unflip(mins);
};

/** minHash(shingles(tokens)) without making the shingles' strings: FNV-1a runs over "a b" in place. */
const minHashOfPairs = (tokens: readonly string[]): number[] => {
  if (tokens.length < 2) return minHash(tokens);
  const mins = new Int32Array(SIGNATURE_HASHES).fill(0x7fffffff);
  const space = ' '.charCodeAt(0);
  for (let i = 0; i + 1 < tokens.length; i++) mixInto(mins, fnv1a(tokens[i + 1] as string, Math.imul(fnv1a(tokens[i] as string) ^ space, FNV_PRIME)));
  return unflip(mins);
};

/** The key of each band of a MinHash (band number mixed in). */
export const bandKeys = (hashes: readonly number[]): number[] => {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = fmix(0x3c6ef372 + b);
    for (let r = 0; r < ROWS; r++) h = fmix(Math.imul(h, 31) ^ ((hashes[b * ROWS + r] as number) >>> 0));
    keys.push(h | 0);
  }
  return keys;
};

/**
 * What consultations_texts.signature holds for a text: band keys then hashes, or an empty array
 * when the text is too short to take part in campaign detection.
 */
export const textSignature = (text: string): number[] => {
  const tokens = similarityTokens(text);
  if (tokens.length < MIN_CAMPAIGN_WORDS) return [];
  const hashes = minHashOfPairs(tokens);
  return [...bandKeys(hashes), ...hashes];
};

/** The band keys of a stored signature (empty when the text takes no part). */
export const keysOf = (signature: readonly number[]): number[] => (signature.length === BANDS + SIGNATURE_HASHES ? signature.slice(0, BANDS) : []);

/** The Jaccard similarity of two texts estimated from their stored signatures (0 when either takes no part). */
export const estimateJaccard = (a: readonly number[], b: readonly number[]): number => {
  if (a.length !== BANDS + SIGNATURE_HASHES || b.length !== a.length) return 0;
  let same = 0;
  for (let i = BANDS; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_HASHES;
};

/**
 * Groups texts in order, as they would have arrived one by one: each text joins the group of its
 * nearest earlier text (estimated Jaccard ≥ NEAR_THRESHOLD among the texts sharing a band with it),
 * or forms a group with it when that text was alone. Returns each text's group (the index of the
 * group's first text, its representative) or -1 when alone. Same rule as the incremental path
 * (campaigns.ts), so grouping everything again gives what the submissions gave.
 */
export const groupSignatures = (signatures: readonly (readonly number[])[]): number[] => {
  const group = new Array<number>(signatures.length).fill(-1);
  // The texts of each band key, in a hash table of typed arrays (a Map of arrays allocated one
  // array per key, most keys being a single text's, and took most of the time): `slotKey` and
  // `head` by slot (open addressing, linear probing), then a chain of entries (`text`, `next`).
  let capacity = 1024;
  while (capacity < signatures.length * BANDS * 2) capacity *= 2;
  const mask = capacity - 1;
  const slotKey = new Int32Array(capacity);
  const head = new Int32Array(capacity).fill(-1);
  const text = new Int32Array(signatures.length * BANDS);
  const next = new Int32Array(signatures.length * BANDS);
  let entries = 0;
  /** The slot of a key: where it is, or the empty one where it goes. */
  const slotOf = (key: number) => {
    let slot = fmix(key) & mask;
    while (head[slot] !== -1 && slotKey[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  };
  const seenBy = new Int32Array(signatures.length).fill(-1);
  for (let i = 0; i < signatures.length; i++) {
    const signature = signatures[i] as readonly number[];
    if (signature.length !== BANDS + SIGNATURE_HASHES) continue;
    let best = -1;
    let bestScore = NEAR_THRESHOLD;
    for (let b = 0; b < BANDS; b++) {
      for (let e = head[slotOf(signature[b] as number)] as number; e !== -1; e = next[e] as number) {
        const j = text[e] as number;
        // Compared once, though it may share several bands with this text.
        if (seenBy[j] === i) continue;
        seenBy[j] = i;
        const score = estimateJaccard(signature, signatures[j] as readonly number[]);
        if (score >= bestScore && (score > bestScore || best < 0 || j < best)) {
          best = j;
          bestScore = score;
        }
      }
    }
    if (best >= 0) {
      const g = group[best] as number;
      if (g >= 0) group[i] = g;
      else {
        group[best] = best;
        group[i] = best;
      }
    }
    for (let b = 0; b < BANDS; b++) {
      const key = signature[b] as number;
      const slot = slotOf(key);
      slotKey[slot] = key;
      text[entries] = i;
      next[entries] = head[slot] as number;
      head[slot] = entries++;
    }
  }
  return group;
};
