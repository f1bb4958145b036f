// SPDX-License-Identifier: GPL-3.0-or-later
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { entry, snapshot } from './fake-api';
import { renderUnlocked, rowNames } from './helpers';

const later = (): number => Date.now() + 20_000;

describe('codes list', () => {
  it('renders issuer, account and the code grouped for reading, per digit count and type', async () => {
    const six = entry({ issuer: 'GitHub', account: 'alice@example.com' });
    const eight = entry({ issuer: 'Bank', account: 'alice', digits: 8 });
    const steam = entry({ issuer: 'Steam', account: 'gabe', type: 'steam', digits: 5 });
    await renderUnlocked(
      [six, eight, steam],
      [
        snapshot(six.id, '123456', later()),
        snapshot(eight.id, '12345678', later()),
        snapshot(steam.id, 'K7Q2X', later()),
      ],
    );
    const list = screen.getByRole('list', { name: 'Accounts' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'GitHub, alice@example.com, code 123 456' }).textContent).toContain(
      '123 456',
    );
    expect(screen.getByRole('button', { name: 'Bank, alice, code 1234 5678' }).textContent).toContain('1234 5678');
    expect(screen.getByRole('button', { name: 'Steam, gabe, code K 7 Q 2 X' }).textContent).toContain('K7Q2X');
  });

  it('puts favourites first, then follows the user order', async () => {
    const a = entry({ issuer: 'Alpha', sortOrder: 3 });
    const b = entry({ issuer: 'Bravo', sortOrder: 1 });
    const c = entry({ issuer: 'Charlie', sortOrder: 2, favourite: true });
    const d = entry({ issuer: 'Delta', sortOrder: 0 });
    await renderUnlocked([a, b, c, d], []);
    expect(rowNames().map((n) => n.split(',')[0])).toEqual(['Charlie', 'Delta', 'Bravo', 'Alpha']);
  });

  it('shows a coloured letter tile that depends on the issuer only', async () => {
    const one = entry({ issuer: 'GitHub', account: 'a' });
    const two = entry({ issuer: 'github', account: 'b' });
    const three = entry({ issuer: 'Dropbox', account: 'c' });
    await renderUnlocked([one, two, three], []);
    const tiles = [...document.querySelectorAll<HTMLElement>('.tile')];
    expect(tiles.map((t) => t.textContent)).toEqual(['G', 'G', 'D']);
    expect(tiles[0]?.style.backgroundColor).toBe(tiles[1]?.style.backgroundColor);
    expect(tiles[0]?.style.backgroundColor).not.toBe(tiles[2]?.style.backgroundColor);
  });

  it('shows the next code when main sends a preview', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    await renderUnlocked([github], [snapshot(github.id, '123456', later(), { next: '654321' })]);
    expect(screen.getByText('next 654 321')).toBeTruthy();
  });

  it('follows entries:changed and codes:update pushes', async () => {
    const github = entry({ issuer: 'GitHub', account: 'alice' });
    const fake = await renderUnlocked([github], [snapshot(github.id, '111111', later())]);
    const gitlab = entry({ issuer: 'GitLab', account: 'bob' });
    fake.emitEntries([github, gitlab]);
    fake.emitCodes([snapshot(github.id, '222222', later()), snapshot(gitlab.id, '333333', later())]);
    expect(rowNames()).toEqual(['GitHub, alice, code 222 222', 'GitLab, bob, code 333 333']);
  });

  it('points to "Add account" when the vault is empty', async () => {
    await renderUnlocked([], []);
    expect(screen.getByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
    const buttons = screen.getAllByRole('button', { name: 'Add account' });
    expect(buttons).toHaveLength(2);
  });

  it('shows HOTP rows without a code until "Next code" is pressed', async () => {
    const hotp = entry({ issuer: 'VPN', account: 'alice', type: 'hotp', period: null, counter: 4 });
    const fake = await renderUnlocked([hotp], []);
    expect(rowNames()).toEqual(['VPN, alice, no code generated yet']);
    screen.getByRole('button', { name: 'Next code for VPN, alice' }).click();
    expect(await screen.findByRole('button', { name: 'VPN, alice, code 755 224' })).toBeTruthy();
    expect(fake.api.codes.nextHotp).toHaveBeenCalledWith(hotp.id);
    expect(document.querySelector('.ring svg')).toBeNull();
  });
});
