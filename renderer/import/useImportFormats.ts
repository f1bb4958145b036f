// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The formats of other apps' exports that main's importer registry reads, asked once per import
 * dialog: the format choice and the list of supported apps show exactly what main can read, never
 * a copy kept by hand in the renderer. Empty until main answers (or if it cannot).
 */
import { useEffect, useState } from 'react';
import type { ImportFormatInfo } from '../../electron/domain';
import { api } from '../api';

export function useImportFormats(): readonly ImportFormatInfo[] {
  const [formats, setFormats] = useState<readonly ImportFormatInfo[]>([]);
  useEffect(() => {
    let live = true;
    void api()
      .imports.formats()
      .then((result) => {
        if (live && result.ok) setFormats(result.value);
      });
    return () => {
      live = false;
    };
  }, []);
  return formats;
}
