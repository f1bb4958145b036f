// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Change icon…" for one account (the account menu): Automatic (the icon that matches its name, or
 * its letter tile), Letter tile, a searchable grid of the bundled icons and this computer's icon
 * packs, and "From an image file…" (main's open dialog; the image is checked in main and kept in the
 * vault). A pick applies at once (`icons.set`) and closes the dialog; the list follows main's
 * answer. A refusal stays in the dialog, in main's words with "Details". Keyboard: the search field
 * has the focus first, ↓ enters the grid, the grid's arrow keys move (IconGrid), Enter picks.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { EntrySummary, IconPick, IconRef, IconSearchHit, IpcError } from '../../electron/domain';
import { useEntriesStore } from '../codes/entries-store';
import { entryLabel } from '../codes/entry-query';
import { ICON_LIMITS } from '../shared/domain-values';
import { FormAlert } from '../shared/FormAlert';
import { IssuerTile, LetterTile } from '../shared/IssuerTile';
import { Modal } from '../shared/Modal';
import { IconGrid } from './IconGrid';
import { pickOfRef, setIcon, setIconFromFile } from './icon-actions';
import { AutomaticIcon, PictureIcon } from '../shared/Icons';
import { useIconSearch } from './useIconSearch';

const SEARCH_ID = 'icon-picker-search';
/** Longer text finds nothing more; main refuses much longer. */
export const ICON_QUERY_MAX = 100;

/** The ref of a bundled or custom icon the account is set to, to mark it in the grid. */
function chosenRef(entry: EntrySummary): IconRef | null {
  const choice = entry.icon;
  if (choice === null || choice.kind === 'letter') return null;
  return { source: choice.kind, id: choice.id };
}

/** What the status line says about the hits (a polite live region). */
export function hitsText(hits: readonly IconSearchHit[] | null, query: string): string {
  if (hits === null) return '';
  const typed = query.trim();
  if (hits.length === 0) return typed === '' ? 'Type a name to find its icon.' : `No icons match “${typed}”.`;
  const count = hits.length === 1 ? '1 icon' : `${hits.length} icons`;
  return typed === '' ? `${count}.` : `${count} ${hits.length === 1 ? 'matches' : 'match'} “${typed}”.`;
}

export function IconPickerDialog({ entry, onClose }: { entry: EntrySummary; onClose: () => void }) {
  // The account as the store has it now (its icon may have changed since the menu opened).
  const current = useEntriesStore((s) => s.entries.find((e) => e.id === entry.id)) ?? entry;
  const [query, setQuery] = useState('');
  const search = useIconSearch(query);
  const [problem, setProblem] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const enterGrid = useRef<(() => void) | null>(null);
  const label = entryLabel(current);
  const choice = current.icon;

  async function pick(chosen: IconPick): Promise<void> {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const refused = await setIcon(current, chosen);
    setBusy(false);
    if (refused === null) onClose();
    else setProblem(refused);
  }

  async function fromFile(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const outcome = await setIconFromFile(current);
    setBusy(false);
    if ('code' in outcome) setProblem(outcome);
    else if (outcome.kind === 'set') onClose();
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown' && (search.hits?.length ?? 0) > 0) {
      event.preventDefault();
      enterGrid.current?.();
    } else if (event.key === 'Enter') {
      // Nothing to submit: a pick is a press on an icon.
      event.preventDefault();
    }
  }

  const hits = search.hits ?? [];
  return (
    <Modal title={`Icon for ${label}`} className="modal-icon-picker" onClose={onClose} initialFocus={searchRef}>
      <div className="icon-picker" aria-busy={busy}>
        <div className="icon-picker-kinds" role="group" aria-label="Kind of icon">
          <button
            type="button"
            className="icon-kind"
            aria-current={choice === null ? 'true' : undefined}
            onClick={() => void pick(null)}
          >
            {choice === null ? (
              <IssuerTile issuer={current.issuer} account={current.account} icon={current.shownIcon} />
            ) : (
              <span className="tile tile-automatic" aria-hidden="true">
                <AutomaticIcon />
              </span>
            )}
            <span className="icon-kind-text">
              <span className="icon-kind-name">Automatic</span>
              <span className="icon-kind-hint">The icon that matches its name</span>
            </span>
          </button>
          <button
            type="button"
            className="icon-kind"
            aria-current={choice?.kind === 'letter' ? 'true' : undefined}
            onClick={() => void pick({ kind: 'letter' })}
          >
            <LetterTile issuer={current.issuer} account={current.account} />
            <span className="icon-kind-text">
              <span className="icon-kind-name">Letter tile</span>
              <span className="icon-kind-hint">Its first letter on a colour</span>
            </span>
          </button>
        </div>
        <div className="field icon-picker-search">
          <label htmlFor={SEARCH_ID}>Search icons</label>
          <input
            id={SEARCH_ID}
            ref={searchRef}
            type="search"
            value={query}
            maxLength={ICON_QUERY_MAX}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={`${SEARCH_ID}-status`}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onSearchKeyDown}
          />
        </div>
        <p id={`${SEARCH_ID}-status`} className="icon-picker-status" role="status" aria-live="polite">
          {hitsText(search.hits, search.answered)}
        </p>
        {hits.length > 0 ? (
          <IconGrid
            hits={hits}
            current={chosenRef(current)}
            onPick={(hit) => void pick(pickOfRef(hit.ref))}
            onLeaveTop={() => searchRef.current?.focus()}
            focusFirstRef={enterGrid}
          />
        ) : null}
        <FormAlert message={search.error?.message ?? null} details={search.error?.details} />
        <div className="icon-picker-file">
          <button type="button" className="button button-secondary" onClick={() => void fromFile()}>
            <PictureIcon />
            From an image file…
          </button>
          <p className="field-hint">
            A PNG, JPEG or SVG image up to {ICON_LIMITS.fileMaxBytes / 2 ** 20} MB. It is kept inside the vault.
          </p>
        </div>
        <FormAlert message={problem?.message ?? null} details={problem?.details} />
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
