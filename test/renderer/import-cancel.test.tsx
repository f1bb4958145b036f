// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Cancel while main reads: the import dialog says what main is doing ("Reading “mystery.bin”…")
 * with a Cancel that stops it (main ends its worker), then "Stopped. Nothing was imported." on the
 * source choice. Answers that arrive after Cancel are dropped (and main told to wipe them), later
 * dropped files are not read, adding the accounts has no Cancel, and the keyboard stays inside the
 * dialog throughout.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportOutcome, ImportStep } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { cancelName } from '../../renderer/import/ImportBusy';
import { entry, importCandidate, ok, reviewStep } from './fake-api';
import { deferred, flush, renderUnlocked } from './helpers';

const dialog = () => screen.getByRole('dialog', { name: 'Import accounts' });
const inDialog = () => within(dialog());
const STOPPED = 'Stopped. Nothing was imported.';
/** The dialog's note (the announcer, also inside the dialog, speaks it too). */
const notice = (): string | null => dialog().querySelector('.import-notice')?.textContent ?? null;
const busyState = (): string | null => dialog().querySelector('.import-dialog')?.getAttribute('aria-busy') ?? null;

function filesTransfer(files: File[]) {
  return { dataTransfer: { types: ['Files'], files, dropEffect: 'none' } };
}

/** Drops files on the window with main's first answer held by the test. */
async function dropHeld(files: File[]) {
  const fake = await renderUnlocked([entry()], []);
  const answer = deferred<Result<ImportStep>>();
  vi.mocked(fake.api.imports.readFile).mockReturnValueOnce(answer.promise);
  fireEvent.dragEnter(document.body, filesTransfer(files));
  fireEvent.drop(document.body, filesTransfer(files));
  await flush();
  return { fake, answer };
}

describe('Cancel while main reads', () => {
  it('names the file being read, with a Cancel that says what it stops', async () => {
    await dropHeld([new File(['x'], 'mystery.bin')]);
    expect(inDialog().getByRole('progressbar', { name: 'Reading “mystery.bin”…' })).toBeTruthy();
    expect(inDialog().getByText('Reading “mystery.bin”…')).toBeTruthy();
    const cancel = inDialog().getByRole('button', { name: 'Cancel reading “mystery.bin”' });
    expect(cancel.textContent).toBe('Cancel');
    expect(busyState()).toBe('true');
  });

  it('stops the read: main is told at once, the dialog says nothing was imported, the late answer is dropped', async () => {
    const { fake, answer } = await dropHeld([new File(['x'], 'mystery.bin')]);
    const user = userEvent.setup();
    await user.click(inDialog().getByRole('button', { name: 'Cancel reading “mystery.bin”' }));
    expect(fake.api.imports.cancel).toHaveBeenCalledTimes(1);
    expect(notice()).toBe(STOPPED);
    expect(screen.getByTestId('import-announcer').textContent).toBe(STOPPED);
    expect(inDialog().queryByRole('progressbar')).toBeNull();
    expect(busyState()).toBe('false');
    const open = inDialog().getByRole('button', { name: 'Open image or export file…' });
    expect(open.getAttribute('aria-disabled')).toBe('false');

    // The read had already finished in main: its review is not shown, and main wipes it.
    answer.resolve(reviewStep({ candidates: [importCandidate({ issuer: 'GitHub', account: 'alice' })] }));
    await flush();
    expect(inDialog().queryByRole('checkbox', { name: 'GitHub, alice' })).toBeNull();
    expect(notice()).toBe(STOPPED);
    expect(fake.api.imports.cancel).toHaveBeenCalledTimes(2);
  });

  it('ignores main’s own “cancelled” answer to the stopped read', async () => {
    const { fake, answer } = await dropHeld([new File(['x'], 'mystery.bin')]);
    const user = userEvent.setup();
    await user.click(inDialog().getByRole('button', { name: 'Cancel reading “mystery.bin”' }));
    answer.resolve(ok({ step: 'cancelled' }));
    await flush();
    expect(notice()).toBe(STOPPED);
    expect(fake.api.imports.cancel).toHaveBeenCalledTimes(1);
  });

  it('does not read the other dropped files once stopped', async () => {
    const { fake, answer } = await dropHeld([new File(['x'], 'one.bin'), new File(['y'], 'two.bin')]);
    const user = userEvent.setup();
    await user.click(inDialog().getByRole('button', { name: 'Cancel reading “one.bin”' }));
    answer.resolve(ok({ step: 'cancelled' }));
    await flush();
    expect(fake.api.imports.readFile).toHaveBeenCalledTimes(1);
    expect(notice()).toBe(STOPPED);
  });

  it('clears the note when the next source is read', async () => {
    const { fake } = await dropHeld([new File(['x'], 'mystery.bin')]);
    const user = userEvent.setup();
    await user.click(inDialog().getByRole('button', { name: 'Cancel reading “mystery.bin”' }));
    fake.state.importStep = reviewStep({ candidates: [importCandidate({ issuer: 'GitHub', account: 'alice' })] });
    await user.click(inDialog().getByRole('button', { name: 'Open image or export file…' }));
    await flush();
    expect(notice()).toBeNull();
    expect(inDialog().getByRole('checkbox', { name: 'GitHub, alice' })).toBeTruthy();
  });

  it('keeps the keyboard inside the dialog while reading, Tab reaches Cancel, and Enter on it stops', async () => {
    const { fake } = await dropHeld([new File(['x'], 'mystery.bin')]);
    const user = userEvent.setup();
    expect(dialog().contains(document.activeElement)).toBe(true);
    const cancel = inDialog().getByRole('button', { name: 'Cancel reading “mystery.bin”' });
    for (let i = 0; i < 30 && document.activeElement !== cancel; i++) {
      await user.tab();
      expect(dialog().contains(document.activeElement)).toBe(true);
    }
    expect(document.activeElement).toBe(cancel);
    await user.keyboard('{Enter}');
    expect(fake.api.imports.cancel).toHaveBeenCalledTimes(1);
    expect(notice()).toBe(STOPPED);
    await flush();
    expect(dialog().contains(document.activeElement)).toBe(true);
  });

  it('stops a password being checked, back on the source choice', async () => {
    const fake = await renderUnlocked([entry()], [], {
      state: {
        importStep: ok({ step: 'password', fileName: 'ente.txt', formatName: 'Ente Auth', wrongPassword: false }),
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(inDialog().getByRole('button', { name: 'Open image or export file…' }));
    await flush();
    const answer = deferred<Result<ImportStep>>();
    vi.mocked(fake.api.imports.filePassword).mockReturnValueOnce(answer.promise);
    await user.type(inDialog().getByLabelText('Export password'), 'slow one{Enter}');
    expect(inDialog().getByRole('progressbar', { name: 'Checking the password…' })).toBeTruthy();

    await user.click(inDialog().getByRole('button', { name: 'Cancel checking the password' }));
    expect(fake.api.imports.cancel).toHaveBeenCalledTimes(1);
    expect(inDialog().queryByLabelText('Export password')).toBeNull();
    expect(notice()).toBe(STOPPED);
    await act(async () => answer.resolve(ok({ step: 'cancelled' })));
    expect(inDialog().getByRole('button', { name: 'Scan screen' })).toBeTruthy();
  });

  it('offers no Cancel while the accounts are being added', async () => {
    const fake = await renderUnlocked([entry()], [], {
      state: { importStep: reviewStep({ candidates: [importCandidate({ issuer: 'GitHub', account: 'alice' })] }) },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(inDialog().getByRole('button', { name: 'Open image or export file…' }));
    await flush();
    const added = deferred<Result<ImportOutcome>>();
    vi.mocked(fake.api.imports.commit).mockReturnValueOnce(added.promise);
    await user.click(inDialog().getByRole('button', { name: 'Add 1 account' }));
    expect(inDialog().getByRole('progressbar', { name: 'Adding the accounts…' })).toBeTruthy();
    expect(inDialog().queryByRole('button', { name: /^Cancel adding/ })).toBeNull();
    await act(async () => added.resolve(ok({ added: 1, removed: 0 })));
  });
});

describe('the Cancel button’s name', () => {
  it('says what it stops', () => {
    expect(cancelName('Reading “a.png”…')).toBe('Cancel reading “a.png”');
    expect(cancelName('Scanning the screen…')).toBe('Cancel scanning the screen');
    expect(cancelName('Checking the password…')).toBe('Cancel checking the password');
  });
});
