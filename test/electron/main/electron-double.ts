// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A recording double of the `electron` module, for loading the BUILT main bundle (out/main/index.js)
 * under plain Node: the real binary cannot be downloaded on every machine, and the composition root
 * should not go untested because of it.
 *
 * It implements exactly the part of Electron's main-process API the app uses. Each member is typed
 * against electron.d.ts (`Pick<App, ...>`, `implements Pick<BrowserWindow, ...>`), so a signature
 * that changes in Electron breaks the type check; and every object is strict: reading a member the
 * double does not implement throws, naming it, so new use of Electron by the app fails the tests
 * until the double (and with it this review) covers it. It never touches a display, the network or
 * the real clipboard.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Clipboard,
  DecryptStringAsyncReturnValue,
  DesktopCapturer,
  Dialog,
  GlobalShortcut,
  IpcMain,
  IpcMainInvokeEvent,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  NativeTheme,
  Net,
  PowerMonitor,
  Protocol,
  SafeStorage,
  Screen,
  Session,
  SystemPreferences,
  Tray,
  WebContents,
} from 'electron';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * A listener as the double stores it; callers pass Electron's own listener types. `on`/`once` answer
 * the real type (Electron returns the emitter for chaining), which the double is only in part.
 */
type Listener = (...args: never[]) => unknown;

/** One line per observable effect, in order: lets a test check what happened before what. */
export type LogLine = string;

/** An Electron `Event` as far as the app uses it. */
export interface DoubleEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function doubleEvent(): DoubleEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** Thrown by a member the test asked to fail (a start-up step that breaks). */
export class InjectedFailure extends Error {
  constructor(readonly step: string) {
    super(`injected failure in ${step}`);
    this.name = 'InjectedFailure';
  }
}

/** Makes reads of unimplemented members throw, naming them. Symbols and `then` stay undefined. */
function strict<T extends object>(target: T, name: string): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      if (typeof key === 'symbol' || key === 'then' || key in obj) return Reflect.get(obj, key, receiver);
      throw new Error(`electron double: ${name}.${key} is not implemented (the app uses a new Electron API)`);
    },
  });
}

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  add(event: string, listener: Listener, once = false): void {
    const wrapped: Listener = once
      ? (...args) => {
          this.remove(event, wrapped);
          return listener(...args);
        }
      : listener;
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), wrapped]);
  }
  remove(event: string, listener: Listener): void {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  /** Calls every listener with the given arguments; returns what they returned. */
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => (l as (...a: unknown[]) => unknown)(...args));
  }
}

export interface DoubleOptions {
  /** What `app.getPath('userData')` answers: a throw-away folder of the test. */
  readonly userData: string;
  /** What `app.getAppPath()` answers: the project root (where package.json is). */
  readonly appPath: string;
  /** What `app.requestSingleInstanceLock()` answers; default true (this is the first instance). */
  readonly singleInstance?: boolean;
  /** The step (e.g. `protocol.handle`) that throws when called, to test start-up failures. */
  readonly failAt?: string;
}

/** Everything the double recorded, and the levers a test pulls. */
export interface ElectronDouble {
  /** The object `require('electron')` returns in the bundle. */
  readonly module: object;
  readonly log: LogLine[];
  readonly app: DoubleApp;
  readonly windows: DoubleBrowserWindow[];
  readonly trays: DoubleTray[];
  readonly ipcHandlers: Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>;
  /** Every `ipcMain.handle` call, in order (a channel twice would show here). */
  readonly ipcRegistrations: string[];
  readonly protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
  readonly privilegedSchemes: unknown[];
  readonly shortcuts: Map<string, () => void>;
  readonly errorBoxes: { title: string; content: string }[];
  readonly clipboard: { text: string };
  readonly session: DoubleSession;
  readonly nativeTheme: { themeSource: NativeTheme['themeSource'] };
  /** The keyring behind `safeStorage`: levers and what was sealed and unsealed. */
  readonly safeStorage: DoubleKeyring;
  /** Touch ID behind `systemPreferences`: levers and the reasons it was prompted with. */
  readonly touchId: DoubleTouchId;
  /** Sends a powerMonitor event ('resume', 'suspend', …) to the bundle's listeners. */
  emitPowerEvent(event: string): void;
}

/**
 * The keyring as `safeStorage` shows it. By default there is none (no test machine has one to
 * offer): `isAsyncEncryptionAvailable()` answers false and sealing fails, as in Electron.
 */
export interface DoubleKeyring {
  asyncAvailable: boolean;
  /** What `getSelectedStorageBackend()` answers (Linux's keyring; `basic_text` when there is none). */
  backend: ReturnType<SafeStorage['getSelectedStorageBackend']>;
  /** What `decryptStringAsync` says of a key's rotation. */
  shouldReEncrypt: boolean;
  /** Every text sealed and every text unsealed, in order. */
  readonly sealed: string[];
  readonly unsealed: string[];
}

/** Touch ID as `systemPreferences` shows it (macOS only in Electron; the double answers anywhere). */
export interface DoubleTouchId {
  canPrompt: boolean;
  /** Whether the person confirms; false makes `promptTouchID` reject, as a cancel does. */
  confirms: boolean;
  readonly prompts: string[];
}

/** What the double's keyring writes: not the text, and only its own bytes unseal. */
const DOUBLE_SEAL_MARK = Buffer.from('double-keyring:');
function doubleSeal(text: string): Buffer {
  return Buffer.concat([DOUBLE_SEAL_MARK, Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)]);
}
function doubleUnseal(sealed: Buffer): string {
  if (!sealed.subarray(0, DOUBLE_SEAL_MARK.length).equals(DOUBLE_SEAL_MARK)) {
    throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  }
  return Buffer.from(sealed.subarray(DOUBLE_SEAL_MARK.length).map((b) => b ^ 0x5a)).toString('utf8');
}

type AppSurface = Pick<
  App,
  'enableSandbox' | 'exit' | 'getAppPath' | 'getPath' | 'on' | 'quit' | 'requestSingleInstanceLock' | 'whenReady'
> & { isPackaged: boolean };

export class DoubleApp implements AppSurface {
  readonly isPackaged = false;
  readonly events = new Emitter();
  exitCode: number | null = null;
  /** True once a quit ran to the end (no before-quit listener prevented it). */
  quitted = false;
  sandboxEnabled = false;
  private resolveReady: () => void = () => undefined;
  private readonly ready = new Promise<void>((resolve) => {
    this.resolveReady = resolve;
  });

  constructor(
    private readonly options: DoubleOptions,
    private readonly step: (name: string) => void,
  ) {}

  enableSandbox(): void {
    this.step('app.enableSandbox');
    this.sandboxEnabled = true;
  }
  exit(exitCode?: number): void {
    this.step('app.exit');
    this.exitCode = exitCode ?? 0;
  }
  getAppPath(): string {
    this.step('app.getAppPath');
    return this.options.appPath;
  }
  getPath(name: Parameters<App['getPath']>[0]): string {
    this.step('app.getPath');
    if (name !== 'userData') throw new Error(`electron double: app.getPath('${name}') is not implemented`);
    return this.options.userData;
  }
  on(event: string, listener: Listener): App {
    this.step('app.on');
    this.events.add(event, listener);
    return this as unknown as App;
  }
  /** As Electron: `before-quit` (which may prevent it), then `will-quit`, then the app is gone. */
  quit(): void {
    this.step('app.quit');
    const event = doubleEvent();
    this.events.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.events.emit('will-quit', doubleEvent());
    this.quitted = true;
    this.step('app.quitted');
  }
  requestSingleInstanceLock(): boolean {
    this.step('app.requestSingleInstanceLock');
    return this.options.singleInstance ?? true;
  }
  whenReady(): Promise<void> {
    this.step('app.whenReady');
    return this.ready;
  }
  /** The test's lever: Electron finished initialising. */
  becomeReady(): void {
    this.resolveReady();
  }
}

type WebContentsSurface = Pick<WebContents, 'id' | 'send' | 'isDestroyed' | 'on' | 'once' | 'setWindowOpenHandler'>;

export class DoubleWebContents implements WebContentsSurface {
  private static nextId = 1;
  readonly id = DoubleWebContents.nextId++;
  readonly events = new Emitter();
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: Parameters<WebContents['setWindowOpenHandler']>[0] | null = null;

  constructor(private readonly step: (name: string) => void) {}

  send(channel: string, ...args: unknown[]): void {
    this.step(`webContents.send ${channel}`);
    this.sent.push({ channel, payload: args[0] });
  }
  isDestroyed(): boolean {
    return false;
  }
  on(event: string, listener: Listener): WebContents {
    this.events.add(event, listener);
    return this as unknown as WebContents;
  }
  once(event: string, listener: Listener): WebContents {
    this.events.add(event, listener, true);
    return this as unknown as WebContents;
  }
  setWindowOpenHandler(handler: Parameters<WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }
}

type WindowSurface = Pick<
  BrowserWindow,
  | 'focus'
  | 'hide'
  | 'isDestroyed'
  | 'isMinimized'
  | 'loadURL'
  | 'minimize'
  | 'on'
  | 'once'
  | 'restore'
  | 'setContentProtection'
  | 'show'
  | 'showInactive'
>;

export class DoubleBrowserWindow implements WindowSurface {
  readonly events = new Emitter();
  readonly webContents: DoubleWebContents;
  url: string | null = null;
  visible = false;
  minimised = false;
  contentProtected = false;

  constructor(
    readonly options: BrowserWindowConstructorOptions,
    private readonly step: (name: string) => void,
  ) {
    this.webContents = strict(new DoubleWebContents(step), 'webContents');
  }

  focus(): void {
    this.step('window.focus');
  }
  hide(): void {
    this.step('window.hide');
    this.visible = false;
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return this.minimised;
  }
  async loadURL(url: string): Promise<void> {
    this.step('window.loadURL');
    this.url = url;
  }
  minimize(): void {
    this.step('window.minimize');
    this.minimised = true;
  }
  on(event: string, listener: Listener): BrowserWindow {
    this.events.add(event, listener);
    return this as unknown as BrowserWindow;
  }
  once(event: string, listener: Listener): BrowserWindow {
    this.events.add(event, listener, true);
    return this as unknown as BrowserWindow;
  }
  restore(): void {
    this.step('window.restore');
    this.minimised = false;
  }
  setContentProtection(enable: boolean): void {
    this.contentProtected = enable;
  }
  show(): void {
    this.step('window.show');
    this.visible = true;
  }
  showInactive(): void {
    this.step('window.showInactive');
    this.visible = true;
  }
}

type TraySurface = Pick<Tray, 'destroy' | 'on' | 'setContextMenu' | 'setToolTip'>;

export class DoubleTray implements TraySurface {
  readonly events = new Emitter();
  menu: MenuItemConstructorOptions[] = [];
  tooltip = '';
  destroyed = false;

  constructor(readonly image: NativeImage) {}

  destroy(): void {
    this.destroyed = true;
  }
  on(event: string, listener: Listener): Tray {
    this.events.add(event, listener);
    return this as unknown as Tray;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = (menu as unknown as { template: MenuItemConstructorOptions[] } | null)?.template ?? [];
  }
  setToolTip(toolTip: string): void {
    this.tooltip = toolTip;
  }
}

type SessionSurface = Pick<
  Session,
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setPermissionRequestHandler'
> & { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> };

export interface DoubleSession extends SessionSurface {
  readonly handlers: {
    permissionRequest?: Parameters<Session['setPermissionRequestHandler']>[0];
    permissionCheck?: Parameters<Session['setPermissionCheckHandler']>[0];
    devicePermission?: Parameters<Session['setDevicePermissionHandler']>[0];
    displayMedia?: Parameters<Session['setDisplayMediaRequestHandler']>[0];
    beforeRequest?: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
  };
}

/** Builds a fresh double; `module` is what the bundle's `require('electron')` must return. */
export function createElectronDouble(options: DoubleOptions): ElectronDouble {
  const log: LogLine[] = [];
  const step = (name: string): void => {
    log.push(name);
    if (options.failAt === name) throw new InjectedFailure(name);
  };
  const windows: DoubleBrowserWindow[] = [];
  const trays: DoubleTray[] = [];
  const ipcHandlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
  const ipcRegistrations: string[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  const privilegedSchemes: unknown[] = [];
  const shortcuts = new Map<string, () => void>();
  const errorBoxes: { title: string; content: string }[] = [];
  const clipboardState = { text: '' };
  const nativeTheme = { themeSource: 'system' as NativeTheme['themeSource'] };
  const keyring: DoubleKeyring = {
    asyncAvailable: false,
    backend: 'basic_text',
    shouldReEncrypt: false,
    sealed: [],
    unsealed: [],
  };
  const touchId: DoubleTouchId = { canPrompt: false, confirms: true, prompts: [] };
  const app = strict(new DoubleApp(options, step), 'app');

  class BrowserWindowDouble extends DoubleBrowserWindow {
    constructor(windowOptions: BrowserWindowConstructorOptions = {}) {
      step('new BrowserWindow');
      super(windowOptions, step);
      windows.push(this);
      // As Electron: every new webContents is announced to the app first.
      app.events.emit('web-contents-created', doubleEvent(), this.webContents);
      return strict(this, 'BrowserWindow');
    }
  }

  class TrayDouble extends DoubleTray {
    constructor(image: NativeImage) {
      step('new Tray');
      super(image);
      trays.push(this);
      return strict(this, 'Tray');
    }
  }

  const session: DoubleSession = {
    handlers: {},
    setPermissionRequestHandler(handler) {
      step('session.setPermissionRequestHandler');
      if (handler) this.handlers.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler) {
      step('session.setPermissionCheckHandler');
      if (handler) this.handlers.permissionCheck = handler;
    },
    setDevicePermissionHandler(handler) {
      step('session.setDevicePermissionHandler');
      if (handler) this.handlers.devicePermission = handler;
    },
    setDisplayMediaRequestHandler(handler) {
      step('session.setDisplayMediaRequestHandler');
      if (handler) this.handlers.displayMedia = handler;
    },
    webRequest: strict(
      {
        onBeforeRequest(...args: unknown[]): void {
          step('session.webRequest.onBeforeRequest');
          const handler = args.find((a) => typeof a === 'function');
          if (handler)
            session.handlers.beforeRequest = handler as NonNullable<DoubleSession['handlers']['beforeRequest']>;
        },
      } satisfies Pick<Session['webRequest'], 'onBeforeRequest'>,
      'session.webRequest',
    ),
  };

  const clipboard = {
    clear: () => {
      step('clipboard.clear');
      clipboardState.text = '';
    },
    read: async () => [],
    readText: async () => clipboardState.text,
    writeText: async (text: string) => {
      step('clipboard.writeText');
      clipboardState.text = text;
    },
  } satisfies Pick<Clipboard, 'clear' | 'read' | 'readText' | 'writeText'>;

  const ipcMain = {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void {
      step('ipcMain.handle');
      ipcRegistrations.push(channel);
      // Electron refuses a second handler for a channel; so does the double.
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, listener);
    },
    removeHandler(channel: string): void {
      ipcHandlers.delete(channel);
    },
  } satisfies Pick<IpcMain, 'handle' | 'removeHandler'>;

  const protocol = {
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
      step('protocol.handle');
      protocolHandlers.set(scheme, handler);
    },
    registerSchemesAsPrivileged(schemes: Parameters<Protocol['registerSchemesAsPrivileged']>[0]): void {
      step('protocol.registerSchemesAsPrivileged');
      privilegedSchemes.push(...schemes);
    },
  } satisfies Pick<Protocol, 'handle' | 'registerSchemesAsPrivileged'>;

  const net = {
    // Only the bundle's own files: the double never reaches a network.
    async fetch(input: string | Request): Promise<Response> {
      const url = typeof input === 'string' ? input : input.url;
      if (!url.startsWith('file:')) throw new Error(`electron double: net.fetch(${url}) is not a file`);
      return new Response(await readFile(fileURLToPath(url)));
    },
  } satisfies Pick<Net, 'fetch'>;

  const dialog = {
    showErrorBox(title: string, content: string): void {
      errorBoxes.push({ title, content });
      log.push('dialog.showErrorBox');
    },
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
  } satisfies Pick<Dialog, 'showErrorBox'> & Record<'showOpenDialog' | 'showSaveDialog', unknown>;

  const globalShortcut = {
    register(accelerator: string, callback: () => void): boolean {
      step('globalShortcut.register');
      shortcuts.set(accelerator, callback);
      return true;
    },
    unregister(accelerator: string): void {
      step('globalShortcut.unregister');
      shortcuts.delete(accelerator);
    },
  } satisfies Pick<GlobalShortcut, 'register' | 'unregister'>;

  const powerMonitorEvents = new Emitter();
  const powerMonitor = {
    getSystemIdleTime: () => 0,
    on(event: string, listener: Listener) {
      step('powerMonitor.on');
      powerMonitorEvents.add(event, listener);
      return this;
    },
    off(event: string, listener: Listener) {
      powerMonitorEvents.remove(event, listener);
      return this;
    },
  } satisfies Pick<PowerMonitor, 'getSystemIdleTime'> & Record<'on' | 'off', unknown>;

  const safeStorage = {
    isAsyncEncryptionAvailable: async () => keyring.asyncAvailable,
    getSelectedStorageBackend: () => keyring.backend,
    async encryptStringAsync(plainText: string): Promise<Buffer> {
      if (!keyring.asyncAvailable) throw new Error('Encryption is not available.');
      keyring.sealed.push(plainText);
      return doubleSeal(plainText);
    },
    async decryptStringAsync(encrypted: Buffer): Promise<DecryptStringAsyncReturnValue> {
      if (!keyring.asyncAvailable) throw new Error('Decryption is not available.');
      const result = doubleUnseal(encrypted);
      keyring.unsealed.push(result);
      return { result, shouldReEncrypt: keyring.shouldReEncrypt };
    },
  } satisfies Pick<
    SafeStorage,
    'decryptStringAsync' | 'encryptStringAsync' | 'getSelectedStorageBackend' | 'isAsyncEncryptionAvailable'
  >;

  const menu = {
    buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) as unknown as Menu,
  } satisfies Pick<typeof Menu, 'buildFromTemplate'>;

  const nativeImage = {
    createFromPath: (path: string) => ({ path }) as unknown as NativeImage,
  };

  const module = {
    app,
    BrowserWindow: BrowserWindowDouble,
    clipboard: strict(clipboard, 'clipboard'),
    desktopCapturer: strict(
      { getSources: async () => [] } satisfies Pick<DesktopCapturer, 'getSources'>,
      'desktopCapturer',
    ),
    dialog: strict(dialog, 'dialog'),
    globalShortcut: strict(globalShortcut, 'globalShortcut'),
    ipcMain: strict(ipcMain, 'ipcMain'),
    Menu: strict(menu, 'Menu'),
    nativeImage: strict(nativeImage, 'nativeImage'),
    nativeTheme: strict(nativeTheme, 'nativeTheme'),
    net: strict(net, 'net'),
    powerMonitor: strict(powerMonitor, 'powerMonitor'),
    protocol: strict(protocol, 'protocol'),
    screen: strict({ getAllDisplays: () => [] } satisfies Pick<Screen, 'getAllDisplays'>, 'screen'),
    session: strict({ defaultSession: strict(session, 'session.defaultSession') }, 'session'),
    safeStorage: strict(safeStorage, 'safeStorage'),
    systemPreferences: strict(
      {
        getMediaAccessStatus: () => 'granted' as const,
        canPromptTouchID: () => touchId.canPrompt,
        async promptTouchID(reason: string): Promise<void> {
          touchId.prompts.push(reason);
          if (!touchId.confirms) throw new Error('Touch ID was cancelled');
        },
      } satisfies Pick<SystemPreferences, 'canPromptTouchID' | 'getMediaAccessStatus' | 'promptTouchID'>,
      'systemPreferences',
    ),
    Tray: TrayDouble,
  };

  return {
    module: strict(module, 'electron'),
    log,
    app,
    windows,
    trays,
    ipcHandlers,
    ipcRegistrations,
    protocolHandlers,
    privilegedSchemes,
    shortcuts,
    errorBoxes,
    clipboard: clipboardState,
    session,
    nativeTheme,
    safeStorage: keyring,
    touchId,
    emitPowerEvent: (event) => void powerMonitorEvents.emit(event),
  };
}
