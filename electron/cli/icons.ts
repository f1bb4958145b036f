// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The icon each account shows, for `tessera list --json` (`"icon"`): resolved exactly as the desktop
 * app resolves it (electron/icons resolver.ts), from the entry's choice, this computer's icon packs
 * (in the app data folder the CLI shares with the app) and the bundled set. Built only when a
 * command needs it. Without the bundled icon files (a build that lacks them) icons resolve from the
 * choice and the packs alone, rather than failing the command.
 */
import { bundledIcons } from '../icons/bundled';
import { createPackStore, iconPacksPathIn } from '../icons/pack-store';
import { createIconResolver, lazyBundledIcons, type IconResolver } from '../icons/resolver';
import { appDataFolder, type PathContext } from './paths';

/** The resolver over the bundled set and this computer's packs (`icon-packs` in the app data folder). */
export function cliIconResolver(ctx: PathContext): IconResolver {
  return createIconResolver({
    bundled: lazyBundledIcons(bundledIcons),
    packs: createPackStore({ folder: iconPacksPathIn(appDataFolder(ctx)) }),
  });
}
