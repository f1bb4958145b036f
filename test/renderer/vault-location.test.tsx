// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where the vault lives, in the window: Settings › Vault file shows the folder (as text) and that it
 * may be synchronised, and "Move to another folder…" says what main did (moved, merged with the
 * vault already there after asking, with that copy's password when it differs, or refused);
 * a vault named by --vault or TESSERA_VAULT cannot be moved here. The first run has a small "Where
 * to keep it" line with "Choose folder…", and a record naming a vault that is not there shows a
 * notice first (Try again, Choose vault file…, Create a new vault here), never the create form.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { VaultStatus } from '../../electron/domain';
import { movedText, SYNC_NOTE } from '../../renderer/settings/SettingsVaultFile';
import { loadStrengthChecker } from '../../renderer/shared/password-strength';
import {
  DEFAULT_LOCATION,
  entry,
  fail,
  installFakeApi,
  locationAt,
  lockedStatus,
  ok,
  VAULT_PATH,
  type FakeState,
} from './fake-api';
import { flush, renderApp, renderUnlocked } from './helpers';

const SYNC = '/home/alice/Sync';

async function openSection(state: Partial<FakeState> = {}) {
  const fake = await renderUnlocked([entry({ issuer: 'GitHub', account: 'alice' })], [], { state });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  await flush();
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  const section = within(dialog).getByRole('region', { name: 'Vault file' });
  return { fake, user, section };
}

const note = (section: HTMLElement) =>
  within(section)
    .getAllByRole('status')
    .find((n) => n.getAttribute('aria-live') === 'polite');

describe('Settings › Vault file', () => {
  it('shows the folder as text, and that it may be synchronised', async () => {
    const { section } = await openSection();
    const folder = within(section).getByRole('group', { name: 'Vault folder' });
    expect(within(folder).getByText(DEFAULT_LOCATION.folder, { exact: true })).toBeTruthy();
    expect(within(folder).queryByRole('textbox')).toBeNull();
    expect(within(section).getByText(SYNC_NOTE)).toBeTruthy();
    expect(SYNC_NOTE).toMatch(/Syncthing, Nextcloud, Dropbox, OneDrive, iCloud Drive.*merges changes made on each/);
  });

  it('"Move to another folder…": main moves it; the new folder is shown and said', async () => {
    const { fake, user, section } = await openSection();
    const button = within(section).getByRole('button', { name: 'Move to another folder…' });
    await user.click(button);
    await flush();
    expect(fake.api.vault.move).toHaveBeenCalledTimes(1);
    expect(note(section)?.textContent).toBe(`Moved the vault to ${SYNC}.`);
    expect(within(section).getByText(SYNC, { exact: true })).toBeTruthy();
    expect(document.activeElement).toBe(button);
  });

  it('shows progress while main moves it', async () => {
    const { fake, user, section } = await openSection();
    let finish: () => void = () => undefined;
    vi.mocked(fake.api.vault.move).mockReturnValueOnce(
      new Promise((resolve) => {
        finish = () => resolve(ok({ status: 'cancelled' }));
      }),
    );
    await user.click(within(section).getByRole('button', { name: 'Move to another folder…' }));
    expect(within(section).getByRole('progressbar', { name: 'Moving the vault…' })).toBeTruthy();
    // A second click while it works asks nothing more of main.
    await user.click(within(section).getByRole('button', { name: 'Move to another folder…' }));
    expect(fake.api.vault.move).toHaveBeenCalledTimes(1);
    finish();
    await flush();
    expect(within(section).queryByRole('progressbar')).toBeNull();
    expect(note(section)?.textContent).toBe('');
  });

  it('the same vault already there: asks, then merges on "Use it and merge"', async () => {
    const { fake, user, section } = await openSection({ moveAnswer: ok({ status: 'same-vault', folder: SYNC }) });
    fake.state.moveMergeAnswer = ok({
      status: 'moved',
      location: locationAt(`${SYNC}/vault.tessera`),
      merged: { added: 2, changed: 1, removed: 0, conflictNotes: 1, passwordFromCopy: false },
      leftBehind: [],
    });
    await user.click(within(section).getByRole('button', { name: 'Move to another folder…' }));
    await flush();
    const question = within(section).getByRole('group', { name: /already holds this vault/ });
    expect(question.textContent).toContain(SYNC);
    // Cancel leaves it be.
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(fake.api.vault.moveMerge).not.toHaveBeenCalled();
    expect(within(section).queryByRole('group', { name: /already holds this vault/ })).toBeNull();

    await user.click(within(section).getByRole('button', { name: 'Move to another folder…' }));
    await flush();
    await user.click(within(section).getByRole('button', { name: 'Use it and merge' }));
    await flush();
    expect(fake.api.vault.moveMerge).toHaveBeenCalledWith(null);
    expect(note(section)?.textContent).toBe(
      `Merged with the vault already in ${SYNC} (2 accounts added, 1 account updated, 1 conflicting note kept); ` +
        'Tessera uses that file now.',
    );
  });

  it('that copy has another password: asks for it once and sends it (never kept in the field)', async () => {
    const message =
      `The vault in ${SYNC} has another master password (it was changed on another computer). Type that password ` +
      'to merge the two; the merged vault keeps the newer one.';
    const { fake, user, section } = await openSection({ moveAnswer: ok({ status: 'same-vault', folder: SYNC }) });
    fake.state.moveMergeAnswer = ok({ status: 'needs-password', folder: SYNC, message });
    await user.click(within(section).getByRole('button', { name: 'Move to another folder…' }));
    await flush();
    await user.click(within(section).getByRole('button', { name: 'Use it and merge' }));
    await flush();
    expect(within(section).getByText(message)).toBeTruthy();
    const field = within(section).getByLabelText('Password of the vault in that folder') as HTMLInputElement;
    // Empty: said on the field, nothing sent.
    await user.click(within(section).getByRole('button', { name: 'Merge' }));
    expect(within(section).getByText('Type the password of the vault in that folder.')).toBeTruthy();
    expect(fake.api.vault.moveMerge).toHaveBeenCalledTimes(1);

    fake.state.moveMergeAnswer = ok({
      status: 'moved',
      location: locationAt(`${SYNC}/vault.tessera`),
      merged: { added: 0, changed: 0, removed: 0, conflictNotes: 0, passwordFromCopy: true },
      leftBehind: [],
    });
    await user.type(field, 'other horse battery');
    await user.click(within(section).getByRole('button', { name: 'Merge' }));
    expect(field.value).toBe('');
    await flush();
    expect(fake.api.vault.moveMerge).toHaveBeenLastCalledWith('other horse battery');
    expect(note(section)?.textContent).toMatch(/opens with the password of that copy from now on/);
  });

  it('a refusal shows main’s sentence', async () => {
    const message = `${SYNC} already holds another vault named vault.tessera (a different vault, not a copy of this one).`;
    const { user, section } = await openSection({ moveAnswer: fail({ code: 'io', message }) });
    await user.click(within(section).getByRole('button', { name: 'Move to another folder…' }));
    await flush();
    expect(within(section).getByRole('alert').textContent).toContain(message);
    expect(note(section)?.textContent).toBe('');
  });

  it('a vault named by --vault cannot be moved here, and says why', async () => {
    const { fake, user, section } = await openSection({
      location: locationAt('/tmp/given.tessera', { source: 'option', movable: false }),
    });
    expect(within(section).getByText(/started with the --vault option/)).toBeTruthy();
    const button = within(section).getByRole('button', { name: 'Move to another folder…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await user.click(button);
    expect(fake.api.vault.move).not.toHaveBeenCalled();
  });

  it('a damaged record of where the vault is: said, with its details', async () => {
    const { section } = await openSection({
      location: {
        ...DEFAULT_LOCATION,
        problem: {
          kind: 'damaged',
          message: "This computer's record of where the vault is (/x/vault-location.json) is damaged.",
          details: '/x/vault-location.json: not JSON',
        },
      },
    });
    expect(within(section).getByRole('note').textContent).toContain('is damaged');
  });

  it('names an old file it could not remove', () => {
    expect(
      movedText({
        status: 'moved',
        location: locationAt(`${SYNC}/vault.tessera`),
        merged: null,
        leftBehind: ['/a/vault.tessera'],
      }),
    ).toBe(`Moved the vault to ${SYNC}. The old file could not be removed: /a/vault.tessera. You can delete it.`);
  });
});

describe('the first run', () => {
  const absent: VaultStatus = { status: 'absent', path: VAULT_PATH };

  beforeAll(async () => {
    await loadStrengthChecker();
  }, 60_000);

  it('"Where to keep it": the default folder and "Choose folder…", which main answers with the new place', async () => {
    const fake = installFakeApi({ status: absent });
    renderApp();
    await screen.findByRole('heading', { name: 'Create your vault' });
    const place = screen.getByRole('group', { name: 'Where to keep it:' });
    expect(within(place).getByText(DEFAULT_LOCATION.folder)).toBeTruthy();
    const user = userEvent.setup();
    await user.click(within(place).getByRole('button', { name: 'Choose folder…' }));
    await flush();
    expect(fake.api.vault.chooseFolder).toHaveBeenCalledTimes(1);
    expect(within(place).getByText(SYNC)).toBeTruthy();
    // Main announced the new path: the create form stays, for the file there.
    fake.emitStatus({ status: 'absent', path: `${SYNC}/vault.tessera` });
    await flush();
    expect(screen.getByRole('heading', { name: 'Create your vault' })).toBeTruthy();
    expect(screen.getByText(`${SYNC}/vault.tessera`)).toBeTruthy();
  });

  it('a folder holding a vault already: main says locked, and the unlock screen follows', async () => {
    const fake = installFakeApi({ status: absent });
    renderApp();
    await screen.findByRole('heading', { name: 'Create your vault' });
    fake.emitStatus({ ...lockedStatus(), path: `${SYNC}/vault.tessera` });
    await flush();
    expect(screen.queryByRole('heading', { name: 'Create your vault' })).toBeNull();
    expect(screen.getByLabelText('Master password')).toBeTruthy();
  });

  it('the record names a vault that is not there: a notice, not the create form', async () => {
    const gone = '/media/alice/usb/vault.tessera';
    const message = `Tessera's vault was at ${gone}, which is not there now (a drive not connected, or a sync folder not yet synchronised). Connect it, or choose the vault again.`;
    const fake = installFakeApi({
      status: { status: 'absent', path: gone },
      location: locationAt(gone, { problem: { kind: 'missing', message } }),
    });
    renderApp();
    await screen.findByRole('heading', { name: 'Where is your vault?' });
    expect(screen.getByRole('alert').textContent).toContain(message);
    expect(screen.queryByLabelText('Master password')).toBeNull();
    const user = userEvent.setup();

    // Try again: asks main again.
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await flush();
    expect(fake.api.vault.status).toHaveBeenCalled();
    expect(fake.api.vault.location).toHaveBeenCalledTimes(2);

    // Create a new vault here: the form, at that path.
    await user.click(screen.getByRole('button', { name: 'Create a new vault here' }));
    expect(await screen.findByRole('heading', { name: 'Create your vault' })).toBeTruthy();
    expect(screen.getByText(gone)).toBeTruthy();
  });

  it('"Choose vault file…": main’s open dialog; the chosen vault is then unlocked', async () => {
    const gone = '/media/alice/usb/vault.tessera';
    const fake = installFakeApi({
      status: { status: 'absent', path: gone },
      location: locationAt(gone, { problem: { kind: 'missing', message: 'Not there.' } }),
      locationFile: `${SYNC}/vault.tessera`,
    });
    renderApp();
    await screen.findByRole('heading', { name: 'Where is your vault?' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Choose vault file…' }));
    await flush();
    expect(fake.api.vault.chooseFile).toHaveBeenCalledTimes(1);
    fake.emitStatus({ ...lockedStatus(), path: `${SYNC}/vault.tessera` });
    await flush();
    expect(screen.getByLabelText('Master password')).toBeTruthy();
  });
});
