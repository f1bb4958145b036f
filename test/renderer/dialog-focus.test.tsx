// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Focus never falls out of an open dialog (issue 13, item 6): a focused control that disables
 * itself or goes away hands the focus to a sensible place inside the dialog, and Escape closes the
 * dialog wherever the focus is. "Back up now" keeps its focus while it works.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { BackupStatus } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { Modal } from '../../renderer/shared/Modal';
import { DEFAULT_BACKUP_STATUS, entry } from './fake-api';
import { deferred, flush, renderUnlocked } from './helpers';

function Harness({ onClose }: { onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [gone, setGone] = useState(false);
  return (
    <Modal title="Harness" onClose={onClose}>
      <button type="button" disabled={busy} onClick={() => setBusy(true)}>
        Work
      </button>
      {gone ? null : (
        <button type="button" onClick={() => setGone(true)}>
          Remove me
        </button>
      )}
      <button type="button">Last</button>
    </Modal>
  );
}

describe('Modal keeps the focus inside', () => {
  it('moves the focus to the next control when the focused one disables itself', async () => {
    render(<Harness onClose={() => undefined} />);
    const user = userEvent.setup();
    const dialog = screen.getByRole('dialog', { name: 'Harness' });
    await user.click(screen.getByRole('button', { name: 'Work' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove me' })));
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('moves the focus to the dialog when the focused control is removed', async () => {
    render(<Harness onClose={() => undefined} />);
    const user = userEvent.setup();
    const dialog = screen.getByRole('dialog', { name: 'Harness' });
    await user.click(screen.getByRole('button', { name: 'Remove me' }));
    expect(screen.queryByRole('button', { name: 'Remove me' })).toBeNull();
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    expect(document.activeElement).not.toBe(document.body);
  });

  it('closes with Escape even when the focus is on the page body', async () => {
    const onClose = vi.fn();
    render(<Harness onClose={onClose} />);
    (document.activeElement as HTMLElement | null)?.blur();
    expect(document.activeElement).toBe(document.body);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('leaves Escape to the topmost dialog only, and stops listening once closed', () => {
    const outer = vi.fn();
    const inner = vi.fn();
    const { rerender } = render(
      <>
        <Modal title="Outer" onClose={outer}>
          <p>outer</p>
        </Modal>
        <Modal title="Inner" onClose={inner}>
          <p>inner</p>
        </Modal>
      </>,
    );
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(inner).toHaveBeenCalledTimes(1);
    expect(outer).not.toHaveBeenCalled();
    rerender(
      <Modal title="Outer" onClose={outer}>
        <p>outer</p>
      </Modal>,
    );
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(outer).toHaveBeenCalledTimes(1);
    expect(inner).toHaveBeenCalledTimes(1);
  });
});

describe('Settings: “Back up now”', () => {
  it('keeps the focus while it works, refuses a second click, and Escape still closes Settings', async () => {
    const fake = await renderUnlocked([entry()], []);
    const answer = deferred<Result<BackupStatus>>();
    vi.mocked(fake.api.backups.runNow).mockReturnValueOnce(answer.promise);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await flush();
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    const button = within(dialog).getByRole('button', { name: 'Back up now' });

    await user.click(button);
    expect(within(dialog).getByText('Backing up…')).toBeTruthy();
    expect(button.hasAttribute('disabled')).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(button);
    await user.click(button);
    expect(fake.api.backups.runNow).toHaveBeenCalledTimes(1);

    answer.resolve({ ok: true, value: { ...DEFAULT_BACKUP_STATUS } });
    await flush();
    expect(button.getAttribute('aria-disabled')).toBe('false');
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
