// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The menu of one account (the row's `⋯` button, a right-click, Shift+F10 or the Menu key on a
 * focused row; account-menu-store.ts says which and where): copy the code, copy the next one (the
 * next HOTP code for a counter-based account), show its QR code, edit, change its icon, its tags, favourite or
 * not, delete. It follows the WAI-ARIA menu pattern: ↑/↓ move through the items and wrap, Home/End
 * reach the ends, a letter jumps to the next item starting with it, Enter or Space runs one, Escape
 * closes the menu and gives the focus back to what opened it, Tab closes it and moves on from there.
 * Opened by keyboard, the first item has the focus; opened by the pointer, the menu itself. It opens
 * at its anchor, kept inside the window, and closes on a click elsewhere, a scroll, a resize and a
 * lock. The dialogs its items open live here too, each given back the focus of the row.
 */
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { EntrySummary } from '../../../electron/domain';
import { IconPickerDialog } from '../../icons/IconPickerDialog';
import {
  ClipboardIcon,
  EditIcon,
  NextIcon,
  PictureIcon,
  QrIcon,
  StarIcon,
  TagIcon,
  TrashIcon,
} from '../../shared/Icons';
import { useVaultStore } from '../../shared/vault-store';
import { DeleteEntryDialog } from '../account-dialogs/DeleteEntryDialog';
import { EditEntryDialog } from '../account-dialogs/EditEntryDialog';
import { copyCode } from '../actions';
import { rowButtonId } from '../CodeRow';
import { useEntriesStore } from '../entries-store';
import { entryLabel } from '../entry-query';
import {
  accountMenuOpener,
  closeAccountDialog,
  closeAccountMenu,
  openAccountDialog,
  useAccountMenuStore,
  type AccountDialog,
  type AccountDialogKind,
  type AccountMenuAnchor,
} from './account-menu-store';
import { AccountQrDialog } from './AccountQrDialog';
import { setFavourite, showNextHotpCode } from './menu-actions';
import { TagsDialog } from './TagsDialog';

/** The gap kept between the menu and the window's edges. */
const EDGE_PX = 8;

/** One item: it runs an action, or opens one of the account's dialogs. */
export interface AccountMenuItem {
  readonly key: string;
  readonly label: string;
  readonly icon: ReactNode;
  readonly action: { readonly run: () => void } | { readonly dialog: AccountDialogKind };
  readonly danger?: boolean;
  /** Starts a new section (a separator above it). */
  readonly section?: boolean;
}

/** The items for `entry`, top to bottom. */
export function accountMenuItems(entry: EntrySummary): AccountMenuItem[] {
  return [
    { key: 'copy', label: 'Copy code', icon: <ClipboardIcon />, action: { run: () => void copyCode(entry) } },
    entry.type === 'hotp'
      ? {
          key: 'next-hotp',
          label: 'Next code',
          icon: <NextIcon />,
          action: { run: () => void showNextHotpCode(entry) },
        }
      : {
          key: 'copy-next',
          label: 'Copy next code',
          icon: <NextIcon />,
          action: { run: () => void copyCode(entry, { next: true }) },
        },
    { key: 'qr', label: 'Show QR code…', icon: <QrIcon />, action: { dialog: 'qr' } },
    { key: 'edit', label: 'Edit…', icon: <EditIcon />, action: { dialog: 'edit' }, section: true },
    { key: 'icon', label: 'Change icon…', icon: <PictureIcon />, action: { dialog: 'icon' } },
    { key: 'tags', label: 'Tags…', icon: <TagIcon />, action: { dialog: 'tags' } },
    {
      key: 'favourite',
      label: entry.favourite ? 'Remove from favourites' : 'Add to favourites',
      icon: <StarIcon />,
      action: { run: () => void setFavourite(entry, !entry.favourite) },
    },
    { key: 'delete', label: 'Delete…', icon: <TrashIcon />, action: { dialog: 'delete' }, danger: true, section: true },
  ];
}

/** The menu when one is open, and the dialog one of its items opened. Mounted once on the codes screen. */
export function AccountMenu() {
  const open = useAccountMenuStore((s) => s.open);
  const dialog = useAccountMenuStore((s) => s.dialog);
  const unlocked = useVaultStore((s) => s.status?.status === 'unlocked');
  useEffect(() => {
    if (unlocked) return;
    closeAccountMenu();
    closeAccountDialog();
  }, [unlocked]);
  // Leaving the codes screen (a lock) leaves no menu or dialog behind for the next unlock.
  useEffect(
    () => () => {
      closeAccountMenu();
      closeAccountDialog();
    },
    [],
  );
  return (
    <>
      {open && unlocked ? <OpenMenu id={open.id} anchor={open.anchor} byKeyboard={open.byKeyboard} /> : null}
      {dialog && unlocked ? <AccountDialogHost key={`${dialog.kind}:${dialog.entry.id}`} dialog={dialog} /> : null}
    </>
  );
}

function AccountDialogHost({ dialog }: { dialog: AccountDialog }) {
  const { kind, entry } = dialog;
  switch (kind) {
    case 'edit':
      return <EditEntryDialog entry={entry} onClose={closeAccountDialog} />;
    case 'delete':
      return <DeleteEntryDialog entry={entry} onClose={closeAccountDialog} />;
    case 'tags':
      return <TagsDialog entry={entry} onClose={closeAccountDialog} />;
    case 'qr':
      return <AccountQrDialog entry={entry} onClose={closeAccountDialog} />;
    case 'icon':
      return <IconPickerDialog entry={entry} onClose={closeAccountDialog} />;
    default:
      throw new Error(`Unknown account dialog '${String(kind satisfies never)}'`);
  }
}

interface OpenMenuProps {
  readonly id: string;
  readonly anchor: AccountMenuAnchor;
  readonly byKeyboard: boolean;
}

/** The open menu, while its account is there (deleted or gone with a lock: closed). */
function OpenMenu({ id, anchor, byKeyboard }: OpenMenuProps) {
  const entry = useEntriesStore((s) => s.entries.find((e) => e.id === id));
  useEffect(() => {
    if (!entry) closeAccountMenu();
  }, [entry]);
  if (!entry) return null;
  return createPortal(<MenuList entry={entry} anchor={anchor} byKeyboard={byKeyboard} />, document.body);
}

/** Gives the focus back to what opened the menu, else to the account's row. */
function returnFocus(entry: EntrySummary): void {
  const target = accountMenuOpener() ?? document.getElementById(rowButtonId(entry.id));
  target?.focus({ preventScroll: true });
}

/** The menu's items, in order. */
function itemsOf(menu: HTMLElement | null): HTMLElement[] {
  return menu ? [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')] : [];
}

/** The item a typed letter goes to: the next one after `from` whose label starts with it, wrapping. */
export function typeAheadIndex(labels: readonly string[], from: number, letter: string): number {
  const wanted = letter.toLocaleLowerCase();
  for (let step = 1; step <= labels.length; step++) {
    const i = (from + step + labels.length) % labels.length;
    if (labels[i]?.toLocaleLowerCase().startsWith(wanted)) return i;
  }
  return -1;
}

function MenuList({
  entry,
  anchor,
  byKeyboard,
}: {
  entry: EntrySummary;
  anchor: AccountMenuAnchor;
  byKeyboard: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const items = accountMenuItems(entry);
  usePlacement(ref, anchor);
  useDismissal(ref, entry);

  // The focus moves in when the menu opens (again, at a new place or for another account).
  useLayoutEffect(() => {
    const menu = ref.current;
    const target = byKeyboard ? itemsOf(menu)[0] : menu;
    target?.focus({ preventScroll: true });
    // Only on opening: an item's label changing (favourite) keeps the focus where it is.
  }, [anchor, byKeyboard, entry.id]);

  function run(item: AccountMenuItem): void {
    // The focus goes back first, so a dialog the item opens gives it back to the row when it closes.
    returnFocus(entry);
    if ('dialog' in item.action) {
      openAccountDialog(item.action.dialog, entry);
    } else {
      closeAccountMenu();
      item.action.run();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const elements = itemsOf(ref.current);
    const at = elements.indexOf(document.activeElement as HTMLElement);
    const last = elements.length - 1;
    const focusAt = (i: number): void => elements[i]?.focus({ preventScroll: true });
    const plain = !event.altKey && !event.ctrlKey && !event.metaKey;
    let handled = true;
    if (event.key === 'ArrowDown' && plain) focusAt(at >= last ? 0 : at + 1);
    else if (event.key === 'ArrowUp' && plain) focusAt(at <= 0 ? last : at - 1);
    else if (event.key === 'Home' && plain) focusAt(0);
    else if (event.key === 'End' && plain) focusAt(last);
    else if (event.key === 'Escape') {
      closeAccountMenu();
      returnFocus(entry);
    } else if (event.key === 'Tab') {
      // The focus goes back to the opener and the browser's Tab moves on from there.
      returnFocus(entry);
      closeAccountMenu();
      event.stopPropagation();
      return;
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      // Already open: nothing to do.
    } else if (event.key.length === 1 && event.key !== ' ' && plain) {
      const to = typeAheadIndex(
        items.map((item) => item.label),
        at,
        event.key,
      );
      if (to >= 0) focusAt(to);
    } else {
      handled = false;
    }
    if (!handled) return;
    event.preventDefault();
    // Keys handled here are the menu's: the list and the screen behind it must not see them.
    event.stopPropagation();
  }

  return (
    <div
      ref={ref}
      className="account-menu"
      role="menu"
      aria-label={`Actions for ${entryLabel(entry)}`}
      data-account-menu=""
      tabIndex={-1}
      // Placed before paint by usePlacement; this is where it starts.
      style={{ left: anchor.x, top: anchor.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
      onBlur={(event) => {
        const to = event.relatedTarget;
        if (to instanceof Node && !event.currentTarget.contains(to)) closeAccountMenu();
      }}
    >
      {items.map((item) => (
        <MenuItem key={item.key} item={item} onRun={run} />
      ))}
    </div>
  );
}

function MenuItem({ item, onRun }: { item: AccountMenuItem; onRun: (item: AccountMenuItem) => void }) {
  return (
    <>
      {item.section ? <div className="account-menu-separator" role="separator" /> : null}
      <button
        type="button"
        role="menuitem"
        className={item.danger ? 'account-menu-item account-menu-item-danger' : 'account-menu-item'}
        tabIndex={-1}
        data-item={item.key}
        onClick={() => onRun(item)}
        // The item under the pointer takes the focus, so the keys go on from there.
        onPointerMove={(event) => {
          if (document.activeElement !== event.currentTarget) event.currentTarget.focus({ preventScroll: true });
        }}
      >
        <span className="account-menu-icon">{item.icon}</span>
        <span className="account-menu-label">{item.label}</span>
      </button>
    </>
  );
}

/**
 * Puts the menu at its anchor, before paint: moved left to stay inside the window, and above the
 * anchor (or the button or row it came from) when there is no room below.
 */
function usePlacement(ref: RefObject<HTMLDivElement | null>, anchor: AccountMenuAnchor): void {
  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const { width, height } = menu.getBoundingClientRect();
    const viewWidth = document.documentElement.clientWidth || window.innerWidth;
    const viewHeight = document.documentElement.clientHeight || window.innerHeight;
    const left = Math.max(EDGE_PX, Math.min(anchor.x, viewWidth - width - EDGE_PX));
    const flipped = (anchor.above ?? anchor.y) - height;
    const below = anchor.y + height <= viewHeight - EDGE_PX;
    const top = below ? anchor.y : flipped >= EDGE_PX ? flipped : Math.max(EDGE_PX, viewHeight - height - EDGE_PX);
    menu.style.left = `${Math.round(left)}px`;
    menu.style.top = `${Math.round(top)}px`;
  }, [ref, anchor]);
}

/** Closes the menu on a press elsewhere, a scroll (but its own) and a resize of the window. */
function useDismissal(ref: RefObject<HTMLDivElement | null>, entry: EntrySummary): void {
  const latest = useRef(entry);
  useEffect(() => {
    latest.current = entry;
  });
  useEffect(() => {
    const outside = (target: EventTarget | null): boolean =>
      !(target instanceof Node && ref.current?.contains(target) === true);
    const onPointerDown = (event: PointerEvent): void => {
      if (outside(event.target)) closeAccountMenu();
    };
    const onScroll = (event: Event): void => {
      if (!outside(event.target)) return;
      closeAccountMenu();
      returnFocus(latest.current);
    };
    const onResize = (): void => {
      closeAccountMenu();
      returnFocus(latest.current);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('scroll', onScroll, true);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('scroll', onScroll, true);
      window.removeEventListener('resize', onResize);
    };
  }, [ref]);
}
