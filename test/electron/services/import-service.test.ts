// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * In-app import from QR codes, end to end in Node: the services over a real vault, the real image
 * decoder and QR worker, screenshots from the corpus and synthetic ones. Screens, the clipboard and
 * the open dialog are fakes fed with those images.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportMigration } from '../../../electron/export';
import { qrPng } from '../../../electron/export/qr';
import { decodeImage } from '../../../electron/import/qr';
import type { ImportReview, ImportStep } from '../../../electron/domain';
import { base32Decode, base32Encode, generateCode } from '../../../electron/otp';
import { CaptureRefusedError, type CapturedScreen } from '../../../electron/services/desktop-ports';
import { toIpcError } from '../../../electron/services/error-report';
import { describeCorpus } from '../../helpers/corpus';
import { syntheticScreenshot } from '../import/qr/render';
import {
  closeHarnesses,
  corpusSecrets,
  desktopImage,
  emptyScreen,
  openHarness,
  screenFromCorpus,
  screenshotPath,
  screenshotSecrets,
  screenshotTexts,
  secretForms,
  T0,
} from './import-fixtures';

const ONE = '1920x1080_otpauth_plain_m4';
const TWO = '1920x1080_otpauth_two_m4';

/** The review of a step, failing the test when it is another step. */
function reviewOf(step: ImportStep): ImportReview {
  if (step.step !== 'review') throw new Error(`expected a review, got ${step.step}`);
  return step.review;
}

/** What a failed request gives the renderer. */
async function ipcError(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => toIpcError(error),
  );
}

/** 25 accounts with distinct secrets: a Google Authenticator export of 3 QR codes. */
function migrationExport() {
  const entries = Array.from({ length: 25 }, (_, i) => ({
    type: 'totp' as const,
    issuer: 'ACME',
    account: `user${i + 1}@example.com`,
    algorithm: 'SHA1' as const,
    digits: 6,
    period: 30,
    counter: null,
    secret: Uint8Array.from({ length: 20 }, (_, j) => (i * 31 + j * 7 + 1) & 0xff),
  }));
  const out = exportMigration(entries, (n) => new Uint8Array(n).fill(3));
  const secrets = entries.flatMap((e) => secretForms(base32Encode(e.secret)));
  return { uris: out.uris, secrets };
}

let secrets: string[] = [];
afterEach(async () => {
  await closeHarnesses(secrets);
  secrets = [];
});

describeCorpus('QR import from the corpus screenshots', () => {
  it('a PNG screenshot picked in the open dialog → a review with its account and a preview code', async () => {
    secrets = [...screenshotSecrets(ONE), ...corpusSecrets()];
    const h = await openHarness();
    h.desktop.picked = [screenshotPath(ONE)];
    const review = reviewOf(h.seen(await h.s.imports.openFiles()));
    expect(h.desktop.pickRequests[0]?.filters.map((f) => f.name)).toEqual([
      'Images of QR codes',
      'Authenticator exports',
      'All files',
    ]);
    expect(review).toMatchObject({
      kind: 'accounts',
      title: 'QR codes',
      summary: 'Found 1 QR code in 1 image',
      canScanMore: true,
      vaultEntryCount: 0,
      skipped: [],
      invalid: [],
      notAccounts: [],
      batches: [],
    });
    expect(review.candidates).toEqual([
      expect.objectContaining({
        key: 'c0',
        type: 'totp',
        issuer: 'ACME Cloud',
        account: 'user0.369817@example.com',
        digits: 6,
        period: 30,
        source: `${ONE}.png`,
        duplicate: null,
      }),
    ]);
    const secret = /secret=([A-Z2-7]+)/.exec(screenshotTexts(ONE)[0] ?? '')?.[1] ?? '';
    const expected = generateCode(
      { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null, secret: base32Decode(secret) },
      T0,
    );
    expect(h.seen(h.s.imports.codes())).toEqual([
      { key: 'c0', code: expected, validUntil: Date.UTC(2024, 0, 31, 12, 0, 30) },
    ]);
  });

  it('a screen capture (BGRA) with two codes, then a second scan of the same screen: each code counts once', async () => {
    secrets = screenshotSecrets(TWO);
    const h = await openHarness();
    h.desktop.screens = async () => [await screenFromCorpus(TWO, 'Screen 1')];
    const first = reviewOf(h.seen(await h.s.imports.scanScreen()));
    expect(first.summary).toBe('Found 2 QR codes on 1 screen');
    expect(first.candidates.map((c) => [c.key, c.account, c.source])).toEqual([
      ['c0', expect.stringMatching(/@example\.com$/), 'Screen 1'],
      ['c1', expect.stringMatching(/@example\.com$/), 'Screen 1'],
    ]);
    const again = reviewOf(h.seen(await h.s.imports.scanScreen()));
    expect(again.candidates.map((c) => c.key)).toEqual(['c0', 'c1']);
    expect(again.summary).toBe('Found 4 QR codes on 2 screens');
  });

  it('flags an account already in the vault, whatever it was renamed to', async () => {
    secrets = screenshotSecrets(ONE);
    const h = await openHarness();
    const existing = await h.s.entries.addUri(screenshotTexts(ONE)[0] ?? '');
    await h.s.entries.update(existing.id, { issuer: 'My cloud', account: 'work' });
    h.desktop.clipboardImage = async () => (await screenFromCorpus(ONE, 'x', 'rgba')).image;
    const review = reviewOf(h.seen(await h.s.imports.paste()));
    expect(review.vaultEntryCount).toBe(1);
    expect(review.candidates[0]).toMatchObject({
      source: 'Clipboard',
      duplicate: { of: 'vault', id: existing.id, label: 'My cloud (work)' },
    });
  });

  it('a transfer code that cannot be read is listed as invalid, with the reason', async () => {
    const h = await openHarness();
    h.desktop.picked = [screenshotPath('1920x1080_migration_plain_m4')];
    const review = reviewOf(h.seen(await h.s.imports.openFiles()));
    expect(review.candidates).toEqual([]);
    expect(review.invalid).toEqual([
      {
        source: '1920x1080_migration_plain_m4.png',
        message: expect.stringMatching(/transfer code that cannot be used/),
        details: expect.stringMatching(/protobuf/),
      },
    ]);
  });
});

describe('QR import: sources and their failures', () => {
  it('a Google Authenticator export of 3 codes, added scan by scan, names the missing parts', async () => {
    const { uris, secrets: batchSecrets } = migrationExport();
    secrets = batchSecrets;
    expect(uris).toHaveLength(3);
    const [part1 = '', part2 = '', part3 = ''] = uris;
    const h = await openHarness();

    const screen = await syntheticScreenshot({ width: 1280, height: 800, texts: [part1], moduleSize: 3, seed: 1 });
    h.desktop.screens = async () => [{ name: 'Screen 1', image: desktopImage(screen) }];
    const first = reviewOf(h.seen(await h.s.imports.scanScreen()));
    expect(first.candidates).toHaveLength(10);
    expect(first.candidates[0]?.batch).toEqual({ part: 1, parts: 3 });
    expect(first.batches).toEqual([
      {
        summary: '1 of 3 QR codes scanned',
        missing: ['QR code 2 of 3 is missing', 'QR code 3 of 3 is missing'],
        complete: false,
      },
    ]);

    const png3 = await qrPng(part3, { scale: 4 });
    h.desktop.clipboardImage = async () => desktopImage(await decodeImage(png3), 'rgba');
    const second = reviewOf(h.seen(await h.s.imports.paste()));
    expect(second.candidates).toHaveLength(15); // the last part holds the last 5 accounts
    expect(second.candidates[14]).toMatchObject({ key: 'c14', source: 'Clipboard', batch: { part: 3, parts: 3 } });
    expect(second.batches[0]).toMatchObject({
      summary: '2 of 3 QR codes scanned',
      missing: ['QR code 2 of 3 is missing'],
    });

    // The same part again (a second paste) adds nothing.
    const repeat = reviewOf(h.seen(await h.s.imports.paste()));
    expect(repeat.candidates).toHaveLength(15);
    expect(repeat.batches[0]?.missing).toEqual(['QR code 2 of 3 is missing']);

    const last = reviewOf(h.seen(await h.s.imports.readText(`  ${part2}\n`)));
    expect(last.candidates).toHaveLength(25);
    expect(new Set(last.candidates.map((c) => c.account)).size).toBe(25);
    expect(last.batches).toEqual([{ summary: 'All 3 QR codes scanned', missing: [], complete: true }]);
    expect(last.summary).toBe('Found 1 QR code on 1 screen, 2 QR codes in 2 images and 1 pasted link');
    expect(h.seen(h.s.imports.codes())).toHaveLength(25);
  });

  it('no QR code on the screens → a review without candidates that suggests zooming in; adding nothing is refused', async () => {
    const h = await openHarness();
    h.desktop.screens = async () => [emptyScreen('Screen 1'), emptyScreen('Screen 2')];
    const review = reviewOf(h.seen(await h.s.imports.scanScreen()));
    expect(review.candidates).toEqual([]);
    expect(review.summary).toBe('No QR code was found on 2 screens. Make the QR code larger (zoom in) and scan again.');
    expect(await ipcError(h.s.imports.commit([], 'merge'))).toMatchObject({
      code: 'invalid-entry',
      message: 'Tick at least one account to add.',
    });
  });

  it('a QR code holding a web link is "not an account"', async () => {
    const h = await openHarness();
    const png = await qrPng('https://example.com/setup-guide', { scale: 4 });
    const review = reviewOf(h.seen(await h.s.imports.readFile('guide.png', png)));
    expect(review.candidates).toEqual([]);
    expect(review.notAccounts).toEqual([{ source: 'guide.png', message: expect.stringMatching(/web link/) }]);
  });

  it('refuses a 20,000 × 20,000 PNG from its header, before decoding', async () => {
    const h = await openHarness();
    const header = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
    header.writeUInt32BE(13, 8);
    header.write('IHDR', 12, 'ascii');
    header.writeUInt32BE(20_000, 16);
    header.writeUInt32BE(20_000, 20);
    const error = await ipcError(h.s.imports.readFile('huge.png', new Uint8Array(header)));
    expect(error).toMatchObject({ code: 'import-failed' });
    expect(error.message).toMatch(/^huge\.png: The image is 20000 × 20000 pixels, larger than Tessera scans/);
  });

  it('a truncated PNG and a file that is no image give clear messages', async () => {
    const h = await openHarness();
    const png = await qrPng('otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP', { scale: 4 });
    const cut = await ipcError(h.s.imports.readFile('cut.png', png.slice(0, Math.floor(png.length / 2))));
    expect(cut).toEqual({ code: 'import-failed', message: 'cut.png: This PNG image is cut short or damaged.' });
    const text = await ipcError(h.s.imports.readFile('photo.png', new TextEncoder().encode('just some notes')));
    expect(text).toMatchObject({
      code: 'import-failed',
      message: expect.stringMatching(/does not recognise photo\.png/),
      field: 'format',
    });
  });

  it('pasted links: accounts, an HOTP code at its counter, and text that is no account', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DP';
    secrets = secretForms(secret);
    const h = await openHarness();
    const review = reviewOf(
      h.seen(
        await h.s.imports.readText(
          `GitHub: otpauth://hotp/Bank:me?secret=${secret}&counter=5 and https://example.com/help`,
        ),
      ),
    );
    expect(review.title).toBe('Account links');
    expect(review.candidates).toEqual([
      expect.objectContaining({ type: 'hotp', issuer: 'Bank', counter: 5, source: 'Pasted link' }),
    ]);
    expect(review.notAccounts).toEqual([{ source: 'Pasted link', message: expect.stringMatching(/web link/) }]);
    const hotp = {
      type: 'hotp',
      algorithm: 'SHA1',
      digits: 6,
      period: null,
      counter: 5,
      secret: base32Decode(secret),
    } as const;
    expect(h.seen(h.s.imports.codes())).toEqual([{ key: 'c0', code: generateCode(hotp, T0), validUntil: null }]);
    const words = reviewOf(h.seen(await h.s.imports.readText('hello there')));
    // A pasted text is not "a QR code": the message says what it is.
    expect(words.notAccounts.at(-1)?.message).toBe('This is text, not an authenticator account link.');
    expect(await ipcError(h.s.imports.readText('   '))).toMatchObject({ code: 'import-failed' });
  });

  it('paste: clipboard links are read; an empty clipboard asks for a screenshot', async () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    secrets = secretForms(secret);
    const h = await openHarness();
    expect(await ipcError(h.s.imports.paste())).toMatchObject({
      code: 'import-failed',
      message: expect.stringMatching(
        /Copy a screenshot of the QR code \(for example with Print Screen\) and paste again/,
      ),
    });
    h.desktop.clipboardText = 'see https://example.com';
    expect(await ipcError(h.s.imports.paste())).toMatchObject({ code: 'import-failed' });
    h.desktop.clipboardText = `otpauth://totp/Site:me?secret=${secret}`;
    expect(reviewOf(h.seen(await h.s.imports.paste())).candidates).toMatchObject([
      { issuer: 'Site', source: 'Pasted link' },
    ]);
  });

  it('screen capture refused → unavailable; the sharing prompt closed → cancelled', async () => {
    const h = await openHarness();
    h.desktop.screens = () => Promise.reject(new CaptureRefusedError('Allow screen recording first.'));
    expect(await ipcError(h.s.imports.scanScreen())).toEqual({
      code: 'unavailable',
      message: 'Allow screen recording first.',
    });
    h.desktop.screens = async () => [];
    expect(h.seen(await h.s.imports.scanScreen())).toEqual({ step: 'cancelled' });
    h.desktop.picked = null;
    expect(h.seen(await h.s.imports.openFiles())).toEqual({ step: 'cancelled' });
  });

  it('locking wipes the review: nothing can be added from it afterwards', async () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    secrets = secretForms(secret);
    const h = await openHarness();
    reviewOf(h.seen(await h.s.imports.readText(`otpauth://totp/Site:me?secret=${secret}`)));
    await h.s.lock('idle');
    expect(await ipcError(h.s.imports.commit(['c0'], 'merge'))).toMatchObject({ code: 'vault-locked' });
    expect(await ipcError(h.s.imports.scanScreen())).toMatchObject({ code: 'vault-locked' });
    await h.s.vault.unlock('correct horse battery');
    expect(h.s.imports.codes()).toEqual([]);
    expect(await ipcError(h.s.imports.commit(['c0'], 'merge'))).toMatchObject({ code: 'not-found' });
    expect(h.s.entries.list()).toEqual([]);
  });

  it('a scan still running when the user cancels (or the vault locks) drops what it found', async () => {
    const h = await openHarness();
    const png = await qrPng('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP', { scale: 4 });
    const screen = async (): Promise<CapturedScreen[]> => [
      { name: 'Screen 1', image: desktopImage(await decodeImage(png)) },
    ];
    let asked = 0;
    let deliver: (screens: CapturedScreen[]) => void = () => undefined;
    h.desktop.screens = () =>
      new Promise((resolve) => {
        asked++;
        deliver = resolve;
      });

    const scanning = h.s.imports.scanScreen();
    await vi.waitFor(() => expect(asked).toBe(1));
    h.s.imports.cancel();
    deliver(await screen());
    expect(h.seen(await scanning)).toEqual({ step: 'cancelled' });
    expect(h.s.imports.codes()).toEqual([]);

    const locked = h.s.imports.scanScreen();
    await vi.waitFor(() => expect(asked).toBe(2));
    await h.s.lock('idle');
    deliver(await screen());
    expect(await ipcError(locked)).toMatchObject({ code: 'vault-locked' });
  });

  it('cancel ends the review; a scan after it starts a new one with fresh keys', async () => {
    const h = await openHarness();
    const png = await qrPng('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP', { scale: 4 });
    // The service wipes what it is handed once read (a screenshot of a QR code shows its secret).
    reviewOf(h.seen(await h.s.imports.readFile('a.png', Uint8Array.from(png))));
    h.s.imports.cancel();
    expect(h.s.imports.codes()).toEqual([]);
    const again = reviewOf(h.seen(await h.s.imports.readFile('a.png', Uint8Array.from(png))));
    expect(again.candidates.map((c) => c.key)).toEqual(['c0']);
    expect(again.summary).toBe('Found 1 QR code in 1 image');
  });
});
