// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Import to the review list (issue 6 benchmark): time from file bytes to "entries with duplicates
 * flagged" — detection, decryption, parsing and checking, then `findDuplicates` against a
 * 1,000-entry vault — for a 1,000-entry encrypted Aegis vault (scrypt N=2^15, r=8, p=1, as Aegis
 * writes) and for a 10-QR Google Authenticator transfer batch (10 accounts per code). Prints the
 * median and p95; never asserts.
 *
 *   node scripts/run-ts.mjs scripts/bench/import.ts [RUNS]    (or: npm run bench import)
 */
import { createCipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { qrPng } from '../../electron/export';
import { findDuplicates, importFile, type ImportOptions } from '../../electron/import';
import { base32Encode, toMigrationUri, type MigrationPayload } from '../../electron/otp';
import { createAppServices } from '../../electron/services/app-services';
import { systemClock } from '../../electron/services/clock';
import { KDF_FLOOR, type Kdf, type VaultEntry } from '../../electron/vault';

const RUNS = Number(process.argv[2] ?? 15);
const PASSWORD = 'correct horse battery staple';

function gcm(key: Uint8Array, plain: Uint8Array): { nonce: Buffer; ct: Buffer; tag: Buffer } {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return { nonce, ct, tag: c.getAuthTag() };
}

/** A small Aegis writer (docs/formats.md §1.2): one password slot, content db version 3; plain when no password. */
function aegisVault(secrets: readonly Uint8Array[], encrypted = true): Uint8Array {
  const entries = secrets.map((secret, i) => ({
    type: 'totp',
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `user${i}@example.com`,
    issuer: `Service ${i % 97}`,
    note: '',
    favorite: false,
    icon: null,
    info: { secret: base32Encode(secret), algo: 'SHA1', digits: 6, period: 30 },
    groups: [],
  }));
  const db3 = { version: 3, entries, groups: [] };
  if (!encrypted)
    return new TextEncoder().encode(JSON.stringify({ version: 1, header: { slots: null, params: null }, db: db3 }));
  const content = Buffer.from(JSON.stringify(db3));
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const kek = scryptSync(PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const slot = gcm(kek, masterKey);
  const db = gcm(masterKey, content);
  const file = {
    version: 1,
    header: {
      slots: [
        {
          type: 1,
          uuid: 'a8325752-c1be-458a-9b3e-5e0a8154d9ec',
          key: slot.ct.toString('hex'),
          key_params: { nonce: slot.nonce.toString('hex'), tag: slot.tag.toString('hex') },
          n: 2 ** 15,
          r: 8,
          p: 1,
          salt: salt.toString('hex'),
          repaired: true,
        },
      ],
      params: { nonce: db.nonce.toString('hex'), tag: db.tag.toString('hex') },
    },
    db: db.ct.toString('base64'),
  };
  return new TextEncoder().encode(JSON.stringify(file));
}

/** Ten transfer links of ten accounts each, one batch (what Google Authenticator shows for 100 accounts). */
function migrationLinks(): string[] {
  const batchId = -1320898453;
  const links = Array.from({ length: 10 }, (_, q) => {
    const payload: MigrationPayload = {
      otpParameters: Array.from({ length: 10 }, (_, i) => ({
        secret: new Uint8Array(randomBytes(20)),
        name: `Example ${q * 10 + i}:user${q * 10 + i}@example.com`,
        issuer: `Example ${q * 10 + i}`,
        algorithm: 1,
        digits: 1,
        type: 2,
        counter: 0n,
      })),
      version: 1,
      batchSize: 10,
      batchIndex: q,
      batchId,
    };
    return toMigrationUri(payload);
  });
  return links;
}

function migrationBatch(links: readonly string[]): Uint8Array {
  return new TextEncoder().encode(links.join('\n') + '\n');
}

/** A 1,000-entry vault: the duplicate check's other side. */
function vaultEntries(): VaultEntry[] {
  return Array.from({ length: 1000 }, (_, i) => ({
    id: `id-${i}`,
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: new Uint8Array(randomBytes(20)),
    issuer: `Vault ${i}`,
    account: `someone${i}`,
    tags: [],
    icon: null,
    favourite: false,
    notes: '',
    sortOrder: i,
    createdAt: 0,
    updatedAt: 0,
    changed: { names: 0, tags: 0, icon: 0, favourite: 0, notes: 0, sortOrder: 0 },
    conflictNotes: [],
    notesSuperseded: [],
  }));
}

interface Figures {
  readonly median: number;
  readonly p95: number;
  readonly entries: number;
  readonly duplicates: number;
}

async function measure(
  bytes: Uint8Array,
  options: ImportOptions,
  vault: readonly VaultEntry[],
  runs: number,
): Promise<Figures> {
  const times: number[] = [];
  let entries = 0;
  let duplicates = 0;
  for (let i = 0; i < runs + 2; i++) {
    const start = performance.now();
    const result = await importFile(bytes, options);
    const flags = findDuplicates(result.entries, vault);
    const ms = performance.now() - start;
    if (i >= 2) times.push(ms); // two warm-up runs (wasm, JIT)
    entries = result.entries.length;
    duplicates = flags.filter((d) => d !== null).length;
  }
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95), entries, duplicates };
}

const print = (label: string, f: Figures): void =>
  console.log(
    `${label.padEnd(46)} median ${f.median.toFixed(1).padStart(7)} ms   p95 ${f.p95.toFixed(1).padStart(7)} ms   ` +
      `(${f.entries} entries, ${f.duplicates} duplicates)`,
  );

const vault = vaultEntries();
// 100 of the 1,000 Aegis accounts are already in the vault, so the duplicate check has work to flag.
const aegisSecrets = Array.from({ length: 1000 }, (_, i) =>
  i < 100 ? (vault[i]?.secret ?? randomBytes(20)) : randomBytes(20),
);
const aegis = aegisVault(aegisSecrets);
const links = migrationLinks();
const batch = migrationBatch(links);

function scryptOnly(): number {
  const start = performance.now();
  scryptSync(PASSWORD, randomBytes(32), 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return performance.now() - start;
}

console.log(`Import to review list (Node ${process.version}, ${RUNS} runs after 2 warm-ups; 1,000-entry vault)`);
print('Aegis encrypted, 1,000 entries (scrypt 2^15)', await measure(aegis, { password: PASSWORD }, vault, RUNS));
const kdf = Array.from({ length: 5 }, scryptOnly).sort((a, b) => a - b)[2] ?? NaN;
console.log(`${'  of which scrypt alone (median of 5)'.padEnd(46)} ${kdf.toFixed(1).padStart(14)} ms`);
print('Aegis plain, 1,000 entries (no KDF)', await measure(aegisVault(aegisSecrets, false), {}, vault, RUNS));
print('Migration batch, 10 QR codes × 10 accounts', await measure(batch, {}, vault, RUNS * 4));

// The same through the app's import service: from the file's bytes (as a drop or the open dialog
// hands them over) to the ImportStep the review dialog renders, with a 1,000-entry vault open. The
// migration batch is ten PNG QR codes here: image decoding and the QR worker are part of the time.
const fastKdf: Kdf = {
  derive: async (password, salt) => new Uint8Array(createHash('sha256').update(password).update(salt).digest()),
};
const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-import-'));
const services = createAppServices({
  vaultPath: path.join(dir, 'vault.tessera'),
  clipboard: { writeText: async () => undefined, readText: async () => '', clear: async () => undefined },
  clock: systemClock,
  emit: () => undefined,
  kdf: fastKdf,
  kdfParams: KDF_FLOOR,
});
try {
  await services.vault.create(PASSWORD);
  await services.vault.open().add(vault.map((e) => ({ ...e, secret: Uint8Array.from(e.secret) })));
  const pngs = await Promise.all(links.map((link) => qrPng(link)));
  const times = { aegis: [] as number[], qr: [] as number[] };
  let candidates = { aegis: 0, qr: 0 };
  for (let i = 0; i < Math.max(3, Math.floor(RUNS / 3)) + 1; i++) {
    let start = performance.now();
    const asked = await services.imports.readFile('aegis-export.json', aegis.slice());
    if (asked.step !== 'password') throw new Error(`expected a password step, got ${asked.step}`);
    const reviewed = await services.imports.filePassword(PASSWORD);
    if (i > 0) times.aegis.push(performance.now() - start);
    if (reviewed.step === 'review') candidates = { ...candidates, aegis: reviewed.review.candidates.length };
    services.imports.cancel();

    start = performance.now();
    let step = null;
    for (const [q, png] of pngs.entries()) step = await services.imports.readFile(`part-${q + 1}.png`, png.slice());
    if (i > 0) times.qr.push(performance.now() - start);
    if (step?.step === 'review') candidates = { ...candidates, qr: step.review.candidates.length };
    services.imports.cancel();
  }
  const med = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  console.log("Through the app's import service (bytes → review shown), 1,000-entry vault open:");
  console.log(
    `${'  Aegis encrypted, 1,000 entries'.padEnd(46)} median ${med(times.aegis).toFixed(1).padStart(7)} ms   (${candidates.aegis} candidates)`,
  );
  console.log(
    `${'  10 transfer QR PNGs, one drop each'.padEnd(46)} median ${med(times.qr).toFixed(1).padStart(7)} ms   (${candidates.qr} candidates)`,
  );
} finally {
  await services.shutdown();
  rmSync(dir, { recursive: true, force: true });
}
