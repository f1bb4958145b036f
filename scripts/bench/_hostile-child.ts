// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One measurement for scripts/bench/hostile.ts, in its own process so its peak memory is its own:
 * imports FILE (as FORMAT, with the password on standard input if any) or, with `--qr`, scans an
 * image, then prints one JSON line: the outcome, the time and the peak resident memory (peak-memory.ts).
 *
 *   node _hostile-child.mjs FILE FORMAT [--password] | node _hostile-child.mjs FILE --qr
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BudgetExceededError, importFile, isImportFormatId } from '../../electron/import';
import { checkCodeCount, decodeImage, decodeQr, QrError } from '../../electron/import/qr';
import { peakRssKiB } from '../../test/electron/import/hostile/peak-memory';

const [file = '', format = '', flag] = process.argv.slice(2);

async function measure(): Promise<Record<string, unknown>> {
  const bytes = readFileSync(file);
  if (format === '--qr') {
    try {
      const image = await decodeImage(bytes);
      const codes = await decodeQr(image);
      return { outcome: 'accepted', ...checkCodeCount(image, codes) };
    } catch (error) {
      if (error instanceof QrError && error.limit) return { outcome: 'refused', limit: error.limit.name };
      throw error;
    }
  }
  if (!isImportFormatId(format)) throw new Error(`unknown format ${format}`);
  const password = flag === '--password' ? readFileSync(0, 'utf8').split('\n')[0] : undefined;
  try {
    const result = await importFile(bytes, { format, password });
    return { outcome: 'accepted', entries: result.entries.length, skipped: result.skipped.length };
  } catch (error) {
    if (error instanceof BudgetExceededError) return { outcome: 'refused', limit: error.limit.name };
    if (error instanceof Error && 'kind' in error) return { outcome: `error: ${String(error.kind)}` };
    throw error;
  }
}

const started = performance.now();
const result = await measure();
const ms = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify({ ...result, ms, maxRssKiB: peakRssKiB() })}\n`);
