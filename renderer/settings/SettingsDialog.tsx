// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings: security (auto-lock, lock on sleep and screen lock, clipboard, privacy mode),
 * appearance, desktop (tray, start minimised, global shortcut), the clock check, the master password, the recovery
 * key, quick unlock, backups and export, icon packs, the vault's folder (and moving it), and facts about the vault. Every change is saved by main at once; there is no Save button
 * to forget. One dialog, with a list of its sections at the top (beside them in wide windows) to jump to. The export
 * dialog and a new recovery key take its place while they are open; when they close, the focus returns to the button
 * that opened them.
 */
import { useRef, useState, type RefObject } from 'react';
import type { Settings } from '../../electron/domain';
import { ExportDialog } from '../export/ExportDialog';
import { RecoveryKeyDialog } from '../recovery/RecoveryKeyDialog';
import { Modal } from '../shared/Modal';
import { useVaultStore } from '../shared/vault-store';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useSettingsStore } from './settings-store';
import { SettingsBackups } from './SettingsBackups';
import { SettingsClock } from './SettingsClock';
import { SettingsDesktop } from './SettingsDesktop';
import { SettingsIconPacks } from './SettingsIconPacks';
import { SettingsNav } from './SettingsNav';
import { SettingsQuickUnlock } from './SettingsQuickUnlock';
import { SettingsRecoveryKey } from './SettingsRecoveryKey';
import { SettingsSection } from './SettingsSection';
import { SettingsSecurity } from './SettingsSecurity';
import { SettingsVaultFile } from './SettingsVaultFile';
import { useSettingsUpdate } from './useSettingsUpdate';
import { VaultFacts } from './VaultFacts';

/** Props every settings section gets. */
export interface SectionProps {
  readonly settings: Settings;
  readonly errors: Partial<Record<keyof Settings, string>>;
  readonly update: (patch: Partial<Settings>) => Promise<boolean>;
}

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const view = useSettingsStore((s) => s.view);
  const { errors, update } = useSettingsUpdate();
  const vaultPath = useVaultStore((s) => s.status?.path ?? '');
  const [changingPassword, setChangingPassword] = useState(false);
  const [exporting, setExporting] = useState(false);
  /** A recovery key main just made, while it is shown; dropped when its dialog closes. */
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  /** The button to focus when the settings come back from the export or the recovery key. */
  const [returnTo, setReturnTo] = useState<RefObject<HTMLButtonElement | null> | null>(null);
  const exportButton = useRef<HTMLButtonElement>(null);
  const recoveryButton = useRef<HTMLButtonElement>(null);
  const fileNote = view?.notes.find((n) => n.setting === null)?.message ?? null;

  if (exporting) {
    return (
      <ExportDialog
        onClose={() => {
          setExporting(false);
          setReturnTo(exportButton);
        }}
      />
    );
  }
  if (recoveryKey !== null) {
    return (
      <RecoveryKeyDialog
        recoveryKey={recoveryKey}
        vaultPath={vaultPath}
        onClose={() => {
          setRecoveryKey(null);
          setReturnTo(recoveryButton);
        }}
      />
    );
  }
  return (
    <Modal
      title="Settings"
      className="modal-settings"
      onClose={onClose}
      {...(returnTo ? { initialFocus: returnTo } : {})}
    >
      {view === null ? (
        <p className="loading">Loading settings…</p>
      ) : (
        <div className="settings-layout">
          <SettingsNav />
          <div className="settings">
            {fileNote ? (
              <div className="callout callout-warning" role="note">
                {fileNote}
              </div>
            ) : null}
            <SettingsSecurity settings={view.settings} errors={errors} update={update} />
            <SettingsDesktop settings={view.settings} errors={errors} update={update} notes={view.notes} />
            <SettingsClock settings={view.settings} errors={errors} update={update} />
            <SettingsSection section="password">
              {changingPassword ? (
                <ChangePasswordForm onDone={() => setChangingPassword(false)} />
              ) : (
                <div>
                  <button type="button" className="button button-secondary" onClick={() => setChangingPassword(true)}>
                    Change master password…
                  </button>
                </div>
              )}
            </SettingsSection>
            <SettingsRecoveryKey onShowKey={setRecoveryKey} makeButton={recoveryButton} />
            <SettingsQuickUnlock settings={view.settings} errors={errors} update={update} />
            <SettingsBackups
              settings={view.settings}
              errors={errors}
              update={update}
              exportButton={exportButton}
              onExport={() => setExporting(true)}
            />
            <SettingsIconPacks />
            <SettingsVaultFile />
            <VaultFacts />
          </div>
        </div>
      )}
    </Modal>
  );
}
