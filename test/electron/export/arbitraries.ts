// SPDX-License-Identifier: GPL-3.0-or-later
/** Random vault entries for export round trips, a fast fake KDF, and a comparable entry view. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { ExportEntry } from '../../../electron/export';
import type { Kdf } from '../../../electron/vault';

/** SHA-256(password ‖ salt): keeps vault round trips fast; the params are still bound-checked by the vault. */
export const fakeKdf: Kdf = {
  derive: async (password, salt) => new Uint8Array(createHash('sha256').update(password).update(salt).digest()),
};

const name = fc.stringMatching(/^[A-Za-z0-9@._é-]([A-Za-z0-9 @._é+-]{0,14}[A-Za-z0-9@._é-])?$/);

const otp = fc.oneof(
  fc.record({
    type: fc.constant('totp' as const),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
    digits: fc.constantFrom(6, 8, 6, 7, 10),
    period: fc.constantFrom(30, 30, 60, 15),
    counter: fc.constant(null),
  }),
  fc.record({
    type: fc.constant('hotp' as const),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
    digits: fc.constantFrom(6, 8),
    period: fc.constant(null),
    counter: fc.nat({ max: 1_000_000 }),
  }),
  fc.record({
    type: fc.constant('steam' as const),
    algorithm: fc.constant('SHA1' as const),
    digits: fc.constant(5),
    period: fc.constant(30),
    counter: fc.constant(null),
  }),
);

export const entryArb: fc.Arbitrary<ExportEntry> = fc
  .record({
    otp,
    issuer: fc.oneof(name, fc.constant('')),
    account: name,
    secret: fc.uint8Array({ minLength: 10, maxLength: 40 }),
    group: fc.constantFrom(null, 'Work', 'Home'),
    notes: fc.constantFrom('', 'recovery codes in the safe'),
    favourite: fc.boolean(),
  })
  .map(({ otp: o, ...rest }) => ({ ...o, ...rest }));

export const vaultArb = fc.array(entryArb, { minLength: 0, maxLength: 25 });

/** What must survive every format: the code parameters and the names. */
export function core(e: ExportEntry): string {
  return JSON.stringify([
    e.type,
    e.issuer,
    e.account,
    e.algorithm,
    e.digits,
    e.type === 'hotp' ? null : e.period,
    e.type === 'hotp' ? e.counter : null,
    Buffer.from(e.secret).toString('hex'),
  ]);
}

/** Core plus the metadata that Aegis and Tessera backups also carry. */
export function full(e: ExportEntry): string {
  return JSON.stringify([core(e), e.group ?? null, e.notes ?? '', e.favourite ?? false]);
}
