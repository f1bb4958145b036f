// SPDX-License-Identifier: GPL-3.0-or-later
/** 1Password exports. STUB: replaced by the importer (issue #17); recognises nothing yet. */
import { ImportError, type ImportFormat } from './types';

export const onePasswordFormat: ImportFormat = {
  id: '1password',
  name: '1Password',
  detect: () => 0,
  needsPassword: () => false,
  parse: () => Promise.reject(new ImportError('unsupported', '1Password files cannot be read yet.')),
};
