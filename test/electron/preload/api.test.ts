// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it, vi } from 'vitest';
import { API_NAMESPACES, INVOKE_CHANNELS, type EventChannel } from '../../../electron/ipc/contract';
import { createTesseraApi, type Transport } from '../../../electron/preload/api';

function recordingTransport() {
  const calls: [string, unknown][] = [];
  const listeners = new Map<EventChannel, Set<(p: unknown) => void>>();
  const transport: Transport = {
    invoke: async (channel, payload) => {
      calls.push([channel, payload]);
      return { ok: true, value: null };
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  const emit = (c: EventChannel, p: unknown): void => listeners.get(c)?.forEach((l) => l(p));
  return { transport, calls, emit };
}

const ID = '0b6f2a44-3c1e-4c5a-9a0b-6f1d2e3c4b5a';

describe('createTesseraApi', () => {
  it('exposes verbs grouped by feature and nothing generic', () => {
    const api = createTesseraApi(recordingTransport().transport);
    expect(Object.keys(api).sort()).toEqual([...API_NAMESPACES]);
    const all = Object.values(api).flatMap((ns) => Object.keys(ns));
    expect(all).not.toContain('invoke');
    expect(all).not.toContain('send');
    expect(all).not.toContain('on');
  });

  it('maps every verb to its contract channel, covering all channels', async () => {
    const { transport, calls } = recordingTransport();
    const api = createTesseraApi(transport);
    await api.vault.status();
    await api.vault.create('pw1');
    await api.vault.unlock('pw2');
    await api.vault.lock();
    await api.vault.changePassword('a', 'b');
    await api.vault.usePrevious();
    await api.vault.recover('ABCD-EFGH', 'new password');
    await api.vault.createRecoveryKey('master pw');
    await api.vault.saveRecoveryKey();
    await api.vault.forgetRecoveryKey();
    await api.vault.removeRecoveryKey('master pw 2');
    await api.vault.location();
    await api.vault.move();
    await api.vault.moveMerge(null);
    await api.vault.moveMerge('copy pw 2');
    await api.vault.chooseFolder();
    await api.vault.chooseFile();
    await api.vault.mergeCopy('vault 2.tessera', 'copy pw');
    await api.quickUnlock.status();
    await api.quickUnlock.enable('pin', '123456', 'master pw 3');
    await api.quickUnlock.enable('touch-id', null, 'master pw 4');
    await api.quickUnlock.disable();
    await api.quickUnlock.unlock('654321');
    await api.quickUnlock.unlock(null);
    await api.entries.list();
    await api.entries.add({ type: 'totp', issuer: 'I', account: 'A', secret: 'S' });
    await api.entries.addUri('otpauth://totp/x?secret=A');
    await api.entries.update(ID, { favourite: true });
    await api.entries.remove(ID);
    await api.codes.current();
    await api.codes.copy(ID);
    await api.codes.copy(ID, { next: true });
    await api.codes.copy(ID, {});
    await api.codes.usage();
    await api.codes.nextHotp(ID);
    await api.codes.preview({ type: 'totp', secret: 'S' });
    await api.entries.undoRemove(ID);
    await api.entries.reorder([ID]);
    await api.settings.get();
    await api.settings.update({ theme: 'dark' });
    await api.app.reportActivity();
    const bytes = new Uint8Array([1, 2, 3]);
    await api.imports.openFiles();
    await api.imports.openFiles('aegis');
    await api.imports.readFile('qr.png', bytes);
    await api.imports.readFile('x.bin', bytes, '2fas');
    await api.imports.formats();
    await api.imports.paste();
    await api.imports.scanScreen();
    await api.imports.readText('otpauth://totp/x?secret=A');
    await api.imports.filePassword('file pw');
    await api.imports.codes();
    await api.imports.commit(['c0', 'c2'], 'replace');
    await api.imports.cancel();
    await api.exports.authorize('master');
    await api.exports.authorize('master 2', [ID]);
    await api.exports.save('uri-list');
    await api.exports.save('aegis', 'export pw');
    await api.exports.qr('migration', 1);
    await api.exports.end();
    await api.icons.images([{ source: 'bundled', id: 'github' }]);
    await api.icons.search('git');
    await api.icons.set('id-1', { kind: 'letter' });
    await api.icons.setFromFile('id-1');
    await api.icons.packs();
    await api.icons.importPack();
    await api.icons.removePack('00000000-0000-4000-8000-000000000000');
    await api.backups.status();
    await api.backups.chooseFolder();
    await api.backups.useDefaultFolder();
    await api.backups.runNow();
    await api.clock.status();
    await api.clock.check();
    await api.clock.useCorrected();
    await api.clock.useSystem();
    expect([...new Set(calls.map(([c]) => c))].sort()).toEqual([...INVOKE_CHANNELS].sort());
    expect(calls).toContainEqual(['imports:read-file', { name: 'qr.png', bytes }]);
    // No `format` key at all when the format is detected (the validator rejects unknown shapes).
    expect(calls).toContainEqual(['imports:open-files', null]);
    expect(calls).toContainEqual(['icons:set', { id: 'id-1', pick: { kind: 'letter' } }]);
    expect(calls).toContainEqual(['icons:images', { refs: [{ source: 'bundled', id: 'github' }] }]);
    expect(calls).toContainEqual(['imports:open-files', { format: 'aegis' }]);
    expect(calls).toContainEqual(['imports:read-file', { name: 'x.bin', bytes, format: '2fas' }]);
    expect(calls).toContainEqual(['imports:commit', { keys: ['c0', 'c2'], mode: 'replace' }]);
    // No `exportPassword` key at all for plain formats (the validator rejects unknown shapes).
    expect(calls).toContainEqual(['exports:save', { format: 'uri-list' }]);
    expect(calls).toContainEqual(['exports:save', { format: 'aegis', exportPassword: 'export pw' }]);
    expect(calls).toContainEqual(['exports:qr', { kind: 'migration', index: 1 }]);
    // `next` and `ids` only when given (the validators reject unknown shapes, and an empty selection).
    expect(calls.filter(([c]) => c === 'codes:copy')).toEqual([
      ['codes:copy', { id: ID }],
      ['codes:copy', { id: ID, next: true }],
      ['codes:copy', { id: ID }],
    ]);
    expect(calls).toContainEqual(['codes:usage', null]);
    expect(calls).toContainEqual(['exports:authorize', { password: 'master' }]);
    expect(calls).toContainEqual(['exports:authorize', { password: 'master 2', ids: [ID] }]);
    expect(calls).toContainEqual(['vault:change-password', { current: 'a', next: 'b' }]);
    expect(calls).toContainEqual(['vault:recover', { recoveryKey: 'ABCD-EFGH', newPassword: 'new password' }]);
    expect(calls).toContainEqual(['vault:create-recovery-key', { password: 'master pw' }]);
    expect(calls).toContainEqual(['vault:save-recovery-key', null]);
    expect(calls).toContainEqual(['vault:forget-recovery-key', null]);
    expect(calls).toContainEqual(['vault:remove-recovery-key', { password: 'master pw 2' }]);
    expect(calls).toContainEqual(['vault:location', null]);
    expect(calls).toContainEqual(['vault:move', null]);
    expect(calls).toContainEqual(['vault:move-merge', { password: null }]);
    expect(calls).toContainEqual(['vault:move-merge', { password: 'copy pw 2' }]);
    expect(calls).toContainEqual(['vault:choose-folder', null]);
    expect(calls).toContainEqual(['vault:choose-file', null]);
    expect(calls).toContainEqual(['vault:merge-copy', { file: 'vault 2.tessera', password: 'copy pw' }]);
    expect(calls).toContainEqual(['quick-unlock:status', null]);
    expect(calls).toContainEqual(['quick-unlock:enable', { method: 'pin', pin: '123456', password: 'master pw 3' }]);
    expect(calls).toContainEqual(['quick-unlock:enable', { method: 'touch-id', pin: null, password: 'master pw 4' }]);
    expect(calls).toContainEqual(['quick-unlock:disable', null]);
    expect(calls).toContainEqual(['quick-unlock:unlock', { pin: '654321' }]);
    expect(calls).toContainEqual(['quick-unlock:unlock', { pin: null }]);
    expect(calls).toContainEqual(['entries:update', { id: ID, patch: { favourite: true } }]);
    expect(calls).toContainEqual(['entries:reorder', { ids: [ID] }]);
    expect(calls).toContainEqual(['settings:update', { theme: 'dark' }]);
  });

  it('delivers pushes without the Electron event and unsubscribes', () => {
    const { transport, emit } = recordingTransport();
    const api = createTesseraApi(transport);
    const listener = vi.fn();
    const off = api.codes.onUpdate(listener);
    emit('codes:update', [{ id: ID, code: '123456', validFrom: 0, validUntil: 30_000 }]);
    expect(listener).toHaveBeenCalledWith([{ id: ID, code: '123456', validFrom: 0, validUntil: 30_000 }]);
    off();
    emit('codes:update', []);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('delivers the focus-search push and settings changes', () => {
    const { transport, emit } = recordingTransport();
    const api = createTesseraApi(transport);
    const focus = vi.fn();
    const settings = vi.fn();
    api.app.onFocusSearch(focus);
    api.settings.onChanged(settings);
    emit('app:focus-search', null);
    emit('settings:changed', { settings: {}, notes: [] });
    expect(focus).toHaveBeenCalledWith();
    expect(settings).toHaveBeenCalledWith({ settings: {}, notes: [] });
  });

  it('delivers quick unlock changes and unsubscribes', () => {
    const { transport, emit } = recordingTransport();
    const api = createTesseraApi(transport);
    const listener = vi.fn();
    const off = api.quickUnlock.onChanged(listener);
    const status = {
      available: true,
      unavailableReason: null,
      touchIdAvailable: false,
      enabled: false,
      method: null,
      expiresAt: null,
      untilRestart: true,
      attemptsLeft: null,
      lapsedReason: 'You entered a wrong PIN too many times.',
    };
    emit('quick-unlock:changed', status);
    expect(listener).toHaveBeenCalledWith(status);
    off();
    emit('quick-unlock:changed', status);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('turns a transport failure into an internal error value', async () => {
    const api = createTesseraApi({
      invoke: () => Promise.reject(new Error('No handler registered')),
      subscribe: () => () => undefined,
    });
    expect(await api.vault.status()).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
