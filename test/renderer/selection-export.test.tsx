// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Selecting accounts in the codes list and exporting them: "Select" gives each row a checkbox; a
 * click, Shift+click (a range), Space and Shift+Space on a row, Ctrl/Cmd+A (every row shown: after
 * a tag filter, that tag's accounts) tick them; the count is said politely; Escape or Done leaves;
 * and "Export…" opens the export dialog for exactly the ticked accounts, in the list's order
 * ("Exporting 3 of 6 accounts"), whose master password authorises those ids alone.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { selectionText } from '../../renderer/codes/SelectionBar';
import { entry } from './fake-api';
import { flush, renderUnlocked, rowButtons } from './helpers';

const MASTER = 'correct horse battery';

function accounts() {
  const list = [
    entry({ issuer: 'GitHub', account: 'alice', tags: ['Work'], sortOrder: 0 }),
    entry({ issuer: 'Bank', account: 'bob', tags: ['Money'], sortOrder: 1 }),
    entry({ issuer: 'Jira', account: 'carol', tags: ['Work', 'Tickets'], sortOrder: 2 }),
    entry({ issuer: 'Mail', account: 'dan', sortOrder: 3 }),
    entry({ issuer: 'Shop', account: 'eve', tags: ['Money'], sortOrder: 4 }),
    entry({ issuer: 'Cloud', account: 'fay', tags: ['Work'], sortOrder: 5 }),
  ];
  const [github, bank, jira, mail, shop, cloud] = list as [
    (typeof list)[0],
    (typeof list)[0],
    (typeof list)[0],
    (typeof list)[0],
    (typeof list)[0],
    (typeof list)[0],
  ];
  return { list, github, bank, jira, mail, shop, cloud };
}

async function start() {
  const a = accounts();
  const fake = await renderUnlocked(a.list, []);
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Select' }));
  return { ...a, fake, user };
}

const check = (label: string): HTMLInputElement => screen.getByRole('checkbox', { name: `Select ${label}` });
const ticked = (): string[] =>
  screen
    .queryAllByRole('checkbox', { name: /^Select / })
    .filter((c) => (c as HTMLInputElement).checked)
    .map((c) => (c.getAttribute('aria-label') ?? '').replace(/^Select /, ''));
const count = (): string => document.querySelector('.selection-count')?.textContent ?? '';

/** Goes from the selection bar's Export… through the plain list of links to the save. */
async function exportAsLinks(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  await user.click(screen.getByRole('button', { name: 'Export…' }));
  const dialog = screen.getByRole('dialog', { name: 'Export accounts' });
  await user.click(within(dialog).getByRole('radio', { name: 'List of otpauth:// links (not encrypted)' }));
  await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
  await user.type(within(dialog).getByLabelText('Master password'), MASTER);
  await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
  await flush();
  return dialog;
}

describe('selecting accounts', () => {
  it('“Select” gives each row a checkbox; clicks tick and untick; the count is said politely', async () => {
    const { user } = await start();
    expect(screen.getByRole('button', { name: 'Select' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getAllByRole('checkbox', { name: /^Select / })).toHaveLength(6);
    const status = screen.getByText('No account selected');
    expect(status.getAttribute('aria-live')).toBe('polite');
    await user.click(check('Bank, bob'));
    await user.click(check('Mail, dan'));
    expect(ticked()).toEqual(['Bank, bob', 'Mail, dan']);
    expect(count()).toBe('2 of 6 accounts selected');
    await user.click(check('Bank, bob'));
    expect(ticked()).toEqual(['Mail, dan']);
    expect(document.querySelector('.row-checked')?.textContent).toContain('Mail');
  });

  it('Shift+click ticks the range from the last one ticked', async () => {
    const { user } = await start();
    await user.click(check('Bank, bob'));
    await user.keyboard('{Shift>}');
    await user.click(check('Shop, eve'));
    await user.keyboard('{/Shift}');
    expect(ticked()).toEqual(['Bank, bob', 'Jira, carol', 'Mail, dan', 'Shop, eve']);
    // Backwards too.
    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(count()).toBe('No account selected');
    await user.click(check('Jira, carol'));
    await user.keyboard('{Shift>}');
    await user.click(check('GitHub, alice'));
    await user.keyboard('{/Shift}');
    expect(ticked()).toEqual(['GitHub, alice', 'Bank, bob', 'Jira, carol']);
  });

  it('Space ticks the focused row (Shift+Space a range) instead of copying; ←/→ reach the checkbox', async () => {
    const { fake, user } = await start();
    const [first, second, third] = rowButtons();
    act(() => first?.focus());
    await user.keyboard(' ');
    expect(ticked()).toEqual(['GitHub, alice']);
    act(() => third?.focus());
    await user.keyboard('{Shift>} {/Shift}');
    expect(ticked()).toEqual(['GitHub, alice', 'Bank, bob', 'Jira, carol']);
    act(() => second?.focus());
    await user.keyboard(' ');
    expect(ticked()).toEqual(['GitHub, alice', 'Jira, carol']);
    expect(fake.api.codes.copy).not.toHaveBeenCalled();
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(check('Bank, bob'));
    // The list's help says how.
    expect(document.getElementById('code-list-help')?.textContent).toMatch(/Space selects an account/);
  });

  it('Ctrl/Cmd+A ticks every row shown: choose a tag, then select all of it', async () => {
    const { user } = await start();
    await user.click(
      within(screen.getByRole('group', { name: 'Filter by tags' })).getByRole('button', { name: 'Work' }),
    );
    act(() => rowButtons()[0]?.focus());
    await user.keyboard('{Control>}a{/Control}');
    expect(ticked()).toEqual(['GitHub, alice', 'Jira, carol', 'Cloud, fay']);
    // What is ticked stays ticked when the filter changes; more can be gathered.
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(ticked()).toEqual(['GitHub, alice', 'Jira, carol', 'Cloud, fay']);
    await user.click(
      within(screen.getByRole('group', { name: 'Filter by tags' })).getByRole('button', { name: 'Money' }),
    );
    await user.click(screen.getByRole('button', { name: 'Select all shown' }));
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(count()).toBe('5 of 6 accounts selected');
    // In the search field, Ctrl+A selects its text, not the accounts.
    await user.click(screen.getByRole('button', { name: 'Clear selection' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search accounts' }), 'bank{Control>}a{/Control}');
    expect(ticked()).toEqual([]);
  });

  it('Escape leaves selection mode and forgets the ticks; Done too, giving the focus to Select', async () => {
    const { user } = await start();
    await user.click(check('Bank, bob'));
    await user.keyboard('{Escape}');
    expect(screen.queryAllByRole('checkbox', { name: /^Select / })).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Select' }).getAttribute('aria-pressed')).toBe('false');
    await user.click(screen.getByRole('button', { name: 'Select' }));
    expect(ticked()).toEqual([]);
    await user.click(check('Bank, bob'));
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('group', { name: 'Selected accounts' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Select' }));
  });

  it('Export… is there only once something is ticked', async () => {
    const { user } = await start();
    expect(screen.getByRole('button', { name: 'Export…' }).hasAttribute('disabled')).toBe(true);
    await user.click(check('Bank, bob'));
    expect(screen.getByRole('button', { name: 'Export…' }).hasAttribute('disabled')).toBe(false);
  });

  it('words the count', () => {
    expect(selectionText(0, 12)).toBe('No account selected');
    expect(selectionText(1, 12)).toBe('1 of 12 accounts selected');
    expect(selectionText(1, 1)).toBe('1 of 1 account selected');
  });
});

describe('exporting a selection', () => {
  it('authorises exactly the ticked ids, in the list’s order, and says how many of all', async () => {
    const { fake, user, github, jira, shop } = await start();
    // Ticked out of order: the export follows the list.
    await user.click(check('Shop, eve'));
    await user.click(check('GitHub, alice'));
    await user.click(check('Jira, carol'));
    const dialog = await exportAsLinks(user);
    expect(within(dialog).getByText('Exporting 3 of 6 accounts')).toBeTruthy();
    expect(fake.api.exports.authorize).toHaveBeenCalledExactlyOnceWith(MASTER, [github.id, jira.id, shop.id]);
    await user.click(within(dialog).getByRole('checkbox', { name: 'I understand' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save…' }));
    await flush();
    expect(fake.api.exports.save).toHaveBeenCalledExactlyOnceWith('uri-list');
    // Still selecting afterwards, with the same ticks.
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Done' }));
    await flush();
    expect(ticked()).toEqual(['GitHub, alice', 'Jira, carol', 'Shop, eve']);
  });

  it('leaves out an account deleted since it was ticked', async () => {
    const { fake, user, list, bank, mail } = await start();
    await user.click(check('Bank, bob'));
    await user.click(check('Mail, dan'));
    fake.emitEntries(list.filter((e) => e.id !== bank.id));
    expect(count()).toBe('1 of 5 accounts selected');
    await exportAsLinks(user);
    expect(fake.api.exports.authorize).toHaveBeenCalledExactlyOnceWith(MASTER, [mail.id]);
  });

  it('the top bar’s Export still exports every account (no ids)', async () => {
    const { fake, user } = await start();
    await user.click(check('Bank, bob'));
    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Export' }));
    const dialog = screen.getByRole('dialog', { name: 'Export accounts' });
    expect(within(dialog).queryByText(/^Exporting /)).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await user.type(within(dialog).getByLabelText('Master password'), MASTER);
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    await flush();
    expect(fake.api.exports.authorize).toHaveBeenCalledExactlyOnceWith(MASTER);
  });
});
