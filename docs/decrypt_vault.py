#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference decryptor for Tessera vault files (formats 1 and 2), independent of Tessera.

Needs Python 3.8+ and PyNaCl >= 1.4 (libsodium bindings: Argon2id and XChaCha20-Poly1305):
    pip install pynacl            (Debian/Ubuntu: apt install python3-nacl)

    python3 decrypt_vault.py VAULT_FILE                  # password from TESSERA_PASSWORD, else asked (no echo)
    python3 decrypt_vault.py --recovery-key VAULT_FILE   # recovery key from TESSERA_RECOVERY_KEY, else asked

With --recovery-key the vault is opened with its recovery key (section 4, "Recovery key") instead of
the password: XXXX-XXXX-... as written down, any case, spaces and hyphens ignored, O read as 0 and
I or L as 1. A key whose check characters do not match (a typo) is refused before any cryptography.
TESSERA_PASSWORD is not read then, nor TESSERA_RECOVERY_KEY without the option. (Without a
terminal, the password or key is the first line of standard input.)

Prints the vault as JSON with every secret in hex and in base32 (the form authenticator apps
take), each entry's tags and icon choice, and the custom icons (base64). A format 1 entry's group
is printed as its one tag ("tags"), with "icon" null. The output contains your secrets: keep it
private. Specification: docs/vault-format.md;
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

import nacl.encoding
import nacl.hash
import nacl.public
from nacl import bindings, exceptions, pwhash

MAGIC = b"\x89TSV\r\n\x1a\n"
FLOOR = (2, 64 * 1024 * 1024)  # opslimit, memlimit
CEILING = (10, 1024 * 1024 * 1024)
MAX_PASSWORD_SLOTS = 1  # so the total work is at most one derivation at CEILING (section 4)
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # the recovery key's alphabet (section 4)


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


def read_container(data):
    """Section 2 container and version, section 3 header, section 4 password-slot bounds: all before any key."""
    # Only versions 3 ... 255 with an intact container are newer files.
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
    if version not in (1, 2):
        fail("written by a newer Tessera (format %d); this decryptor reads formats 1 and 2" % version)
    nonce = data[14 + header_len : 14 + header_len + 24]
    ciphertext = data[14 + header_len + 24 :]
    if header.get("aead") != "xchacha20poly1305-ietf":
        fail("unknown cipher " + str(header.get("aead")))

    # Section 4, password slots: how many and how much work, all checked before deriving anything.
    slots = header.get("slots") if isinstance(header.get("slots"), list) else []
    password_slots = [s for s in slots if isinstance(s, dict) and s.get("type") == "password"]
    if len(password_slots) > MAX_PASSWORD_SLOTS:
        fail("the file asks for more password work than Tessera ever writes (%d password slots)" % len(password_slots))
    for slot in password_slots:
        kdf = slot.get("kdf") or {}
        if kdf.get("alg") != "argon2id13":
            fail("unknown key derivation " + str(kdf.get("alg")))
        ops, mem = kdf.get("opslimit"), kdf.get("memlimit")
        if not (is_int(ops) and is_int(mem) and mem % 1024 == 0):
            fail("key-derivation parameters out of bounds")
        if not (FLOOR[0] <= ops <= CEILING[0] and FLOOR[1] <= mem <= CEILING[1]):
            fail("key-derivation parameters out of bounds")
    return {
        "version": version,
        "header": header,
        "aad": aad,
        "nonce": nonce,
        "ciphertext": ciphertext,
        "slots": slots,
        "password_slots": password_slots,
    }


def password_data_key(password_slots, password):
    """Section 4: the data key from the password slot."""
    if not password_slots:
        fail("no password slot")
    pw = unicodedata.normalize("NFC", password).encode("utf-8")
    data_key = None
    for slot in password_slots:
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
    return data_key


def blake2b_256(message, key):
    """BLAKE2b with a 32-byte digest, keyed (libsodium crypto_generichash(32, message, key))."""
    return nacl.hash.blake2b(message, digest_size=32, key=key, encoder=nacl.encoding.RawEncoder)


def parse_recovery_key(typed):
    """Section 4, "Recovery key": the 20-byte secret of a recovery key as written down. Refuses a
    wrong character or length, and a key whose 4 check characters do not match (a typo)."""
    text = "".join(typed.upper().split()).replace("-", "").replace("O", "0").replace("I", "1").replace("L", "1")
    if any(c not in CROCKFORD for c in text):
        fail("a recovery key has only the digits 0-9 and the letters A-Z except I, L, O and U")
    if len(text) != 36:
        fail("a recovery key has 36 characters (9 groups of 4), not %d" % len(text))
    value = 0
    for c in text[:32]:
        value = (value << 5) | CROCKFORD.index(c)
    secret = value.to_bytes(20, "big")  # 32 characters of 5 bits: 160 bits, most significant first
    check_hash = blake2b_256(b"tessera recovery key check v1", secret)
    check_bits = int.from_bytes(check_hash[:3], "big") >> 4  # its first 20 bits
    check = "".join(CROCKFORD[(check_bits >> shift) & 31] for shift in (15, 10, 5, 0))
    if check != text[32:]:
        fail(
            "the recovery key has a typo: its check characters do not match"
            " (compare each group with what you wrote down)"
        )
    return secret


def recovery_data_key(slots, recovery_key):
    """Section 4, "Recovery key": the data key from the recovery slot."""
    secret = parse_recovery_key(recovery_key)
    recovery = [s for s in slots if isinstance(s, dict) and s.get("type") == "recovery"]
    if not recovery:
        fail("this vault has no recovery slot: it opens only with its password")
    if len(recovery) > 1:
        fail("the file has more than one recovery slot")
    public_key = b64(recovery[0].get("publicKey"), 32, "the recovery slot public key is not 32 bytes")
    sealed = b64(recovery[0].get("sealedKey"), 80, "the recovery slot does not hold a sealed 32-byte data key")
    private_key = nacl.public.PrivateKey.from_seed(blake2b_256(b"tessera recovery key v1", secret))
    if bytes(private_key.public_key) != public_key:
        fail("this is not the recovery key of this vault (or the file was modified)")
    try:
        data_key = nacl.public.SealedBox(private_key).decrypt(sealed)
    except exceptions.CryptoError:
        fail("the recovery slot does not open with this recovery key: the file was modified")
    if len(data_key) != 32:
        fail("the recovery slot does not hold a 32-byte data key")
    return data_key


def open_payload(container, data_key, what):
    """Section 5 payload decryption, section 6 payload."""
    try:
        plaintext = bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
            container["ciphertext"], container["aad"], container["nonce"], data_key
        )
    except exceptions.CryptoError:
        fail("the %s is right but the file was modified (payload authentication failed)" % what)
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
        entry = from_format_1(item) if container["version"] == 1 else dict(item)
        offset, length = entry.pop("secretOffset"), entry.pop("secretLength")
        if not (is_int(offset) and is_int(length) and offset >= 0 and length >= 1 and offset + length <= len(table)):
            fail("a secret range is outside the secret table")
        secret = table[offset : offset + length]
        entry["secretHex"] = secret.hex()
        entry["secretBase32"] = base64.b32encode(secret).decode("ascii").rstrip("=")
        entries.append(entry)
    header = container["header"]
    return {
        "formatVersion": container["version"],
        "generation": header["generation"],
        "vaultId": header["vaultId"],
        "entries": entries,
        # Section 6: format 2 keeps custom icons (not secret) in the meta; format 1 has none.
        "icons": [] if container["version"] == 1 else meta["icons"],
    }


def from_format_1(fields):
    """Section 6, "Reading format 1": the group becomes the one tag, in its place, and the icon is automatic (null)."""
    out = {}
    for name, value in fields.items():
        if name == "group":
            out["tags"] = [] if value is None else [value]
            out["icon"] = None
        else:
            out[name] = value
    return out


def decrypt_vault(data, password):
    container = read_container(data)
    return open_payload(container, password_data_key(container["password_slots"], password), "password")


def decrypt_vault_with_recovery_key(data, recovery_key):
    """Like decrypt_vault, with the recovery key (section 4, "Recovery key") instead of the password."""
    container = read_container(data)
    return open_payload(container, recovery_data_key(container["slots"], recovery_key), "recovery key")


def read_secret(variable, prompt):
    """The password or recovery key: from the environment variable, else asked (no echo), else stdin's first line."""
    value = os.environ.get(variable)
    if value is not None:
        return value
    return getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline().rstrip("\r\n")


def main():
    args = sys.argv[1:]
    with_recovery_key = args[:1] == ["--recovery-key"]
    if len(args) != (2 if with_recovery_key else 1):
        fail(
            "usage: python3 decrypt_vault.py VAULT_FILE  (password in TESSERA_PASSWORD or asked)\n"
            "       python3 decrypt_vault.py --recovery-key VAULT_FILE  (recovery key in TESSERA_RECOVERY_KEY or asked)"
        )
    with open(args[-1], "rb") as f:
        data = f.read()
    if with_recovery_key:
        result = decrypt_vault_with_recovery_key(data, read_secret("TESSERA_RECOVERY_KEY", "Recovery key: "))
    else:
        result = decrypt_vault(data, read_secret("TESSERA_PASSWORD", "Vault password: "))
    sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
