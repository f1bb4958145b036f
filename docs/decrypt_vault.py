#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference decryptor for Tessera vault files (format 1), independent of Tessera.

Needs Python 3.8+ and PyNaCl >= 1.4 (libsodium bindings: Argon2id and XChaCha20-Poly1305):
    pip install pynacl            (Debian/Ubuntu: apt install python3-nacl)

    python3 decrypt_vault.py VAULT_FILE    # password from TESSERA_PASSWORD, else asked (no echo)

Prints the vault as JSON with every secret in hex and in base32 (the form authenticator apps
take). The output contains your secrets: keep it private. Specification: docs/vault-format.md.
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


def fail(message):
    sys.exit("decrypt_vault: " + message)


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
    if len(data) < 14 or data[:8] != MAGIC:
        fail("not a Tessera vault file")
    version, header_len = struct.unpack_from("<HI", data, 8)
    if version != 1:
        fail("format version %d is not supported by this decryptor" % version)
    if header_len == 0 or header_len > 65536 or len(data) < 14 + header_len + 24 + 16:
        fail("truncated or corrupt")
    aad = data[: 14 + header_len]  # the payload AAD: magic || version || headerLen || header
    header = json.loads(data[14 : 14 + header_len].decode("utf-8"))
    nonce = data[14 + header_len : 14 + header_len + 24]
    ciphertext = data[14 + header_len + 24 :]
    if header["aead"] != "xchacha20poly1305-ietf":
        fail("unknown cipher " + str(header["aead"]))

    pw = unicodedata.normalize("NFC", password).encode("utf-8")
    data_key = None
    for slot in [s for s in header["slots"] if s["type"] == "password"]:
        kdf = slot["kdf"]
        if kdf["alg"] != "argon2id13":
            continue
        ops, mem = kdf["opslimit"], kdf["memlimit"]
        if not (FLOOR[0] <= ops <= CEILING[0] and FLOOR[1] <= mem <= CEILING[1]):
            fail("KDF parameters out of bounds")  # checked before deriving
        salt = base64.b64decode(kdf["salt"], validate=True)
        kek = pwhash.argon2id.kdf(32, pw, salt, opslimit=ops, memlimit=mem)
        try:
            wrapped = base64.b64decode(slot["wrappedKey"], validate=True)
            slot_nonce = base64.b64decode(slot["nonce"], validate=True)
            data_key = bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
                wrapped, slot_aad(slot, salt), slot_nonce, kek
            )
            break
        except exceptions.CryptoError:
            pass  # wrong password for this slot (or the slot was edited): try the next one
    if data_key is None:
        fail("wrong password, or the file was modified")

    try:
        plaintext = bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, aad, nonce, data_key)
    except exceptions.CryptoError:
        fail("the password is right but the file was modified (payload authentication failed)")
    (meta_len,) = struct.unpack_from("<I", plaintext, 0)
    meta = json.loads(plaintext[4 : 4 + meta_len].decode("utf-8"))
    table = plaintext[4 + meta_len :]
    entries = []
    for item in meta["entries"]:
        entry = dict(item)
        offset, length = entry.pop("secretOffset"), entry.pop("secretLength")
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
