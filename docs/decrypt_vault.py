#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference decryptor for Tessera vault files (format 1), independent of Tessera.

Needs Python 3.8+ and PyNaCl >= 1.4 (libsodium bindings: Argon2id and XChaCha20-Poly1305):
    pip install pynacl            (Debian/Ubuntu: apt install python3-nacl)

    python3 decrypt_vault.py VAULT_FILE    # password from TESSERA_PASSWORD, else asked (no echo)

Prints the vault as JSON with every secret in hex and in base32 (the form authenticator apps
take). The output contains your secrets: keep it private. Specification: docs/vault-format.md;
this makes every refusal its section 8 requires of any reader (and none of Tessera's extra ones).
A line-for-line translation of docs/decrypt-vault.mjs.
"""
import base64
import getpass
import json
import os
import struct
import sys
import unicodedata

from nacl import bindings, exceptions, pwhash

MAGIC = b"\x89TSV\r\n\x1a\n"
FLOOR = (2, 64 * 1024 * 1024)  # opslimit, memlimit
CEILING = (10, 1024 * 1024 * 1024)
MAX_PASSWORD_SLOTS = 1  # so the total work is at most one derivation at CEILING (section 4)


def fail(message):
    sys.exit("decrypt_vault: " + message)


def parse_json(data, what):
    """Strict UTF-8 (a BOM is not skipped), JSON, no repeated names (section 3)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        fail("the %s is not valid UTF-8" % what)

    def no_repeats(pairs):
        names = set()
        for name, _ in pairs:
            if name in names:
                fail("the %s repeats the name '%s'" % (what, name))
            names.add(name)
        return dict(pairs)

    def no_constant(name):
        fail("the %s is not valid JSON" % what)

    try:
        return json.loads(text, object_pairs_hook=no_repeats, parse_constant=no_constant)
    except ValueError:
        fail("the %s is not valid JSON" % what)


def b64(value, length, what):
    """base64 of exactly `length` bytes."""
    try:
        data = base64.b64decode(value, validate=True)
    except (TypeError, ValueError):
        fail(what)
    if len(data) != length:
        fail(what)
    return data


def is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def lp(data):
    """u16le length || bytes."""
    return struct.pack("<H", len(data)) + data


def slot_aad(slot, salt):
    kdf = slot["kdf"]
    return (
        MAGIC
        + struct.pack("<H", 1)
        + lp(slot["id"].encode("utf-8"))
        + lp(slot["type"].encode("utf-8"))
        + lp(kdf["alg"].encode("utf-8"))
        + struct.pack("<I", kdf["opslimit"])
        + struct.pack("<Q", kdf["memlimit"])
        + lp(salt)
    )


def decrypt_vault(data, password):
    # Section 2, container and version. Only versions 2 ... 255 with an intact container are newer files.
    if len(data) < 14 or data[:8] != MAGIC:
        fail("not a Tessera vault file")
    version, header_len = struct.unpack_from("<HI", data, 8)
    framed = 1 <= header_len <= 65536 and len(data) >= 14 + header_len + 24 + 16
    if version == 0 or version > 255 or not framed:
        fail("the file is damaged or truncated (format version %d)" % version)
    aad = data[: 14 + header_len]  # the payload AAD: magic || version || headerLen || header
    header = parse_json(data[14 : 14 + header_len], "header")
    if not isinstance(header, dict):
        fail("the header is damaged")
    if version != 1:
        fail("written by a newer Tessera (format %d); this decryptor reads format 1" % version)
    nonce = data[14 + header_len : 14 + header_len + 24]
    ciphertext = data[14 + header_len + 24 :]
    if header.get("aead") != "xchacha20poly1305-ietf":
        fail("unknown cipher " + str(header.get("aead")))

    # Section 4, password slots: how many and how much work, all checked before deriving anything.
    slots = [s for s in header.get("slots") or [] if isinstance(s, dict) and s.get("type") == "password"]
    if not slots:
        fail("no password slot")
    if len(slots) > MAX_PASSWORD_SLOTS:
        fail("the file asks for more password work than Tessera ever writes (%d password slots)" % len(slots))
    for slot in slots:
        kdf = slot.get("kdf") or {}
        if kdf.get("alg") != "argon2id13":
            fail("unknown key derivation " + str(kdf.get("alg")))
        ops, mem = kdf.get("opslimit"), kdf.get("memlimit")
        if not (is_int(ops) and is_int(mem) and mem % 1024 == 0):
            fail("key-derivation parameters out of bounds")
        if not (FLOOR[0] <= ops <= CEILING[0] and FLOOR[1] <= mem <= CEILING[1]):
            fail("key-derivation parameters out of bounds")

    pw = unicodedata.normalize("NFC", password).encode("utf-8")
    data_key = None
    for slot in slots:
        kdf = slot["kdf"]
        salt = b64(kdf["salt"], 16, "the salt is not 16 bytes")
        slot_nonce = b64(slot.get("nonce"), 24, "the slot nonce is not 24 bytes")
        wrapped = b64(slot.get("wrappedKey"), 48, "the password slot does not hold a 32-byte data key")
        kek = pwhash.argon2id.kdf(32, pw, salt, opslimit=kdf["opslimit"], memlimit=kdf["memlimit"])
        try:
            data_key = bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
                wrapped, slot_aad(slot, salt), slot_nonce, kek
            )
            break
        except exceptions.CryptoError:
            pass  # wrong password for this slot (or the slot was edited): try the next one
    if data_key is None:
        fail("wrong password, or the file was modified")
    if len(data_key) != 32:
        fail("the password slot does not hold a 32-byte data key")

    try:
        plaintext = bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, aad, nonce, data_key)
    except exceptions.CryptoError:
        fail("the password is right but the file was modified (payload authentication failed)")
    # Section 6, payload: metaLen within the plaintext, every secret range inside the table.
    if len(plaintext) < 4:
        fail("the payload is damaged")
    (meta_len,) = struct.unpack_from("<I", plaintext, 0)
    if meta_len > len(plaintext) - 4:
        fail("the payload metadata length is out of range")
    meta = parse_json(plaintext[4 : 4 + meta_len], "payload metadata")
    table = plaintext[4 + meta_len :]
    entries = []
    for item in meta["entries"]:
        entry = dict(item)
        offset, length = entry.pop("secretOffset"), entry.pop("secretLength")
        if not (is_int(offset) and is_int(length) and offset >= 0 and length >= 1 and offset + length <= len(table)):
            fail("a secret range is outside the secret table")
        secret = table[offset : offset + length]
        entry["secretHex"] = secret.hex()
        entry["secretBase32"] = base64.b32encode(secret).decode("ascii").rstrip("=")
        entries.append(entry)
    return {"formatVersion": version, "generation": header["generation"], "vaultId": header["vaultId"], "entries": entries}


def main():
    if len(sys.argv) != 2:
        fail("usage: python3 decrypt_vault.py VAULT_FILE  (password in TESSERA_PASSWORD or asked)")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    password = os.environ.get("TESSERA_PASSWORD")
    if password is None:
        password = getpass.getpass("Vault password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")
    result = decrypt_vault(data, password)
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
