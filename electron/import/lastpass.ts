// SPDX-License-Identifier: GPL-3.0-or-later
/** LastPass Authenticator exports. STUB: replaced by the importer (issue #17); recognises nothing yet. */
import { ImportError, type ImportFormat } from './types';

export const lastPassFormat: ImportFormat = {
  id: 'lastpass',
  name: 'LastPass Authenticator',
  detect: () => 0,
  needsPassword: () => false,
  parse: () => Promise.reject(new ImportError('unsupported', 'LastPass Authenticator files cannot be read yet.')),
};
