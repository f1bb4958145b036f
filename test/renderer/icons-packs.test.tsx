// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings › Icon packs: the packs on this computer (name, version, icon count), "Import icon pack…"
 * (cancelled: nothing; imported: listed and said; refused: main's sentence with Details) and
 * "Remove" for each (the focus then goes to "Import icon pack…").
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { IconPackInfo } from '../../electron/domain';
import { iconCountText, packFactsText } from '../../renderer/settings/SettingsIconPacks';
import { entry, fail, ok, type FakeState } from './fake-api';
import { flush, renderUnlocked } from './helpers';

const SIMPLE: IconPackInfo = {
  id: '6b1d0c55-2f0e-4c4e-9d7e-8d1f5a3b9c21',
  name: 'Aegis Simple Icons',
  version: 3,
  icons: 1234,
};
const DASHBOARD: IconPackInfo = {
  id: '0f0e2c11-7a55-4d1e-8c3b-2e5d9a8b7c61',
  name: 'Dashboard Icons',
  version: 1,
  icons: 1,
};

async function openPacks(state: Partial<FakeState> = {}) {
  const fake = await renderUnlocked([entry({ issuer: 'GitHub', account: 'alice' })], [], { state });
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Settings' }));
  await flush();
  const dialog = screen.getByRole('dialog', { name: 'Settings' });
  const section = within(dialog).getByRole('region', { name: 'Icon packs' });
  return { fake, user, section };
}

const packLines = (section: HTMLElement): string[] =>
  within(section)
    .queryAllByRole('listitem')
    .map((li) => li.querySelector('.icon-pack-text')?.textContent ?? '');

describe('settings: icon packs', () => {
  it('lists the packs with their version and icon count', async () => {
    const { fake, section } = await openPacks({ iconPacks: [SIMPLE, DASHBOARD] });
    expect(fake.api.icons.packs).toHaveBeenCalledTimes(1);
    expect(packLines(section)).toEqual([
      'Aegis Simple Iconsversion 3 · 1,234 icons',
      'Dashboard Iconsversion 1 · 1 icon',
    ]);
    expect(within(section).getByRole('button', { name: 'Remove Aegis Simple Icons' })).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Remove Dashboard Icons' })).toBeTruthy();
  });

  it('says when there is none', async () => {
    const { section } = await openPacks();
    expect(within(section).getByText('No icon packs yet.')).toBeTruthy();
    expect(within(section).queryByRole('list')).toBeNull();
  });

  it('imports a pack: listed, and said', async () => {
    const { fake, user, section } = await openPacks({ packImport: ok(SIMPLE) });
    await user.click(within(section).getByRole('button', { name: 'Import icon pack…' }));
    await flush();
    expect(fake.api.icons.importPack).toHaveBeenCalledTimes(1);
    expect(packLines(section)).toEqual(['Aegis Simple Iconsversion 3 · 1,234 icons']);
    expect(within(section).getByRole('status').textContent).toBe(
      'Imported the icon pack “Aegis Simple Icons” (1,234 icons).',
    );
  });

  it('a cancelled import changes nothing', async () => {
    const { fake, user, section } = await openPacks({ iconPacks: [DASHBOARD], packImport: ok(null) });
    await user.click(within(section).getByRole('button', { name: 'Import icon pack…' }));
    await flush();
    expect(fake.api.icons.importPack).toHaveBeenCalledTimes(1);
    expect(packLines(section)).toEqual(['Dashboard Iconsversion 1 · 1 icon']);
    expect(within(section).getByRole('status').textContent).toBe('');
    expect(within(section).queryByRole('alert')).toBeNull();
  });

  it('a refused import says main’s sentence, with Details', async () => {
    const refusal = fail({
      code: 'invalid-entry',
      message: 'This file is not an Aegis icon pack: it has no pack.json. Choose the ZIP file of an icon pack.',
      details: 'pack.json: missing',
    });
    const { user, section } = await openPacks({ packImport: refusal });
    await user.click(within(section).getByRole('button', { name: 'Import icon pack…' }));
    await flush();
    const alert = within(section).getByRole('alert');
    expect(alert.textContent).toContain('This file is not an Aegis icon pack');
    expect(within(alert).getByText('Details')).toBeTruthy();
    expect(within(alert).getByText('pack.json: missing')).toBeTruthy();
    expect(packLines(section)).toEqual([]);
  });

  it('removes a pack, says so and puts the focus on "Import icon pack…"', async () => {
    const { fake, user, section } = await openPacks({ iconPacks: [SIMPLE, DASHBOARD] });
    await user.click(within(section).getByRole('button', { name: 'Remove Aegis Simple Icons' }));
    await flush();
    expect(fake.api.icons.removePack).toHaveBeenCalledWith(SIMPLE.id);
    expect(packLines(section)).toEqual(['Dashboard Iconsversion 1 · 1 icon']);
    expect(within(section).getByRole('status').textContent).toBe('Removed the icon pack “Aegis Simple Icons”.');
    expect(document.activeElement).toBe(within(section).getByRole('button', { name: 'Import icon pack…' }));
  });

  it('a refused removal keeps the list and says why', async () => {
    const { fake, user, section } = await openPacks({ iconPacks: [SIMPLE] });
    vi.mocked(fake.api.icons.removePack).mockResolvedValueOnce(
      fail({ code: 'internal', message: 'The icon pack could not be removed. Try again.', details: 'EBUSY' }),
    );
    await user.click(within(section).getByRole('button', { name: 'Remove Aegis Simple Icons' }));
    await flush();
    expect(within(section).getByRole('alert').textContent).toContain('The icon pack could not be removed. Try again.');
    expect(packLines(section)).toEqual(['Aegis Simple Iconsversion 3 · 1,234 icons']);
  });

  it('words the counts', () => {
    expect(iconCountText(0)).toBe('0 icons');
    expect(iconCountText(1)).toBe('1 icon');
    expect(iconCountText(20000)).toBe('20,000 icons');
    expect(packFactsText(DASHBOARD)).toBe('version 1 · 1 icon');
  });
});
