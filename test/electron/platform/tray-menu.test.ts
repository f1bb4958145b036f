// SPDX-License-Identifier: GPL-3.0-or-later
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { trayIconPath, trayMenuTemplate, trayTooltip } from '../../../electron/platform/tray-menu';

describe('tray menu', () => {
  it('offers Show, Lock and Quit, each calling its action', () => {
    const actions = { show: vi.fn(), lock: vi.fn(), quit: vi.fn() };
    const template = trayMenuTemplate({ locked: false }, actions);
    expect(template.map((item) => item.label ?? item.type)).toEqual([
      'Show Tessera',
      'Lock',
      'separator',
      'Quit Tessera',
    ]);
    for (const item of template) (item.click as (() => void) | undefined)?.();
    expect(actions.show).toHaveBeenCalledOnce();
    expect(actions.lock).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
  });

  it('greys out Lock while there is nothing to lock', () => {
    const actions = { show: vi.fn(), lock: vi.fn(), quit: vi.fn() };
    expect(trayMenuTemplate({ locked: true }, actions).find((i) => i.id === 'lock')?.enabled).toBe(false);
    expect(trayMenuTemplate({ locked: false }, actions).find((i) => i.id === 'lock')?.enabled).toBe(true);
    expect(trayTooltip({ locked: true })).toMatch(/locked/);
  });

  it('finds the icon under resources when packaged and under build/ in development', () => {
    expect(trayIconPath({ isPackaged: true, resourcesPath: '/opt/Tessera/resources', appPath: '/x' })).toBe(
      path.join('/opt/Tessera/resources', 'tray', 'tray.png'),
    );
    expect(trayIconPath({ isPackaged: false, resourcesPath: '/r', appPath: '/src/tessera' })).toBe(
      path.join('/src/tessera', 'build', 'tray', 'tray.png'),
    );
  });
});
