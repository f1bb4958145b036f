// SPDX-License-Identifier: GPL-3.0-or-later
/** Enpass exports. STUB: replaced by the importer (issue #17); recognises nothing yet. */
import { ImportError, type ImportFormat } from './types';

export const enpassFormat: ImportFormat = {
  id: 'enpass',
  name: 'Enpass',
  detect: () => 0,
  needsPassword: () => false,
  parse: () => Promise.reject(new ImportError('unsupported', 'Enpass files cannot be read yet.')),
};
