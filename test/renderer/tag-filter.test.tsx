// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The tag filter above the list: one toggle button per tag in use; several chosen keep the accounts
 * carrying all of them (AND); Clear lets them go; the count is said; search matches tags too.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { filterText } from '../../renderer/codes/TagFilter';
import { entry } from './fake-api';
import { renderUnlocked, rowNames } from './helpers';

const names = (): string[] => rowNames().map((n) => n.split(',')[0] ?? '');
const filter = (): HTMLElement => screen.getByRole('group', { name: 'Filter by tags' });
const chip = (name: string): HTMLElement => within(filter()).getByRole('button', { name });

function accounts() {
  return [
    entry({ issuer: 'GitHub', tags: ['Work', 'Code'], sortOrder: 0 }),
    entry({ issuer: 'Bank', tags: ['Money'], sortOrder: 1 }),
    entry({ issuer: 'Jira', tags: ['Work'], sortOrder: 2 }),
    entry({ issuer: 'GitLab', tags: ['code', 'Home'], sortOrder: 3 }),
    entry({ issuer: 'Mail', sortOrder: 4 }),
  ];
}

describe('tag filter', () => {
  it('offers each tag in use once, sorted, as toggle buttons', async () => {
    await renderUnlocked(accounts(), []);
    const chips = within(filter()).getAllByRole('button');
    // "code" on GitLab is the same tag as GitHub's "Code": one chip, the first spelling.
    expect(chips.map((c) => c.textContent)).toEqual(['Code', 'Home', 'Money', 'Work']);
    expect(chips.map((c) => c.getAttribute('aria-pressed'))).toEqual(['false', 'false', 'false', 'false']);
    expect(screen.queryByRole('button', { name: 'Clear' })).toBeNull();
  });

  it('keeps the accounts with ALL the chosen tags, says how many, and Clear lets them go', async () => {
    await renderUnlocked(accounts(), []);
    const user = userEvent.setup();
    await user.click(chip('Work'));
    expect(chip('Work').getAttribute('aria-pressed')).toBe('true');
    expect(names()).toEqual(['GitHub', 'Jira']);
    // Said politely as it changes.
    expect(screen.getByText('2 accounts tagged Work').getAttribute('aria-live')).toBe('polite');

    await user.click(chip('Code'));
    expect(names()).toEqual(['GitHub']);
    expect(screen.getByText('1 account tagged Code and Work')).toBeTruthy();

    await user.click(chip('Money'));
    expect(names()).toEqual([]);
    expect(screen.getByText('No account is tagged Code, Money and Work')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'No matches' })).toBeTruthy();
    expect(screen.getByText('No account has all the chosen tags.')).toBeTruthy();

    // A second press lets a tag go.
    await user.click(chip('Money'));
    expect(chip('Money').getAttribute('aria-pressed')).toBe('false');
    expect(names()).toEqual(['GitHub']);

    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(
      within(filter())
        .getAllByRole('button')
        .every((c) => c.getAttribute('aria-pressed') === 'false'),
    ).toBe(true);
    expect(names()).toEqual(['GitHub', 'Bank', 'Jira', 'GitLab', 'Mail']);
  });

  it('combines with the search, which matches tags too', async () => {
    await renderUnlocked(accounts(), []);
    const user = userEvent.setup();
    const search = screen.getByRole('searchbox', { name: 'Search accounts' });
    await user.type(search, 'home');
    expect(names()).toEqual(['GitLab']);
    await user.clear(search);
    await user.click(chip('Code'));
    await user.type(search, 'lab');
    expect(names()).toEqual(['GitLab']);
    expect(screen.getByText('1 account tagged Code')).toBeTruthy();
  });

  it('offers Clear tags when the chosen tags leave nothing', async () => {
    await renderUnlocked(accounts(), []);
    const user = userEvent.setup();
    await user.click(chip('Money'));
    await user.click(chip('Home'));
    await user.click(screen.getByRole('button', { name: 'Clear tags' }));
    expect(names()).toHaveLength(5);
  });

  it('is absent without tags, and lets go a tag no account carries any more', async () => {
    const work = entry({ issuer: 'GitHub', tags: ['Work'], sortOrder: 0 });
    const other = entry({ issuer: 'Mail', sortOrder: 1 });
    const fake = await renderUnlocked([work, other], []);
    const user = userEvent.setup();
    await user.click(chip('Work'));
    expect(names()).toEqual(['GitHub']);
    fake.emitEntries([{ ...work, tags: [] }, other]);
    expect(screen.queryByRole('group', { name: 'Filter by tags' })).toBeNull();
    expect(names()).toEqual(['GitHub', 'Mail']);
  });

  it('words the count', () => {
    expect(filterText(3, ['Work'])).toBe('3 accounts tagged Work');
    expect(filterText(1, ['Work', 'Home'])).toBe('1 account tagged Work and Home');
    expect(filterText(0, ['A', 'B', 'C'])).toBe('No account is tagged A, B and C');
  });
});
