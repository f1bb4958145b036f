// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Composition root of the desktop app: lifecycle, hardening, the app:// protocol, the window and
 * the wiring of IPC to the services. No logic lives here.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import path from 'node:path';
import { VAULT_FILE_NAME } from '../domain';
import type { EventContract } from '../ipc/contract';
import { createDispatch } from '../ipc/dispatch';
import { createHandlers } from '../ipc/handlers';
import { registerIpc, sendEvent } from '../ipc/register';
import { validators } from '../ipc/validators';
import { electronClipboard } from '../platform/clipboard';
import { createElectronDesktopAdapters } from '../platform/desktop-adapters';
import { installPowerLocking, installResumeWatch, systemIdleMs } from '../platform/power';
import { createElectronQuickUnlockPorts } from '../platform/quick-unlock-adapters';
import { startAction } from './window-behaviour';
import { createAppServices, type AppServices } from '../services/app-services';
import { systemClock } from '../services/clock';
import { resolveVaultLocation, vaultOptionFromArgv } from '../services/vault-location';
import { createSntpTimeCheck, timeCheckForbidden } from '../time/time-check';
import { buildCsp } from './csp';
import { installDesktop, type Desktop } from './desktop';
import { installHardening } from './hardening';
import { APP_ORIGIN, APP_SCHEME, serveAppAsset } from './protocol';
import { installSmokeTest, SMOKE_SWITCH } from './smoke';
import { startFailureReport } from './start-failure';
import { createMainWindow } from './window';

/** `npm run smoke`: start, wait for the window's first paint, quit (electron/main/smoke.ts). */
const smokeTest = process.argv.includes(SMOKE_SWITCH);
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
  protocol.handle(APP_SCHEME, (request) => serveAppAsset(request.url, rendererDir, csp, (url) => net.fetch(url)));

  const services = createServices();
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
    createDispatch({ handlers: createHandlers(services), validators, trust: trustedSender, onRefused: logRefusal }),
  );
  installPowerLocking((type) => services.autoLockEvent(type));
  installResumeWatch(() => services.resumed());

  app.on('before-quit', (event) => {
    if (quitting) return;
    // Wipe the vault and clear our code from the clipboard before the process goes away.
    event.preventDefault();
    quitting = true;
    void services.shutdown().finally(() => app.quit());
  });
  app.on('will-quit', () => desktop?.dispose());

  openMainWindow(services, desk);
}

/** The services with Electron's ports; their events go to the window (and the tray follows the vault). */
function createServices(): AppServices {
  const dataFolder = app.getPath('userData');
  // `--vault FILE`, TESSERA_VAULT, this computer's choice (vault-location.json), else the default.
  const location = resolveVaultLocation({
    option: vaultOptionFromArgv(process.argv),
    environment: process.env['TESSERA_VAULT'],
    dataFolder,
    defaultPath: path.join(dataFolder, VAULT_FILE_NAME),
  });
  return createAppServices({
    vaultPath: location.path,
    location,
    dataFolder,
    clipboard: electronClipboard,
    clock: systemClock,
    emit: (channel, payload) => {
      sendEvent(mainWindow?.webContents ?? null, channel, payload);
      if (channel === 'vault:status-changed') desktop?.onStatus(payload as EventContract['vault:status-changed']);
    },
    systemIdleMs,
    desktop: createElectronDesktopAdapters({ getWindow: () => mainWindow }),
    // The keyring and Touch ID; built here, after \`ready\` (start runs then): Linux names its keyring only then.
    quickUnlock: createElectronQuickUnlockPorts(),
    // The one real time check (SNTP); Settings can turn it off, and tests of the built app forbid it.
    ...(timeCheckForbidden(process.env) ? {} : { timeCheck: createSntpTimeCheck() }),
  });
}

/** Who may call over IPC: the main window's own page, from the app's origin (or the dev server's). */
function trustedSender(): { mainWebContentsId: number; allowedOrigins: string[] } | null {
  return mainWindow && !mainWindow.isDestroyed()
    ? {
        mainWebContentsId: mainWindow.webContents.id,
        allowedOrigins: devServerOrigin ? [APP_ORIGIN, devServerOrigin] : [APP_ORIGIN],
      }
    : null;
}

/** Creates the one window, shown or not as the settings and the tray allow. */
function openMainWindow(services: AppServices, desk: Desktop): void {
  mainWindow = createMainWindow({
    preloadPath: path.join(__dirname, '../preload/index.cjs'),
    isPackaged: app.isPackaged,
    ...(devServerUrl ? { devServerUrl } : {}),
    start: startAction({
      startMinimised: services.settings.service.current().startMinimised,
      trayAvailable: desk.trayAvailable,
    }),
    // No renderer, no app: a blank window would only hide the failure.
    onLoadFailed: failStart,
  });
  desk.attachWindow(mainWindow);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  if (smokeTest) {
    installSmokeTest(mainWindow, {
      quit: () => app.quit(),
      exit: (code) => app.exit(code),
      log: (line) => console.log(line),
      setTimer: (fn, ms) => {
        const id = setTimeout(fn, ms);
        return { cancel: () => clearTimeout(id) };
      },
    });
  }
}

/** A start-up step threw: tell the person (a dialog, except in the unattended smoke test) and exit 1. */
function failStart(error: unknown): void {
  const report = startFailureReport(error);
  console.error(report.logLine);
  if (!smokeTest) {
    try {
      dialog.showErrorBox(report.title, report.message);
    } catch {
      // No display to show it on: the log line above is all there is.
    }
  }
  app.exit(1);
}

function main(): void {
  // Must run before `ready`: the sandbox for every renderer, and our scheme as a secure origin.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  if (!app.requestSingleInstanceLock()) {
    // A second launch hands over to the first (which focuses its window) and exits.
    app.quit();
    return;
  }
  app.on('second-instance', focusMainWindow);
  // macOS: clicking the Dock icon brings the (possibly hidden) window back.
  app.on('activate', focusMainWindow);
  app.on('window-all-closed', () => app.quit());
  // One catch for every step: whenReady, and each step of start (a throw there used to leave the
  // app running with no window, as an unhandled rejection).
  app.whenReady().then(start).catch(failStart);
}

try {
  main();
} catch (error) {
  failStart(error);
}
