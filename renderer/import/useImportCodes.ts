// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The review's live code preview: main's current codes for the candidates, asked again once when
 * the earliest one expires. One timer for the whole list, never one per row or per second.
 */
import { useEffect, useState } from 'react';
import type { ImportCode, ImportReview } from '../../electron/domain';
import { api } from '../api';
import { appNow } from '../clock/app-clock';
import { nextRefreshDelay } from './import-codes';

const NO_CODES: ReadonlyMap<string, ImportCode> = new Map();

export function useImportCodes(review: ImportReview): ReadonlyMap<string, ImportCode> {
  const [codes, setCodes] = useState(NO_CODES);
  const [round, setRound] = useState(0);
  const empty = review.candidates.length === 0;

  useEffect(() => {
    if (empty) return undefined;
    let live = true;
    let timer: number | null = null;
    void api()
      .imports.codes()
      .then((result) => {
        if (!live || !result.ok) return;
        setCodes(new Map(result.value.map((code) => [code.key, code])));
        const delay = nextRefreshDelay(result.value, appNow());
        if (delay !== null) timer = window.setTimeout(() => setRound((n) => n + 1), delay);
      });
    return () => {
      live = false;
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [review, empty, round]);

  return empty ? NO_CODES : codes;
}
