// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The settings' sections, top to bottom: the id of each heading and its title. The section list at
 * the top of the dialog and the headings are both made from this, so a link always names and finds
 * its heading.
 */

export const SETTINGS_SECTIONS = {
  security: { id: 'settings-security', title: 'Security' },
  appearance: { id: 'settings-appearance', title: 'Appearance' },
  desktop: { id: 'settings-desktop', title: 'Desktop' },
  clock: { id: 'settings-clock', title: 'Clock' },
  password: { id: 'settings-password', title: 'Master password' },
  recovery: { id: 'settings-recovery', title: 'Recovery key' },
  quickUnlock: { id: 'settings-quick-unlock', title: 'Quick unlock' },
  backups: { id: 'settings-backups', title: 'Backups and export' },
  icons: { id: 'settings-icons', title: 'Icon packs' },
  vaultFile: { id: 'settings-vault-file', title: 'Vault file' },
  vault: { id: 'settings-vault', title: 'About this vault' },
} as const;

export type SettingsSectionKey = keyof typeof SETTINGS_SECTIONS;

/** The sections in the order the dialog shows them. */
export const SETTINGS_SECTION_ORDER: readonly SettingsSectionKey[] = [
  'security',
  'appearance',
  'desktop',
  'clock',
  'password',
  'recovery',
  'quickUnlock',
  'backups',
  'icons',
  'vaultFile',
  'vault',
];
