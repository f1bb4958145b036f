// SPDX-License-Identifier: GPL-3.0-or-later
/** The review view built from staged accounts: duplicate flags, batch parts, and the summary lines. */
import { describe, expect, it } from 'vitest';
import type { ImportedEntry } from '../../../electron/import';
import { addBatchParts, EMPTY_BATCH_STATE } from '../../../electron/import/qr';
import {
  accountLabel,
  fileReview,
  fileSummary,
  qrSummary,
  toImportReview,
  type StagedReview,
} from '../../../electron/services/import-review';
import type { VaultEntry } from '../../../electron/vault';

const SECRET_A = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
const SECRET_B = Uint8Array.from([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);

function imported(issuer: string, secret: Uint8Array, extra: Partial<ImportedEntry> = {}): ImportedEntry {
  return {
    type: 'totp',
    issuer,
    account: 'me@example.com',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: Uint8Array.from(secret),
    ...extra,
  };
}

function vaultEntry(id: string, issuer: string, secret: Uint8Array): VaultEntry {
  return {
    ...imported(issuer, secret),
    id,
    account: 'renamed',
    tags: [],
    icon: null,
    favourite: false,
    notes: '',
    sortOrder: 0,
    createdAt: 0,
    updatedAt: 0,
    changed: { names: 0, tags: 0, icon: 0, favourite: 0, notes: 0, sortOrder: 0 },
    conflictNotes: [],
    notesSuperseded: [],
  };
}

function staged(entries: ImportedEntry[], extra: Partial<StagedReview> = {}): StagedReview {
  return {
    kind: 'accounts',
    qr: true,
    title: 'QR codes',
    summary: 'Found 3 QR codes on 1 screen',
    sources: [],
    candidates: entries.map((entry, i) => ({ key: `c${i}`, source: 'Screen 1', entry })),
    skipped: [],
    invalid: [],
    notAccounts: [],
    notices: [],
    batches: EMPTY_BATCH_STATE,
    ...extra,
  };
}

describe('toImportReview', () => {
  it('flags a duplicate of a vault account (with its label) and of an earlier candidate (with its key)', () => {
    const review = toImportReview(
      staged([imported('GitHub', SECRET_A), imported('Other', SECRET_B), imported('Again', SECRET_B)]),
      [vaultEntry('id-1', 'GitHub', SECRET_A)],
    );
    expect(review.candidates.map((c) => c.duplicate)).toEqual([
      { of: 'vault', id: 'id-1', label: 'GitHub (renamed)' },
      null,
      { of: 'import', key: 'c1' },
    ]);
    expect(review).toMatchObject({ kind: 'accounts', canScanMore: true, vaultEntryCount: 1, title: 'QR codes' });
  });

  it('lists the parameters and source of each candidate, never its secret', () => {
    const review = toImportReview(
      staged([imported('Bank', SECRET_A, { type: 'hotp', period: null, counter: 5, tags: ['Money', 'Home'] })]),
      [],
    );
    expect(review.candidates[0]).toEqual({
      key: 'c0',
      type: 'hotp',
      issuer: 'Bank',
      account: 'me@example.com',
      algorithm: 'SHA1',
      digits: 6,
      period: null,
      counter: 5,
      tags: ['Money', 'Home'],
      source: 'Screen 1',
      duplicate: null,
    });
    expect(JSON.stringify(review)).not.toMatch(/secret/i);
  });

  it('gives the part of a multi-code export, and lists the progress of such batches only', () => {
    const part = { id: 77, index: 1, size: 3 };
    const single = { id: 5, index: 0, size: 1 };
    const batches = addBatchParts(EMPTY_BATCH_STATE, [{ batch: part }, { batch: single }]).state;
    const review = toImportReview(
      staged([imported('A', SECRET_A, { batch: part }), imported('B', SECRET_B, { batch: single })], { batches }),
      [],
    );
    expect(review.candidates[0]?.batch).toEqual({ part: 2, parts: 3 });
    expect(review.candidates[1]).not.toHaveProperty('batch');
    expect(review.batches).toEqual([
      {
        summary: '1 of 3 QR codes scanned',
        missing: ['QR code 1 of 3 is missing', 'QR code 3 of 3 is missing'],
        complete: false,
      },
    ]);
  });

  it('a file review takes no more scans', () => {
    expect(toImportReview(staged([], { qr: false, kind: 'backup' }), []).canScanMore).toBe(false);
  });
});

describe('fileReview', () => {
  const skipped = [
    {
      index: 2,
      label: 'Bank (bob)',
      reason: '“motp” codes are not supported by Tessera',
      kind: 'unsupported' as const,
    },
    { index: 3, label: 'Odd (eve)', reason: 'its secret key is damaged in the file', details: 'not base32' },
  ];

  it('names the file, the app and the variant read, and counts what was found and skipped', () => {
    const r = fileReview('accounts', {
      name: 'aegis.json',
      title: 'Aegis',
      format: 'aegis',
      variant: 'encrypted backup (scrypt)',
      entries: [imported('GitHub', SECRET_A), imported('Other', SECRET_B)],
      skipped,
    });
    const review = toImportReview(r, [vaultEntry('id-1', 'GitHub', SECRET_A)]);
    expect(review.title).toBe('Aegis');
    expect(review.summary).toBe('Found 2 accounts in aegis.json');
    expect(review.sources).toEqual([
      {
        name: 'aegis.json',
        format: 'aegis',
        formatName: 'Aegis',
        variant: 'encrypted backup (scrypt)',
        found: 2,
        skipped: 2,
      },
    ]);
    // Skipped accounts keep their reason, detail and kind; the kind is left out when the reader gave none.
    expect(review.skipped).toEqual([
      {
        source: 'aegis.json',
        label: 'Bank (bob)',
        message: '“motp” codes are not supported by Tessera',
        kind: 'unsupported',
      },
      {
        source: 'aegis.json',
        label: 'Odd (eve)',
        message: 'its secret key is damaged in the file',
        details: 'not base32',
      },
    ]);
    expect(review.candidates.map((c) => c.duplicate?.of ?? null)).toEqual(['vault', null]);
  });

  it('keeps the notices of accounts imported without a part (an icon left out), apart from the skipped', () => {
    const r = fileReview('accounts', {
      name: 'aegis.json',
      title: 'Aegis',
      format: 'aegis',
      entries: [imported('GitHub', SECRET_A)],
      skipped: [],
      notices: [
        { index: 0, label: 'GitHub (me@example.com)', reason: 'its icon was left out', details: 'not an image' },
      ],
    });
    expect(r.notices).toEqual([
      {
        source: 'aegis.json',
        label: 'GitHub (me@example.com)',
        message: 'its icon was left out',
        details: 'not an image',
      },
    ]);
    expect(r.skipped).toEqual([]);
    expect(toImportReview(r, []).sources[0]?.skipped).toBe(0);
    // The window's review shows them too.
    expect(toImportReview(r, []).notices).toEqual(r.notices);
  });

  it('a reader that named no variant, and a backup: the variant is null', () => {
    const plain = fileReview('accounts', {
      name: 'x.txt',
      title: 'otpauth:// link list',
      format: 'otpauth-uri-list',
      entries: [],
      skipped: [],
    });
    expect(toImportReview(plain, []).sources).toEqual([
      {
        name: 'x.txt',
        format: 'otpauth-uri-list',
        formatName: 'otpauth:// link list',
        variant: null,
        found: 0,
        skipped: 0,
      },
    ]);
    const blank = fileReview('accounts', {
      name: 'y.json',
      title: 'Aegis',
      format: 'aegis',
      variant: '  ',
      entries: [],
      skipped: [],
    });
    expect(toImportReview(blank, []).sources[0]?.variant).toBeNull();
    const backup = fileReview('backup', {
      name: 'b.tessera',
      title: 'Tessera backup',
      format: null,
      variant: null,
      entries: [imported('A', SECRET_A)],
      skipped: [],
    });
    expect(toImportReview(backup, []).sources).toEqual([
      { name: 'b.tessera', format: null, formatName: 'Tessera backup', variant: null, found: 1, skipped: 0 },
    ]);
  });

  it('QR reviews read no file', () => {
    expect(toImportReview(staged([imported('A', SECRET_A)]), []).sources).toEqual([]);
  });
});

describe('summary lines', () => {
  it('count QR codes per kind of source', () => {
    expect(qrSummary([{ kind: 'screen', sources: 1, codes: 2 }])).toBe('Found 2 QR codes on 1 screen');
    expect(qrSummary([{ kind: 'image', sources: 2, codes: 1 }])).toBe('Found 1 QR code in 2 images');
    expect(
      qrSummary([
        { kind: 'screen', sources: 2, codes: 1 },
        { kind: 'image', sources: 1, codes: 1 },
        { kind: 'link', sources: 2, codes: 2 },
      ]),
    ).toBe('Found 1 QR code on 2 screens, 1 QR code in 1 image and 2 pasted links');
  });

  it('say when nothing was found and suggest zooming in', () => {
    expect(qrSummary([{ kind: 'screen', sources: 2, codes: 0 }])).toBe(
      'No QR code was found on 2 screens. Make the QR code larger (zoom in) and scan again.',
    );
    expect(qrSummary([{ kind: 'image', sources: 1, codes: 0 }])).toMatch(
      /^No QR code was found in 1 image\. .*zoom in/,
    );
    expect(
      qrSummary([
        { kind: 'screen', sources: 1, codes: 1 },
        { kind: 'screen', sources: 1, codes: 0 },
      ]),
    ).toBe(
      'Found 1 QR code on 2 screens. The last scan found no QR code: make the QR code larger (zoom in) and scan again.',
    );
  });

  it('for files, count the accounts', () => {
    expect(fileSummary('aegis.json', 7)).toBe('Found 7 accounts in aegis.json');
    expect(fileSummary('one.txt', 1)).toBe('Found 1 account in one.txt');
    expect(fileSummary('empty.json', 0)).toMatch(/^No account .* in empty\.json$/);
  });

  it('label accounts as "Issuer (account)"', () => {
    expect(accountLabel({ issuer: 'A', account: 'b' })).toBe('A (b)');
    expect(accountLabel({ issuer: '', account: 'b' })).toBe('b');
    expect(accountLabel({ issuer: 'A', account: '' })).toBe('A');
  });
});
