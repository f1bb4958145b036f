// SPDX-License-Identifier: GPL-3.0-or-later
/** The export dialog's QR codes: one at a time, Previous / Next and arrow keys, warnings, expiry. */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ExportQrKind, ExportQrView } from '../../electron/domain';
import { ExportDialog, PASSWORD_AGAIN_NOTE } from '../../renderer/export/ExportDialog';
import { entry, fail, installFakeApi, ok, unlockedStatus } from './fake-api';
import { flush } from './helpers';

const WARNING = 'Steam (bob): a 60-second period cannot travel in a transfer code';

/** Three transfer codes, or one code per account for three accounts. */
function qrView(kind: ExportQrKind, index: number): ExportQrView {
  const names = ['GitHub (alice)', 'GitLab (alice)', 'Proton (alice)'];
  return {
    index,
    count: 3,
    title: kind === 'migration' ? `Transfer code ${index + 1} of 3` : (names[index] ?? ''),
    accounts: kind === 'migration' ? [`Account ${index * 10 + 1}`, `Account ${index * 10 + 2}`] : [names[index] ?? ''],
    image: `data:image/png;base64,code${index}`,
    warnings: kind === 'migration' ? [WARNING] : [],
  };
}

async function openViewer(label: string) {
  const fake = installFakeApi({ status: unlockedStatus(3), entries: [entry(), entry(), entry()] });
  vi.mocked(fake.api.exports.qr).mockImplementation(async (kind, index) => ok(qrView(kind, index)));
  const onClose = vi.fn();
  render(<ExportDialog onClose={onClose} />);
  const user = userEvent.setup();
  const dialog = screen.getByRole('dialog', { name: 'Export accounts' });
  await user.click(within(dialog).getByRole('radio', { name: label }));
  await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
  await user.type(within(dialog).getByLabelText('Master password'), 'correct horse battery');
  await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
  await flush();
  return { fake, user, dialog, onClose };
}

/** The one QR image on screen. */
function shownImage(dialog: HTMLElement): HTMLImageElement {
  const images = within(dialog).getAllByRole('img');
  expect(images).toHaveLength(1);
  return images[0] as HTMLImageElement;
}

describe('export QR viewer', () => {
  it('shows transfer code 1 of N with its accounts, the warnings and the caution', async () => {
    const { fake, dialog } = await openViewer('Transfer to Google Authenticator (QR codes)');
    expect(fake.api.exports.qr).toHaveBeenCalledExactlyOnceWith('migration', 0);
    const image = within(dialog).getByRole('img', { name: 'QR code: Transfer code 1 of 3' }) as HTMLImageElement;
    expect(image.src).toBe('data:image/png;base64,code0');
    expect(within(dialog).getByRole('heading', { name: 'Transfer code 1 of 3' })).toBeTruthy();
    expect(within(dialog).getByRole('status').textContent).toBe('1 of 3');
    const accounts = within(dialog).getByRole('list', { name: 'Accounts in this code' });
    expect(
      within(accounts)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Account 1', 'Account 2']);
    const note = within(dialog).getByRole('note');
    expect(note.textContent).toContain(WARNING);
    // The warnings come before the code in reading order.
    expect(note.compareDocumentPosition(image) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(
      within(dialog).getByText(
        'Anyone who sees this code can copy these accounts. Close it when your phone has scanned it.',
      ),
    ).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Next' }));
  });

  it('moves with Next and Previous, asking main for one code at a time', async () => {
    const { fake, user, dialog } = await openViewer('Transfer to Google Authenticator (QR codes)');
    const previous = within(dialog).getByRole('button', { name: 'Previous' });
    const next = within(dialog).getByRole('button', { name: 'Next' });
    expect(previous.getAttribute('aria-disabled')).toBe('true');
    await user.click(previous);
    expect(fake.api.exports.qr).toHaveBeenCalledTimes(1);

    await user.click(next);
    await flush();
    expect(fake.api.exports.qr).toHaveBeenLastCalledWith('migration', 1);
    expect(shownImage(dialog).alt).toBe('QR code: Transfer code 2 of 3');
    expect(shownImage(dialog).src).toBe('data:image/png;base64,code1');
    expect(previous.getAttribute('aria-disabled')).toBe('false');

    await user.click(next);
    await flush();
    expect(shownImage(dialog).alt).toBe('QR code: Transfer code 3 of 3');
    expect(within(dialog).getByRole('status').textContent).toBe('3 of 3');
    expect(next.getAttribute('aria-disabled')).toBe('true');
    // The focus stays on the button at the last code.
    expect(document.activeElement).toBe(next);
    await user.click(next);
    expect(fake.api.exports.qr).toHaveBeenCalledTimes(3);

    await user.click(previous);
    await flush();
    expect(fake.api.exports.qr).toHaveBeenLastCalledWith('migration', 1);
    expect(shownImage(dialog).alt).toBe('QR code: Transfer code 2 of 3');
  });

  it('moves with the arrow keys', async () => {
    const { fake, dialog } = await openViewer('Transfer to Google Authenticator (QR codes)');
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowRight' });
    await flush();
    expect(fake.api.exports.qr).toHaveBeenLastCalledWith('migration', 1);
    expect(shownImage(dialog).alt).toBe('QR code: Transfer code 2 of 3');
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    await flush();
    expect(fake.api.exports.qr).toHaveBeenLastCalledWith('migration', 0);
    expect(shownImage(dialog).alt).toBe('QR code: Transfer code 1 of 3');
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    await flush();
    expect(fake.api.exports.qr).toHaveBeenCalledTimes(3);
  });

  it('ignores a second move while a code is on its way', async () => {
    const { fake, user, dialog } = await openViewer('Transfer to Google Authenticator (QR codes)');
    let answer: (() => void) | null = null;
    vi.mocked(fake.api.exports.qr).mockImplementationOnce(
      (kind, index) => new Promise((resolve) => (answer = () => resolve(ok(qrView(kind, index))))),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    expect(fake.api.exports.qr).toHaveBeenCalledTimes(2);
    expect(dialog.querySelector('.export-qr')?.getAttribute('aria-busy')).toBe('true');
    (answer as (() => void) | null)?.();
    await flush();
    expect(shownImage(dialog).alt).toBe('QR code: Transfer code 2 of 3');
  });

  it('shows one code per account, titled with the account', async () => {
    const { fake, user, dialog } = await openViewer('QR code per account');
    expect(fake.api.exports.qr).toHaveBeenCalledExactlyOnceWith('entry', 0);
    expect(within(dialog).getByRole('img', { name: 'QR code: GitHub (alice)' })).toBeTruthy();
    expect(within(dialog).queryByRole('note')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await flush();
    expect(fake.api.exports.qr).toHaveBeenLastCalledWith('entry', 1);
    expect(shownImage(dialog).alt).toBe('QR code: GitLab (alice)');
  });

  it('asks for the master password again when main says it ran out', async () => {
    const { fake, user, dialog } = await openViewer('Transfer to Google Authenticator (QR codes)');
    vi.mocked(fake.api.exports.qr).mockResolvedValueOnce(
      fail({ code: 'password-required', message: 'Enter your master password again to export.' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await flush();
    expect(within(dialog).queryByRole('img')).toBeNull();
    expect(within(dialog).getByRole('note').textContent).toBe(PASSWORD_AGAIN_NOTE);
    expect(within(dialog).getByLabelText('Master password')).toBeTruthy();
  });

  it('shows main’s refusal when there is nothing to show', async () => {
    const fake = installFakeApi({ status: unlockedStatus(0) });
    vi.mocked(fake.api.exports.qr).mockResolvedValue(
      fail({ code: 'invalid-request', message: 'None of your accounts can travel in a transfer code.' }),
    );
    render(<ExportDialog onClose={() => undefined} />);
    const user = userEvent.setup();
    const dialog = screen.getByRole('dialog', { name: 'Export accounts' });
    await user.click(within(dialog).getByRole('radio', { name: 'Transfer to Google Authenticator (QR codes)' }));
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await user.type(within(dialog).getByLabelText('Master password'), 'correct horse battery');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await flush();
    expect(within(dialog).getByRole('alert').textContent).toBe('None of your accounts can travel in a transfer code.');
    expect(within(dialog).queryByRole('img')).toBeNull();
  });

  it('closes from Done', async () => {
    const { user, dialog, onClose } = await openViewer('QR code per account');
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
