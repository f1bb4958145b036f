// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A polite live region that speaks only when a shown code actually changes (a new period, a new
 * HOTP code), never on the clock's ticks and not for the first load after unlocking. In privacy
 * mode it says that a code changed, never the code.
 */
import { useEffect, useRef, useState } from 'react';
import type { EntryId, EntrySummary } from '../../electron/domain';
import { useSettingsStore } from '../settings/settings-store';
import { spokenCode } from '../shared/format-code';
import { useCodesStore } from './codes-store';
import { entryLabel } from './entry-query';
import { shownCode } from './rollover';

export interface CodeAnnouncerProps {
  /** The rows on screen; changes to hidden rows are not announced. */
  readonly entries: readonly EntrySummary[];
  readonly selectedId: EntryId | null;
}

/** The sentence for a set of changed codes; the selected row's code is read out when it changed. */
export function announcement(
  changed: readonly EntrySummary[],
  codeOf: (id: EntryId) => string | undefined,
  selectedId: EntryId | null,
  hidden = false,
): string {
  const spoken = (entry: EntrySummary): string =>
    hidden
      ? `${entryLabel(entry)}: new code (hidden)`
      : `${entryLabel(entry)}: new code ${spokenCode(codeOf(entry.id) ?? '', entry.type)}`;
  const [only] = changed;
  if (changed.length === 1 && only) return spoken(only);
  const selected = changed.find((e) => e.id === selectedId);
  const summary = `New codes for ${changed.length} accounts.`;
  return selected ? `${summary} ${spoken(selected)}` : summary;
}

export function CodeAnnouncer({ entries, selectedId }: CodeAnnouncerProps) {
  const [message, setMessage] = useState({ key: 0, text: '' });
  const latest = useRef({ entries, selectedId });
  useEffect(() => {
    latest.current = { entries, selectedId };
  });

  useEffect(
    () =>
      useCodesStore.subscribe((state, previous) => {
        if (!previous.loaded || (state.byId === previous.byId && state.rolledAt === previous.rolledAt)) return;
        // Compared as the strings shown: no promoted code is made for rows nobody renders.
        const now = (id: EntryId): string | undefined => {
          const code = state.byId[id];
          return code && shownCode(code, state.rolledAt);
        };
        const before = (id: EntryId): string | undefined => {
          const code = previous.byId[id];
          return code && shownCode(code, previous.rolledAt);
        };
        const changed = latest.current.entries.filter((entry) => {
          const code = now(entry.id);
          return code !== undefined && code !== before(entry.id);
        });
        if (changed.length === 0) return;
        const hidden = useSettingsStore.getState().view?.settings.hideCodes ?? false;
        const text = announcement(changed, now, latest.current.selectedId, hidden);
        setMessage((m) => ({ key: m.key + 1, text }));
      }),
    [],
  );

  return (
    <div className="hidden-live">
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="code-announcer">
        {/* A new node per message, so the same sentence twice is still spoken. */}
        {message.text ? <span key={message.key}>{message.text}</span> : null}
      </div>
    </div>
  );
}
