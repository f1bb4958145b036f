// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Dragging a row of the codes list by its grip: which row is dragged, where it would land (before
 * or after the row under the pointer, by which half the pointer is over), and the move on drop.
 * The handlers go on the list itself, so a row needs none of its own.
 */
import { useState, type DragEvent } from 'react';
import type { EntryId } from '../../electron/domain';
import type { DropPosition } from './reorder';

export type DropTarget = { readonly id: EntryId; readonly position: DropPosition } | null;

/** The list row an event happened in. */
export function rowOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>('li[data-id]') : null;
}

export interface RowDrag {
  readonly dragging: EntryId | null;
  readonly dropTarget: DropTarget;
  readonly onDragStart: (event: DragEvent<HTMLUListElement>) => void;
  readonly onDragOver: (event: DragEvent<HTMLUListElement>) => void;
  readonly onDrop: (event: DragEvent<HTMLUListElement>) => void;
  readonly onDragEnd: () => void;
}

/** `onMoved` is told which row moved before `onMove` moves it (the list keeps it focused). */
export function useRowDrag(
  onMove: (id: EntryId, targetId: EntryId, position: DropPosition) => void,
  onMoved: (id: EntryId) => void,
): RowDrag {
  const [dragging, setDragging] = useState<EntryId | null>(null);
  const [dropTarget, setDropTarget] = useState<DropTarget>(null);

  function onDragStart(event: DragEvent<HTMLUListElement>): void {
    const grip = event.target instanceof Element && event.target.closest('[data-grip]');
    const row = rowOf(event.target);
    if (!grip || !row?.dataset['id']) return event.preventDefault();
    setDragging(row.dataset['id']);
    event.dataTransfer.effectAllowed = 'move';
    // Some engines start a drag only with data set; the id is kept in state, not in the transfer.
    event.dataTransfer.setData('text/plain', '');
    event.dataTransfer.setDragImage?.(row, 24, 24);
  }

  function onDragOver(event: DragEvent<HTMLUListElement>): void {
    const row = rowOf(event.target);
    const overId = row?.dataset['id'];
    if (dragging === null || !row || !overId) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const box = row.getBoundingClientRect();
    const position: DropPosition = event.clientY < box.top + box.height / 2 ? 'before' : 'after';
    if (overId === dragging) return setDropTarget(null);
    if (dropTarget?.id !== overId || dropTarget.position !== position) setDropTarget({ id: overId, position });
  }

  function onDragEnd(): void {
    setDragging(null);
    setDropTarget(null);
  }

  function onDrop(event: DragEvent<HTMLUListElement>): void {
    event.preventDefault();
    if (dragging !== null && dropTarget !== null) {
      onMoved(dragging);
      onMove(dragging, dropTarget.id, dropTarget.position);
    }
    onDragEnd();
  }

  return { dragging, dropTarget, onDragStart, onDragOver, onDrop, onDragEnd };
}
