// SPDX-License-Identifier: GPL-3.0-or-later
/** Picks the screen from the vault status main reports; nothing else lives here. */
import type { VaultStatus } from '../electron/domain';
import { useFirstRunStore } from './auth/first-run-store';
import { FirstRunScreen } from './auth/FirstRunScreen';
import { StartupScreen } from './auth/StartupScreen';
import { UnlockScreen } from './auth/UnlockScreen';
import { UnreadableScreen } from './auth/UnreadableScreen';
import { useClockStatus } from './clock/useClockStatus';
import { useConflictCopies } from './codes/conflict-copies';
import { CodesScreen } from './codes/CodesScreen';
import { useSettings } from './settings/useSettings';
import { useTheme } from './settings/useTheme';
import { useQuickUnlockStatus } from './shared/useQuickUnlockStatus';
import { useVaultStatus } from './shared/useVaultStatus';
import { useVaultStore } from './shared/vault-store';

export function App() {
  useVaultStatus();
  useSettings();
  useClockStatus();
  useQuickUnlockStatus();
  useConflictCopies();
  useTheme();
  const status = useVaultStore((s) => s.status);
  const loadError = useVaultStore((s) => s.loadError);
  const firstRun = useFirstRunStore((s) => s.offering);
  if (!status) return <StartupScreen error={loadError} />;
  return <Screen status={status} firstRun={firstRun} />;
}

/**
 * The screen for the status. The first run stays on screen after its vault is open, until its
 * recovery-key offer is done: the same component at the same place, so its state survives the
 * status change.
 */
function Screen({ status, firstRun }: { status: VaultStatus; firstRun: boolean }) {
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
      return firstRun ? <FirstRunScreen path={status.path} /> : <CodesScreen />;
    default:
      throw missingCase(status);
  }
}

function missingCase(value: never): Error {
  return new Error(`Unhandled vault status: ${JSON.stringify(value)}`);
}
