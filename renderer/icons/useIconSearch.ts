// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The icon picker's search: main's forgiving search over the bundled icons and this computer's
 * packs, asked again at each change of the typed text (each input event, no timer: main answers
 * from memory in well under a frame). An answer to an older text is dropped. The pictures of the
 * hits come through the icons store, in one call per answer.
 */
import { useEffect, useState } from 'react';
import type { IconSearchHit, IpcError } from '../../electron/domain';
import { api } from '../api';
import { loadIcons } from './icons-store';

export interface IconSearch {
  /** The hits for the text typed last, best first; null until the first answer. */
  readonly hits: readonly IconSearchHit[] | null;
  /** The text those hits answer. */
  readonly answered: string;
  readonly error: IpcError | null;
}

const NOTHING_YET: IconSearch = { hits: null, answered: '', error: null };

export function useIconSearch(query: string): IconSearch {
  const [search, setSearch] = useState<IconSearch>(NOTHING_YET);
  useEffect(() => {
    let current = true;
    void api()
      .icons.search(query)
      .then((result) => {
        if (!current) return;
        if (!result.ok) {
          setSearch((before) => ({ ...before, error: result.error }));
          return;
        }
        setSearch({ hits: result.value, answered: query, error: null });
        void loadIcons(result.value.map((hit) => hit.ref));
      });
    return () => {
      current = false;
    };
  }, [query]);
  return search;
}
