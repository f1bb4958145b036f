// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The first look at a file, before detection: a text that starts like JSON or XML is measured
 * (prescan.ts) against the budget's limits, so a file built to exhaust the parser is refused by the
 * limit's name before any detector or parser touches it. Detection parses JSON itself (fields.ts
 * `sniffJson`, which skips texts past the default limits), and without this first look such a file
 * would only be "not recognised" instead of "more than 1,000,000 values".
 */
import type { WorkBudget } from './budget';
import { startsLikeJson, tryDecodeUtf8 } from './fields';
import { scanJson, scanXml } from './prescan';

/**
 * Measures a JSON or XML text against the budget's structural limits; other content passes (its
 * parser charges the budget as it reads). Nothing is spent: the parser charges what it parses.
 * @throws BudgetExceededError naming the first limit the file passes.
 */
export function screenStructure(bytes: Uint8Array, budget: WorkBudget): void {
  const json = startsLikeJson(bytes);
  if (!json && !startsLikeXml(bytes)) return;
  const text = tryDecodeUtf8(bytes);
  if (text === null) return;
  if (json) {
    const shape = scanJson(text);
    budget.atMost('json-depth', shape.depth);
    budget.atMost('json-values', shape.values);
    return;
  }
  const shape = scanXml(text);
  budget.atMost('xml-elements', shape.elements);
  budget.atMost('xml-attributes-per-element', shape.attributesPerElement);
  budget.atMost('xml-attributes', shape.attributes);
  budget.atMost('xml-references', shape.references);
}

/** `<` as the first character after spaces and a byte-order mark. */
function startsLikeXml(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c;
}
