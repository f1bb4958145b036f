// SPDX-License-Identifier: GPL-3.0-or-later
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUICK_UNLOCK_LIMITS } from '../../../electron/domain';
import { LIMITS, validators } from '../../../electron/ipc/validators';

const ID = '0b6f2a44-3c1e-4c5a-9a0b-6f1d2e3c4b5a';

describe('IPC payload validators', () => {
  it('accepts well-formed requests', () => {
    expect(validators['vault:status'](null)).toEqual({ ok: true, value: null });
    expect(validators['vault:unlock']({ password: 'correct horse' })).toEqual({
      ok: true,
      value: { password: 'correct horse' },
    });
    expect(validators['codes:copy']({ id: ID })).toEqual({ ok: true, value: { id: ID } });
    expect(
      validators['entries:add']({
        type: 'totp',
        issuer: 'GitHub',
        account: 'alice',
        secret: 'JBSWY3DPEHPK3PXP',
        digits: 6,
      }),
    ).toEqual({
      ok: true,
      value: { type: 'totp', issuer: 'GitHub', account: 'alice', secret: 'JBSWY3DPEHPK3PXP', digits: 6 },
    });
    expect(validators['entries:update']({ id: ID, patch: { tags: [], icon: null, favourite: true } })).toEqual({
      ok: true,
      value: { id: ID, patch: { tags: [], icon: null, favourite: true } },
    });
  });

  it('takes tags as a list of texts on add and edit (their rules are the entry validator’s)', () => {
    const add = { type: 'totp', issuer: 'x', account: 'y', secret: 'JBSWY3DPEHPK3PXP' };
    expect(validators['entries:add']({ ...add, tags: ['Work', ' work '] })).toEqual({
      ok: true,
      value: { ...add, tags: ['Work', ' work '] },
    });
    expect(validators['entries:update']({ id: ID, patch: { tags: ['Home'] } })).toEqual({
      ok: true,
      value: { id: ID, patch: { tags: ['Home'] } },
    });
    for (const tags of [
      'Work',
      [1],
      [null],
      ['x'.repeat(LIMITS.tag + 1)],
      Array.from({ length: LIMITS.tags + 1 }, (_, i) => `t${i}`),
      { 0: 'Work' },
    ]) {
      expect(validators['entries:add']({ ...add, tags } as never).ok, JSON.stringify(tags).slice(0, 40)).toBe(false);
      expect(validators['entries:update']({ id: ID, patch: { tags } } as never).ok).toBe(false);
    }
    expect(validators['entries:add']({ ...add, group: 'Work' } as never).ok).toBe(false);
  });

  it('takes an icon choice on edit: automatic, the letter tile, a bundled id, a custom icon’s SHA-256', () => {
    const custom = 'ab'.repeat(32);
    for (const icon of [null, { kind: 'letter' }, { kind: 'bundled', id: 'github' }, { kind: 'custom', id: custom }]) {
      expect(validators['entries:update']({ id: ID, patch: { icon } } as never)).toEqual({
        ok: true,
        value: { id: ID, patch: { icon } },
      });
    }
    for (const icon of [
      'github',
      { kind: 'pack', id: 'x' },
      { kind: 'letter', id: 'x' },
      { kind: 'bundled' },
      { kind: 'bundled', id: '' },
      { kind: 'bundled', id: '../etc' },
      { kind: 'bundled', id: 'x'.repeat(LIMITS.iconId + 1) },
      { kind: 'custom', id: custom.toUpperCase() },
      { kind: 'custom', id: 'ab' },
      { kind: 'custom', id: custom, extra: 1 },
    ]) {
      expect(validators['entries:update']({ id: ID, patch: { icon } } as never).ok, JSON.stringify(icon)).toBe(false);
    }
    expect(
      validators['entries:add']({ type: 'totp', issuer: 'x', account: '', secret: 'A', icon: null } as never).ok,
    ).toBe(false);
  });

  it.each([
    ['vault:status', { x: 1 }],
    ['vault:unlock', null],
    ['vault:unlock', { password: 1 }],
    ['vault:unlock', { password: 'x'.repeat(LIMITS.password + 1) }],
    ['vault:unlock', { password: 'ok', more: 1 }],
    ['vault:unlock', ['password']],
    ['codes:copy', { id: 'not-a-uuid' }],
    ['codes:copy', { id: ID.toUpperCase() }],
    ['entries:remove', { id: '../../etc/passwd' }],
    ['entries:add', { type: 'sms', issuer: '', account: '', secret: 'A' }],
    ['entries:add', { type: 'totp', issuer: 'x', account: 'y', secret: 'A', algorithm: 'MD5' }],
    ['entries:add', { type: 'totp', issuer: 'x', account: 'y', secret: 'A', digits: 6.5 }],
    ['entries:add', { type: 'totp', issuer: 'x', account: 'y', secret: 'A', digits: '6' }],
    ['entries:add', { type: 'totp', issuer: 'x', account: 'y', secret: 'A', __proto__: { polluted: 1 }, evil: 1 }],
    ['entries:add-uri', { uri: 'x'.repeat(LIMITS.uri + 1) }],
    ['entries:update', { id: ID, patch: { secret: 'AAAA' } }],
    ['entries:update', { id: ID, patch: null }],
    ['vault:change-password', { current: 'a' }],
  ] as const)('refuses %s %j', (channel, payload) => {
    const result = validators[channel](payload as never);
    expect(result.ok).toBe(false);
  });

  it('checks the codes-window channels', () => {
    expect(validators['entries:reorder']({ ids: [ID] })).toEqual({ ok: true, value: { ids: [ID] } });
    expect(validators['entries:undo-remove']({ id: ID })).toEqual({ ok: true, value: { id: ID } });
    expect(validators['codes:preview']({ type: 'hotp', secret: 'JBSWY3DPEHPK3PXP', counter: 3 })).toEqual({
      ok: true,
      value: { type: 'hotp', secret: 'JBSWY3DPEHPK3PXP', counter: 3 },
    });
    expect(validators['settings:update']({ globalShortcut: 'ctrl+shift+k', autoLockMinutes: 0 })).toEqual({
      ok: true,
      value: { globalShortcut: 'Control+Shift+K', autoLockMinutes: 0 },
    });
    expect(validators['app:activity'](null)).toEqual({ ok: true, value: null });
    for (const [channel, payload] of [
      ['entries:reorder', { ids: [ID, ID] }],
      ['entries:reorder', { ids: ['x'] }],
      ['entries:reorder', { ids: 'all' }],
      ['entries:reorder', { ids: Array.from({ length: 10_001 }, () => ID) }],
      ['codes:preview', { type: 'totp', secret: 'A', issuer: 'leaks nothing but is not asked for' }],
      ['codes:preview', { type: 'totp' }],
      ['codes:preview', { type: 'totp', secret: 'x'.repeat(LIMITS.secret + 1) }],
      ['settings:update', { theme: 'neon' }],
      ['settings:update', { globalShortcut: 'A' }],
      ['settings:update', {}],
      ['settings:get', { all: true }],
      ['app:activity', { at: 1 }],
    ] as const) {
      expect(validators[channel](payload as never).ok, `${channel} ${JSON.stringify(payload).slice(0, 60)}`).toBe(
        false,
      );
    }
  });

  it('checks copying a code (current or next) and the usage counts', () => {
    expect(validators['codes:copy']({ id: ID, next: true })).toEqual({ ok: true, value: { id: ID, next: true } });
    expect(validators['codes:copy']({ id: ID, next: false })).toEqual({ ok: true, value: { id: ID, next: false } });
    expect(validators['codes:usage'](null)).toEqual({ ok: true, value: null });
    expect(validators['codes:usage'](undefined)).toEqual({ ok: true, value: null });
    for (const [channel, payload] of [
      ['codes:copy', { id: ID, next: 'yes' }],
      ['codes:copy', { id: ID, next: 1 }],
      ['codes:copy', { id: ID, next: null }],
      ['codes:copy', { id: ID, previous: true }],
      ['codes:copy', { next: true }],
      ['codes:usage', { id: ID }],
      ['codes:usage', {}],
    ] as const) {
      expect(validators[channel](payload as never).ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
    }
  });

  it('checks an export authorisation for a selection: entry ids, each once, at least one, at most a vault’s', () => {
    const OTHER = '1c7a3b55-4d2f-4e6b-8b1c-7a2e3d4c5b6f';
    expect(validators['exports:authorize']({ password: 'pw' })).toEqual({ ok: true, value: { password: 'pw' } });
    expect(validators['exports:authorize']({ password: 'pw', ids: [OTHER, ID] })).toEqual({
      ok: true,
      value: { password: 'pw', ids: [OTHER, ID] },
    });
    const most = Array.from({ length: LIMITS.entries }, (_, i) => `${ID.slice(0, 30)}${String(i).padStart(6, '0')}`);
    expect(validators['exports:authorize']({ password: 'pw', ids: most }).ok).toBe(true);
    for (const payload of [
      { password: 'pw', ids: [] },
      { password: 'pw', ids: [ID, ID] },
      { password: 'pw', ids: ['not-an-id'] },
      { password: 'pw', ids: [ID.toUpperCase()] },
      { password: 'pw', ids: ID },
      { password: 'pw', ids: null },
      { password: 'pw', ids: [...most, OTHER] },
      { ids: [ID] },
      { password: 'pw', ids: [ID], format: 'aegis' },
    ]) {
      const result = validators['exports:authorize'](payload as never);
      expect(result.ok, JSON.stringify(payload).slice(0, 80)).toBe(false);
      // Neither the password nor an id is quoted back.
      if (!result.ok) expect(result.message).not.toMatch(/pw'|0b6f2a44|not-an-id/i);
    }
  });

  it('checks the import, export and backup channels', () => {
    const bytes = new Uint8Array([137, 80, 78, 71]);
    expect(validators['imports:read-file']({ name: 'qr.png', bytes })).toEqual({
      ok: true,
      value: { name: 'qr.png', bytes },
    });
    expect(validators['imports:commit']({ keys: ['c0', 'c12'], mode: 'replace' })).toEqual({
      ok: true,
      value: { keys: ['c0', 'c12'], mode: 'replace' },
    });
    expect(validators['imports:read-text']({ text: 'otpauth://totp/x?secret=AA' }).ok).toBe(true);
    expect(validators['exports:save']({ format: 'aegis', exportPassword: 'pw' })).toEqual({
      ok: true,
      value: { format: 'aegis', exportPassword: 'pw' },
    });
    expect(validators['exports:save']({ format: 'uri-list' })).toEqual({ ok: true, value: { format: 'uri-list' } });
    for (const format of ['2fas', 'keepass'] as const) {
      expect(validators['exports:save']({ format, exportPassword: 'pw' })).toEqual({
        ok: true,
        value: { format, exportPassword: 'pw' },
      });
    }
    for (const format of ['2fas-plain', 'bitwarden', 'ente'] as const) {
      expect(validators['exports:save']({ format })).toEqual({ ok: true, value: { format } });
    }
    expect(validators['exports:qr']({ kind: 'migration', index: 2 })).toEqual({
      ok: true,
      value: { kind: 'migration', index: 2 },
    });
    expect(validators['settings:update']({ backupFolder: '', backupKeep: 3, autoBackup: false }).ok).toBe(true);
    for (const [channel, payload] of [
      ['imports:read-file', { name: 'qr.png', bytes: [137, 80] }],
      ['imports:read-file', { name: 'qr.png', bytes: 'iVBOR' }],
      ['imports:read-file', { name: 'qr.png', bytes: new Uint8Array(LIMITS.fileBytes + 1) }],
      ['imports:read-file', { name: 'x'.repeat(LIMITS.fileName + 1), bytes }],
      ['imports:read-file', { name: 'qr.png', bytes, path: '/etc/shadow' }],
      ['imports:read-text', { text: 'x'.repeat(LIMITS.pastedText + 1) }],
      ['imports:commit', { keys: ['c0'], mode: 'overwrite' }],
      ['imports:commit', { keys: ['c0', 'c0'], mode: 'merge' }],
      ['imports:commit', { keys: ['../c0'], mode: 'merge' }],
      ['imports:commit', { keys: 'c0', mode: 'merge' }],
      ['imports:file-password', { password: 'x'.repeat(LIMITS.password + 1) }],
      ['exports:save', { format: 'csv' }],
      ['exports:save', { format: '2FAS' }],
      ['exports:save', { format: 'kdbx' }],
      ['exports:save', { format: 'tessera', exportPassword: 3 }],
      ['exports:save', { format: 'tessera', path: '/tmp/x' }],
      ['exports:qr', { kind: 'entry', index: -1 }],
      ['exports:qr', { kind: 'entry', index: 1.5 }],
      ['exports:qr', { kind: 'text', index: 0 }],
      ['exports:authorize', {}],
      ['backups:choose-folder', { folder: '/tmp' }],
      // Another folder only through main's folder dialog, never named by the renderer.
      ['settings:update', { backupFolder: '/tmp/elsewhere' }],
      ['settings:update', { backupKeep: 0 }],
    ] as const) {
      // Keys only in the message: stringifying a 50 MiB array would take minutes.
      expect(validators[channel](payload as never).ok, `${channel} ${Object.keys(payload).join(',')}`).toBe(false);
    }
  });

  it('takes a format for a file import only from the importers’ list (default-deny)', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(validators['imports:open-files'](null)).toEqual({ ok: true, value: null });
    expect(validators['imports:open-files']({ format: 'aegis' })).toEqual({ ok: true, value: { format: 'aegis' } });
    expect(validators['imports:read-file']({ name: 'x.bin', bytes, format: '2fas' })).toEqual({
      ok: true,
      value: { name: 'x.bin', bytes, format: '2fas' },
    });
    expect(validators['imports:formats'](null)).toEqual({ ok: true, value: null });
    for (const format of ['Aegis', 'kdbx', '', '__proto__', 'toString', 1, null, ['aegis']]) {
      expect(validators['imports:open-files']({ format }).ok, String(format)).toBe(false);
      expect(validators['imports:read-file']({ name: 'x.bin', bytes, format }).ok, String(format)).toBe(false);
    }
    expect(validators['imports:open-files']({ format: 'aegis', path: '/etc/passwd' }).ok).toBe(false);
    expect(validators['imports:formats']({ all: true }).ok).toBe(false);
  });

  it('checks the recovery key channels', () => {
    const key = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD';
    expect(validators['vault:recover']({ recoveryKey: key, newPassword: 'a new password' })).toEqual({
      ok: true,
      value: { recoveryKey: key, newPassword: 'a new password' },
    });
    // Spaces and lower case are the vault's to read: the wire only bounds the length.
    expect(validators['vault:recover']({ recoveryKey: ' abcd efgh '.repeat(18), newPassword: 'x' }).ok).toBe(true);
    expect(validators['vault:create-recovery-key']({ password: 'master' })).toEqual({
      ok: true,
      value: { password: 'master' },
    });
    expect(validators['vault:remove-recovery-key']({ password: 'master' }).ok).toBe(true);
    for (const channel of ['vault:save-recovery-key', 'vault:forget-recovery-key'] as const) {
      expect(validators[channel](null)).toEqual({ ok: true, value: null });
      expect(validators[channel](undefined)).toEqual({ ok: true, value: null });
    }
    for (const [channel, payload] of [
      ['vault:recover', null],
      ['vault:recover', key],
      ['vault:recover', { recoveryKey: key }],
      ['vault:recover', { newPassword: 'a new password' }],
      ['vault:recover', { recoveryKey: 1, newPassword: 'a new password' }],
      ['vault:recover', { recoveryKey: key, newPassword: ['a new password'] }],
      ['vault:recover', { recoveryKey: 'A'.repeat(LIMITS.recoveryKey + 1), newPassword: 'a new password' }],
      ['vault:recover', { recoveryKey: key, newPassword: 'x'.repeat(LIMITS.password + 1) }],
      ['vault:recover', { recoveryKey: key, newPassword: 'a new password', password: 'old' }],
      ['vault:create-recovery-key', null],
      ['vault:create-recovery-key', {}],
      ['vault:create-recovery-key', { password: 7 }],
      ['vault:create-recovery-key', { password: 'x'.repeat(LIMITS.password + 1) }],
      ['vault:create-recovery-key', { password: 'master', recoveryKey: key }],
      ['vault:remove-recovery-key', { password: null }],
      ['vault:remove-recovery-key', { password: 'master', all: true }],
      // The file is chosen in main's save dialog, never named by the renderer.
      ['vault:save-recovery-key', { path: '/tmp/key.txt' }],
      ['vault:save-recovery-key', '/tmp/key.txt'],
      ['vault:forget-recovery-key', { recoveryKey: key }],
    ] as const) {
      expect(validators[channel](payload as never).ok, `${channel} ${JSON.stringify(payload).slice(0, 60)}`).toBe(
        false,
      );
    }
    expect(LIMITS.recoveryKey).toBe(200);
  });

  it('checks the quick unlock channels', () => {
    for (const channel of ['quick-unlock:status', 'quick-unlock:disable'] as const) {
      expect(validators[channel](null)).toEqual({ ok: true, value: null });
      expect(validators[channel](undefined)).toEqual({ ok: true, value: null });
    }
    expect(validators['quick-unlock:enable']({ method: 'pin', pin: '123456', password: 'master' })).toEqual({
      ok: true,
      value: { method: 'pin', pin: '123456', password: 'master' },
    });
    expect(validators['quick-unlock:enable']({ method: 'touch-id', pin: null, password: 'master' })).toEqual({
      ok: true,
      value: { method: 'touch-id', pin: null, password: 'master' },
    });
    // The shape of a PIN (length, characters) and whether it fits the method are the service's to say.
    expect(validators['quick-unlock:enable']({ method: 'pin', pin: '12', password: 'master' }).ok).toBe(true);
    expect(validators['quick-unlock:enable']({ method: 'pin', pin: null, password: 'm' }).ok).toBe(true);
    expect(validators['quick-unlock:enable']({ method: 'touch-id', pin: '123456', password: 'm' }).ok).toBe(true);
    expect(validators['quick-unlock:unlock']({ pin: '123456' })).toEqual({ ok: true, value: { pin: '123456' } });
    expect(validators['quick-unlock:unlock']({ pin: 'Ωmega 1!' })).toEqual({ ok: true, value: { pin: 'Ωmega 1!' } });
    expect(validators['quick-unlock:unlock']({ pin: null })).toEqual({ ok: true, value: { pin: null } });
    const longest = 'x'.repeat(QUICK_UNLOCK_LIMITS.pinMaxLength);
    expect(validators['quick-unlock:unlock']({ pin: longest }).ok).toBe(true);
    expect(validators['quick-unlock:enable']({ method: 'pin', pin: longest, password: 'm' }).ok).toBe(true);
    expect(LIMITS.pin).toBe(QUICK_UNLOCK_LIMITS.pinMaxLength);

    const tooLong = 'x'.repeat(QUICK_UNLOCK_LIMITS.pinMaxLength + 1);
    for (const [channel, payload] of [
      ['quick-unlock:status', { vault: 'x' }],
      ['quick-unlock:status', 'status'],
      ['quick-unlock:disable', { password: 'master' }],
      ['quick-unlock:enable', null],
      ['quick-unlock:enable', 'pin'],
      ['quick-unlock:enable', ['pin', '123456', 'master']],
      ['quick-unlock:enable', {}],
      ['quick-unlock:enable', { method: 'face-id', pin: null, password: 'master' }],
      ['quick-unlock:enable', { method: 'PIN', pin: '123456', password: 'master' }],
      ['quick-unlock:enable', { method: '__proto__', pin: '123456', password: 'master' }],
      ['quick-unlock:enable', { method: 'toString', pin: '123456', password: 'master' }],
      ['quick-unlock:enable', { method: null, pin: '123456', password: 'master' }],
      ['quick-unlock:enable', { pin: '123456', password: 'master' }],
      ['quick-unlock:enable', { method: 'pin', password: 'master' }],
      ['quick-unlock:enable', { method: 'pin', pin: undefined, password: 'master' }],
      ['quick-unlock:enable', { method: 'pin', pin: 123456, password: 'master' }],
      ['quick-unlock:enable', { method: 'pin', pin: ['123456'], password: 'master' }],
      ['quick-unlock:enable', { method: 'pin', pin: tooLong, password: 'master' }],
      ['quick-unlock:enable', { method: 'pin', pin: '123456' }],
      ['quick-unlock:enable', { method: 'pin', pin: '123456', password: null }],
      ['quick-unlock:enable', { method: 'pin', pin: '123456', password: 'x'.repeat(LIMITS.password + 1) }],
      ['quick-unlock:enable', { method: 'pin', pin: '123456', password: 'master', days: 30 }],
      ['quick-unlock:unlock', null],
      ['quick-unlock:unlock', '123456'],
      ['quick-unlock:unlock', {}],
      ['quick-unlock:unlock', { pin: undefined }],
      ['quick-unlock:unlock', { pin: 123456 }],
      ['quick-unlock:unlock', { pin: tooLong }],
      ['quick-unlock:unlock', { pin: '123456', password: 'master' }],
      ['quick-unlock:unlock', { password: 'master' }],
    ] as const) {
      expect(validators[channel](payload as never).ok, `${channel} ${JSON.stringify(payload).slice(0, 60)}`).toBe(
        false,
      );
    }
  });

  it('takes the quick unlock settings as settings', () => {
    expect(validators['settings:update']({ quickUnlockUntilRestart: false, quickUnlockEveryDays: 30 })).toEqual({
      ok: true,
      value: { quickUnlockUntilRestart: false, quickUnlockEveryDays: 30 },
    });
    for (const patch of [
      { quickUnlockEveryDays: 0 },
      { quickUnlockEveryDays: QUICK_UNLOCK_LIMITS.everyDaysMax + 1 },
      { quickUnlockUntilRestart: 'false' },
    ]) {
      expect(validators['settings:update'](patch).ok, JSON.stringify(patch)).toBe(false);
    }
  });

  it('never quotes a refused PIN or password back', () => {
    const secret = 'SECRET';
    for (const result of [
      validators['quick-unlock:unlock']({ pin: secret.repeat(20) }),
      validators['quick-unlock:unlock']({ pin: secret, extra: 1 }),
      validators['quick-unlock:enable']({ method: 'pin', pin: secret.repeat(20), password: 'pw' }),
      validators['quick-unlock:enable']({ method: 'pin', pin: '123456', password: secret.repeat(200) }),
      validators['quick-unlock:enable']({ method: secret, pin: secret, password: secret }),
    ]) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(secret);
    }
  });

  it('never quotes a refused recovery key or password back', () => {
    const secret = 'SECRET-KEY-TEXT';
    for (const result of [
      validators['vault:recover']({ recoveryKey: secret.repeat(20), newPassword: 'pw' }),
      validators['vault:recover']({ recoveryKey: 'k', newPassword: secret.repeat(100) }),
      validators['vault:recover']({ recoveryKey: secret, newPassword: 1 }),
      validators['vault:create-recovery-key']({ password: secret.repeat(100) }),
    ]) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain('SECRET');
    }
  });

  it('never throws, whatever the renderer sends', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(validators) as (keyof typeof validators)[])),
        fc.anything(),
        (c, p) => {
          const r = validators[c](p);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
