// SPDX-License-Identifier: GPL-3.0-or-later
/** Random vault entries for export round trips, a fast fake KDF, and comparable entry views. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { ExportEntry } from '../../../electron/export';
import { checkIconImage } from '../../../electron/icons/image-check';
import type { Kdf } from '../../../electron/vault';
import type { IconImageInput } from '../../../electron/vault/entry';

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

/** Tags in normal form, none that a format reads differently (KeePass splits at `,;:`). */
const TAG_POOL = ['Work', 'Home', 'Side project', 'Ünï 例', 'travel'];

/** A 1×1 PNG holding only the chunks that draw it: the icon check leaves it as it is. */
export const PNG_1X1 = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);
/** An SVG as the icon check leaves it (so checking it again changes nothing). */
export const CLEAN_SVG = checkIconImage(
  new TextEncoder().encode(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#336699" d="M2 2h20v20H2z"/></svg>',
  ),
);
const ICONS: readonly IconImageInput[] = [{ mime: 'image/png', bytes: PNG_1X1 }, CLEAN_SVG];

/** An icon's id in the vault: the SHA-256 of its bytes. */
export const iconId = (image: IconImageInput): string => createHash('sha256').update(image.bytes).digest('hex');

export const entryArb: fc.Arbitrary<ExportEntry> = fc
  .record({
    otp,
    issuer: fc.oneof(name, fc.constant('')),
    account: name,
    secret: fc.uint8Array({ minLength: 10, maxLength: 40 }),
    tags: fc.shuffledSubarray(TAG_POOL, { maxLength: 3 }),
    notes: fc.constantFrom('', 'recovery codes in the safe'),
    favourite: fc.boolean(),
    icon: fc.option(fc.constantFrom(...ICONS), { nil: undefined, freq: 3 }),
  })
  .map(({ otp: o, icon, ...rest }) => ({
    ...o,
    ...rest,
    ...(icon !== undefined ? { icon: { kind: 'custom' as const, id: iconId(icon) }, iconImage: icon } : {}),
  }));

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

/** Core plus the metadata that Aegis and Tessera backups also carry: tags (in order), notes, favourite. */
export function full(e: ExportEntry): string {
  return JSON.stringify([core(e), e.tags ?? [], e.notes ?? '', e.favourite ?? false]);
}

/** Full plus the icon's picture (its type and bytes), for the formats that carry pictures (Aegis). */
export function withPicture(e: Pick<ExportEntry, 'iconImage'> & ExportEntry): string {
  const picture = e.iconImage === undefined ? null : [e.iconImage.mime, Buffer.from(e.iconImage.bytes).toString('hex')];
  return JSON.stringify([full(e), picture]);
}
