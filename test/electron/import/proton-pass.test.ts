// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Proton Pass exports (electron/import/proton-pass.ts, openpgp-s2k.ts) beyond the golden fixtures:
 * where the names come from, the item kinds that hold one-time passwords, the trash, the OpenPGP
 * message's S2K read and charged before anything is derived (iterated counts, Argon2, several
 * passphrase packets, a compression bomb), refused and damaged files, and 200 mutated data.json
 * contents re-encrypted with a cheap S2K, as fuzz.test.ts does for Aegis and andOTP.
 */
import { createMessage, encrypt, enums, generateKey, readKey } from 'openpgp';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile, WorkBudget, type KdfCeiling } from '../../../electron/import';
import { readSkesk, s2kCost } from '../../../electron/import/openpgp-s2k';
import { protonPassFormat } from '../../../electron/import/proton-pass';
import { base32Encode } from '../../../electron/otp';
import { fixtureData, protonPgp, storedZip } from '../../../scripts/fixtures/proton-pass';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';

const SECRET = 'JBSWY3DPEHPK3PXP';
const SECRET2 = 'KRSXG5CTMVRXEZLU';
const PW = 'example passphrase';
const te = new TextEncoder();

const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );
const failure = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'resolved',
    (e: unknown) => e,
  );

const loginItem = (name: string, content: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  itemId: name,
  shareId: 'share',
  state: 1,
  data: { type: 'login', metadata: { name, note: '', itemUuid: 'x' }, content, extraFields: [] },
  pinned: false,
  ...extra,
});
const passExport = (...items: unknown[]) => ({
  version: '1.23.1',
  userId: 'user',
  encrypted: false,
  vaults: { share: { name: 'Vault', description: '', display: {}, items } },
});
const jsonBytes = (value: unknown): Uint8Array => te.encode(JSON.stringify(value));

describe('Proton Pass: accounts', () => {
  it('takes the link’s names first, then the item’s name and e-mail or username; reads the placeholder label as none', async () => {
    const result = await importFile(
      jsonBytes(
        passExport(
          loginItem('Named', { itemEmail: 'e@example.com', totpUri: `otpauth://totp/Issuer:acct?secret=${SECRET}` }),
          loginItem('Placeholder', { itemUsername: 'bob', totpUri: `otpauth://totp/Proton%20Pass?secret=${SECRET}` }),
          loginItem('Placeholder with issuer', {
            itemEmail: '',
            totpUri: `otpauth://totp/Site:Proton%20Pass?issuer=Site&secret=${SECRET}`,
          }),
          loginItem('Bare secret', { itemEmail: 'c@example.com', totpUri: 'jbsw y3dp ehpk 3pxp' }),
          loginItem('Empty', { itemEmail: 'd@example.com', totpUri: '' }),
        ),
      ),
    );
    expect(result.variant).toBe('JSON (unzipped export)');
    expect(result.skipped).toEqual([]);
    expect(result.entries.map((e) => [e.issuer, e.account, e.tags])).toEqual([
      ['Issuer', 'acct', ['Vault']],
      ['Placeholder', 'bob', ['Vault']],
      ['Site', '', ['Vault']],
      ['Bare secret', 'c@example.com', ['Vault']],
    ]);
  });

  it('reads one-time passwords of every item kind: extra fields, custom sections, identity details', async () => {
    const totp = (fieldName: string, secret: string) => ({ fieldName, type: 'totp', data: { totpUri: secret } });
    const result = await importFile(
      jsonBytes(
        passExport(
          {
            state: 1,
            pinned: true,
            data: {
              type: 'login',
              metadata: { name: 'Both', note: 'a note' },
              content: { itemEmail: 'a@example.com', totpUri: SECRET },
              extraFields: [totp('Backup', SECRET2), { fieldName: 'Pin', type: 'hidden', data: { content: '1234' } }],
            },
          },
          {
            state: 1,
            data: {
              type: 'sshKey',
              metadata: { name: 'Server' },
              content: { sections: [{ sectionName: 'S', sectionFields: [totp('Root', SECRET)] }] },
            },
          },
          {
            state: 1,
            data: {
              type: 'identity',
              metadata: { name: 'Me' },
              content: {
                extraWorkDetails: [totp('Work', SECRET2)],
                extraSections: [{ sectionFields: [totp('', SECRET)] }],
              },
            },
          },
          { state: 1, data: { type: 'note', metadata: { name: 'Note' }, content: { totpUri: SECRET } } },
        ),
      ),
    );
    expect(result.entries.map((e) => [e.issuer, e.account, e.notes, e.favourite, base32Encode(e.secret)])).toEqual([
      ['Both', 'a@example.com', 'a note', true, SECRET],
      ['Both', 'a@example.com (Backup)', 'a note', true, SECRET2],
      ['Server', '', undefined, undefined, SECRET],
      ['Me', '', undefined, undefined, SECRET],
      ['Me', 'Work', undefined, undefined, SECRET2],
    ]);
  });

  it('skips the trash with the reason and passes over items without a one-time password', async () => {
    const result = await importFile(
      jsonBytes(
        passExport(
          loginItem('Trashed', { itemEmail: 'a@example.com', totpUri: SECRET }, { state: 2 }),
          loginItem('Plain', { itemEmail: 'a@example.com', password: 'x' }),
          { state: 1, data: { type: 'alias', metadata: { name: 'Alias' }, content: {} } },
          'not an item',
        ),
      ),
    );
    expect(result.entries).toEqual([]);
    expect(result.skipped.map((s) => [s.label, s.reason])).toEqual([
      ['Trashed (a@example.com)', 'it is in Proton Pass’s trash'],
    ]);
  });
});

describe('Proton Pass: files', () => {
  it('detects its ZIPs, its JSON and passphrase-encrypted OpenPGP messages, nothing else', async () => {
    const json = JSON.stringify(passExport());
    const zip = await storedZip([['Proton Pass/data.json', json]]);
    const pgpZip = await storedZip([['Proton Pass/data.pgp', await protonPgp(te.encode(json), PW, 0)]]);
    const armored = te.encode(await protonPgp(te.encode(json), PW, 0));
    expect(protonPassFormat.detect(zip)).toBeGreaterThanOrEqual(0.95);
    expect(protonPassFormat.detect(pgpZip)).toBeGreaterThanOrEqual(0.95);
    expect(protonPassFormat.detect(te.encode(json))).toBeGreaterThanOrEqual(0.9);
    expect(protonPassFormat.detect(armored)).toBeGreaterThanOrEqual(0.5);
    expect([zip, pgpZip, te.encode(json), armored].map((b) => protonPassFormat.needsPassword(b))).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect(protonPassFormat.detect(te.encode('{"vaults": {}}'))).toBe(0);
    expect(protonPassFormat.detect(te.encode('-----BEGIN PGP MESSAGE-----\n\nnot base64 at all\n'))).toBe(0);
    const { privateKey, publicKey } = await generateKey({ userIDs: [{ name: 'Example' }], format: 'armored' });
    void privateKey;
    const toKey = await encrypt({
      message: await createMessage({ binary: te.encode(json) }),
      encryptionKeys: await readKey({ armoredKey: publicKey }),
    });
    expect(protonPassFormat.detect(te.encode(toKey))).toBe(0);
    expect(await kind(importFile(te.encode(toKey), { format: 'proton-pass', password: PW }))).toBe('unsupported');
  });

  it('reads data.pgp taken out of the ZIP, and refuses what the right passphrase opens but is not an export', async () => {
    const json = te.encode(JSON.stringify(passExport(loginItem('A', { itemEmail: 'a@x', totpUri: SECRET }))));
    const bare = te.encode(await protonPgp(json, PW, 0));
    expect(detectFormat(bare)?.format).toBe('proton-pass');
    expect(await importFile(bare, { password: PW })).toMatchObject({ variant: 'PGP-encrypted export' });
    const notJson = te.encode(await protonPgp(Uint8Array.from([0xff, 0xfe, 0x00, 0x01]), PW, 0));
    expect(await kind(importFile(notJson, { password: PW }))).toBe('corrupt');
    const otherZip = te.encode(await protonPgp(await storedZip([['other.txt', 'x']]), PW, 0));
    expect(await kind(importFile(otherZip, { password: PW }))).toBe('corrupt');
    const nested = te.encode(await protonPgp(await storedZip([['Proton Pass/data.pgp', 'x']]), PW, 0));
    expect(await kind(importFile(nested, { password: PW }))).toBe('corrupt');
  });

  it('refuses damaged messages, ZIPs and JSON without vaults', async () => {
    const armored = await protonPgp(te.encode('{}'), PW, 0);
    const damaged = te.encode(armored.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!'));
    expect(await kind(importFile(damaged, { format: 'proton-pass', password: PW }))).toBe('corrupt');
    expect(await kind(importFile(te.encode(armored), { password: PW }))).toBe('corrupt'); // {} has no vaults
    expect(await kind(importFile(await storedZip([['Proton Pass/other.json', '{}']]), { format: 'proton-pass' }))).toBe(
      'corrupt',
    );
    expect(await kind(importFile(te.encode('{"version": "1", "vaults": []}'), { format: 'proton-pass' }))).toBe(
      'corrupt',
    );
  });

  it('a modified message is reported like a wrong password', async () => {
    const binary = await encrypt({
      message: await createMessage({ binary: jsonBytes(passExport()) }),
      passwords: [PW],
      config: { s2kIterationCountByte: 0 },
      format: 'binary',
    });
    const modified = Uint8Array.from(binary);
    modified[modified.length - 5] = (modified[modified.length - 5] ?? 0) ^ 1;
    expect(await kind(importFile(modified, { format: 'proton-pass', password: PW }))).toBe('wrong-password');
    expect((await importFile(binary, { format: 'proton-pass', password: PW })).entries).toEqual([]);
  });
});

/** A binary message whose SKESK's S2K bytes are replaced (nothing is derived to refuse it). */
async function withS2k(s2k: readonly number[], config: Record<string, unknown> = {}): Promise<Uint8Array> {
  const binary = await encrypt({
    message: await createMessage({ binary: te.encode('{}') }),
    passwords: [PW],
    config: { s2kIterationCountByte: 0, ...config },
    format: 'binary',
  });
  // New-format header: tag byte 0xC3, one length byte; body: version 4, cipher, S2K…
  expect([binary[0], binary[2]]).toEqual([0xc3, 4]);
  const out = Uint8Array.from(binary);
  out.set(s2k, 4);
  return out;
}

const ceiling = (over: Partial<KdfCeiling>): KdfCeiling => ({
  app: 'Proton Pass',
  defaults: 'test',
  legitimateMemoryBytes: 64 * 1024 * 1024,
  legitimateWork: 65_011_712,
  margin: 4,
  why: 'test',
  ...over,
});

describe('Proton Pass: the S2K is read and charged before anything is derived', () => {
  it('reads the S2K of each SKESK version and prices it', () => {
    // v4, AES-256, iterated, SHA-256, salt, count byte 255: what Proton Pass writes.
    const proton = readSkesk(Uint8Array.from([4, 9, 3, 8, 1, 2, 3, 4, 5, 6, 7, 8, 255, 0xaa]));
    expect(proton).toEqual({
      version: 4,
      cipher: 9,
      s2k: { type: 'iterated', hash: 8, countByte: 255, count: 65_011_712 },
    });
    expect(s2kCost(proton)).toEqual({ memoryBytes: 65_011_712, work: 65_011_712 });
    // SHA-1 gives 20 bytes a round: an AES-256 key takes two.
    expect(s2kCost(readSkesk(Uint8Array.from([4, 9, 3, 2, 1, 2, 3, 4, 5, 6, 7, 8, 255])))).toMatchObject({
      work: 2 * 65_011_712,
    });
    // v6, Argon2 t=3, p=4, 2^16 KiB.
    const v6 = readSkesk(
      Uint8Array.from([6, 21, 9, 2, 20, 4, ...new Array(16).fill(0), 3, 4, 16, ...new Array(16).fill(1)]),
    );
    expect(v6.s2k).toEqual({ type: 'argon2', passes: 3, parallelism: 4, memoryExponent: 16 });
    expect(s2kCost(v6)).toEqual({ memoryBytes: 64 * 1024 * 1024, work: 3 * 64 * 1024 * 1024 });
    expect(s2kCost(readSkesk(Uint8Array.from([4, 9, 0, 8])))).toEqual({ memoryBytes: 0, work: 1024 });
    expect(() => readSkesk(Uint8Array.from([4, 9, 3, 8, 1]))).toThrow();
    expect(() => readSkesk(Uint8Array.from([3, 9, 0, 8]))).toThrow();
  });

  it('charges Proton’s own message (count byte 255) exactly once, before the password is asked for', async () => {
    const zip = await storedZip([['Proton Pass/data.pgp', await protonPgp(jsonBytes(passExport()), PW)]]);
    const budget = new WorkBudget();
    expect(await kind(importFile(zip, { budget }))).toBe('password-required');
    expect(budget.usage()['kdf-work:proton-pass']).toBe(65_011_712);
    const refused = await failure(
      importFile(zip, { budget: new WorkBudget({ kdf: { 'proton-pass': ceiling({ margin: 0.5 }) } }) }),
    );
    expect(refused).toMatchObject({ kind: 'too-large', limit: { name: 'kdf-work' } });
    expect((refused as Error).message).toMatch(/Proton Pass/);
  });

  it('refuses hostile Argon2 and iteration parameters by name, without deriving', async () => {
    // Argon2: 2^30 KiB × 255 passes; then one just over the ceiling (256 MiB × 1 pass).
    const huge = await withS2k([4, ...new Array(16).fill(7), 255, 1, 30]);
    const start = performance.now();
    expect(await failure(importFile(huge, { format: 'proton-pass', password: PW }))).toMatchObject({
      kind: 'too-large',
      limit: { name: 'kdf-work' },
    });
    const over = await withS2k([4, ...new Array(16).fill(7), 1, 1, 18]);
    expect(await kind(importFile(over, { format: 'proton-pass', password: PW }))).toBe('too-large');
    expect(performance.now() - start).toBeLessThan(1000);
    // An S2K kind nobody writes for messages (GNU dummy).
    expect(await kind(importFile(await withS2k([101, 2]), { format: 'proton-pass', password: PW }))).toBe(
      'unsupported',
    );
  });

  it('reads an Argon2 S2K within the ceiling (OpenPGP.js’s own default: 64 MiB × 3)', async () => {
    const binary = await encrypt({
      message: await createMessage({
        binary: jsonBytes(passExport(loginItem('A', { itemEmail: 'a@x', totpUri: SECRET }))),
      }),
      passwords: [PW],
      config: { s2kType: enums.s2k.argon2, s2kArgon2Params: { passes: 3, parallelism: 4, memoryExponent: 16 } },
      format: 'armored',
    });
    const budget = new WorkBudget();
    expect((await importFile(te.encode(binary), { password: PW, budget })).entries).toHaveLength(1);
    expect(budget.usage()['kdf-work:proton-pass']).toBe(3 * 64 * 1024 * 1024);
  });

  it('charges every passphrase packet: more than the ceiling, or than the slot limit, is refused', async () => {
    const message = async (n: number, count: number) =>
      te.encode(
        await encrypt({
          message: await createMessage({ binary: te.encode('{}') }),
          passwords: Array.from({ length: n }, (_, i) => `${PW} ${i}`),
          config: { s2kIterationCountByte: count },
        }),
      );
    expect(await failure(importFile(await message(17, 0), { format: 'proton-pass', password: PW }))).toMatchObject({
      kind: 'too-large',
      limit: { name: 'key-slots' },
    });
    const fiveFull = await message(5, 255);
    expect(await failure(importFile(fiveFull, { format: 'proton-pass', password: PW }))).toMatchObject({
      kind: 'too-large',
      limit: { name: 'kdf-work' },
    });
  });

  it('stops a compressed message at the archive limit', async () => {
    const bomb = te.encode(
      await encrypt({
        message: await createMessage({ binary: new Uint8Array(4 * 1024 * 1024).fill(0x20) }),
        passwords: [PW],
        config: { s2kIterationCountByte: 0, preferredCompressionAlgorithm: enums.compression.zlib },
      }),
    );
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = await failure(
      importFile(bomb, {
        format: 'proton-pass',
        password: PW,
        budget: new WorkBudget({ limits: { 'archive-bytes': 1024 * 1024 } }),
      }),
    );
    expect(error).toMatchObject({ kind: 'too-large', limit: { name: 'archive-bytes' } });
  });
});

describe('Proton Pass: fuzzing after decryption', () => {
  it('200 mutated data.json contents, re-encrypted (S2K count byte 0) into data.pgp', async () => {
    const content = jsonBytes(fixtureData.currentExport(true));
    const secrets = new Set(
      [...new TextDecoder().decode(content).matchAll(/secret=([A-Z2-7]+)/g)].map((m) => m[1] ?? ''),
    );
    const probe = prober(secrets);
    const rnd = prng(seedOf(`${process.env.TESSERA_FUZZ_SEED ?? ''}proton-pass content`));
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const mutated = mutate(content, rnd);
      const armored = await protonPgp(mutated, PW, 0);
      const file = i % 2 === 0 ? await storedZip([['Proton Pass/data.pgp', armored]]) : te.encode(armored);
      await probe(`proton-pass content #${i}`, () => importFile(file, { format: 'proton-pass', password: PW }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});
