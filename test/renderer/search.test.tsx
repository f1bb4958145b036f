// SPDX-License-Identifier: GPL-3.0-or-later
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { entry, snapshot } from './fake-api';
import { renderUnlocked, rowNames } from './helpers';

const later = (): number => Date.now() + 20_000;

function fixture() {
  const github = entry({ issuer: 'GitHub', account: 'alice@example.com', sortOrder: 0 });
  const gitlab = entry({ issuer: 'GitLab', account: 'alice', tags: ['Work', 'Code review'], sortOrder: 1 });
  const bank = entry({ issuer: 'Bank', account: 'a.smith', notes: 'savings login', sortOrder: 2 });
  const entries = [github, gitlab, bank];
  const codes = [
    snapshot(github.id, '111111', later()),
    snapshot(gitlab.id, '222222', later()),
    snapshot(bank.id, '333333', later()),
  ];
  return { github, gitlab, bank, entries, codes };
}

const search = (): HTMLInputElement => screen.getByRole('searchbox', { name: 'Search accounts' });
const issuers = (): string[] => rowNames().map((n) => n.split(',')[0] ?? '');

describe('search and keyboard', () => {
  it('filters as you type over issuer, account, tags and notes', async () => {
    const { entries, codes } = fixture();
    await renderUnlocked(entries, codes);
    const user = userEvent.setup();
    await user.type(search(), 'git');
    expect(issuers()).toEqual(['GitHub', 'GitLab']);
    await user.clear(search());
    await user.type(search(), 'work');
    expect(issuers()).toEqual(['GitLab']);
    await user.clear(search());
    await user.type(search(), 'review');
    expect(issuers()).toEqual(['GitLab']);
    await user.clear(search());
    await user.type(search(), 'SAVINGS');
    expect(issuers()).toEqual(['Bank']);
    await user.clear(search());
    await user.type(search(), 'a.smith');
    expect(issuers()).toEqual(['Bank']);
    await user.clear(search());
    await user.type(search(), 'alice lab');
    expect(issuers()).toEqual(['GitLab']);
    await user.clear(search());
    await user.type(search(), 'nothing like it');
    expect(screen.getByRole('heading', { name: 'No matches' })).toBeTruthy();
  });

  it('moves the selection with the arrows and copies the selected code with Enter', async () => {
    const { entries, codes, gitlab, bank } = fixture();
    const fake = await renderUnlocked(entries, codes);
    const user = userEvent.setup();
    await user.click(search());
    const selected = (): string | null =>
      document.querySelector('.row-selected .row-main')?.getAttribute('aria-label') ?? null;
    expect(selected()).toMatch(/^GitHub/);
    await user.keyboard('{ArrowDown}');
    expect(selected()).toMatch(/^GitLab/);
    expect(search().getAttribute('aria-activedescendant')).toBe(`code-row-${gitlab.id}`);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(selected()).toMatch(/^Bank/);
    await user.keyboard('{Enter}');
    expect(fake.api.codes.copy).toHaveBeenCalledWith(bank.id);
    expect(document.activeElement).toBe(search());
  });

  it('copies the first match when Enter is pressed after typing', async () => {
    const { entries, codes, gitlab } = fixture();
    const fake = await renderUnlocked(entries, codes);
    const user = userEvent.setup();
    await user.type(search(), 'lab{Enter}');
    expect(fake.api.codes.copy).toHaveBeenCalledExactlyOnceWith(gitlab.id);
  });

  it('clears the search with Esc', async () => {
    const { entries, codes } = fixture();
    await renderUnlocked(entries, codes);
    const user = userEvent.setup();
    await user.type(search(), 'bank');
    expect(issuers()).toEqual(['Bank']);
    await user.keyboard('{Escape}');
    expect(search().value).toBe('');
    expect(issuers()).toEqual(['GitHub', 'GitLab', 'Bank']);
  });

  it('focuses search with Ctrl+F and Cmd+F, and locks with Ctrl+L', async () => {
    const { entries, codes } = fixture();
    const fake = await renderUnlocked(entries, codes);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^GitLab/ }));
    expect(document.activeElement).not.toBe(search());
    await user.keyboard('{Control>}f{/Control}');
    expect(document.activeElement).toBe(search());
    await user.click(screen.getByRole('button', { name: /^GitLab/ }));
    await user.keyboard('{Meta>}f{/Meta}');
    expect(document.activeElement).toBe(search());
    await user.keyboard('{Control>}l{/Control}');
    expect(fake.api.vault.lock).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('heading', { name: 'Unlock Tessera' })).toBeTruthy();
  });

  it('moves focus between rows with the arrow keys, and Enter on a row copies it', async () => {
    const { entries, codes, gitlab } = fixture();
    const fake = await renderUnlocked(entries, codes);
    const user = userEvent.setup();
    screen.getByRole('button', { name: /^GitHub/ }).focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^GitLab/);
    await user.keyboard('{Enter}');
    expect(fake.api.codes.copy).toHaveBeenCalledWith(gitlab.id);
    await user.keyboard('{End}');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(/^Bank/);
  });
});

describe('after unlocking', () => {
  it('puts the focus in search, so typing and Enter copy at once', async () => {
    const { entries, codes, bank } = fixture();
    const fake = await renderUnlocked(entries, codes);
    expect(document.activeElement).toBe(search());
    await userEvent.setup().keyboard('bank{Enter}');
    expect(fake.api.codes.copy).toHaveBeenCalledExactlyOnceWith(bank.id);
  });
});
