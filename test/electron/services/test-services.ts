// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The app's services as the service tests build them: a vault file in a temp folder, a fake clock,
 * a memory clipboard, the fast fake KDF at the floor, no file watching, and the desktop ports given
 * (default none).
 */
import type { Clock } from '../../../electron/domain';
import type { BundledIcons } from '../../../electron/icons/bundled';
import { NO_BUNDLED_ICONS } from '../../../electron/icons/resolver';
import { createAppServices, type AppServices, type Emit } from '../../../electron/services/app-services';
import { NO_DESKTOP, type DesktopPorts } from '../../../electron/services/desktop-ports';
import type { QuickUnlockPorts } from '../../../electron/services/quick-unlock-ports';
import type { WatchFolder } from '../../../electron/services/vault-sync';
import { KDF_FLOOR } from '../../../electron/vault';
import { MemoryClipboard } from '../../helpers/memory-clipboard';
import { fakeKdf } from '../export/arbitraries';

export interface TestServicesOptions {
  readonly vaultPath: string;
  readonly clock: Clock;
  readonly emit: Emit;
  readonly desktop?: DesktopPorts;
  readonly quickUnlock?: QuickUnlockPorts;
  /** This computer's app data folder; default the vault's folder. */
  readonly dataFolder?: string;
  /** The bundled issuer icons; default none, so `shownIcon` does not depend on whether a build ran. */
  readonly bundledIcons?: BundledIcons;
  /** How the vault's folder is watched for conflict copies; default not at all. */
  readonly watchFolder?: WatchFolder;
}

export function testServices({
  vaultPath,
  clock,
  emit,
  desktop = NO_DESKTOP,
  quickUnlock,
  dataFolder,
  bundledIcons = NO_BUNDLED_ICONS,
  watchFolder = () => () => undefined,
}: TestServicesOptions): AppServices {
  return createAppServices({
    vaultPath,
    ...(quickUnlock ? { quickUnlock } : {}),
    ...(dataFolder ? { dataFolder } : {}),
    clipboard: new MemoryClipboard(),
    clock,
    emit,
    kdf: fakeKdf,
    kdfParams: KDF_FLOOR,
    watchFile: () => () => undefined,
    watchFolder,
    desktop,
    bundledIcons,
  });
}
