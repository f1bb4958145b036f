// SPDX-License-Identifier: GPL-3.0-or-later
/** KeePass / KeePassXC exports. STUB: replaced by the importer (issue #17); recognises nothing yet. */
import { ImportError, type ImportFormat } from './types';

export const keePassFormat: ImportFormat = {
  id: 'keepass',
  name: 'KeePass / KeePassXC',
  detect: () => 0,
  needsPassword: () => false,
  parse: () => Promise.reject(new ImportError('unsupported', 'KeePass / KeePassXC files cannot be read yet.')),
};
