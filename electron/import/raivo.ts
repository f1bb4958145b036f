// SPDX-License-Identifier: GPL-3.0-or-later
/** Raivo OTP exports. STUB: replaced by the importer (issue #17); recognises nothing yet. */
import { ImportError, type ImportFormat } from './types';

export const raivoFormat: ImportFormat = {
  id: 'raivo',
  name: 'Raivo OTP',
  detect: () => 0,
  needsPassword: () => false,
  parse: () => Promise.reject(new ImportError('unsupported', 'Raivo OTP files cannot be read yet.')),
};
