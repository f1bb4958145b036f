// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How a Tessera backup is restored: merge (add what the vault lacks; the default) or replace (the
 * vault holds exactly the backup's accounts), with a warning saying how many accounts replace removes.
 */
import type { RestoreMode } from '../../electron/domain';
import { AlertIcon } from '../shared/Icons';
import { replaceWarning } from './import-text';

export interface RestoreModeChoiceProps {
  readonly mode: RestoreMode;
  readonly vaultEntryCount: number;
  readonly onChange: (mode: RestoreMode) => void;
}

export const MERGE_LABEL = 'Merge: add the accounts the vault does not have';
export const REPLACE_LABEL = 'Replace: the vault will hold exactly the backup’s accounts';

export function RestoreModeChoice({ mode, vaultEntryCount, onChange }: RestoreModeChoiceProps) {
  return (
    <fieldset className="radio-group import-restore-mode">
      <legend>How to restore</legend>
      <label className="radio">
        <input type="radio" name="restore-mode" checked={mode === 'merge'} onChange={() => onChange('merge')} />
        <span>{MERGE_LABEL}</span>
      </label>
      <label className="radio">
        <input type="radio" name="restore-mode" checked={mode === 'replace'} onChange={() => onChange('replace')} />
        <span>{REPLACE_LABEL}</span>
      </label>
      {mode === 'replace' ? (
        <p className="callout callout-danger import-replace-warning">
          <AlertIcon />
          <span>{replaceWarning(vaultEntryCount)}</span>
        </p>
      ) : null}
    </fieldset>
  );
}
