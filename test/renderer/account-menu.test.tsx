// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The account menu on the fake API: each item calls main with the right arguments and says what
 * happened, the WAI-ARIA menu keys, the focus given back, HOTP against TOTP items, the favourite
 * label, the QR code after the master password, and what closes the menu. The menu is rendered on
 * its own with stand-ins for the rows (the codes screen mounts it, and its own tests open it from
 * the rows).
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CodeSnapshot, EntrySummary } from '../../electron/domain';
import { AccountMenu, typeAheadIndex } from '../../renderer/codes/account-menu/AccountMenu';
import {
  openAccountMenu,
  useAccountMenuStore,
  type AccountMenuAnchor,
} from '../../renderer/codes/account-menu/account-menu-store';
import { rowButtonId } from '../../renderer/codes/CodeRow';
import { useCodesStore } from '../../renderer/codes/codes-store';
import { useEntriesStore } from '../../renderer/codes/entries-store';
import { entryLabel } from '../../renderer/codes/entry-query';
import { PASSWORD_AGAIN_NOTE } from '../../renderer/export/ExportDialog';
import { ToastHost } from '../../renderer/shared/ToastHost';
import { useVaultStore } from '../../renderer/shared/vault-store';
import { entry, fail, installFakeApi, lockedStatus, ok, snapshot, unlockedStatus } from './fake-api';
import { flush, renderUnlocked } from './helpers';

const TOTP_ITEMS = [
  'Copy code',
  'Copy next code',
  'Show QR code…',
  'Edit…',
  'Change icon…',
  'Tags…',
  'Add to favourites',
  'Delete…',
];

afterEach(() => {
  useAccountMenuStore.setState({ open: null, dialog: null });
});

/**
 * An unlocked vault with these accounts: a stand-in row (its copy button and a `⋯` button) for
 * each, the menu and the toast.
 */
function setup(entries: EntrySummary[], codes: CodeSnapshot[] = []) {
  const fake = installFakeApi({ status: unlockedStatus(entries.length), entries, codes });
  act(() => {
    useVaultStore.getState().setStatus(unlockedStatus(entries.length));
    useEntriesStore.getState().replace(entries);
    useCodesStore.getState().replace(codes);
  });
  render(
    <>
      <ul>
        {entries.map((e) => (
          <li key={e.id} data-id={e.id}>
            <button type="button" id={rowButtonId(e.id)}>
              {entryLabel(e)}
            </button>
            <button type="button" aria-label={`More actions for ${entryLabel(e)}`} aria-haspopup="menu">
              ⋯
            </button>
          </li>
        ))}
      </ul>
      <AccountMenu />
      <ToastHost />
    </>,
  );
  return { fake, user: userEvent.setup() };
}

/** Opens the menu of `e` as a row would: from its `⋯` button (pointer) or its focused row (keyboard). */
function openMenu(e: EntrySummary, byKeyboard: boolean, anchor: AccountMenuAnchor = { x: 40, y: 60 }): HTMLElement {
  const from = byKeyboard
    ? document.getElementById(rowButtonId(e.id))
    : screen.getByRole('button', { name: `More actions for ${entryLabel(e)}` });
  act(() => {
    from?.focus();
    openAccountMenu(e.id, anchor, byKeyboard);
  });
  return screen.getByRole('menu', { name: `Actions for ${entryLabel(e)}` });
}

const itemNames = (menu: HTMLElement): string[] =>
  within(menu)
    .getAllByRole('menuitem')
    .map((item) => item.textContent ?? '');

const item = (menu: HTMLElement, name: string): HTMLElement => within(menu).getByRole('menuitem', { name });

const row = (e: EntrySummary): HTMLElement => document.getElementById(rowButtonId(e.id)) as HTMLElement;

describe('account menu: items', () => {
  it('offers the time-based account’s items; by keyboard the first has the focus', () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    setup([github]);
    const menu = openMenu(github, true);
    expect(itemNames(menu)).toEqual(TOTP_ITEMS);
    expect(document.activeElement).toBe(item(menu, 'Copy code'));
    // One Tab stop at most: the items are reached with the arrow keys.
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .every((i) => i.tabIndex === -1),
    ).toBe(true);
    expect(within(menu).getAllByRole('separator')).toHaveLength(2);
  });

  it('offers Steam the next code too, and a counter-based account “Next code” instead', async () => {
    const steam = entry({ issuer: 'Steam', account: 'bob', type: 'steam', digits: 5 });
    const vpn = entry({ issuer: 'VPN', account: 'carol', type: 'hotp', period: null, counter: 3 });
    const { fake, user } = setup([steam, vpn]);
    expect(itemNames(openMenu(steam, true))).toContain('Copy next code');
    const menu = openMenu(vpn, true);
    expect(itemNames(menu)).toEqual(TOTP_ITEMS.map((name) => (name === 'Copy next code' ? 'Next code' : name)));
    await user.click(item(menu, 'Next code'));
    await flush();
    expect(fake.api.codes.nextHotp).toHaveBeenCalledExactlyOnceWith(vpn.id);
    expect(fake.api.codes.copy).not.toHaveBeenCalled();
    expect(useCodesStore.getState().byId[vpn.id]?.code).toBe('755224');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(row(vpn));
  });

  it('copies the code as the row does, and gives the focus back to the row', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const { fake, user } = setup([github], [snapshot(github.id, '123456', Date.now() + 20_000)]);
    fake.state.clearAfterSeconds = 15;
    await user.click(item(openMenu(github, false), 'Copy code'));
    await flush();
    expect(fake.api.codes.copy).toHaveBeenCalledExactlyOnceWith(github.id);
    expect(screen.getByText('Copied the code of GitHub, alice — the clipboard clears in 15 s')).toBeTruthy();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'More actions for GitHub, alice' }));
  });

  it('copies the next code, saying so with the clipboard’s time', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const { fake, user } = setup([github], [snapshot(github.id, '123456', Date.now() + 20_000)]);
    const menu = openMenu(github, true);
    await user.keyboard('{ArrowDown}{Enter}');
    await flush();
    expect(fake.api.codes.copy).toHaveBeenCalledExactlyOnceWith(github.id, { next: true });
    expect(screen.getByText('Next code copied for GitHub, alice — the clipboard clears in 20 s')).toBeTruthy();
    expect(menu.isConnected).toBe(false);
    expect(document.activeElement).toBe(row(github));
  });

  it('says main’s words when the next code cannot be copied', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const { fake, user } = setup([github]);
    vi.mocked(fake.api.codes.copy).mockResolvedValueOnce(
      fail({ code: 'vault-locked', message: 'The vault is locked. Unlock it to copy a code.' }),
    );
    await user.click(item(openMenu(github, false), 'Copy next code'));
    await flush();
    expect(screen.getByText('The vault is locked. Unlock it to copy a code.').closest('.toast-error')).toBeTruthy();
    expect(screen.queryByText(/copied/i)).toBeNull();
  });

  it('adds to the favourites and takes out again: the label follows the account', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const { fake, user } = setup([github]);
    await user.click(item(openMenu(github, false), 'Add to favourites'));
    await flush();
    expect(fake.api.entries.update).toHaveBeenLastCalledWith(github.id, { favourite: true });
    expect(screen.getByText('Added GitHub, alice to the favourites')).toBeTruthy();
    expect(useEntriesStore.getState().entries[0]?.favourite).toBe(true);

    const again = openMenu(github, false);
    expect(itemNames(again)).toContain('Remove from favourites');
    expect(itemNames(again)).not.toContain('Add to favourites');
    await user.click(item(again, 'Remove from favourites'));
    await flush();
    expect(fake.api.entries.update).toHaveBeenLastCalledWith(github.id, { favourite: false });
    expect(screen.getByText('Removed GitHub, alice from the favourites')).toBeTruthy();
    expect(itemNames(openMenu(github, false))).toContain('Add to favourites');
  });

  it('says main’s words when the favourite cannot be saved', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const { fake, user } = setup([github]);
    vi.mocked(fake.api.entries.update).mockResolvedValueOnce(
      fail({ code: 'not-found', message: 'That account was not found. It may have been removed.' }),
    );
    await user.click(item(openMenu(github, false), 'Add to favourites'));
    await flush();
    expect(screen.getByText('That account was not found. It may have been removed.')).toBeTruthy();
    expect(useEntriesStore.getState().entries[0]?.favourite).toBe(false);
  });

  it('opens the edit dialog; closing it gives the focus back to the row', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const { fake, user } = setup([github]);
    openMenu(github, true);
    await user.keyboard('e');
    expect(document.activeElement?.textContent).toBe('Edit…');
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Edit GitHub, alice' });
    expect(screen.queryByRole('menu')).toBeNull();
    await user.clear(within(dialog).getByLabelText('Issuer'));
    await user.type(within(dialog).getByLabelText('Issuer'), 'GitHub Enterprise');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flush();
    expect(fake.api.entries.update).toHaveBeenCalledExactlyOnceWith(github.id, { issuer: 'GitHub Enterprise' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Saved GitHub Enterprise, alice')).toBeTruthy();
    expect(document.activeElement).toBe(row(github));
  });

  it('deletes through the confirmation, with its Undo', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const { fake, user } = setup([github]);
    await user.click(item(openMenu(github, false), 'Delete…'));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete GitHub, alice?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await flush();
    expect(fake.api.entries.remove).toHaveBeenCalledExactlyOnceWith(github.id);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByText('Deleted GitHub, alice')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await flush();
    expect(fake.api.entries.undoRemove).toHaveBeenCalledExactlyOnceWith(github.id);
  });
});

describe('account menu: tags', () => {
  function accounts() {
    const github = entry({ issuer: 'GitHub', account: 'alice', tags: ['Work', 'Code'] });
    const bank = entry({ issuer: 'Bank', account: 'alice', tags: ['Money'] });
    const mail = entry({ issuer: 'Mail', account: 'alice' });
    return { github, bank, mail };
  }
  const tagBox = (dialog: HTMLElement): HTMLElement => within(dialog).getByRole('combobox', { name: 'Tags' });
  const chips = (dialog: HTMLElement): string[] =>
    within(dialog)
      .queryAllByRole('listitem')
      .map((li) => li.textContent ?? '');

  it('shows the account’s tags as removable chips, the text field focused', async () => {
    const { github, bank, mail } = accounts();
    const { user } = setup([github, bank, mail]);
    await user.click(item(openMenu(github, false), 'Tags…'));
    const dialog = screen.getByRole('dialog', { name: 'Tags of GitHub, alice' });
    expect(chips(dialog)).toEqual(['Work', 'Code']);
    expect(within(dialog).getByRole('button', { name: 'Remove tag Work' })).toBeTruthy();
    expect(document.activeElement).toBe(tagBox(dialog));
  });

  it('adds a suggested tag and a new one, and says so', async () => {
    const { github, bank, mail } = accounts();
    const { fake, user } = setup([github, bank, mail]);
    await user.click(item(openMenu(mail, false), 'Tags…'));
    const dialog = screen.getByRole('dialog', { name: 'Tags of Mail, alice' });
    await user.type(tagBox(dialog), 'mo');
    const options = within(dialog).getByRole('listbox', { name: 'Tags in use' });
    expect(
      within(options)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Money']);
    await user.keyboard('{ArrowDown}{Enter}');
    await user.type(tagBox(dialog), 'Family,');
    expect(chips(dialog)).toEqual(['Money', 'Family']);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flush();
    expect(fake.api.entries.update).toHaveBeenCalledExactlyOnceWith(mail.id, { tags: ['Money', 'Family'] });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Tagged Mail, alice Money and Family')).toBeTruthy();
    expect(useEntriesStore.getState().entries.find((e) => e.id === mail.id)?.tags).toEqual(['Money', 'Family']);
  });

  it('removes tags (the chip’s button, Backspace in the empty field) and takes the text still typed', async () => {
    const { github, bank, mail } = accounts();
    const { fake, user } = setup([github, bank, mail]);
    await user.click(item(openMenu(github, false), 'Tags…'));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Remove tag Work' }));
    expect(chips(dialog)).toEqual(['Code']);
    expect(document.activeElement).toBe(tagBox(dialog));
    await user.keyboard('{Backspace}');
    expect(chips(dialog)).toEqual([]);
    await user.type(tagBox(dialog), 'Open source');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await flush();
    expect(fake.api.entries.update).toHaveBeenCalledExactlyOnceWith(github.id, { tags: ['Open source'] });
    expect(screen.getByText('Tagged GitHub, alice Open source')).toBeTruthy();
  });

  it('shows main’s refusal on the field; saving the same tags changes nothing', async () => {
    const { github, bank, mail } = accounts();
    const { fake, user } = setup([github, bank, mail]);
    vi.mocked(fake.api.entries.update).mockResolvedValueOnce(
      fail({ code: 'invalid-entry', field: 'tags', message: 'A tag cannot contain control characters.' }),
    );
    await user.click(item(openMenu(mail, false), 'Tags…'));
    const dialog = screen.getByRole('dialog');
    await user.type(tagBox(dialog), 'Odd{Enter}{Enter}');
    await flush();
    expect(within(dialog).getByText('A tag cannot contain control characters.')).toBeTruthy();
    expect(tagBox(dialog).getAttribute('aria-invalid')).toBe('true');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(item(openMenu(github, false), 'Tags…'));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Save' }));
    await flush();
    expect(fake.api.entries.update).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('account menu: QR code', () => {
  const VIEW = {
    index: 0,
    count: 1,
    title: 'GitHub (alice)',
    accounts: ['GitHub (alice)'],
    image: 'data:image/png;base64,iVBORw0KGgo=',
    warnings: [],
  };

  async function openQr() {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const ctx = setup([github]);
    vi.mocked(ctx.fake.api.exports.qr).mockResolvedValue(ok(VIEW));
    await ctx.user.click(item(openMenu(github, false), 'Show QR code…'));
    const dialog = screen.getByRole('dialog', { name: 'QR code of GitHub, alice' });
    return { ...ctx, github, dialog };
  }

  it('asks for the master password, then shows the one code with the account’s name', async () => {
    const { fake, user, github, dialog } = await openQr();
    expect(within(dialog).getByText('Enter your master password to show the QR code of GitHub, alice.')).toBeTruthy();
    expect(within(dialog).getByRole('note').textContent).toMatch(/anyone who sees it can copy the account/);
    expect(within(dialog).queryByRole('img')).toBeNull();
    expect(fake.api.exports.qr).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Master password'));

    await user.type(within(dialog).getByLabelText('Master password'), 'correct horse battery{Enter}');
    await flush();
    expect(fake.api.exports.authorize).toHaveBeenCalledExactlyOnceWith('correct horse battery', [github.id]);
    expect(fake.api.exports.qr).toHaveBeenCalledExactlyOnceWith('entry', 0);
    const image = within(dialog).getByRole('img', { name: 'QR code: GitHub (alice)' }) as HTMLImageElement;
    expect(image.src).toBe(VIEW.image);
    expect(within(dialog).getByRole('heading', { name: 'GitHub (alice)' })).toBeTruthy();
    expect(
      within(dialog).getByText(
        'Anyone who sees this code can copy this account. Close it when your phone has scanned it.',
      ),
    ).toBeTruthy();
    expect(fake.api.exports.end).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.api.exports.end).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'More actions for GitHub, alice' }));
  });

  it('says a wrong password on the field and shows no code', async () => {
    const { fake, user, dialog } = await openQr();
    const field = within(dialog).getByLabelText('Master password');
    await user.type(field, 'wrong password{Enter}');
    await flush();
    expect(within(dialog).getByText('The password is wrong.')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(fake.api.exports.qr).not.toHaveBeenCalled();
    expect(within(dialog).queryByRole('img')).toBeNull();
  });

  it('shows main’s warnings with the code', async () => {
    const { fake, user, dialog } = await openQr();
    const warning = 'GitHub (alice): the note is not part of the code';
    vi.mocked(fake.api.exports.qr).mockResolvedValue(ok({ ...VIEW, warnings: [warning] }));
    await user.type(within(dialog).getByLabelText('Master password'), 'correct horse battery{Enter}');
    await flush();
    expect(within(dialog).getByRole('note').textContent).toContain(warning);
  });

  it('asks for the password again when main’s authorisation ran out', async () => {
    const { fake, user, dialog } = await openQr();
    vi.mocked(fake.api.exports.qr).mockResolvedValueOnce(
      fail({ code: 'password-required', message: 'Enter your master password again to export.' }),
    );
    await user.type(within(dialog).getByLabelText('Master password'), 'correct horse battery{Enter}');
    await flush();
    expect(within(dialog).getByRole('note').textContent).toBe(PASSWORD_AGAIN_NOTE);
    expect(within(dialog).getByLabelText('Master password')).toBeTruthy();
  });

  it('says why the code could not be made', async () => {
    const { fake, user, dialog } = await openQr();
    vi.mocked(fake.api.exports.qr).mockResolvedValueOnce(
      fail({ code: 'not-found', message: 'That account was not found. It may have been removed.' }),
    );
    await user.type(within(dialog).getByLabelText('Master password'), 'correct horse battery{Enter}');
    await flush();
    expect(within(dialog).getByRole('alert').textContent).toContain('That account was not found.');
    expect(within(dialog).queryByRole('img')).toBeNull();
  });

  it('ends the export session however the dialog closes', async () => {
    const { fake, user } = await openQr();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.api.exports.end).toHaveBeenCalledTimes(1);
    expect(fake.api.exports.authorize).not.toHaveBeenCalled();
  });
});

describe('account menu: keyboard and closing', () => {
  function three() {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const other = entry({ issuer: 'Other', account: 'bob' });
    return { github, other, ...setup([github, other]) };
  }

  it('moves with the arrows (wrapping), Home and End, and a typed letter', async () => {
    const { github, user } = three();
    const menu = openMenu(github, true);
    const focused = (): string => document.activeElement?.textContent ?? '';
    await user.keyboard('{ArrowUp}');
    expect(focused()).toBe('Delete…');
    await user.keyboard('{ArrowDown}');
    expect(focused()).toBe('Copy code');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focused()).toBe('Show QR code…');
    await user.keyboard('{End}');
    expect(focused()).toBe('Delete…');
    await user.keyboard('{Home}');
    expect(focused()).toBe('Copy code');
    await user.keyboard('t');
    expect(focused()).toBe('Tags…');
    await user.keyboard('c');
    expect(focused()).toBe('Copy code');
    await user.keyboard('c');
    expect(focused()).toBe('Copy next code');
    await user.keyboard('x');
    expect(focused()).toBe('Copy next code');
    expect(menu.isConnected).toBe(true);
  });

  it('opened by the pointer, the menu has the focus and ↓ reaches the first item', async () => {
    const { github, user } = three();
    const menu = openMenu(github, false);
    expect(document.activeElement).toBe(menu);
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(item(menu, 'Copy code'));
  });

  it('Escape closes and gives the focus back to what opened it', async () => {
    const { github, user } = three();
    openMenu(github, false);
    await user.keyboard('{ArrowDown}{ArrowDown}{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'More actions for GitHub, alice' }));

    openMenu(github, true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(row(github));
  });

  it('gives the focus to the row when nothing had it', async () => {
    const { github, user } = three();
    act(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      openAccountMenu(github.id, { x: 10, y: 10 }, true);
    });
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(row(github));
  });

  it('Tab closes the menu from where it was opened', async () => {
    const { github, user } = three();
    openMenu(github, true);
    await user.keyboard('{ArrowDown}');
    await user.tab();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.queryByRole('menuitem')).toBeNull();
  });

  it('keeps its keys from the screen behind it', () => {
    const { github } = three();
    const behind = vi.fn();
    document.addEventListener('keydown', behind);
    try {
      const menu = openMenu(github, true);
      fireEvent.keyDown(item(menu, 'Copy code'), { key: 'ArrowDown' });
      fireEvent.keyDown(document.activeElement as HTMLElement, { key: 'Escape' });
      expect(behind).not.toHaveBeenCalled();
    } finally {
      document.removeEventListener('keydown', behind);
    }
  });

  it('one menu at a time: opening another account’s replaces it', () => {
    const { github, other } = three();
    openMenu(github, true);
    openMenu(other, true);
    expect(screen.getAllByRole('menu')).toHaveLength(1);
    expect(screen.getByRole('menu', { name: 'Actions for Other, bob' })).toBeTruthy();
  });

  it('closes on a press elsewhere, a scroll, a resize and the focus leaving it', () => {
    const { github, other } = three();
    openMenu(github, false);
    fireEvent.pointerDown(document.body);
    expect(screen.queryByRole('menu')).toBeNull();

    const menu = openMenu(github, false);
    fireEvent.pointerDown(item(menu, 'Copy code'));
    expect(screen.getByRole('menu')).toBeTruthy();
    fireEvent.scroll(document.querySelector('ul') as HTMLElement);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'More actions for GitHub, alice' }));

    openMenu(github, true);
    fireEvent(window, new Event('resize'));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(row(github));

    openMenu(github, true);
    act(() => row(other).focus());
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('closes on a lock, and when its account goes away', () => {
    const { github, other } = three();
    openMenu(github, true);
    act(() => useEntriesStore.getState().remove(github.id));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(useAccountMenuStore.getState().open).toBeNull();

    openMenu(other, true);
    act(() => useVaultStore.getState().setStatus(lockedStatus('manual')));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(useAccountMenuStore.getState().open).toBeNull();
  });

  it('a lock closes a dialog the menu opened', async () => {
    const { github, user } = three();
    await user.click(item(openMenu(github, false), 'Edit…'));
    expect(screen.getByRole('dialog')).toBeTruthy();
    act(() => useVaultStore.getState().setStatus(lockedStatus('idle')));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useAccountMenuStore.getState().dialog).toBeNull();
  });

  it('opens at its anchor, kept inside the window', () => {
    const { github } = three();
    const size = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement,
    ) {
      return new DOMRect(0, 0, this.classList.contains('account-menu') ? 200 : 0, 300);
    });
    try {
      const near = openMenu(github, true, { x: 40, y: 60 });
      expect([near.style.left, near.style.top]).toEqual(['40px', '60px']);
      const corner = openMenu(github, true, { x: window.innerWidth - 20, y: window.innerHeight - 20 });
      // Moved left to fit, and opened above the point, which has no room below it.
      expect(corner.style.left).toBe(`${window.innerWidth - 200 - 8}px`);
      expect(corner.style.top).toBe(`${window.innerHeight - 20 - 300}px`);
      // From a row or button near the bottom: above it, not over it.
      const fromRow = openMenu(github, true, { x: 40, y: window.innerHeight - 20, above: window.innerHeight - 92 });
      expect(fromRow.style.top).toBe(`${window.innerHeight - 92 - 300}px`);
      // No room above either: as low as it fits.
      const tall = openMenu(github, true, { x: 40, y: window.innerHeight - 160, above: 150 });
      expect(tall.style.top).toBe(`${window.innerHeight - 300 - 8}px`);
    } finally {
      size.mockRestore();
    }
  });
});

describe('typeAheadIndex', () => {
  it('finds the next label with the letter after the current one, wrapping, case-blind', () => {
    const labels = ['Copy code', 'Copy next code', 'Delete…'];
    expect(typeAheadIndex(labels, 0, 'c')).toBe(1);
    expect(typeAheadIndex(labels, 1, 'C')).toBe(0);
    expect(typeAheadIndex(labels, -1, 'd')).toBe(2);
    expect(typeAheadIndex(labels, 2, 'z')).toBe(-1);
  });
});

describe('account menu: from the codes screen', () => {
  it('opens from a right-click, the ⋯ button and Shift+F10, and gives the focus back to the row', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice', sortOrder: 0 });
    const other = entry({ issuer: 'Other', account: 'bob', sortOrder: 1 });
    const fake = await renderUnlocked([github, other], [snapshot(github.id, '123456', Date.now() + 20_000)]);
    const user = userEvent.setup();
    const githubRow = screen.getByRole('button', { name: /^GitHub, alice/ });

    fireEvent.contextMenu(githubRow, { clientX: 30, clientY: 40 });
    const menu = screen.getByRole('menu', { name: 'Actions for GitHub, alice' });
    expect(document.activeElement).toBe(menu);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'More actions for Other, bob' }));
    expect(screen.getByRole('menu', { name: 'Actions for Other, bob' })).toBeTruthy();
    await user.keyboard('{Escape}');

    act(() => githubRow.focus());
    await user.keyboard('{Shift>}{F10}{/Shift}');
    const byKeys = screen.getByRole('menu', { name: 'Actions for GitHub, alice' });
    expect(document.activeElement).toBe(within(byKeys).getByRole('menuitem', { name: 'Copy code' }));
    await user.keyboard('{ArrowDown}{Enter}');
    await flush();
    expect(fake.api.codes.copy).toHaveBeenCalledExactlyOnceWith(github.id, { next: true });
    expect(document.activeElement).toBe(githubRow);
  });

  it('makes the screen behind a dialog of the menu inert', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], []);
    const user = userEvent.setup();
    const githubRow = screen.getByRole('button', { name: /^GitHub, alice/ });
    act(() => githubRow.focus());
    await user.keyboard('{Shift>}{F10}{/Shift}');
    await user.keyboard('t{Enter}');
    expect(screen.getByRole('dialog', { name: 'Tags of GitHub, alice' })).toBeTruthy();
    expect(document.querySelector('.codes-main')?.hasAttribute('inert')).toBe(true);
    await user.keyboard('{Escape}');
    expect(document.querySelector('.codes-main')?.hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(githubRow);
  });
});
