// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The preload as it ships: the built out/preload/index.cjs, run in a fresh `vm` context that holds
 * only what Electron gives a SANDBOXED preload — a `require` limited to Electron's sandbox modules
 * (`electron`'s renderer half, `events`, `timers`, `url`) and no Node otherwise. So the test fails
 * if the bundle needs a Node module, reaches for an Electron API a sandbox lacks, exposes anything
 * but `window.tessera`, or exposes a verb the contract does not list (or misses one).
 * @see https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts
 */
import { readFileSync } from 'node:fs';
import events from 'node:events';
import path from 'node:path';
import timers from 'node:timers';
import url from 'node:url';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_NAMESPACES, API_VERBS, EVENT_CHANNELS, INVOKE_CHANNELS } from '../../../electron/ipc/contract';

const PRELOAD = path.resolve(__dirname, '../../../out/preload/index.cjs');

/** What a sandboxed preload may require; `electron` is answered by the double below. */
const SANDBOX_MODULES = new Set(['electron', 'events', 'timers', 'url']);
/** Electron's modules available in a sandboxed preload. */
const SANDBOX_ELECTRON = new Set([
  'contextBridge',
  'crashReporter',
  'ipcRenderer',
  'nativeImage',
  'webFrame',
  'webUtils',
]);

type Fn = (...args: unknown[]) => unknown;

interface Loaded {
  exposed: { key: string; api: Record<string, Record<string, Fn>> }[];
  required: string[];
  invoked: { channel: string; payload: unknown }[];
  listeners: Map<string, Fn[]>;
  newGlobals: string[];
  /** Makes the next invokes reject, as when the main process is gone. */
  failInvokes(): void;
}

function loadPreload(): Loaded {
  const code = readFileSync(PRELOAD, 'utf8');
  const exposed: Loaded['exposed'] = [];
  const required: string[] = [];
  const invoked: Loaded['invoked'] = [];
  const listeners = new Map<string, Fn[]>();
  let rejecting = false;

  const ipcRenderer = {
    invoke: async (channel: string, payload: unknown) => {
      invoked.push({ channel, payload });
      if (rejecting) throw new Error('main process gone');
      return { ok: true, value: null };
    },
    on: (channel: string, listener: Fn) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    removeListener: (channel: string, listener: Fn) => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((l) => l !== listener),
      );
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld: (key: string, api: Loaded['exposed'][number]['api']) => exposed.push({ key, api }),
  };
  const electron = new Proxy({ contextBridge, ipcRenderer } as Record<string, unknown>, {
    get(target, key) {
      if (typeof key === 'symbol' || key === '__esModule') return undefined;
      if (!SANDBOX_ELECTRON.has(key)) throw new Error(`electron.${key} is not available in a sandboxed preload`);
      if (!(key in target)) throw new Error(`the preload uses electron.${key}, which this test does not model`);
      return target[key];
    },
  });
  const nodeModules: Record<string, unknown> = { events, timers, url };
  const sandboxRequire = (name: string): unknown => {
    required.push(name);
    if (!SANDBOX_MODULES.has(name))
      throw new Error(`Cannot find module '${name}' (not available in a sandboxed preload)`);
    return name === 'electron' ? electron : nodeModules[name];
  };

  const context = vm.createContext({ console });
  const before = new Set(Object.getOwnPropertyNames(vm.runInContext('globalThis', context) as object));
  const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, context, {
    filename: PRELOAD,
  }) as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapper(module.exports, sandboxRequire, module, PRELOAD, path.dirname(PRELOAD));
  const after = Object.getOwnPropertyNames(vm.runInContext('globalThis', context) as object);

  return {
    exposed,
    required,
    invoked,
    listeners,
    newGlobals: after.filter((k) => !before.has(k)),
    failInvokes: () => {
      rejecting = true;
    },
  };
}

/** Placeholder arguments: the preload passes them on; main validates them. */
const ARGS: Record<string, unknown[]> = {
  readFile: ['qr.png', new Uint8Array([1])],
  commit: [['k'], 'merge'],
  save: ['aegis', 'export password'],
  qr: ['migration', 0],
  changePassword: ['old password', 'new password'],
  recover: ['recovery key', 'new password'],
  update: ['id', { favourite: true }],
};

describe('the built preload in a sandboxed context', () => {
  let loaded: Loaded;
  beforeAll(() => {
    loaded = loadPreload();
  });

  it('requires only electron, and defines no global of its own', () => {
    expect(loaded.required).toEqual(['electron']);
    expect(loaded.newGlobals).toEqual([]);
  });

  it('exposes exactly window.tessera, with exactly the contract’s verbs', () => {
    expect(loaded.exposed.map((e) => e.key)).toEqual(['tessera']);
    const api = loaded.exposed[0]!.api;
    expect(Object.keys(api).sort()).toEqual([...API_NAMESPACES]);
    for (const ns of API_NAMESPACES) {
      expect(Object.keys(api[ns]!).sort(), ns).toEqual([...API_VERBS[ns]]);
      for (const verb of API_VERBS[ns]) expect(typeof api[ns]![verb], `${ns}.${verb}`).toBe('function');
    }
  });

  it('calls, through its verbs, every invoke channel of the contract and no other', async () => {
    const api = loaded.exposed[0]!.api;
    loaded.invoked.length = 0;
    for (const ns of API_NAMESPACES) {
      for (const verb of API_VERBS[ns]) {
        if (/^on[A-Z]/.test(verb)) continue;
        const answer = await api[ns]![verb]!(...(ARGS[verb] ?? ['x']));
        expect(answer, `${ns}.${verb}`).toEqual({ ok: true, value: null });
      }
    }
    expect([...new Set(loaded.invoked.map((c) => c.channel))].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('hands listeners the payload only (never the IPC event), and unsubscribes', () => {
    const api = loaded.exposed[0]!.api;
    const subscribed: string[] = [];
    for (const ns of API_NAMESPACES) {
      for (const verb of API_VERBS[ns].filter((v) => /^on[A-Z]/.test(v))) {
        const got: unknown[][] = [];
        const before = new Map([...loaded.listeners].map(([c, l]) => [c, l.length]));
        const unsubscribe = api[ns]![verb]!((...args: unknown[]) => got.push(args)) as () => void;
        const channel = [...loaded.listeners].find(([c, l]) => l.length > (before.get(c) ?? 0))?.[0];
        expect(channel, `${ns}.${verb}`).toBeDefined();
        subscribed.push(channel!);
        const fakeIpcEvent = { sender: { send: () => undefined }, ports: [] };
        for (const l of loaded.listeners.get(channel!)!) l(fakeIpcEvent, { some: 'payload' });
        expect(got.length, `${ns}.${verb}`).toBe(1);
        for (const args of got) expect(JSON.stringify(args)).not.toContain('sender');
        unsubscribe();
        expect(loaded.listeners.get(channel!)!.length, `${ns}.${verb}`).toBe(before.get(channel!) ?? 0);
      }
    }
    expect([...new Set(subscribed)].sort()).toEqual([...EVENT_CHANNELS].sort());
  });

  it('answers a plain failure, not a thrown error, when the main process cannot be reached', async () => {
    const fresh = loadPreload();
    fresh.failInvokes();
    const answer = await fresh.exposed[0]!.api['vault']!['status']!();
    expect(answer).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Tessera could not reach its main process.' },
    });
  });
});
