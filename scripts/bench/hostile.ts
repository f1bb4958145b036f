// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The import work budget's worst cases (issue 14), figures printed only (never asserted): for every
 * format, the most expensive file the budget still accepts — every limit it is charged against
 * filled to the brim, 10,000 accounts, the format's key-derivation ceiling with the right password
 * last — and the hostile files the issue reported, which it refuses. Each file is built here,
 * imported in a child process (scripts/bench/_hostile-child.ts, peak memory its own), and its time
 * and peak memory printed, after the limits table itself.
 *
 *   node scripts/run-ts.mjs scripts/bench/hostile.ts [FORMAT...]    (or: npm run bench hostile)
 */
import { spawnSync } from 'node:child_process';
import { createCipheriv, createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { argon2id } from 'hash-wasm';
import sodium from 'libsodium-wrappers-sumo';
import { build } from 'rolldown';
import initSqlJs from 'sql.js';
import { IMPORT_LIMITS, KDF_CEILINGS, type ImportFormatId } from '../../electron/import';
import { base32Encode } from '../../electron/otp';
import {
  aegisSlots,
  enteExport,
  freeOtpReferences,
  linkList,
  qrGrid,
  sqliteRows,
  xmlAttributes,
  xmlCharacterReferences,
  xmlElements,
  zipWithEntries,
} from '../../test/electron/import/hostile/files';
import { andOtpEncrypted, authyEncryptedToken, freeOtpV2 } from '../../test/electron/import/writers';

const ROOT = process.cwd();
const PASSWORD = 'correct horse battery staple';
const ACCOUNTS = IMPORT_LIMITS.accounts.value;
const MiB = 1024 * 1024;
const only = process.argv.slice(2);

const b32 = (): string => base32Encode(randomBytes(20));
const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const link = (i: number): string => `otpauth://totp/Service%20${i}:user${i}?secret=${b32()}&issuer=Service%20${i}`;

function gcm(key: Uint8Array, plain: Uint8Array): { nonce: Buffer; ct: Buffer; tag: Buffer } {
  const nonce = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return { nonce, ct, tag: c.getAuthTag() };
}

/** One measured case: how to build its file, and how to import it. */
interface Case {
  readonly format: ImportFormatId | 'qr';
  readonly name: string;
  readonly build: () => Promise<Uint8Array | string> | Uint8Array | string;
  readonly password?: boolean;
}

/** Aegis: 10,000 entries, 16 default password slots, the password opening only the last (the whole ceiling). */
function aegisWorst(): Uint8Array {
  const entries = range(ACCOUNTS, (i) => ({
    type: 'totp',
    uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `user${i}`,
    issuer: `Service ${i}`,
    info: { secret: b32(), algo: 'SHA1', digits: 6, period: 30 },
  }));
  const masterKey = randomBytes(32);
  const db = gcm(masterKey, Buffer.from(JSON.stringify({ version: 3, entries, groups: [] })));
  const wrong = JSON.parse(aegisSlots(15, { n: 2 ** 15, r: 8, p: 1 })) as { header: { slots: unknown[] } };
  const salt = randomBytes(32);
  const slot = gcm(scryptSync(PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * MiB }), masterKey);
  const right = {
    type: 1,
    uuid: 'a8325752-c1be-458a-9b3e-5e0a8154d9ec',
    key: slot.ct.toString('hex'),
    key_params: { nonce: slot.nonce.toString('hex'), tag: slot.tag.toString('hex') },
    n: 2 ** 15,
    r: 8,
    p: 1,
    salt: salt.toString('hex'),
  };
  const params = { nonce: db.nonce.toString('hex'), tag: db.tag.toString('hex') };
  return json({ version: 1, header: { slots: [...wrong.header.slots, right], params }, db: b64(db.ct) });
}

function twoFasWorst(): Uint8Array {
  const services = range(ACCOUNTS, (i) => ({
    name: `Service ${i}`,
    secret: b32(),
    otp: { account: `user${i}`, digits: 6, period: 30, algorithm: 'SHA1', tokenType: 'TOTP' },
  }));
  const salt = randomBytes(256);
  const key = pbkdf2Sync(PASSWORD, salt, 10_000, 32, 'sha256');
  const sealed = gcm(key, Buffer.from(JSON.stringify(services)));
  const value = `${b64(Buffer.concat([sealed.ct, sealed.tag]))}:${b64(salt)}:${b64(sealed.nonce)}`;
  return json({ services: [], groups: [], schemaVersion: 4, servicesEncrypted: value });
}

const andOtpWorst = (): Uint8Array => {
  const ceiling = KDF_CEILINGS.andotp;
  const iterations = ceiling === undefined ? 1 : Math.floor((ceiling.legitimateWork * ceiling.margin) / 1024) - 1;
  const entries = range(ACCOUNTS, (i) => ({ secret: b32(), issuer: `S${i}`, label: `u${i}`, type: 'TOTP', digits: 6 }));
  return andOtpEncrypted(json(entries), PASSWORD, iterations);
};

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Authy: 5,000 encrypted tokens (one PBKDF2 each: the whole ceiling). */
function authyWorst(): string {
  const tokens = range(5_000, (i) => {
    const salt = randomBytes(12).toString('hex');
    return {
      accountType: 'authenticator',
      digits: 6,
      encryptedSecret: authyEncryptedToken(b32(), PASSWORD, salt),
      salt,
      name: `user${i}`,
      originalName: `Service ${i}:user${i}`,
    };
  });
  return `<map><string name="com.authy.storage.tokens.authenticator.key">${escapeXml(JSON.stringify(tokens))}</string></map>`;
}

/** Bitwarden CSV: a million cells, 10,000 of the logins with a one-time-password key. */
function bitwardenWorst(): string {
  const columns = 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
  const rows = Math.floor(IMPORT_LIMITS['csv-cells'].value / 11) - 1;
  const body = range(rows, (i) => `,0,login,Site ${i},,,0,https://s${i}.example,u${i},pw,${i < ACCOUNTS ? b32() : ''}`);
  return `${columns}\n${body.join('\n')}\n`;
}

/** Battle.net's fixed XOR mask (public: in every copy of the app, and in electron/import/battle-net.ts). */
const BATTLE_NET_MASK = Buffer.from(
  '398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a',
  'hex',
);
const battleNetMasked = (text: string): string =>
  Buffer.from(Buffer.from(text, 'latin1').map((b, i) => b ^ (BATTLE_NET_MASK[i] ?? 0))).toString('hex');

/** Battle.net: its two preferences among 200,000 elements. */
function battleNetWorst(): string {
  const filler = range(IMPORT_LIMITS['xml-elements'].value - 3, (i) => `<int name="f${i}" value="1" />`).join('');
  const pref = (name: string, value: string): string =>
    `<string name="com.blizzard.messenger.${name}">${battleNetMasked(value)}</string>`;
  const secret = pref('AUTHENTICATOR_DEVICE_SECRET', randomBytes(20).toString('hex'));
  return `<map>${secret}${pref('AUTHENTICATOR_SERIAL', 'EU-1234-5678-9012')}${filler}</map>`;
}

/** Duo: 10,000 accounts padded to a million JSON values. */
function duoWorst(): Uint8Array {
  const pad = Math.floor(IMPORT_LIMITS['json-values'].value / ACCOUNTS) - 8;
  return json(
    range(ACCOUNTS, (i) => ({ name: `u${i}`, otpGenerator: { otpSecret: b32() }, pad: range(pad, () => 1) })),
  );
}

const steamWorst = (): Uint8Array =>
  json({
    accounts: Object.fromEntries(
      range(ACCOUNTS, (i) => [String(i), { shared_secret: b64(randomBytes(20)), account_name: `u${i}` }]),
    ),
  });

const freeOtpWorst = (): Uint8Array => {
  const tokens = range(ACCOUNTS, (i) => ({
    token: { type: 'TOTP', algo: 'SHA1', digits: 6, period: 30, issuerExt: `S${i}`, label: `u${i}` },
    secret: randomBytes(20),
  }));
  const ceiling = KDF_CEILINGS.freeotp;
  const iterations = ceiling === undefined ? 1 : Math.floor((ceiling.legitimateWork * ceiling.margin) / 1024);
  return freeOtpV2(tokens, PASSWORD, iterations);
};

const signed = (b: Uint8Array): number[] => Array.from(b, (x) => (x > 127 ? x - 256 : x));
const freeOtpPlusWorst = (): Uint8Array =>
  json({
    tokenOrder: range(ACCOUNTS, (i) => `S${i}:u${i}`),
    tokens: range(ACCOUNTS, (i) => ({
      type: 'TOTP',
      algo: 'SHA1',
      digits: 6,
      period: 30,
      issuerExt: `S${i}`,
      label: `u${i}`,
      secret: signed(randomBytes(64)),
    })),
  });

async function stratumWorst(): Promise<Uint8Array> {
  const list = range(ACCOUNTS, (i) => ({ Type: 2, Issuer: `S${i}`, Username: `u${i}`, Secret: b32(), Digits: 6 }));
  const salt = randomBytes(16);
  const key = await argon2id({
    password: PASSWORD,
    salt,
    iterations: 3,
    memorySize: 64 * 1024,
    parallelism: 4,
    hashLength: 32,
    outputType: 'binary',
  });
  const sealed = gcm(key, Buffer.from(JSON.stringify({ Authenticators: list })));
  return Uint8Array.from(
    Buffer.concat([Buffer.from('AUTHENTICATORPRO', 'latin1'), salt, sealed.nonce, sealed.ct, sealed.tag]),
  );
}

function totpAuthenticatorWorst(): string {
  const entries = range(ACCOUNTS, (i) => JSON.stringify({ base: 32, key: b32(), name: `u${i}`, issuer: `S${i}` }));
  const key = createHash('sha256').update(PASSWORD, 'utf8').digest();
  const c = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  const plain = JSON.stringify({ [JSON.stringify(entries)]: 'x' });
  return Buffer.concat([c.update(plain, 'utf8'), c.final()]).toString('base64');
}

async function sqliteWorst(kind: 'google' | 'microsoft'): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    if (kind === 'google') {
      db.exec(
        'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT, secret TEXT, counter INTEGER, type INTEGER, issuer TEXT)',
      );
      const insert = db.prepare('INSERT INTO accounts (email, secret, counter, type, issuer) VALUES (?, ?, 0, 0, ?)');
      for (let i = 0; i < ACCOUNTS; i++) insert.run([`S${i}:u${i}`, b32(), `S${i}`]);
      insert.free();
    } else {
      db.exec('CREATE TABLE accounts (name TEXT, username TEXT, oath_secret_key TEXT, account_type INTEGER)');
      const insert = db.prepare('INSERT INTO accounts VALUES (?, ?, ?, 0)');
      for (let i = 0; i < ACCOUNTS; i++) insert.run([`S${i}`, `u${i}`, b32()]);
      insert.free();
    }
    return db.export();
  } finally {
    db.close();
  }
}

const protonWorst = (): Uint8Array =>
  json({
    version: 1,
    entries: range(ACCOUNTS, (i) => ({
      id: String(i),
      content: { uri: link(i), entry_type: 'Totp', name: `S${i}` },
      note: '',
    })),
  });

/** Authenticator Plus: 1,000 files in the ZIP, Accounts.txt holding 10,000 links. */
async function authenticatorPlusWorst(): Promise<Uint8Array> {
  const zip = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  await zip.add('Accounts.txt', new TextReader(range(ACCOUNTS, link).join('\n')));
  for (let i = 1; i < IMPORT_LIMITS['archive-entries'].value; i++) await zip.add(`f${i}.txt`, new TextReader(''));
  return zip.close();
}

/** Ente: 10,000 links under the whole Argon2id ceiling (1 GiB × 6 passes), the right password. */
async function enteWorst(): Promise<string> {
  await sodium.ready;
  const memLimit = 1024 * MiB;
  const opsLimit = 6;
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const key = sodium.crypto_pwhash(32, PASSWORD, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const data = sodium.crypto_secretstream_xchacha20poly1305_push(
    state,
    new TextEncoder().encode(range(ACCOUNTS, link).join('\n')),
    null,
    sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
  );
  return JSON.stringify({
    version: 1,
    kdfParams: { memLimit, opsLimit, salt: b64(salt) },
    encryptedData: b64(data),
    encryptionNonce: b64(header),
  });
}

const uriListWorst = (): string =>
  [...range(ACCOUNTS, link), ...range(IMPORT_LIMITS.lines.value - ACCOUNTS - 1, () => '# note')].join('\n');

const CASES: readonly Case[] = [
  {
    format: 'aegis',
    name: 'accepted: 16 default slots, right one last; 10,000 entries',
    build: aegisWorst,
    password: true,
  },
  {
    format: 'aegis',
    name: 'refused: 2,000 slots at N=2^20, p=16',
    build: () => aegisSlots(2000, { n: 2 ** 20, r: 8, p: 16 }),
    password: true,
  },
  { format: '2fas', name: 'accepted: encrypted, 10,000 services', build: twoFasWorst, password: true },
  { format: 'andotp', name: 'accepted: 1.6 M iterations, 10,000 entries', build: andOtpWorst, password: true },
  { format: 'authy', name: 'accepted: 5,000 encrypted tokens', build: authyWorst, password: true },
  { format: 'authy', name: 'refused: 1.55 M XML elements', build: () => xmlElements(1_550_000) },
  { format: 'authy', name: 'refused: 3 M XML attributes', build: () => xmlAttributes(187_500, 16) },
  { format: 'authy', name: 'refused: 10 M character references', build: () => xmlCharacterReferences(10_000_000) },
  { format: 'bitwarden', name: 'accepted: CSV of 1 M cells, 10,000 TOTP', build: bitwardenWorst },
  { format: 'duo', name: 'accepted: 10,000 accounts, 1 M JSON values', build: duoWorst },
  { format: 'battle-net', name: 'accepted: 200,000 XML elements', build: battleNetWorst },
  { format: 'steam', name: 'accepted: 10,000 accounts', build: steamWorst },
  { format: 'freeotp', name: 'accepted: 10,000 tokens, 1 M iterations', build: freeOtpWorst, password: true },
  { format: 'freeotp', name: 'refused: 20,000 references to 8 MB', build: () => freeOtpReferences(20_000, 8 * MiB) },
  { format: 'freeotp-plus', name: 'accepted: 10,000 tokens of 64-byte secrets', build: freeOtpPlusWorst },
  { format: 'stratum', name: 'accepted: encrypted (Argon2id), 10,000 entries', build: stratumWorst, password: true },
  { format: 'totp-authenticator', name: 'accepted: 10,000 entries', build: totpAuthenticatorWorst, password: true },
  { format: 'google-authenticator', name: 'accepted: 10,000 rows', build: () => sqliteWorst('google') },
  { format: 'google-authenticator', name: 'refused: 3 M rows', build: () => sqliteRows(3_000_000) },
  { format: 'microsoft-authenticator', name: 'accepted: 10,000 rows', build: () => sqliteWorst('microsoft') },
  { format: 'proton-authenticator', name: 'accepted: 10,000 entries', build: protonWorst },
  { format: 'authenticator-plus', name: 'accepted: 1,000 files, 10,000 links', build: authenticatorPlusWorst },
  { format: 'authenticator-plus', name: 'refused: 480,000 files (43 MB)', build: () => zipWithEntries(480_000) },
  { format: 'ente', name: 'accepted: 1 GiB × 6 passes, 10,000 links', build: enteWorst, password: true },
  { format: 'ente', name: 'refused: 1 GiB × 20 passes', build: () => enteExport(20, 1024 * MiB), password: true },
  { format: 'otpauth-uri-list', name: 'accepted: 50,000 lines, 10,000 links', build: uriListWorst },
  { format: 'otpauth-uri-list', name: 'refused: 1 M lines', build: () => linkList(1_000_000) },
  { format: 'qr', name: 'accepted: 50 QR codes', build: () => qrGrid(50, 10) },
  { format: 'qr', name: 'refused: 588 QR codes', build: () => qrGrid(588, 21) },
];

async function childBundle(): Promise<string> {
  const outDir = path.join(ROOT, '.cache', 'run-ts');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'scripts__bench___hostile-child.mjs');
  await build({
    input: path.join(ROOT, 'scripts', 'bench', '_hostile-child.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    output: { file, format: 'esm' },
    logLevel: 'warn',
  });
  return file;
}

interface Measured {
  readonly outcome: string;
  readonly limit?: string;
  readonly entries?: number;
  readonly read?: number;
  readonly ms: number;
  readonly maxRssKiB: number;
}

function printLimits(): void {
  console.log('Limits (electron/import/budget-limits.ts):');
  for (const [name, row] of Object.entries(IMPORT_LIMITS)) {
    const value = row.unit === 'bytes' ? `${row.value / MiB} MiB` : row.value.toLocaleString('en-US');
    console.log(`  ${name.padEnd(27)} ${value.padStart(12)}  ${row.why}`);
  }
  console.log('Key derivation, per format (app defaults × margin; work in byte-passes):');
  for (const [format, c] of Object.entries(KDF_CEILINGS)) {
    const max = ((c.legitimateWork * c.margin) / MiB).toLocaleString('en-US');
    console.log(`  ${format.padEnd(19)} ${`${max} MiB-passes`.padStart(20)}  ×${c.margin}  ${c.defaults}`);
  }
}

async function main(): Promise<void> {
  printLimits();
  const child = await childBundle();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-hostile-bench-'));
  console.log(
    `\n${'format'.padEnd(24)} ${'case'.padEnd(58)} ${'outcome'.padEnd(30)} ${'time'.padStart(8)} ${'peak RSS'.padStart(10)}`,
  );
  try {
    for (const c of CASES) {
      if (only.length > 0 && !only.includes(c.format)) continue;
      const file = path.join(dir, 'input');
      writeFileSync(file, await c.build());
      const args =
        c.format === 'qr' ? [child, file, '--qr'] : [child, file, c.format, ...(c.password ? ['--password'] : [])];
      const run = spawnSync(process.execPath, args, {
        cwd: ROOT,
        input: `${PASSWORD}\n`,
        encoding: 'utf8',
        timeout: 120_000,
      });
      rmSync(file, { force: true });
      if (run.status !== 0) {
        console.log(`${c.format.padEnd(24)} ${c.name.padEnd(58)} failed: ${run.stderr.trim().split('\n').pop() ?? ''}`);
        continue;
      }
      const m = JSON.parse(run.stdout) as Measured;
      const outcome =
        m.outcome === 'refused'
          ? `refused: ${m.limit}`
          : m.outcome === 'accepted'
            ? `${m.entries ?? m.read} read`
            : m.outcome;
      const rss = `${(m.maxRssKiB / 1024).toFixed(0)} MiB`;
      console.log(
        `${c.format.padEnd(24)} ${c.name.padEnd(58)} ${outcome.padEnd(30)} ${`${m.ms} ms`.padStart(8)} ${rss.padStart(10)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
