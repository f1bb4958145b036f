// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where the vault lives. The desktop app keeps it in Electron's `userData` folder
 * (`app.getPath('userData')` = appData + product name); the CLI cannot ask Electron, so it computes
 * the same folder here, as a pure function of the platform, environment and home folder.
 *
 * @see https://www.electronjs.org/docs/latest/api/app#appgetpathname
 */
import path from 'node:path';
import { SETTINGS_FILE_NAME, VAULT_FILE_NAME } from '../domain';
import { resolveVaultLocation, type ResolvedVaultLocation } from '../services/vault-location';

/** Product name = Electron's app name = the data folder's name (package.json `productName`). */
export const APP_FOLDER_NAME = 'Tessera';

/** Environment variable that points the CLI at another vault file. */
export const VAULT_ENV = 'TESSERA_VAULT';

export interface PathContext {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homedir: string;
}

/**
 * The desktop app's data folder, as Electron computes `userData`:
 * Linux and other Unix `$XDG_CONFIG_HOME/Tessera` or `~/.config/Tessera`; macOS
 * `~/Library/Application Support/Tessera`; Windows `%APPDATA%\Tessera` (or `~\AppData\Roaming`).
 */
export function appDataFolder(ctx: PathContext): string {
  switch (ctx.platform) {
    case 'win32': {
      const appData = nonEmpty(ctx.env.APPDATA) ?? path.win32.join(ctx.homedir, 'AppData', 'Roaming');
      return path.win32.join(appData, APP_FOLDER_NAME);
    }
    case 'darwin':
      return path.posix.join(ctx.homedir, 'Library', 'Application Support', APP_FOLDER_NAME);
    default: {
      // Like Chromium's GetXDGDirectory: any non-empty value is used as is.
      const config = nonEmpty(ctx.env.XDG_CONFIG_HOME) ?? path.posix.join(ctx.homedir, '.config');
      return path.posix.join(config, APP_FOLDER_NAME);
    }
  }
}

/** The default vault file: `<app data folder>/vault.tessera`. */
export function defaultVaultPath(ctx: PathContext): string {
  const join = ctx.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataFolder(ctx), VAULT_FILE_NAME);
}

/**
 * The desktop app's settings on this computer: `<app data folder>/settings.json`. The CLI reads the
 * clock settings there, never beside a `--vault` file (which may sit on a drive synced to other
 * computers, whose clocks are off by other amounts).
 */
export function appSettingsPath(ctx: PathContext): string {
  const join = ctx.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataFolder(ctx), SETTINGS_FILE_NAME);
}

/**
 * The vault the CLI works on, as the desktop app finds it (electron/services/vault-location.ts):
 * `--vault FILE`, else `$TESSERA_VAULT`, else the file this computer's app was told to use
 * (vault-location.json in its data folder, written when the vault was moved), else the default.
 */
export function resolveCliVaultLocation(
  flag: string | undefined,
  ctx: PathContext,
  cwd: string,
): ResolvedVaultLocation {
  return resolveVaultLocation({
    option: flag,
    environment: ctx.env[VAULT_ENV],
    dataFolder: appDataFolder(ctx),
    defaultPath: defaultVaultPath(ctx),
    cwd,
  });
}

/** The path of `resolveCliVaultLocation`. */
export function resolveVaultPath(flag: string | undefined, ctx: PathContext, cwd: string): string {
  return resolveCliVaultLocation(flag, ctx, cwd).path;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
