// SPDX-License-Identifier: GPL-3.0-or-later
/** Per-test isolation for the renderer tests: unmount, real timers, empty stores, no fake API left. */
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { useVaultStore } from '../../renderer/shared/vault-store';
import { resetSessionStores } from '../../renderer/shared/reset';
import { useClockStore } from '../../renderer/clock/clock-store';
import { useQuickUnlockStore } from '../../renderer/shared/quick-unlock-store';
import { setAppClockCorrection } from '../../renderer/clock/app-clock';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  resetSessionStores();
  useVaultStore.setState({ status: null, loadError: null });
  useClockStore.setState({ status: null });
  useQuickUnlockStore.setState({ status: null, loadError: null, lapseSaid: null });
  setAppClockCorrection(null);
  Reflect.deleteProperty(window, 'tessera');
});
