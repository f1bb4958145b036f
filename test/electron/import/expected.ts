// SPDX-License-Identifier: GPL-3.0-or-later
/** The corpus's EXPECTED.json, typed, and the comparable shape of an imported entry. */
import { readFileSync } from 'node:fs';
import type { ImportedEntry } from '../../../electron/import';
import { base32Encode } from '../../../electron/otp';
import { corpusFile, corpusJson } from '../../helpers/corpus';

export interface ExpectedEntry {
  readonly type: string;
  readonly issuer: string;
  readonly name: string;
  readonly secret: string;
  readonly algorithm: string;
  readonly digits: number;
  readonly period?: number;
  readonly counter?: number;
}

export interface ExpectedFile {
  readonly file: string;
  readonly format: string;
  readonly password?: string | null;
  readonly encrypted?: boolean;
  readonly entryCount: number;
  readonly entries: readonly ExpectedEntry[];
}

export interface MigrationSample {
  readonly id: string;
  readonly uri: string;
  readonly payload: { version: number; batch_size: number; batch_index: number; batch_id: number };
  readonly entryCount: number;
  readonly entries: readonly (ExpectedEntry & { labelIssuer: string | null; labelAccount: string })[];
}

export interface Expected {
  readonly files: Readonly<Record<string, ExpectedFile>>;
  readonly 'google-migration': { readonly samples: readonly MigrationSample[] };
}

export function expectedCorpus(): Expected {
  return corpusJson<Expected>('import/EXPECTED.json');
}

/** The bytes of a corpus import file (path relative to import/). */
export function corpusBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusFile(`import/${rel}`)));
}

/** An imported entry in EXPECTED.json's shape. */
export function comparable(e: ImportedEntry): ExpectedEntry {
  return {
    type: e.type,
    issuer: e.issuer,
    name: e.account,
    secret: base32Encode(e.secret),
    algorithm: e.algorithm,
    digits: e.digits,
    ...(e.type === 'hotp' ? { counter: e.counter ?? -1 } : { period: e.period ?? -1 }),
  };
}

/** An expected entry with only the fields EXPECTED.json's schema defines, in the same key order. */
export function normalised(e: ExpectedEntry): ExpectedEntry {
  return {
    type: e.type,
    issuer: e.issuer,
    name: e.name,
    secret: e.secret,
    algorithm: e.algorithm,
    digits: e.digits,
    ...(e.type === 'hotp' ? { counter: e.counter ?? -1 } : { period: e.period ?? -1 }),
  };
}
