// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Every shipped icon id can be chosen and stored: it passes the one id rule the vault's payload
 * reader, the vault's edit checks and the IPC validators share (domain/icons.ts). An id the rule
 * refused would make a vault that chose it unreadable, or the pick refused at the IPC boundary.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_ICON_ID_RE } from '../../../electron/domain';
import { validators } from '../../../electron/ipc/validators';
import { validateIconChoice } from '../../../electron/vault/validate';
import { generatedIconData } from '../../fixtures/icons/generated-icons';

const ids = generatedIconData().index.icons.map(([id]) => id);

describe('bundled icon ids', () => {
  it('all pass the shared id rule (ids with "_" included)', () => {
    expect(ids.length).toBeGreaterThan(3000);
    expect(ids.some((id) => id.includes('_'))).toBe(true);
    expect(ids.filter((id) => !BUNDLED_ICON_ID_RE.test(id))).toEqual([]);
  });

  it('are accepted by the vault and by icons:set', () => {
    for (const id of ids) {
      expect(() => validateIconChoice({ kind: 'bundled', id })).not.toThrow();
      const checked = validators['icons:set']({
        id: '00000000-0000-4000-8000-000000000000',
        pick: { kind: 'bundled', id },
      });
      expect(checked).not.toBeInstanceOf(Error);
    }
  });
});
