// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One account in the codes list. The big button copies the code (click or Enter); its accessible
 * name is "Issuer, account, code 123 456". Only the ring re-renders with the clock.
 */
import { memo } from 'react';
import type { CodeSnapshot, EntrySummary } from '../../electron/ipc/contract';
import { copyCode, nextHotpCode } from '../lib/actions';
import { entryLabel } from '../lib/entry-query';
import { groupCode } from '../lib/format-code';
import { useCodesStore } from '../store/codes-store';
import { CountdownRing } from './CountdownRing';
import { EditIcon, NextIcon, StarIcon, TrashIcon } from './Icons';
import { IssuerTile } from './IssuerTile';

export interface CodeRowProps {
  readonly entry: EntrySummary;
  readonly selected: boolean;
  readonly onSelect: (id: string) => void;
  readonly onEdit: (entry: EntrySummary) => void;
  readonly onDelete: (entry: EntrySummary) => void;
}

/** The DOM id of a row's copy button, used for aria-activedescendant and keyboard focus. */
export function rowButtonId(entryId: string): string {
  return `code-row-${entryId}`;
}

/** "GitHub, alice@example.com, code 123 456" (and the next code while it is previewed). */
export function rowName(entry: EntrySummary, code: CodeSnapshot | undefined): string {
  if (!code) return `${entryLabel(entry)}, ${entry.type === 'hotp' ? 'no code generated yet' : 'code loading'}`;
  const next = code.next ? `, next code ${groupCode(code.next, entry.type)}` : '';
  return `${entryLabel(entry)}, code ${groupCode(code.code, entry.type)}${next}`;
}

export const CodeRow = memo(function CodeRow({ entry, selected, onSelect, onEdit, onDelete }: CodeRowProps) {
  const code = useCodesStore((s) => s.byId[entry.id]);
  const label = entryLabel(entry);
  const title = entry.issuer || entry.account || 'Unnamed account';
  const subtitle = entry.issuer ? entry.account : '';
  return (
    <li className={selected ? 'row row-selected' : 'row'} aria-current={selected ? 'true' : undefined}>
      <button
        type="button"
        id={rowButtonId(entry.id)}
        className="row-main"
        aria-label={rowName(entry, code)}
        onClick={() => void copyCode(entry)}
        onFocus={() => onSelect(entry.id)}
      >
        <IssuerTile issuer={entry.issuer} account={entry.account} />
        <span className="row-text">
          <span className="row-issuer">
            {title}
            {entry.favourite ? <StarIcon /> : null}
          </span>
          <span className="row-account">
            {subtitle}
            {entry.group ? <span className="row-group">{entry.group}</span> : null}
          </span>
        </span>
        <span className="row-code-block">
          <span className={code ? 'row-code' : 'row-code row-code-empty'}>
            {code ? groupCode(code.code, entry.type) : entry.type === 'hotp' ? '––– –––' : '··· ···'}
          </span>
          {code?.next ? <span className="row-next">next {groupCode(code.next, entry.type)}</span> : null}
        </span>
        {code && code.validUntil !== null ? (
          <CountdownRing validFrom={code.validFrom} validUntil={code.validUntil} />
        ) : (
          <span className="ring ring-none" aria-hidden="true" />
        )}
      </button>
      {entry.type === 'hotp' ? (
        // Sits where time-based rows show their ring (CSS places it over that empty column).
        <button
          type="button"
          className="icon-button row-next-button"
          aria-label={`Next code for ${label}`}
          title="Next code"
          onClick={() => void nextHotpCode(entry.id)}
        >
          <NextIcon />
        </button>
      ) : null}
      <div className="row-actions">
        <button
          type="button"
          className="icon-button"
          aria-label={`Edit ${label}`}
          title="Edit"
          onClick={() => onEdit(entry)}
        >
          <EditIcon />
        </button>
        <button
          type="button"
          className="icon-button icon-button-danger"
          aria-label={`Delete ${label}`}
          title="Delete"
          onClick={() => onDelete(entry)}
        >
          <TrashIcon />
        </button>
      </div>
    </li>
  );
});
