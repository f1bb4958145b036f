// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Authenticator Plus beyond the fixtures: a ZIP encrypted with AES (zip.js writes it here), ZIPs
 * without Accounts.txt, and the variant names.
 */
import { configure, TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile } from '../../../electron/import';
import { VARIANTS } from '../../../electron/import/authenticator-plus';

configure({ useWebWorkers: false });
const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );
const LINKS = 'otpauth://totp/Example:alice?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Example\n';

async function zip(
  name: string,
  text: string,
  options: { password?: string; zipCrypto?: boolean } = {},
): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  await writer.add(name, new TextReader(text), { ...options, useWebWorkers: false });
  return writer.close();
}

describe('Authenticator Plus', () => {
  it('reads a ZIP encrypted with AES and names each kind', async () => {
    const aes = await zip('Accounts.txt', LINKS, { password: 'pw' });
    expect(detectFormat(aes)?.format).toBe('authenticator-plus');
    expect(await kind(importFile(aes))).toBe('password-required');
    expect(await kind(importFile(aes, { password: 'nope' }))).toBe('wrong-password');
    const result = await importFile(aes, { password: 'pw' });
    expect(result.variant).toBe(VARIANTS.aes);
    expect(result.entries.map((e) => [e.issuer, e.account])).toEqual([['Example', 'alice']]);
    const zipCrypto = await zip('Accounts.txt', LINKS, { password: 'pw', zipCrypto: true });
    expect((await importFile(zipCrypto, { password: 'pw' })).variant).toBe(VARIANTS.zipCrypto);
    expect((await importFile(await zip('Accounts.txt', LINKS))).variant).toBe(VARIANTS.plain);
  });

  it('a ZIP without Accounts.txt is not Authenticator Plus’s; read as it, it is damaged', async () => {
    const other = await zip('notes.txt', LINKS);
    expect(detectFormat(other)).toBeNull();
    expect(await kind(importFile(other, { format: 'authenticator-plus' }))).toBe('corrupt');
    const folder = await zip('Accounts.txt/readme', 'x');
    expect(await kind(importFile(folder, { format: 'authenticator-plus' }))).toBe('corrupt');
  });
});
