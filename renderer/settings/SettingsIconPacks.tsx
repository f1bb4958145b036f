// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings › Icon packs: the Aegis icon packs kept on this computer (name, version, how many icons),
 * "Import icon pack…" (main's open dialog; the ZIP is checked in main) and "Remove" for each. Packs
 * stay on this computer: an icon picked from one is copied into the vault, so removing a pack takes
 * no chosen icon away. What happened is said in a polite live region; a refusal in main's words,
 * with its technical side behind "Details". After a removal the focus goes to "Import icon pack…".
 */
import { useEffect, useRef, useState } from 'react';
import type { IconPackInfo, IpcError } from '../../electron/domain';
import { api } from '../api';
import { FormAlert } from '../shared/FormAlert';
import { isVaultUnlocked } from '../shared/vault-store';
import { SettingsSection } from './SettingsSection';

/** "1 icon", "1,234 icons". */
export function iconCountText(count: number): string {
  return count === 1 ? '1 icon' : `${count.toLocaleString('en')} icons`;
}

/** What the list says of one pack besides its name: "version 3 · 1,234 icons". */
export function packFactsText(pack: IconPackInfo): string {
  return `version ${pack.version} · ${iconCountText(pack.icons)}`;
}

type Work = { readonly kind: 'import' } | { readonly kind: 'remove'; readonly id: string } | null;

export function SettingsIconPacks() {
  const [packs, setPacks] = useState<readonly IconPackInfo[] | null>(null);
  const [work, setWork] = useState<Work>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<IpcError | null>(null);
  const importButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void api()
      .icons.packs()
      .then((result) => {
        if (!live) return;
        if (result.ok) setPacks(result.value);
        else setProblem(result.error);
      });
    return () => {
      live = false;
    };
  }, []);

  async function importPack(): Promise<void> {
    if (work) return;
    setWork({ kind: 'import' });
    setProblem(null);
    setNote('Importing the icon pack…');
    const result = await api().icons.importPack();
    if (!isVaultUnlocked()) return;
    setWork(null);
    if (!result.ok) {
      setNote('');
      setProblem(result.error);
      return;
    }
    const pack = result.value.pack;
    if (pack === null) {
      setNote('');
      return;
    }
    const listed = await api().icons.packs();
    setPacks(listed.ok ? listed.value : (before) => [...(before ?? []).filter((p) => p.id !== pack.id), pack]);
    setNote(`Imported the icon pack “${pack.name}” (${iconCountText(pack.icons)}).`);
  }

  async function removePack(pack: IconPackInfo): Promise<void> {
    if (work) return;
    setWork({ kind: 'remove', id: pack.id });
    setProblem(null);
    const result = await api().icons.removePack(pack.id);
    if (!isVaultUnlocked()) return;
    setWork(null);
    if (!result.ok) {
      setProblem(result.error);
      return;
    }
    setPacks(result.value);
    setNote(`Removed the icon pack “${pack.name}”.`);
    // Its button went with it.
    importButton.current?.focus();
  }

  return (
    <SettingsSection section="icons">
      <p className="field-hint">
        Icon packs made for Aegis add icons for more services. They stay on this computer; an icon you pick from one is
        copied into the vault.
      </p>
      {packs === null ? (
        problem ? null : (
          <p className="loading">Loading icon packs…</p>
        )
      ) : packs.length === 0 ? (
        <p className="icon-packs-none">No icon packs yet.</p>
      ) : (
        <ul className="icon-packs" aria-label="Icon packs on this computer">
          {packs.map((pack) => (
            <li key={pack.id} className="icon-pack">
              <span className="icon-pack-text">
                <span className="icon-pack-name">{pack.name}</span>
                <span className="icon-pack-facts">{packFactsText(pack)}</span>
              </span>
              <button
                type="button"
                className="button button-secondary"
                aria-label={`Remove ${pack.name}`}
                aria-disabled={work?.kind === 'remove' && work.id === pack.id}
                onClick={() => void removePack(pack)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="settings-actions">
        <button
          ref={importButton}
          type="button"
          className="button button-secondary"
          aria-disabled={work?.kind === 'import'}
          onClick={() => void importPack()}
        >
          Import icon pack…
        </button>
      </div>
      <p className="icon-packs-note" role="status" aria-live="polite">
        {note}
      </p>
      <FormAlert message={problem?.message ?? null} details={problem?.details} />
    </SettingsSection>
  );
}
