// SPDX-License-Identifier: GPL-3.0-or-later
/** Proton Pass exports. STUB: replaced by the importer (issue #17); recognises nothing yet. */
import { ImportError, type ImportFormat } from './types';

export const protonPassFormat: ImportFormat = {
  id: 'proton-pass',
  name: 'Proton Pass',
  detect: () => 0,
  needsPassword: () => false,
  parse: () => Promise.reject(new ImportError('unsupported', 'Proton Pass files cannot be read yet.')),
};
