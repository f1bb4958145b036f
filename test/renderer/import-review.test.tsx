// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The import review: what was found, duplicates unticked with the reason, the count on the commit
 * button, the commit itself, further scans into the same review, what cannot be imported, and for a
 * file, the app and variant it was read as and the count of what will not be added.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportCandidate, ImportReview } from '../../electron/domain';
import { notAddedText, sourceText } from '../../renderer/import/import-text';
import { entry, fail, importCandidate, importReview, ok, reviewStep, type FakeApi } from './fake-api';
import { flush, renderUnlocked } from './helpers';

const importDialog = () => screen.getByRole('dialog', { name: 'Import accounts' });
const inDialog = () => within(importDialog());
const checkbox = (name: string, index = 0) => inDialog().getAllByRole('checkbox', { name })[index] as HTMLInputElement;

/** Renders an unlocked vault and scans the screen, which answers with this review. */
async function scanned(
  review: Partial<ImportReview>,
): Promise<{ fake: FakeApi; user: ReturnType<typeof userEvent.setup> }> {
  const fake = await renderUnlocked([entry()], [], { state: { importStep: reviewStep(review) } });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Import' }));
  await user.click(inDialog().getByRole('button', { name: 'Scan screen' }));
  await flush();
  return { fake, user };
}

function threeWithDuplicates(): ImportCandidate[] {
  const github = importCandidate({ key: 'c1', issuer: 'GitHub', account: 'alice@example.com' });
  return [
    github,
    importCandidate({
      key: 'c2',
      issuer: 'GitLab',
      account: 'alice',
      duplicate: { of: 'vault', id: '00000000-0000-4000-8000-000000000001', label: 'GitLab (alice)' },
    }),
    importCandidate({
      key: 'c3',
      issuer: 'GitHub',
      account: 'alice@example.com',
      duplicate: { of: 'import', key: 'c1' },
    }),
  ];
}

/** The text an element's aria-describedby points at. */
function description(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

describe('import review', () => {
  it('shows each candidate’s tags', async () => {
    await scanned({
      candidates: [
        importCandidate({ key: 't1', issuer: 'GitHub', account: 'alice', tags: ['Work', 'Open source'] }),
        importCandidate({ key: 't2', issuer: 'Bank', account: 'bob' }),
      ],
    });
    const rows = inDialog().getAllByRole('listitem');
    const tagsOf = (row: HTMLElement | undefined): string[] =>
      [...(row?.querySelectorAll('.row-tag') ?? [])].map((t) => t.textContent ?? '');
    expect(tagsOf(rows.find((r) => r.textContent?.includes('GitHub')))).toEqual(['Work', 'Open source']);
    expect(tagsOf(rows.find((r) => r.textContent?.includes('Bank')))).toEqual([]);
  });

  it('with nothing found shows main’s hint, the scan-again buttons and no add button', async () => {
    const hint = 'No QR code was found on the screen. Zoom in so the code is larger, then scan again.';
    await scanned({ summary: hint, candidates: [] });
    expect(inDialog().getByText(hint, { selector: 'p' })).toBeTruthy();
    expect(inDialog().queryByRole('button', { name: /^Add/ })).toBeNull();
    expect(inDialog().queryByRole('list', { name: 'Accounts found' })).toBeNull();
    for (const name of ['Scan screen', 'Paste screenshot', 'Open image or export file…', 'Cancel']) {
      expect(inDialog().getByRole('button', { name })).toBeTruthy();
    }
  });

  it('unticks duplicates and says why', async () => {
    await scanned({ candidates: threeWithDuplicates() });
    expect(checkbox('GitHub, alice@example.com').checked).toBe(true);
    expect(description(checkbox('GitHub, alice@example.com'))).toBe('');
    const gitlab = checkbox('GitLab, alice');
    expect(gitlab.checked).toBe(false);
    expect(description(gitlab)).toBe('Already in your vault as GitLab (alice)');
    const twice = checkbox('GitHub, alice@example.com', 1);
    expect(twice.checked).toBe(false);
    expect(description(twice)).toBe('Listed twice in this import');
    expect(inDialog().getByRole('button', { name: 'Add 1 account' })).toBeTruthy();
  });

  it('counts the ticked accounts on the add button, disabled at none', async () => {
    const { user } = await scanned({ candidates: threeWithDuplicates() });
    await user.click(checkbox('GitLab, alice'));
    expect(inDialog().getByRole('button', { name: 'Add 2 accounts' })).toBeTruthy();
    expect(inDialog().getByText('2 of 3 selected')).toBeTruthy();
    await user.click(inDialog().getByRole('button', { name: 'Select none' }));
    const none = inDialog().getByRole('button', { name: 'Add 0 accounts' }) as HTMLButtonElement;
    expect(none.disabled).toBe(true);
    await user.click(inDialog().getByRole('button', { name: 'Select all' }));
    expect(inDialog().getByRole('button', { name: 'Add 3 accounts' })).toBeTruthy();
    await user.click(checkbox('GitHub, alice@example.com'));
    expect(inDialog().getByRole('button', { name: 'Add 2 accounts' })).toBeTruthy();
  });

  it('commits exactly the ticked keys with merge, closes, and says how many were added', async () => {
    const { fake, user } = await scanned({ candidates: threeWithDuplicates() });
    await user.click(checkbox('GitLab, alice'));
    await user.click(inDialog().getByRole('button', { name: 'Add 2 accounts' }));
    await flush();
    expect(fake.api.imports.commit).toHaveBeenCalledExactlyOnceWith(['c1', 'c2'], 'merge');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Added 2 accounts')).toBeTruthy();
    // The unticked candidate's secret is still staged in main: it is wiped too.
    expect(fake.api.imports.cancel).toHaveBeenCalledTimes(1);
    expect(fake.api.entries.list).toHaveBeenCalledTimes(2);
  });

  it('never calls a commit that added nothing a success', async () => {
    const { fake, user } = await scanned({ candidates: [importCandidate()] });
    vi.mocked(fake.api.imports.commit).mockResolvedValueOnce(ok({ added: 0, removed: 0 }));
    await user.click(inDialog().getByRole('button', { name: 'Add 1 account' }));
    await flush();
    expect(screen.getByText('No accounts were added.')).toBeTruthy();
    expect(screen.queryByText(/^Added/)).toBeNull();
  });

  it('keeps the review and shows the error when the commit fails', async () => {
    const { fake, user } = await scanned({ candidates: threeWithDuplicates() });
    vi.mocked(fake.api.imports.commit).mockResolvedValueOnce(
      fail({ code: 'io', message: 'The vault could not be saved. Nothing was added.' }),
    );
    await user.click(inDialog().getByRole('button', { name: 'Add 1 account' }));
    await flush();
    expect(inDialog().getByRole('alert').textContent).toBe('The vault could not be saved. Nothing was added.');
    expect(checkbox('GitHub, alice@example.com').checked).toBe(true);
    expect(inDialog().getByRole('button', { name: 'Add 1 account' })).toBeTruthy();
    expect(fake.api.imports.cancel).not.toHaveBeenCalled();
    expect(screen.queryByText(/^Added/)).toBeNull();
  });

  it('names each list item with account, type and code, and shows unusual parameters', async () => {
    const candidate = importCandidate({
      key: 'c1',
      issuer: 'GitHub',
      account: 'alice@example.com',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
    });
    const steam = importCandidate({ key: 'c2', type: 'steam', issuer: 'Valve', account: 'gabe', digits: 5 });
    const fake = await renderUnlocked([entry()], [], {
      state: {
        importStep: reviewStep({ candidates: [candidate, steam] }),
        importCodes: [
          { key: 'c1', code: '12345678', validUntil: Date.now() + 60_000 },
          { key: 'c2', code: 'K7MX2', validUntil: Date.now() + 30_000 },
        ],
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(inDialog().getByRole('button', { name: 'Scan screen' }));
    await flush();
    const list = inDialog().getByRole('list', { name: 'Accounts found' });
    expect(
      within(list).getByRole('listitem', { name: 'GitHub, alice@example.com, TOTP, code 1234 5678' }),
    ).toBeTruthy();
    expect(within(list).getByRole('listitem', { name: 'Valve, gabe, Steam, code K7MX2' })).toBeTruthy();
    expect(within(list).getByText('TOTP · SHA256 · 8 digits · 60 s')).toBeTruthy();
    expect(within(list).getByText('Steam')).toBeTruthy();
    expect(fake.api.imports.codes).toHaveBeenCalledTimes(1);
  });

  it('shows the source of each account when there are several', async () => {
    await scanned({
      candidates: [
        importCandidate({ issuer: 'A', account: 'a', source: 'Screen 1' }),
        importCandidate({ issuer: 'B', account: 'b', source: 'Clipboard' }),
      ],
    });
    expect(inDialog().getByText('TOTP · from Screen 1')).toBeTruthy();
    expect(inDialog().getByText('TOTP · from Clipboard')).toBeTruthy();
  });

  it('lists what cannot be imported, invalid codes and QR codes that are not accounts', async () => {
    await scanned({
      candidates: [importCandidate()],
      skipped: [{ source: 'Screen 1', label: 'Bank (bob)', message: 'It uses an OTP type Tessera does not support.' }],
      invalid: [{ source: 'Screen 1', message: "Invalid 'secret' parameter: it is not base32." }],
      notAccounts: [{ source: 'Screen 1', message: 'This QR code holds a web link, not an authenticator account.' }],
    });
    const skipped = inDialog().getByRole('region', { name: 'Can’t be imported' });
    expect(skipped.textContent).toContain('Bank (bob): It uses an OTP type Tessera does not support.');
    const invalid = inDialog().getByRole('region', { name: 'Invalid account codes' });
    expect(invalid.textContent).toContain("Invalid 'secret' parameter: it is not base32.");
    const info = inDialog().getByRole('region', { name: 'Not accounts' });
    expect(info.textContent).toContain('This QR code holds a web link, not an authenticator account.');
  });

  it('lists accounts imported without a part (an icon Tessera refused), with the reason', async () => {
    await scanned({
      candidates: [importCandidate()],
      notices: [
        {
          source: 'aegis.json',
          label: 'GitHub (alice)',
          message: 'Its icon was left out: this SVG contains a script, which Tessera does not allow in icons.',
        },
      ],
    });
    const notices = inDialog().getByRole('region', { name: 'Imported without a part' });
    expect(notices.textContent).toContain('GitHub (alice): Its icon was left out');
  });

  it('announces the result once, politely', async () => {
    await scanned({ summary: 'Found 2 QR codes on 1 screen', candidates: threeWithDuplicates() });
    const announcer = screen.getByTestId('import-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    expect(announcer.textContent).toBe(
      'Found 2 QR codes on 1 screen. 3 accounts found, 2 already present or listed twice.',
    );
  });
});

/** Renders an unlocked vault and opens a file, which answers with this file review. */
async function opened(review: Partial<ImportReview>): Promise<void> {
  await renderUnlocked([entry()], [], { state: { importStep: reviewStep({ canScanMore: false, ...review }) } });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Import' }));
  await user.click(inDialog().getByRole('button', { name: 'Open image or export file…' }));
  await flush();
}

const AEGIS_SOURCE = {
  name: 'aegis.json',
  format: 'aegis',
  formatName: 'Aegis',
  variant: 'encrypted backup (scrypt)',
  found: 3,
  skipped: 1,
} as const;

describe('a file review says what was read and what is not added', () => {
  const reviewRegion = () => inDialog().getByRole('region', { name: 'Aegis' });

  it('names the app and the variant, counts the accounts, and sums up what will not be added', async () => {
    await opened({
      title: 'Aegis',
      summary: 'Found 3 accounts in aegis.json',
      sources: [AEGIS_SOURCE],
      candidates: [
        importCandidate({ key: 'c0', issuer: 'GitHub', account: 'alice', source: 'aegis.json' }),
        importCandidate({
          key: 'c1',
          issuer: 'GitLab',
          account: 'alice',
          source: 'aegis.json',
          duplicate: { of: 'vault', id: '00000000-0000-4000-8000-000000000001', label: 'GitLab (alice)' },
        }),
        importCandidate({
          key: 'c2',
          issuer: 'Dropbox',
          account: 'alice',
          source: 'aegis.json',
          duplicate: { of: 'vault', id: '00000000-0000-4000-8000-000000000002', label: 'Dropbox (me)' },
        }),
      ],
      skipped: [
        {
          source: 'aegis.json',
          label: 'Bank (bob)',
          message: '“motp” codes are not supported by Tessera (only TOTP, HOTP and Steam)',
          details: "Aegis type 'motp'",
          kind: 'unsupported',
        },
      ],
    });
    const region = within(reviewRegion());
    expect(region.getByText('Aegis — encrypted backup (scrypt)', { selector: 'p' })).toBeTruthy();
    expect(region.getByText('Found 3 accounts in aegis.json', { selector: 'p' })).toBeTruthy();
    expect(region.getByText('2 already in Tessera, 1 cannot be imported', { selector: 'p' })).toBeTruthy();
    // The duplicates are shown as always: unticked, with the note.
    expect(checkbox('GitLab, alice').checked).toBe(false);
    expect(description(checkbox('GitLab, alice'))).toBe('Already in your vault as GitLab (alice)');
    expect(checkbox('GitHub, alice').checked).toBe(true);
    // The account that cannot be imported, with its reason in words and its detail behind "Details".
    const skipped = inDialog().getByRole('region', { name: 'Can’t be imported' });
    expect(skipped.textContent).toContain('Bank (bob): “motp” codes are not supported by Tessera');
    expect(within(skipped).getByText('Details')).toBeTruthy();
    expect(inDialog().getByRole('button', { name: 'Add 1 account' })).toBeTruthy();
    expect(screen.getByTestId('import-announcer').textContent).toBe(
      'Aegis — encrypted backup (scrypt). Found 3 accounts in aegis.json. 3 accounts found, 2 already present or listed twice. 1 cannot be imported.',
    );
  });

  it('a reader that named no variant: the app alone; nothing held back: no count line', async () => {
    await opened({
      title: 'Aegis',
      summary: 'Found 1 account in aegis.json',
      sources: [{ ...AEGIS_SOURCE, variant: null, found: 1, skipped: 0 }],
      candidates: [importCandidate({ source: 'aegis.json' })],
    });
    const region = reviewRegion();
    expect(within(region).getByText('Aegis', { selector: 'p' })).toBeTruthy();
    expect(region.querySelector('.import-not-added')).toBeNull();
    expect(region.textContent).not.toContain('—');
  });

  it('counts accounts listed twice apart from those already in Tessera', async () => {
    await opened({
      title: 'Aegis',
      summary: 'Found 2 accounts in aegis.json',
      sources: [{ ...AEGIS_SOURCE, found: 2, skipped: 0 }],
      candidates: [
        importCandidate({ key: 'c0', issuer: 'A', account: 'a', source: 'aegis.json' }),
        importCandidate({
          key: 'c1',
          issuer: 'A',
          account: 'a',
          source: 'aegis.json',
          duplicate: { of: 'import', key: 'c0' },
        }),
      ],
    });
    expect(within(reviewRegion()).getByText('1 listed twice', { selector: 'p' })).toBeTruthy();
  });

  it('nothing that can be imported: the skipped accounts and the count say why', async () => {
    await opened({
      title: 'Aegis',
      summary: 'No account that Tessera can import was found in aegis.json',
      sources: [{ ...AEGIS_SOURCE, found: 0, skipped: 2 }],
      candidates: [],
      skipped: [
        { source: 'aegis.json', label: 'Bank (bob)', message: '“motp” codes are not supported', kind: 'unsupported' },
        {
          source: 'aegis.json',
          label: 'Odd (eve)',
          message: 'its secret key is damaged in the file',
          kind: 'malformed',
        },
      ],
    });
    const region = within(reviewRegion());
    expect(region.getByText('Aegis — encrypted backup (scrypt)', { selector: 'p' })).toBeTruthy();
    expect(region.getByText('2 cannot be imported', { selector: 'p' })).toBeTruthy();
    expect(inDialog().getByRole('region', { name: 'Can’t be imported' }).querySelectorAll('li')).toHaveLength(2);
    expect(inDialog().queryByRole('button', { name: /^Add/ })).toBeNull();
  });

  it('with several files, each line also names its file and counts its accounts', () => {
    const other = {
      ...AEGIS_SOURCE,
      name: 'links.txt',
      format: 'otpauth-uri-list',
      formatName: 'otpauth:// link list',
      variant: null,
      found: 1,
    } as const;
    expect(sourceText(AEGIS_SOURCE)).toBe('Aegis — encrypted backup (scrypt)');
    expect(sourceText(AEGIS_SOURCE, true)).toBe('aegis.json: Aegis — encrypted backup (scrypt), 3 accounts found');
    expect(sourceText(other, true)).toBe('links.txt: otpauth:// link list, 1 account found');
    expect(notAddedText(importReview({ invalid: [{ source: 'Screen 1', message: 'Invalid secret' }] }))).toBe(
      '1 cannot be imported',
    );
    expect(notAddedText(importReview())).toBe('');
  });

  it('QR reviews read no file: no app line', async () => {
    await scanned({ candidates: [importCandidate()] });
    expect(importDialog().querySelector('.import-source-format')).toBeNull();
  });
});

describe('Google Authenticator transfer batches', () => {
  it('shows what is missing, and scanning more adds to the same review keeping the ticks', async () => {
    const first = importCandidate({ key: 'c1', issuer: 'GitHub', account: 'alice' });
    const { fake, user } = await scanned({
      title: 'Google Authenticator',
      candidates: [first],
      batches: [{ summary: '1 of 2 QR codes scanned', missing: ['QR code 2 of 2 is missing'], complete: false }],
    });
    expect(inDialog().getByText('1 of 2 QR codes scanned')).toBeTruthy();
    expect(inDialog().getByText('QR code 2 of 2 is missing')).toBeTruthy();
    await user.click(checkbox('GitHub, alice'));
    expect(checkbox('GitHub, alice').checked).toBe(false);

    const second = importCandidate({ key: 'c2', issuer: 'GitLab', account: 'alice' });
    fake.state.importStep = reviewStep({
      title: 'Google Authenticator',
      candidates: [first, second],
      batches: [{ summary: '2 of 2 QR codes scanned', missing: [], complete: true }],
    });
    await user.click(inDialog().getByRole('button', { name: 'Paste screenshot' }));
    await flush();
    expect(fake.api.imports.paste).toHaveBeenCalledTimes(1);
    expect(inDialog().getByText('2 of 2 QR codes scanned')).toBeTruthy();
    expect(inDialog().queryByText('QR code 2 of 2 is missing')).toBeNull();
    expect(checkbox('GitHub, alice').checked).toBe(false);
    expect(checkbox('GitLab, alice').checked).toBe(true);
    expect(inDialog().getByRole('button', { name: 'Add 1 account' })).toBeTruthy();
    expect(screen.getByTestId('import-announcer').textContent).toContain('2 of 2 QR codes scanned');
  });

  it('says what main is doing while it scans, and ignores a second request meanwhile', async () => {
    const { fake, user } = await scanned({ candidates: [importCandidate()], canScanMore: true });
    let answer: (value: Awaited<ReturnType<FakeApi['api']['imports']['scanScreen']>>) => void = () => undefined;
    vi.mocked(fake.api.imports.scanScreen).mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    );
    await user.click(inDialog().getByRole('button', { name: 'Scan screen' }));
    expect(inDialog().getByRole('progressbar', { name: 'Scanning the screen…' })).toBeTruthy();
    await user.click(inDialog().getByRole('button', { name: 'Paste screenshot' }));
    expect(fake.api.imports.paste).not.toHaveBeenCalled();
    answer(reviewStep({ candidates: [importCandidate()] }));
    await flush();
    expect(inDialog().queryByRole('progressbar')).toBeNull();
  });
});
