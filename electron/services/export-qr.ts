// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The QR codes of an export: Google Authenticator transfer codes (several accounts per code, one
 * batch per export) or one code per account. The text of a code holds secrets and never leaves
 * the main process: only the PNG it is drawn as, with a title and the accounts it carries.
 */
import { missingCaseError, type ExportQrKind, type ExportQrView } from '../domain';
import { entryUris, exportMigration, qrPng, type ExportEntry } from '../export';
import { InvalidEntryError, NothingToExportError } from './errors';
import { labelOf, STEAM_LINK } from './export-formats';

/** One QR code's content before it is drawn. `text` holds secrets and stays in main. */
interface QrPlan {
  readonly count: number;
  readonly title: string;
  readonly accounts: readonly string[];
  readonly text: string;
  readonly warnings: readonly string[];
}

function checkIndex(index: number, count: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new InvalidEntryError('index', `There is no QR code ${index + 1}: this export has ${count}.`);
  }
}

/** Transfer code `index`; the batch id comes from `seed`, so every code of one export belongs to one batch. */
function migrationPlan(entries: readonly ExportEntry[], index: number, seed: Uint8Array): QrPlan {
  const result = exportMigration(entries, () => Uint8Array.from(seed));
  const warnings = result.warnings.map((w) => `${w.label || `Account ${w.index + 1}`}: ${w.reason}`);
  if (result.uris.length === 0) {
    throw new NothingToExportError(
      'None of your accounts can travel in a Google Authenticator transfer code. Show one QR code per account instead.',
    );
  }
  const count = result.uris.length;
  checkIndex(index, count);
  return {
    count,
    title: `Transfer code ${index + 1} of ${count}`,
    accounts: (result.carried[index] ?? []).map((i) => labelOf(entries[i] as ExportEntry, i)),
    text: result.uris[index] ?? '',
    warnings,
  };
}

function entryPlan(entries: readonly ExportEntry[], index: number): QrPlan {
  checkIndex(index, entries.length);
  const entry = entries[index] as ExportEntry;
  const label = labelOf(entry, index);
  return {
    count: entries.length,
    title: label,
    accounts: [label],
    text: entryUris([entry])[0] ?? '',
    warnings: entry.type === 'steam' ? [`${label}: ${STEAM_LINK}`] : [],
  };
}

function qrPlan(kind: ExportQrKind, entries: readonly ExportEntry[], index: number, seed: Uint8Array): QrPlan {
  switch (kind) {
    case 'migration':
      return migrationPlan(entries, index, seed);
    case 'entry':
      return entryPlan(entries, index);
    default:
      throw missingCaseError(kind);
  }
}

/** QR code `index` of an export of `entries`, drawn as a PNG data URL; the PNG bytes are wiped. */
export async function exportQrView(
  kind: ExportQrKind,
  entries: readonly ExportEntry[],
  index: number,
  seed: Uint8Array,
): Promise<ExportQrView> {
  const plan = qrPlan(kind, entries, index, seed);
  const png = await qrPng(plan.text);
  const image = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  png.fill(0);
  return { index, count: plan.count, title: plan.title, accounts: plan.accounts, image, warnings: plan.warnings };
}
