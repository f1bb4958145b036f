// SPDX-License-Identifier: GPL-3.0-or-later
/** Picks the screen from the vault status main reports; nothing else lives here. */
import type { VaultStatus } from '../electron/domain';
import { FirstRunScreen } from './auth/FirstRunScreen';
import { StartupScreen } from './auth/StartupScreen';
import { UnlockScreen } from './auth/UnlockScreen';
import { UnreadableScreen } from './auth/UnreadableScreen';
import { useClockStatus } from './clock/useClockStatus';
import { CodesScreen } from './codes/CodesScreen';
import { useSettings } from './settings/useSettings';
import { useTheme } from './settings/useTheme';
import { useVaultStatus } from './shared/useVaultStatus';
import { useVaultStore } from './shared/vault-store';

export function App() {
  useVaultStatus();
  useSettings();
  useClockStatus();
  useTheme();
  const status = useVaultStore((s) => s.status);
  const loadError = useVaultStore((s) => s.loadError);
  if (!status) return <StartupScreen error={loadError} />;
  return <Screen status={status} />;
}

function Screen({ status }: { status: VaultStatus }) {
  switch (status.status) {
    case 'absent':
      return <FirstRunScreen path={status.path} />;
    case 'locked':
      return (
        <UnlockScreen
          path={status.path}
          lastLockReason={status.lastLockReason}
          cancelledDeletions={status.cancelledDeletions ?? 0}
        />
      );
    case 'unreadable':
      return <UnreadableScreen status={status} />;
    case 'unlocked':
      return <CodesScreen />;
    default:
      throw missingCase(status);
  }
}

function missingCase(value: never): Error {
  return new Error(`Unhandled vault status: ${JSON.stringify(value)}`);
}
