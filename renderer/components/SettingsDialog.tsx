// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings: security (auto-lock, lock on sleep and screen lock, clipboard, privacy mode),
 * appearance, desktop (tray, start minimised, global shortcut), the master password and facts
 * about the vault. Every change is saved by main at once; there is no Save button to forget.
 */
import { useState } from 'react';
import type { Settings } from '../../electron/ipc/contract';
import { useSettingsUpdate } from '../hooks/useSettingsUpdate';
import { useSettingsStore } from '../store/settings-store';
import { ChangePasswordForm } from './ChangePasswordForm';
import { Modal } from './Modal';
import { SettingsDesktop } from './SettingsDesktop';
import { SettingsSecurity } from './SettingsSecurity';
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
  const [changingPassword, setChangingPassword] = useState(false);
  const fileNote = view?.notes.find((n) => n.setting === null)?.message ?? null;

  return (
    <Modal title="Settings" onClose={onClose}>
      {view === null ? (
        <p className="loading">Loading settings…</p>
      ) : (
        <div className="settings">
          {fileNote ? (
            <div className="callout callout-warning" role="note">
              {fileNote}
            </div>
          ) : null}
          <SettingsSecurity settings={view.settings} errors={errors} update={update} />
          <SettingsDesktop settings={view.settings} errors={errors} update={update} notes={view.notes} />
          <section className="settings-section" aria-labelledby="settings-password">
            <h3 id="settings-password">Master password</h3>
            {changingPassword ? (
              <ChangePasswordForm onDone={() => setChangingPassword(false)} />
            ) : (
              <div>
                <button type="button" className="button button-secondary" onClick={() => setChangingPassword(true)}>
                  Change master password…
                </button>
              </div>
            )}
          </section>
          <VaultFacts />
        </div>
      )}
    </Modal>
  );
}
