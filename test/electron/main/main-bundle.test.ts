// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The composition root as it ships: the built out/main/index.js, run under Node with a recording
 * double of Electron (electron-double.ts). What the real binary would do is checked where it can
 * be (test/electron-app/); this proves, on every machine, that the bundle starts, hardens the
 * window and the session, serves the renderer, registers every IPC channel once behind the sender
 * check, follows the settings for the tray and the shortcut, locks and clears on quit, and reports
 * a broken start instead of hanging without a window.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../../electron/ipc/contract';
import { buildCsp } from '../../../electron/main/csp';
import { SMOKE_FAILED, SMOKE_PASSED, SMOKE_SWITCH } from '../../../electron/main/smoke';
import { START_FAILED_TITLE } from '../../../electron/main/start-failure';
import { createElectronDouble, doubleEvent } from './electron-double';
import { loadMainBundle, OUT, ROOT, type LoadedMain, type LoadOptions } from './load-main-bundle';

const PASSWORD = 'correct horse battery staple';
const TOTP_URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

let loaded: LoadedMain[] = [];
function load(options: LoadOptions = {}): LoadedMain {
  const main = loadMainBundle(options);
  loaded.push(main);
  return main;
}
afterEach(async () => {
  for (const main of loaded) await main.dispose();
  loaded = [];
});

/** Loads and starts the app; returns it with its one window. */
async function started(options: LoadOptions = {}) {
  const main = load(options);
  await main.ready();
  return { main, win: main.window(), e: main.electron };
}

describe('the double', () => {
  it('throws, naming the member, when the app reads an Electron API it does not implement', () => {
    const e = createElectronDouble({ userData: '/nonexistent', appPath: ROOT });
    const electron = e.module as Record<string, Record<string, unknown>>;
    expect(() => electron['shell']).toThrow('electron double: electron.shell is not implemented');
    expect(() => electron['app']!['setLoginItemSettings']).toThrow('app.setLoginItemSettings is not implemented');
  });
});

describe('before Electron is ready', () => {
  it('enables the sandbox for every renderer, makes app:// a secure standard scheme and creates no window', () => {
    const { electron: e } = load();
    expect(e.app.sandboxEnabled).toBe(true);
    expect(e.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(e.log.indexOf('app.enableSandbox')).toBeLessThan(e.log.indexOf('app.whenReady'));
    expect(e.windows).toHaveLength(0);
    expect(e.ipcHandlers.size).toBe(0);
  });

  it('a second launch hands over to the first and quits without a window', async () => {
    const main = load({ singleInstance: false });
    await main.ready();
    expect(main.electron.log).toContain('app.quit');
    expect(main.electron.log).not.toContain('app.whenReady');
    expect(main.electron.windows).toHaveLength(0);
  });
});

describe('the window', () => {
  it('is one window, created with every hardening option and a preload that exists', async () => {
    const { win } = await started();
    const prefs = win.options.webPreferences ?? {};
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    });
    expect(prefs.preload).toBe(path.join(OUT, 'preload', 'index.cjs'));
    expect(existsSync(prefs.preload ?? '')).toBe(true);
    expect(win.options.show).toBe(false);
    expect(win.contentProtected).toBe(true);
    expect(win.url).toBe('app://bundle/index.html');
  });

  it('is shown at its first paint, and a second launch restores and focuses it', async () => {
    const { main, win, e } = await started();
    expect(win.visible).toBe(false);
    win.events.emit('ready-to-show');
    expect(win.visible).toBe(true);

    win.minimize();
    e.log.length = 0;
    e.app.events.emit('second-instance', doubleEvent(), [], ROOT, {});
    expect(e.log).toEqual(['window.restore', 'window.show', 'window.focus']);
    expect(win.minimised).toBe(false);
    await main.settle();
  });

  it('refuses navigation, redirects, webviews and new windows', async () => {
    const { win } = await started();
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = doubleEvent();
      win.webContents.events.emit(event, e, 'https://example.com/');
      expect(e.defaultPrevented, event).toBe(true);
    }
    const open = win.webContents.windowOpenHandler;
    expect(open?.({ url: 'https://example.com/' } as Parameters<NonNullable<typeof open>>[0])).toEqual({
      action: 'deny',
    });
  });
});

describe('the session', () => {
  it('denies every permission and cancels every request outside the bundle', async () => {
    const { e } = await started();
    const h = e.session.handlers;
    const answers: boolean[] = [];
    h.permissionRequest?.({} as never, 'media', (granted) => answers.push(granted), {} as never);
    expect(answers).toEqual([false]);
    expect(h.permissionCheck?.(null, 'clipboard-read', 'app://bundle', {} as never)).toBe(false);
    expect(h.devicePermission?.({} as never)).toBe(false);

    const cancelled = (url: string): boolean | undefined => {
      let cancel: boolean | undefined;
      h.beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancelled('https://example.com/')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('app://bundle.evil/index.html')).toBe(true);
    expect(cancelled('app://bundle/assets/index.js')).toBe(false);
  });
});

describe('the app:// protocol', () => {
  it('serves the built index.html with the production CSP and no-sniff', async () => {
    const { e } = await started();
    const handler = e.protocolHandlers.get('app');
    expect(handler).toBeDefined();
    const res = await handler!(new Request('app://bundle/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(buildCsp());
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe(readFileSync(path.join(OUT, 'renderer', 'index.html'), 'utf8'));
  });

  it('refuses a path that escapes the renderer folder, and any other host', async () => {
    const { e } = await started();
    const handler = e.protocolHandlers.get('app')!;
    for (const url of [
      'app://bundle/..%2fmain%2findex.js',
      'app://bundle/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://bundle/assets/..%2f..%2f..%2fpackage.json',
      'app://other/index.html',
    ]) {
      const res = await handler(new Request(url));
      expect(res.status, url).toBe(403);
      expect(await res.text(), url).toBe('');
    }
  });

  it('answers 404 for a file the bundle lacks, including dot segments the URL parser folds inside it', async () => {
    const { e } = await started();
    const handler = e.protocolHandlers.get('app')!;
    for (const url of ['app://bundle/missing.js', 'app://bundle/%2e%2e/main/index.js']) {
      const res = await handler(new Request(url));
      expect(res.status, url).toBe(404);
      expect(res.headers.get('content-security-policy'), url).toBe(buildCsp());
    }
  });
});

describe('IPC', () => {
  it('registers exactly one handler for every channel of the contract, and nothing else', async () => {
    const { e } = await started();
    expect([...e.ipcRegistrations].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(new Set(e.ipcRegistrations).size).toBe(e.ipcRegistrations.length);
  });

  it('answers our window and refuses another window, a sub-frame and a foreign origin', async () => {
    const { main, win } = await started();
    expect(await main.invoke('vault:status', null)).toMatchObject({ ok: true, value: { status: 'absent' } });

    const refused = { ok: false, error: { code: 'untrusted-sender' } };
    const foreign = [
      { sender: { id: win.webContents.id + 1000 } },
      { senderFrame: { url: 'app://bundle/index.html', parent: {} } },
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: null },
    ];
    for (const from of foreign) {
      expect(await main.invoke('vault:status', null, from as never), JSON.stringify(from)).toMatchObject(refused);
    }
    // Refusals are logged by channel and reason only.
    expect(main.console.filter((l) => l.text.includes('refused vault:status: untrusted sender'))).toHaveLength(4);
  });
});

describe('desktop integration from the settings', () => {
  it('puts Show / Lock / Quit in the tray, Lock enabled only while unlocked', async () => {
    const { main, e } = await started();
    expect(e.trays).toHaveLength(1);
    const tray = e.trays[0]!;
    expect((tray.image as unknown as { path: string }).path).toBe(path.join(ROOT, 'build', 'tray', 'tray.png'));
    expect(tray.menu.map((i) => i.label ?? i.type)).toEqual(['Show Tessera', 'Lock', 'separator', 'Quit Tessera']);
    expect(tray.menu.find((i) => i.id === 'lock')?.enabled).toBe(false);

    await main.invoke('vault:create', { password: PASSWORD });
    await main.until(() => tray.menu.find((i) => i.id === 'lock')?.enabled === true, 'the tray offers Lock');
    expect(tray.tooltip).toBe('Tessera — unlocked');
  });

  it('registers the global shortcut the settings name, and follows a change', async () => {
    const { main, win, e } = await started({ settings: { globalShortcut: 'CommandOrControl+Alt+K', theme: 'dark' } });
    expect([...e.shortcuts.keys()]).toEqual(['CommandOrControl+Alt+K']);
    expect(e.nativeTheme.themeSource).toBe('dark');

    e.shortcuts.get('CommandOrControl+Alt+K')!();
    expect(win.visible).toBe(true);
    expect(win.webContents.sent.map((s) => s.channel)).toContain('app:focus-search');

    await main.invoke('vault:create', { password: PASSWORD });
    const updated = await main.invoke('settings:update', { globalShortcut: 'CommandOrControl+Alt+J' });
    expect(updated).toMatchObject({ ok: true });
    expect([...e.shortcuts.keys()]).toEqual(['CommandOrControl+Alt+J']);
  });
});

describe('quitting', () => {
  it('locks the vault and clears the copied code before the app goes away', async () => {
    const { main, win, e } = await started();
    expect(await main.invoke('vault:create', { password: PASSWORD })).toMatchObject({ ok: true });
    const added = (await main.invoke('entries:add-uri', { uri: TOTP_URI })) as { ok: true; value: { id: string } };
    expect(added).toMatchObject({ ok: true });
    expect(await main.invoke('codes:copy', { id: added.value.id })).toMatchObject({ ok: true });
    expect(e.clipboard.text).toMatch(/^\d{6}$/);

    e.log.length = 0;
    e.app.quit();
    await main.until(() => e.app.quitted, 'the app quit');

    const locked = win.webContents.sent.filter(
      (s) => s.channel === 'vault:status-changed' && (s.payload as { status: string }).status === 'locked',
    );
    expect(locked).toHaveLength(1);
    expect(e.clipboard.text).toBe('');
    const quitted = e.log.indexOf('app.quitted');
    expect(e.log.lastIndexOf('webContents.send vault:status-changed')).toBeLessThan(quitted);
    expect(e.log.indexOf('clipboard.clear')).toBeLessThan(quitted);
    // The tray icon and the shortcut are gone with the app.
    expect(e.trays[0]?.destroyed).toBe(true);
  });

  it('leaves alone what the user copied since', async () => {
    const { main, e } = await started();
    await main.invoke('vault:create', { password: PASSWORD });
    const added = (await main.invoke('entries:add-uri', { uri: TOTP_URI })) as { value: { id: string } };
    await main.invoke('codes:copy', { id: added.value.id });
    e.clipboard.text = 'a shopping list';
    e.app.quit();
    await main.until(() => e.app.quitted, 'the app quit');
    expect(e.clipboard.text).toBe('a shopping list');
  });
});

describe('a start-up step that throws', () => {
  const steps = [
    'app.enableSandbox',
    'protocol.registerSchemesAsPrivileged',
    'app.requestSingleInstanceLock',
    'app.whenReady',
    'session.setPermissionRequestHandler',
    'session.webRequest.onBeforeRequest',
    'protocol.handle',
    'app.getPath',
    'new Tray',
    'ipcMain.handle',
    'powerMonitor.on',
    'new BrowserWindow',
    'window.loadURL',
  ];

  it.each(steps)('%s: is reported in plain words and the app exits with 1', async (step) => {
    const main = load({ failAt: step });
    await main.ready();
    const e = main.electron;
    if (step === 'new Tray') {
      // A desktop without a tray is not a failure: the app starts without the icon.
      expect(e.app.exitCode).toBeNull();
      expect(e.windows).toHaveLength(1);
      return;
    }
    expect(e.app.exitCode).toBe(1);
    expect(e.errorBoxes).toHaveLength(1);
    expect(e.errorBoxes[0]?.title).toBe(START_FAILED_TITLE);
    expect(e.errorBoxes[0]?.content).toMatch(/^Something went wrong while Tessera was starting/);
    expect(e.errorBoxes[0]?.content).toContain(`Details: InjectedFailure: injected failure in ${step}`);
    expect(main.console.filter((l) => l.level === 'error').map((l) => l.text)).toEqual([
      `[main] ${START_FAILED_TITLE}: InjectedFailure: injected failure in ${step}`,
    ]);
  });
});

describe(`${SMOKE_SWITCH}`, () => {
  it('quits normally once the page has loaded and painted, in either order', async () => {
    for (const order of [
      ['did-finish-load', 'ready-to-show'],
      ['ready-to-show', 'did-finish-load'],
    ]) {
      const { main, win, e } = await started({ switches: [SMOKE_SWITCH] });
      for (const event of order) {
        if (event === 'ready-to-show') win.events.emit(event);
        else win.webContents.events.emit(event);
        if (event === order[0]) expect(e.log).not.toContain('app.quit');
      }
      await main.until(() => e.app.quitted, 'the smoke test quit');
      expect(main.console.map((l) => l.text)).toContain(SMOKE_PASSED);
      expect(e.app.exitCode).toBeNull();
    }
  });

  it('exits with 1 and says why when the page fails to load, without a dialog', async () => {
    const { main, win, e } = await started({ switches: [SMOKE_SWITCH] });
    win.webContents.events.emit('did-fail-load', doubleEvent(), -6, 'ERR_FILE_NOT_FOUND');
    expect(e.app.exitCode).toBe(1);
    expect(main.console.map((l) => l.text)).toContain(`${SMOKE_FAILED} the page did not load (-6 ERR_FILE_NOT_FOUND).`);
    expect(e.errorBoxes).toHaveLength(0);
  });

  it('without the switch, nothing quits after the first paint', async () => {
    const { main, win, e } = await started();
    win.webContents.events.emit('did-finish-load');
    win.events.emit('ready-to-show');
    await main.settle();
    expect(e.log).not.toContain('app.quit');
  });
});
