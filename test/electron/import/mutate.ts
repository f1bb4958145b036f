// SPDX-License-Identifier: GPL-3.0-or-later
/** Seeded, deterministic mutations of import files for fuzzing: bytes, truncation, and JSON structure. */

/** mulberry32: a small seeded PRNG (deterministic across runs and machines). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 32-bit seed from a string. */
export function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const INTERESTING = [0x00, 0xff, 0x7f, 0x80, 0x22, 0x7b, 0x7d, 0x5b, 0x5d, 0x3a, 0x2c, 0x30, 0x39, 0x2d, 0x3c, 0x3e];

/** One random byte-level mutation: bit flips, byte sets, truncation, deletion, insertion, duplication. */
export function mutateBytes(input: Uint8Array, rnd: () => number): Uint8Array {
  const n = input.length;
  const at = (): number => Math.floor(rnd() * Math.max(n, 1));
  const bytes = Uint8Array.from(input);
  switch (Math.floor(rnd() * 7)) {
    case 0: {
      const flips = 1 + Math.floor(rnd() * 4);
      for (let i = 0; i < flips && n > 0; i++) {
        const p = at();
        bytes[p] = (bytes[p] ?? 0) ^ (1 << Math.floor(rnd() * 8));
      }
      return bytes;
    }
    case 1: {
      if (n > 0) bytes[at()] = INTERESTING[Math.floor(rnd() * INTERESTING.length)] ?? 0;
      return bytes;
    }
    case 2:
      return input.slice(0, at());
    case 3: {
      const p = at();
      return concat(input.subarray(0, p), input.subarray(Math.min(n, p + 1 + Math.floor(rnd() * 32))));
    }
    case 4: {
      const p = at();
      const extra = Uint8Array.from({ length: 1 + Math.floor(rnd() * 16) }, () => Math.floor(rnd() * 256));
      return concat(input.subarray(0, p), extra, input.subarray(p));
    }
    case 5: {
      const p = at();
      const chunk = input.subarray(p, p + 1 + Math.floor(rnd() * 64));
      return concat(input.subarray(0, p), chunk, chunk, input.subarray(p + chunk.length));
    }
    default:
      return input.slice(Math.floor(rnd() * Math.min(n, 64)));
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

const WEIRD: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1e300,
  2 ** 53 + 2,
  3.5,
  '',
  ' ',
  'SHA384',
  'MOTP',
  'x'.repeat(5000),
  '\u0000\u202e',
  '====',
  '1'.repeat(40),
  [],
  [1, 2, 300],
  {},
  { nested: { deeper: [] } },
];

/**
 * A structural JSON mutation: replace, delete or retype one random value anywhere in the document.
 * Returns null when the input is not JSON.
 */
export function mutateJson(text: string, rnd: () => number): string | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch {
    return null;
  }
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach((c, i) => (slots.push({ parent: v, key: i }), walk(c)));
    else if (typeof v === 'object' && v !== null) {
      for (const [k, c] of Object.entries(v)) {
        slots.push({ parent: v as Record<string, unknown>, key: k });
        walk(c);
      }
    }
  };
  walk(doc);
  const slot = slots[Math.floor(rnd() * slots.length)];
  if (slot === undefined) return JSON.stringify(WEIRD[Math.floor(rnd() * WEIRD.length)]);
  const { parent, key } = slot;
  const choice = rnd();
  if (choice < 0.2) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key as string];
  } else {
    const value = WEIRD[Math.floor(rnd() * WEIRD.length)];
    if (Array.isArray(parent)) parent[Number(key)] = value;
    else parent[key as string] = value;
  }
  return JSON.stringify(doc);
}
