// SPDX-License-Identifier: GPL-3.0-or-later
/** Pure parts of the import review: ticks across scans and modes, wording, and the refresh delay. */
import { describe, expect, it } from 'vitest';
import { nextRefreshDelay, REFRESH_SLACK_MS, STALE_RETRY_MS } from '../../renderer/import/import-codes';
import { isPasteShortcut, isTextField } from '../../renderer/import/import-keys';
import { continues, defaultTicks, nextTicks, tickedKeys } from '../../renderer/import/import-selection';
import { commitButtonText, outcomeText, paramsText, replaceWarning } from '../../renderer/import/import-text';
import { importCandidate, importReview } from './fake-api';

const a = importCandidate({ key: 'a', issuer: 'A' });
const b = importCandidate({ key: 'b', issuer: 'B', duplicate: { of: 'vault', id: 'x', label: 'B (b)' } });
const c = importCandidate({ key: 'c', issuer: 'C', duplicate: { of: 'import', key: 'a' } });

describe('import ticks', () => {
  it('ticks all but duplicates; a replace ticks the vault’s duplicates too', () => {
    const review = importReview({ candidates: [a, b, c] });
    expect([...defaultTicks(review, 'merge')]).toEqual(['a']);
    expect([...defaultTicks(review, 'replace')]).toEqual(['a', 'b']);
  });

  it('keeps earlier choices when a scan adds to the review, and starts afresh for another review', () => {
    const first = importReview({ candidates: [a] });
    const more = importReview({ candidates: [a, importCandidate({ key: 'd' })] });
    expect(continues(first, more)).toBe(true);
    expect([...nextTicks(first, new Set(), more, 'merge')]).toEqual(['d']);
    const other = importReview({ candidates: [importCandidate({ key: 'a', issuer: 'Other' })] });
    expect(continues(first, other)).toBe(false);
    expect([...nextTicks(first, new Set(), other, 'merge')]).toEqual(['a']);
    expect(continues(first, importReview({ kind: 'backup', candidates: [a] }))).toBe(false);
  });

  it('commits ticked keys in the review’s order', () => {
    expect(tickedKeys(importReview({ candidates: [a, b, c] }), new Set(['c', 'a']))).toEqual(['a', 'c']);
  });
});

describe('import wording', () => {
  it('shows only parameters that differ from SHA1, 6 digits, 30 s', () => {
    expect(paramsText(a)).toBe('');
    expect(paramsText({ ...a, algorithm: 'SHA512', digits: 7, period: 15 })).toBe('SHA512 · 7 digits · 15 s');
    expect(paramsText({ ...a, type: 'hotp', period: null, counter: 12 })).toBe('counter 12');
    expect(paramsText({ ...a, type: 'steam', digits: 5 })).toBe('');
  });

  it('counts on buttons and toasts, and never reports success for nothing', () => {
    expect(commitButtonText(1, 'accounts', 'merge')).toBe('Add 1 account');
    expect(commitButtonText(3, 'accounts', 'merge')).toBe('Add 3 accounts');
    expect(commitButtonText(3, 'backup', 'merge')).toBe('Restore 3 accounts');
    expect(outcomeText({ added: 3, removed: 0 }, 'accounts', 'merge')).toBe('Added 3 accounts');
    expect(outcomeText({ added: 0, removed: 0 }, 'accounts', 'merge')).toBe('No accounts were added.');
    expect(outcomeText({ added: 1, removed: 0 }, 'backup', 'replace')).toBe('Restored 1 account');
    expect(replaceWarning(0)).toBe('Your vault is empty, so nothing will be removed.');
    expect(replaceWarning(1)).toBe('The 1 account in your vault now will be removed and replaced by the backup’s.');
  });
});

describe('import helpers', () => {
  it('refreshes just after the earliest expiry, never in a tight loop, and not at all for HOTP only', () => {
    const now = 1_000_000;
    const codes = [
      { key: 'a', code: '1', validUntil: now + 9_000 },
      { key: 'b', code: '2', validUntil: now + 4_000 },
      { key: 'c', code: '3', validUntil: null },
    ];
    expect(nextRefreshDelay(codes, now)).toBe(4_000 + REFRESH_SLACK_MS);
    expect(nextRefreshDelay([{ key: 'a', code: '1', validUntil: now - 5 }], now)).toBe(STALE_RETRY_MS);
    expect(nextRefreshDelay([{ key: 'c', code: '3', validUntil: null }], now)).toBeNull();
  });

  it('treats Ctrl/Cmd+V as paste only outside text fields', () => {
    const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', { key: 'v', ...init });
    expect(isPasteShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isPasteShortcut(key({ metaKey: true, key: 'V' }))).toBe(true);
    expect(isPasteShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPasteShortcut(key({}))).toBe(false);
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    expect(isTextField(checkbox)).toBe(false);
    expect(isTextField(document.createElement('input'))).toBe(true);
    expect(isTextField(document.createElement('textarea'))).toBe(true);
    expect(isTextField(document.body)).toBe(false);
  });
});
