// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Ways into the import dialog: the top bar, the empty state, the Add account dialog, a file dropped
 * on the window, Ctrl/Cmd+V outside text fields, and a pasted transfer link. Closing wipes in main.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { entry, fail, importCandidate, lockedStatus, ok, reviewStep } from './fake-api';
import { flush, renderUnlocked } from './helpers';
import { useImportStore } from '../../renderer/import/import-store';

const importDialog = () => screen.getByRole('dialog', { name: 'Import accounts' });

function filesTransfer(files: File[]) {
  return { dataTransfer: { types: ['Files'], files, dropEffect: 'none' } };
}

describe('opening the import dialog', () => {
  it('opens from the top bar on the source choice, every control labelled', async () => {
    const fake = await renderUnlocked([entry()], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const dialog = importDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    for (const name of ['Open image or export file…', 'Scan screen', 'Paste screenshot', 'Read link']) {
      expect(within(dialog).getByRole('button', { name })).toBeTruthy();
    }
    expect(within(dialog).getByLabelText('Paste a link')).toBeTruthy();
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(fake.api.imports.scanScreen).not.toHaveBeenCalled();
  });

  it('opens from the empty state', async () => {
    await renderUnlocked([], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import from QR code or another app' }));
    expect(importDialog()).toBeTruthy();
  });

  it('opens from the Add account dialog’s “Scan a QR code…”', async () => {
    await renderUnlocked([], []);
    const user = userEvent.setup();
    await user.click(screen.getAllByRole('button', { name: 'Add account' })[0] as HTMLElement);
    await user.click(screen.getByRole('button', { name: 'Scan a QR code…' }));
    expect(screen.queryByRole('dialog', { name: 'Add account' })).toBeNull();
    expect(within(importDialog()).getByRole('button', { name: 'Scan screen' })).toBeTruthy();
  });

  it('calls cancel when closed with Esc, so main wipes what it staged', async () => {
    const fake = await renderUnlocked([entry()], [], {
      state: { importStep: reviewStep({ candidates: [importCandidate()] }) },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(within(importDialog()).getByRole('button', { name: 'Scan screen' }));
    expect(within(importDialog()).getByRole('list', { name: 'Accounts found' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.api.imports.cancel).toHaveBeenCalledTimes(1);
  });

  it('still tells main to wipe when the dialog goes another way (the global shortcut)', async () => {
    vi.useFakeTimers();
    const fake = await renderUnlocked([entry()], [], {
      fakeTimers: true,
      state: { importStep: reviewStep({ candidates: [importCandidate()] }) },
    });
    act(() => screen.getByRole('button', { name: 'Import' }).click());
    act(() => within(importDialog()).getByRole('button', { name: 'Scan screen' }).click());
    await flush();
    fake.emitFocusSearch();
    expect(screen.queryByRole('dialog')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(fake.api.imports.cancel).toHaveBeenCalledTimes(1);
  });

  it('drops the review from the renderer when the vault locks', async () => {
    const fake = await renderUnlocked([entry()], [], {
      state: { importStep: reviewStep({ candidates: [importCandidate({ issuer: 'GitHub' })] }) },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(within(importDialog()).getByRole('button', { name: 'Scan screen' }));
    expect(useImportStore.getState().phase.kind).toBe('review');
    fake.emitStatus(lockedStatus('idle'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useImportStore.getState().phase.kind).toBe('sources');
    expect(useImportStore.getState().ticked.size).toBe(0);
  });

  it('stays silently on the source choice when the file picker is closed', async () => {
    const fake = await renderUnlocked([entry()], [], { state: { importStep: ok({ step: 'cancelled' }) } });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(within(importDialog()).getByRole('button', { name: 'Open image or export file…' }));
    expect(fake.api.imports.openFiles).toHaveBeenCalledTimes(1);
    expect(within(importDialog()).queryByRole('alert')).toBeNull();
    expect(within(importDialog()).getByRole('button', { name: 'Scan screen' })).toBeTruthy();
    expect(within(importDialog()).queryByRole('list', { name: 'Accounts found' })).toBeNull();
  });
});

describe('dropping files on the window', () => {
  it('shows an overlay while a file is dragged, then reads the dropped file and wipes its bytes', async () => {
    const fake = await renderUnlocked([entry()], [], {
      state: { importStep: reviewStep({ candidates: [importCandidate({ issuer: 'GitHub', account: 'alice' })] }) },
    });
    const seen: Array<[string, number[]]> = [];
    let sent: Uint8Array | null = null;
    vi.mocked(fake.api.imports.readFile).mockImplementation(async (name, bytes) => {
      seen.push([name, [...bytes]]);
      sent = bytes;
      return fake.state.importStep;
    });
    const file = new File([new Uint8Array([137, 80, 78, 71])], 'qr.png', { type: 'image/png' });

    fireEvent.dragEnter(document.body, filesTransfer([file]));
    expect(screen.getByTestId('import-drop-overlay').textContent).toContain('Drop to import');
    fireEvent.dragOver(document.body, filesTransfer([file]));
    fireEvent.drop(document.body, filesTransfer([file]));
    await flush();

    expect(screen.queryByTestId('import-drop-overlay')).toBeNull();
    expect(seen).toEqual([['qr.png', [137, 80, 78, 71]]]);
    expect([...(sent ?? new Uint8Array(1))]).toEqual([0, 0, 0, 0]);
    expect(within(importDialog()).getByRole('checkbox', { name: 'GitHub, alice' })).toBeTruthy();
  });

  it('hides the overlay when the drag leaves, and ignores drags that carry no file', async () => {
    const fake = await renderUnlocked([entry()], []);
    fireEvent.dragEnter(document.body, { dataTransfer: { types: ['text/plain'], files: [] } });
    expect(screen.queryByTestId('import-drop-overlay')).toBeNull();
    fireEvent.dragEnter(document.body, filesTransfer([]));
    fireEvent.dragEnter(document.querySelector('main') as HTMLElement, filesTransfer([]));
    fireEvent.dragLeave(document.body, filesTransfer([]));
    expect(screen.getByTestId('import-drop-overlay')).toBeTruthy();
    fireEvent.dragLeave(document.querySelector('main') as HTMLElement, filesTransfer([]));
    expect(screen.queryByTestId('import-drop-overlay')).toBeNull();
    expect(fake.api.imports.readFile).not.toHaveBeenCalled();
  });

  it('refuses a file over 50 MB without reading it', async () => {
    const fake = await renderUnlocked([entry()], []);
    const big = new File(['x'], 'huge.png');
    Object.defineProperty(big, 'size', { value: 60 * 1024 * 1024 });
    fireEvent.drop(document.body, filesTransfer([big]));
    await flush();
    expect(fake.api.imports.readFile).not.toHaveBeenCalled();
    expect(within(importDialog()).getByRole('alert').textContent).toContain('“huge.png” is larger than 50 MB');
  });

  it('does nothing while another dialog is open', async () => {
    const fake = await renderUnlocked([entry()], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.dragEnter(document.body, filesTransfer([new File(['x'], 'qr.png')]));
    expect(screen.queryByTestId('import-drop-overlay')).toBeNull();
    fireEvent.drop(document.body, filesTransfer([new File(['x'], 'qr.png')]));
    await flush();
    expect(fake.api.imports.readFile).not.toHaveBeenCalled();
  });
});

describe('Ctrl/Cmd+V', () => {
  it('outside a text field reads the clipboard in main and opens the review', async () => {
    const fake = await renderUnlocked([entry()], [], {
      state: { importStep: reviewStep({ candidates: [importCandidate({ issuer: 'GitLab', account: 'bob' })] }) },
    });
    const user = userEvent.setup();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('{Control>}v{/Control}');
    await flush();
    expect(fake.api.imports.paste).toHaveBeenCalledTimes(1);
    expect(within(importDialog()).getByRole('checkbox', { name: 'GitLab, bob' })).toBeTruthy();
  });

  it('works with Cmd on macOS, and a second paste in the open dialog adds to it', async () => {
    const fake = await renderUnlocked([entry()], [], {
      state: { importStep: reviewStep({ candidates: [importCandidate()] }) },
    });
    const user = userEvent.setup();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('{Meta>}v{/Meta}');
    await flush();
    await user.click(within(importDialog()).getByRole('button', { name: 'Select all' }));
    await user.keyboard('{Control>}v{/Control}');
    await flush();
    expect(fake.api.imports.paste).toHaveBeenCalledTimes(2);
    expect(fake.api.imports.cancel).not.toHaveBeenCalled();
  });

  it('inside the search field pastes text as usual and does not import', async () => {
    const fake = await renderUnlocked([entry()], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole('searchbox'));
    await user.keyboard('{Control>}v{/Control}');
    await flush();
    expect(fake.api.imports.paste).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('inside the dialog’s link field pastes text as usual', async () => {
    const fake = await renderUnlocked([entry()], []);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(within(importDialog()).getByLabelText('Paste a link'));
    await user.keyboard('{Control>}v{/Control}');
    await flush();
    expect(fake.api.imports.paste).not.toHaveBeenCalled();
  });
});

describe('links', () => {
  it('sends a migration link pasted in Add account’s link tab to the import review, not addUri', async () => {
    const fake = await renderUnlocked([], [], {
      state: { importStep: reviewStep({ title: 'Google Authenticator', candidates: [importCandidate()] }) },
    });
    const user = userEvent.setup();
    await user.click(screen.getAllByRole('button', { name: 'Add account' })[0] as HTMLElement);
    const add = screen.getByRole('dialog', { name: 'Add account' });
    await user.click(within(add).getByRole('tab', { name: 'Paste link' }));
    const link = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SBGFsaWNlGgdFeGFtcGxlIAEoATACEAEYASAA';
    const input = within(add).getByLabelText('otpauth:// link') as HTMLTextAreaElement;
    await user.click(input);
    await user.paste(link);
    await user.click(within(add).getByRole('button', { name: 'Add account' }));
    await flush();
    expect(fake.api.imports.readText).toHaveBeenCalledExactlyOnceWith(link);
    expect(fake.api.entries.addUri).not.toHaveBeenCalled();
    expect(within(importDialog()).getByRole('heading', { name: 'Google Authenticator' })).toBeTruthy();
  });

  it('reads a link pasted in the import dialog, clears the field, and refuses other text locally', async () => {
    const fake = await renderUnlocked([entry()], [], { state: { importStep: ok({ step: 'cancelled' }) } });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const field = within(importDialog()).getByLabelText('Paste a link') as HTMLTextAreaElement;
    await user.click(field);
    await user.paste('https://example.com');
    await user.click(within(importDialog()).getByRole('button', { name: 'Read link' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(fake.api.imports.readText).not.toHaveBeenCalled();

    await user.clear(field);
    await user.paste('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP');
    await user.keyboard('{Enter}');
    await flush();
    expect(fake.api.imports.readText).toHaveBeenCalledExactlyOnceWith('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP');
    expect(field.isConnected).toBe(true);
    expect(field.value).toBe('');
  });

  it('shows main’s error in the dialog and keeps it usable', async () => {
    const fake = await renderUnlocked([entry()], [], {
      state: {
        importStep: fail({ code: 'unavailable', message: 'Screen capture was refused. Allow it and try again.' }),
      },
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await user.click(within(importDialog()).getByRole('button', { name: 'Scan screen' }));
    expect(within(importDialog()).getByRole('alert').textContent).toBe(
      'Screen capture was refused. Allow it and try again.',
    );
    fake.state.importStep = reviewStep({ candidates: [importCandidate({ issuer: 'GitHub', account: 'alice' })] });
    await user.click(within(importDialog()).getByRole('button', { name: 'Scan screen' }));
    expect(within(importDialog()).queryByRole('alert')).toBeNull();
    expect(within(importDialog()).getByRole('checkbox', { name: 'GitHub, alice' })).toBeTruthy();
  });
});
