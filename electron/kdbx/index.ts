// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * KDBX, the database format of KeePass 2 and KeePassXC: reading KDBX 3.x and 4.x with a password,
 * writing KDBX 4.0. Used by the KeePass importer (electron/import/keepass.ts) and exporter
 * (electron/export/keepass.ts).
 *
 * ## Why not kdbxweb
 * kdbxweb, the usual JavaScript KDBX library, had its last release in 2021 (2.1.1) and sees little
 * upkeep; it also needs an Argon2 implementation plugged in. A reader for Tessera's needs is small
 * when built on maintained primitives: node:crypto (AES-256-CBC, ChaCha20, SHA-256/512, HMAC),
 * hash-wasm (Argon2d and Argon2id, already used for other imports), node:zlib and fast-xml-parser.
 * Only Salsa20 (KDBX 3.1's inner stream) is written here (salsa20.ts), checked against the eSTREAM
 * vectors. Owning the code also lets every costly step be charged to the import's work budget
 * before it runs (the KDF from its header parameters, the inflated size, the XML's shape), and lets
 * values Tessera does not need (passwords, history, attachments) stay encrypted.
 *
 * ## Modules (one job each)
 * bytes (little-endian cursor), variant-dict (KDBX 4's VariantDictionary), header (outer header,
 * signatures), kdf (AES-KDF, Argon2d/id: parameters, cost, derivation), keys (composite, master and
 * HMAC keys), cipher (AES-256-CBC, ChaCha20), blocks (hashed and HMAC block streams), gzip, inner-header
 * (KDBX 4), inner-stream (Salsa20, ChaCha20) with salsa20, xml (XML → model.ts), xml-write (model → XML),
 * read (the whole read, budget included), write (KDBX 4.0).
 *
 * Only a password is supported as the key: a database that also needs a key file or a
 * challenge-response key (YubiKey) cannot be told apart from a wrong password (`wrong-key`).
 *
 * @see https://keepass.info/help/kb/kdbx_4.html, https://keepass.info/help/kb/kdbx.html,
 *   keepassxreboot/keepassxc src/format/ (Kdbx3Reader.cpp, Kdbx4Reader.cpp, KdbxXmlReader.cpp).
 */
export { KdbxError, type KdbxErrorKind } from './errors';
export { cipherName, readHeader, readSignature, type KdbxHeader, type OuterCipher, type Signature } from './header';
export { kdfCost, kdfName, AES_KDF_ROUND_WORK, type KdfParams } from './kdf';
export type { KdbxDatabase, KdbxEntry, KdbxField, KdbxGroup } from './model';
export { describeHeader, readKdbx, PAYLOAD_MEMORY_FACTOR, type KdbxFile, type KdbxReadOptions } from './read';
export { writeKdbx, writeKdbxPayload, type KdbxWriteOptions, type KdfSettings } from './write';
export type { WriteDatabase, WriteEntry, WriteField, WriteGroup } from './xml-write';
