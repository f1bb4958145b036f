// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One account in the codes list. The big button copies the code (click or Enter); its accessible
 * name is "Issuer, account, favourite, tags Work, Home, code 123 456", described by the next
 * code while that is shown ("next code 654 321": in the last seconds of a period, or all the time
 * with "Always show the next code") and, for the selected row, by the seconds left. In privacy mode
 * the first press reveals the code for its period and the next one copies. The list is one Tab stop:
 * only the selected row's button is in the Tab order; the list's arrow keys reach the rest. In the
 * manual order the grip drags the row and Alt+↑/↓ moves it (handled by the list); in the other
 * orders there is no grip. The `⋯` button, a right-click and Shift+F10 / the Menu key (the list)
 * open the account's menu. The compact view shows one line per account: its edit and delete are in
 * that menu (and on F2 and the Delete key). A new code, and its preview, render nothing: the store
 * writes their texts (CodeButton); the countdown runs on the compositor.
 */
import { memo, useMemo, type CSSProperties, type MouseEvent, type ReactNode } from 'react';
import type { CodeSnapshot, EntryId, EntrySummary } from '../../electron/domain';
import { useSetting } from '../settings/settings-store';
import { groupCode, spokenCode } from '../shared/format-code';
import { EditIcon, GripIcon, MoreIcon, NextIcon, StarIcon, TrashIcon } from '../shared/Icons';
import { IssuerTile } from '../shared/IssuerTile';
import { openAccountMenu, useAccountMenuOpen, useAccountMenuStore } from './account-menu/account-menu-store';
import { copyCode, nextHotpCode } from './actions';
import { codeShowing, useCodesStore, type CodesState } from './codes-store';
import { codesTextRef, writeAttribute, writeTextContent } from './codes-text';
import { useCopiedStore } from './copied-store';
import { periodSeconds } from './countdown';
import { entryLabel } from './entry-query';
import type { DropPosition } from './reorder';
import { useRevealStore } from './reveal-store';
import { RowCheck } from './RowCheck';
import { RowTags, tagsIdentity } from './RowTags';
import { CountdownRing } from './rings/CountdownRing';

/** The id of the one element that says how long the selected row's code has left. */
export const SELECTED_TIME_LEFT_ID = 'selected-time-left';

/** A row's keys besides moving it: delete, edit, the account's menu. */
const ROW_KEYS = 'Delete F2 Shift+F10 ContextMenu';

export interface CodeRowProps {
  readonly entry: EntrySummary;
  readonly selected: boolean;
  /** The row whose button is the list's one Tab stop (the selected one). */
  readonly tabStop: boolean;
  /** 1-based position in the list, set when the list is virtualised (not every row is in the DOM). */
  readonly position?: number;
  /** The list's length, with `position`. */
  readonly setSize?: number;
  /** Where a dragged row would land relative to this one. */
  readonly dropPosition: DropPosition | null;
  /** The list is in the manual order: the row has a grip to drag it by. */
  readonly reorderable: boolean;
  /** The compact view: one line, and edit and delete only in the account's menu. */
  readonly compact: boolean;
  readonly onSelect: (id: string) => void;
  readonly onEdit: (entry: EntrySummary) => void;
  readonly onDelete: (entry: EntrySummary) => void;
  /** Selection mode: whether the row is ticked (null or absent: not selecting), and how to tick it. */
  readonly checked?: boolean | null;
  readonly onCheck?: (id: EntryId, range: boolean) => void;
}

/** The DOM id of a row's copy button, used for aria-activedescendant and keyboard focus. */
export function rowButtonId(entryId: string): string {
  return `code-row-${entryId}`;
}

/** The DOM id of the text that says a row's next code to screen readers (the button's description). */
function nextCodeId(entryId: EntryId): string {
  return `${rowButtonId(entryId)}-next`;
}

/** Where the account menu opens for a row chosen by keyboard: under the row's start. */
export function rowMenuAnchor(row: Element): { x: number; y: number } {
  const rect = row.getBoundingClientRect();
  return { x: rect.left, y: rect.bottom };
}

/** "GitHub, alice@example.com, favourite, tags Work, Home": what the row shows of the account. */
function rowIdentity(entry: EntrySummary): string {
  return [entryLabel(entry), entry.favourite ? 'favourite' : '', tagsIdentity(entry.tags)].filter(Boolean).join(', ');
}

/** "GitHub, alice@example.com, favourite, tag Work, code 123 456" (a Steam code letter by letter). */
export function rowName(entry: EntrySummary, code: Pick<CodeSnapshot, 'code'> | undefined, masked = false): string {
  const identity = rowIdentity(entry);
  if (!code) return `${identity}, ${entry.type === 'hotp' ? 'no code generated yet' : 'code loading'}`;
  if (masked) return `${identity}, code hidden, press to reveal`;
  return `${identity}, code ${spokenCode(code.code, entry.type)}`;
}

/** A code's digits as shown: grouped for reading, dots when masked. */
function codeDigits(entry: EntrySummary, code: Pick<CodeSnapshot, 'code'> | undefined, masked: boolean): string {
  if (!code) return '';
  return groupCode(masked ? '•'.repeat(code.code.length) : code.code, entry.type);
}

/**
 * "next 654 321" while main sends the next code (the last seconds of a period, or all the time with
 * "Always show the next code"), never while the code is masked.
 */
function nextText(entry: EntrySummary, code: CodeSnapshot | undefined, masked: boolean): string {
  return code?.next && !masked ? `next ${groupCode(code.next, entry.type)}` : '';
}

/** The same for screen readers: "next code 654 321" (a Steam code letter by letter). */
function spokenNextText(entry: EntrySummary, code: CodeSnapshot | undefined, masked: boolean): string {
  return code?.next && !masked ? `next code ${spokenCode(code.next, entry.type)}` : '';
}

/** How many characters the entry's codes take grouped ("123 456": 7): the compact view sizes the code's box by it. */
function codeChars(entry: EntrySummary): number {
  return groupCode('0'.repeat(entry.digits), entry.type).length;
}

/** The code's period in seconds, or null when it has none (HOTP, or no code yet). */
function periodOf(code: CodeSnapshot | undefined): number | null {
  return code && code.validUntil !== null ? periodSeconds(code.validFrom, code.validUntil) : null;
}

/**
 * The big button: the part of a row that changes with its code. React renders it when whether
 * there is a code, its period, the privacy state or the expiry changes; the code itself, the
 * preview and the accessible name are texts the codes store writes (codes-text.ts), so a new
 * code renders nothing. `identity` (tile and names) is the same element each time, so React skips
 * it, and the rest of the row is not rendered again at all.
 */
function CodeButton({
  entry,
  selected,
  tabStop,
  identity,
  onSelect,
  reorderable,
}: Pick<CodeRowProps, 'entry' | 'selected' | 'tabStop' | 'onSelect' | 'reorderable'> & { identity: ReactNode }) {
  const id = entry.id;
  const copied = useCopiedStore((s) => s.id === id);
  const hideCodes = useSetting('hideCodes', false);
  const revealedAt = useRevealStore((s) => s.revealed[id]);
  const hasCode = useCodesStore((s) => s.byId[id] !== undefined);
  const period = useCodesStore((s) => periodOf(codeShowing(s, id)));
  // A reveal holds for one code: masked again once the period it was made in is over. The texts
  // below ask this of the state they are written for, so a rollover never writes a code unmasked
  // before React has rendered the new mask.
  const maskedIn = (s: CodesState): boolean => {
    const code = codeShowing(s, id);
    return hideCodes && code !== undefined && revealedAt !== code.validFrom;
  };
  const masked = useCodesStore(maskedIn);
  const expired = useCodesStore((s) => s.expired[id] === true);
  const nextId = nextCodeId(id);
  const boxStyle = useMemo(() => ({ '--code-chars': codeChars(entry) }) as CSSProperties, [entry]);

  function onPress(): void {
    const code = codeShowing(useCodesStore.getState(), id);
    if (masked && code) useRevealStore.getState().reveal(code);
    else void copyCode(entry);
  }

  const codeClass = ['row-code', masked ? 'row-code-masked' : '', expired ? 'row-code-expired' : ''].filter(Boolean);
  return (
    <button
      type="button"
      id={rowButtonId(id)}
      className="row-main"
      ref={codesTextRef((s) => rowName(entry, codeShowing(s, id), maskedIn(s)), writeAttribute('aria-label'))}
      aria-describedby={selected && period !== null ? `${nextId} ${SELECTED_TIME_LEFT_ID}` : nextId}
      aria-keyshortcuts={reorderable ? `Alt+ArrowUp Alt+ArrowDown ${ROW_KEYS}` : ROW_KEYS}
      tabIndex={tabStop ? 0 : -1}
      onClick={onPress}
      onFocus={() => onSelect(id)}
    >
      {identity}
      <span className="row-code-block">
        {/* A fixed-size box: a new code lays out this box only, not the row, list and page. */}
        <span className="row-code-box" style={boxStyle}>
          {hasCode ? (
            <span
              className={codeClass.join(' ')}
              ref={codesTextRef((s) => codeDigits(entry, codeShowing(s, id), maskedIn(s)), writeTextContent)}
            />
          ) : (
            <span className="row-code row-code-empty">{entry.type === 'hotp' ? '––– –––' : '··· ···'}</span>
          )}
          {/* Always there, empty without a next code: what the eye reads, and the button's description. */}
          <span
            className="row-next"
            aria-hidden="true"
            ref={codesTextRef((s) => nextText(entry, codeShowing(s, id), maskedIn(s)), writeTextContent)}
          />
          <span
            className="visually-hidden"
            id={nextId}
            ref={codesTextRef((s) => spokenNextText(entry, codeShowing(s, id), maskedIn(s)), writeTextContent)}
          />
        </span>
        {/* The toast says it too; this is where the person is looking. */}
        {copied ? (
          <span className="row-copied" aria-hidden="true">
            Copied
          </span>
        ) : null}
      </span>
      {period !== null ? <CountdownRing period={period} /> : <span className="ring ring-none" aria-hidden="true" />}
    </button>
  );
}

/** The tile and the names: they change with the entry only. */
function identityOf(entry: EntrySummary): ReactNode {
  const title = entry.issuer || entry.account || 'Unnamed account';
  const subtitle = entry.issuer ? entry.account : '';
  return (
    <>
      <IssuerTile issuer={entry.issuer} account={entry.account} icon={entry.shownIcon} />
      <span className="row-text">
        {/* Each name in its own box, so a long one ends in an ellipsis instead of a cut letter. */}
        <span className="row-issuer">
          <span className="row-name">{title}</span>
          {entry.favourite ? <StarIcon /> : null}
        </span>
        <span className="row-account">
          <span className="row-account-name">{subtitle}</span>
          <RowTags entry={entry} />
        </span>
      </span>
    </>
  );
}

export const CodeRow = memo(function CodeRow({
  entry,
  selected,
  tabStop,
  position,
  setSize,
  dropPosition,
  reorderable,
  compact,
  onSelect,
  onEdit,
  onDelete,
  checked = null,
  onCheck,
}: CodeRowProps) {
  const identity = useMemo(() => identityOf(entry), [entry]);
  const label = entryLabel(entry);
  const menuOpen = useAccountMenuOpen(entry.id);
  const className = [
    'row',
    selected ? 'row-selected' : '',
    checked ? 'row-checked' : '',
    dropPosition ? `row-drop-${dropPosition}` : '',
  ]
    .filter(Boolean)
    .join(' ');

  function onNextCode(): void {
    // Asking for a code is asking to see it.
    void nextHotpCode(entry.id).then(() => {
      const fresh = useCodesStore.getState().byId[entry.id];
      if (fresh) useRevealStore.getState().reveal(fresh);
    });
  }

  function onContextMenu(event: MouseEvent<HTMLLIElement>): void {
    event.preventDefault();
    // The Menu key opens the menu from the list's keys; the event the browser sends after it is not a second request.
    const open = useAccountMenuStore.getState().open;
    if (open?.id === entry.id && open.byKeyboard) return;
    openAccountMenu(entry.id, { x: event.clientX, y: event.clientY }, false);
  }

  function onMore(event: MouseEvent<HTMLButtonElement>): void {
    const rect = event.currentTarget.getBoundingClientRect();
    // A click from Enter or Space has no pointer (detail 0): the menu then takes the focus.
    openAccountMenu(entry.id, { x: rect.left, y: rect.bottom }, event.detail === 0);
  }

  return (
    <li
      className={className}
      data-id={entry.id}
      aria-current={selected ? 'true' : undefined}
      aria-posinset={position}
      aria-setsize={setSize}
      onContextMenu={onContextMenu}
    >
      {checked !== null && onCheck ? (
        <RowCheck id={entry.id} label={label} checked={checked} onCheck={onCheck} />
      ) : reorderable ? (
        <span className="row-grip" draggable="true" data-grip="true" title="Drag to reorder" aria-hidden="true">
          <GripIcon />
        </span>
      ) : null}
      <CodeButton
        entry={entry}
        selected={selected}
        tabStop={tabStop}
        identity={identity}
        reorderable={reorderable}
        onSelect={onSelect}
      />
      {entry.type === 'hotp' ? (
        // Sits where time-based rows show their ring (CSS places it over that empty column).
        <RowIconButton
          className="row-next-button"
          name={`Next code for ${label}`}
          title="Next code"
          onClick={onNextCode}
        >
          <NextIcon />
        </RowIconButton>
      ) : null}
      <div className="row-actions">
        {compact ? null : (
          <>
            <RowIconButton name={`Edit ${label}`} title="Edit (F2)" onClick={() => onEdit(entry)}>
              <EditIcon />
            </RowIconButton>
            <RowIconButton
              className="icon-button-danger"
              name={`Delete ${label}`}
              title="Delete (Delete key)"
              onClick={() => onDelete(entry)}
            >
              <TrashIcon />
            </RowIconButton>
          </>
        )}
        <RowIconButton
          className="row-more"
          name={`More actions for ${label}`}
          title="More actions"
          popup={{ expanded: menuOpen }}
          onClick={onMore}
        >
          <MoreIcon />
        </RowIconButton>
      </div>
    </li>
  );
});

interface RowIconButtonProps {
  /** Added to `icon-button`. */
  readonly className?: string;
  /** The accessible name, e.g. "Edit GitHub". */
  readonly name: string;
  readonly title: string;
  /** The button opens a menu (`aria-haspopup`), open or not. */
  readonly popup?: { readonly expanded: boolean };
  readonly onClick: (event: MouseEvent<HTMLButtonElement>) => void;
  readonly children: ReactNode;
}

/** A row's icon button: out of the Tab order, as the list's arrow keys reach it. */
function RowIconButton({ className, name, title, popup, onClick, children }: RowIconButtonProps) {
  return (
    <button
      type="button"
      className={className ? `icon-button ${className}` : 'icon-button'}
      aria-label={name}
      title={title}
      tabIndex={-1}
      {...(popup ? { 'aria-haspopup': 'menu' as const, 'aria-expanded': popup.expanded } : {})}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
