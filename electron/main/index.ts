// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Composition root of the desktop app: lifecycle, hardening, the app:// protocol, the window and
 * the wiring of IPC to the services. No logic lives here.
 */
import { app, BrowserWindow, ipcMain, net, protocol, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventContract } from '../ipc/contract';
import { createDispatch } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers';
import { registerIpc, sendEvent } from '../ipc/register';
import { validators } from '../ipc/validators';
import { electronClipboard } from '../platform/clipboard';
import { createElectronDesktopPorts } from '../platform/desktop-ports';
import { installPowerLocking, systemIdleMs } from '../platform/power';
import { startAction } from '../platform/window-behaviour';
import { createAppServices } from '../services/app-services';
import { systemClock } from '../services/clock';
import { VAULT_FILE_NAME } from '../cli/paths';
import { buildCsp } from './csp';
import { installDesktop, type Desktop } from './desktop';
import { installHardening } from './hardening';
import { APP_ORIGIN, APP_SCHEME, resolveAppAsset } from './protocol';
import { createMainWindow } from './window';

// Must run before `ready`: the sandbox for every renderer, and our scheme as a secure origin.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;

let mainWindow: BrowserWindow | null = null;
let desktop: Desktop | null = null;
/** Set by before-quit: closing the window must quit then, not hide to the tray. */
let quitting = false;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function logRefusal(channel: string, reason: string): void {
  // Channel and reason only: payloads may hold a password.
  console.warn(`[ipc] refused ${channel}: ${reason}`);
}

async function start(): Promise<void> {
  const csp = buildCsp(devServerOrigin ? { devServerOrigin } : {});
  installHardening(app, session.defaultSession, devServerOrigin);

  const rendererDir = path.join(__dirname, '../renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = resolveAppAsset(request.url, rendererDir, csp);
    if (asset.status !== 200) return new Response(null, { status: asset.status, headers: asset.headers });
    const file = await net.fetch(pathToFileURL(asset.filePath).toString());
    return new Response(file.body, { status: file.status, headers: asset.headers });
  });

  const services = createAppServices({
    vaultPath: path.join(app.getPath('userData'), VAULT_FILE_NAME),
    clipboard: electronClipboard,
    clock: systemClock,
    emit: (channel, payload) => {
      sendEvent(mainWindow?.webContents ?? null, channel, payload);
      if (channel === 'vault:status-changed') desktop?.onStatus(payload as EventContract['vault:status-changed']);
    },
    systemIdleMs,
    desktop: createElectronDesktopPorts({ getWindow: () => mainWindow }),
  });
  const desk = installDesktop({
    services,
    showWindow: focusMainWindow,
    showSearch: () => {
      focusMainWindow();
      sendEvent(mainWindow?.webContents ?? null, 'app:focus-search', null);
    },
    isQuitting: () => quitting,
  });
  desktop = desk;
  void services.vault.status().then(desk.onStatus, () => undefined);

  registerIpc(
    ipcMain,
    createDispatch({
      handlers: createHandlers(services),
      validators,
      trust: () =>
        mainWindow && !mainWindow.isDestroyed()
          ? {
              mainWebContentsId: mainWindow.webContents.id,
              allowedOrigins: devServerOrigin ? [APP_ORIGIN, devServerOrigin] : [APP_ORIGIN],
            }
          : null,
      onRefused: logRefusal,
    }),
  );
  installPowerLocking((type) => services.autoLockEvent(type));

  app.on('before-quit', (event) => {
    if (quitting) return;
    // Wipe the vault and clear our code from the clipboard before the process goes away.
    event.preventDefault();
    quitting = true;
    void services.shutdown().finally(() => app.quit());
  });
  app.on('will-quit', () => desktop?.dispose());

  mainWindow = createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.cjs'),
    isPackaged: app.isPackaged,
    ...(devServerUrl ? { devServerUrl } : {}),
    start: startAction({
      startMinimised: services.settings.service.current().startMinimised,
      trayAvailable: desk.trayAvailable,
    }),
  });
  desk.attachWindow(mainWindow);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  // A second launch hands over to the first (which focuses its window) and exits.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  // macOS: clicking the Dock icon brings the (possibly hidden) window back.
  app.on('activate', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => {
    console.error('[main] failed to start', error instanceof Error ? error.name : typeof error);
    app.exit(1);
  });
}
