"""Sealed bundles: a bundle encrypted with a passphrase (AES-256-GCM, key from scrypt).

The envelope (README, "Sealed bundles"), all of it in one file:

1. the line ``listening-tui sealed bundle`` (the magic: tells a sealed bundle at once);
2. one line of JSON, the header: ``version`` (1), ``cipher`` ("AES-256-GCM"),
   ``kdf`` ("scrypt"), its cost ``n``, ``r``, ``p``, and base64 ``salt`` (16 bytes),
   ``nonce`` (12 bytes) and ``check`` (16 bytes);
3. the bundle's UTF-8 JSON encrypted with AES-256-GCM, as long as the bundle;
4. the 16-byte GCM tag.

scrypt turns the passphrase (Unicode NFC, UTF-8) and salt into 48 bytes: the
first 32 are the AES key, the last 16 are ``check``, which tells a wrong
passphrase from a changed file. The two header lines are the cipher's
associated data, so changing any byte of the file, header included, is
detected: nothing of a tampered file is used. Both ciphers and the KDF are
the ``cryptography`` library's (PyCA), nothing home-made.

Writing streams: the bundle is encrypted as it is written. Reading decrypts
chunk by chunk into one buffer as long as the bundle, handed over only after
the tag is verified. Beyond what a plain bundle takes, sealing or opening
costs scrypt's 128 MiB for the moment the key is derived.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import io
import json
import os
import stat
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from listening_tui.errors import (
    InvalidInput,
    ListeningError,
    PassphraseNeeded,
    TamperedFile,
    WrongPassphrase,
)
from listening_tui.interchange.files import make_folder, refuse_existing

MAGIC = b"listening-tui sealed bundle\n"
"""The first line of every sealed bundle."""

VERSION = 1
CIPHER = "AES-256-GCM"
KDF = "scrypt"

SCRYPT_N = 2**17
"""scrypt's cost: 128 MiB of memory and about half a second per try, for anyone guessing."""
SCRYPT_R = 8
SCRYPT_P = 1

SALT_BYTES = 16
NONCE_BYTES = 12
CHECK_BYTES = 16
KEY_BYTES = 32
TAG_BYTES = 16
HEADER_MAX = 1024
"""A longer header line is not one this program wrote."""

CHUNK = 1 << 20
"""Bytes read and decrypted at a time."""


@dataclass(frozen=True)
class _Header:
    n: int
    r: int
    p: int
    salt: bytes
    nonce: bytes
    check: bytes

    def line(self) -> bytes:
        fields = {
            "version": VERSION,
            "cipher": CIPHER,
            "kdf": KDF,
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "check": _b64(self.check),
        }
        return json.dumps(fields, separators=(",", ":")).encode("ascii") + b"\n"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> tuple[bytes, bytes]:
    """The AES key and the passphrase check."""
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    derived = Scrypt(salt=salt, length=KEY_BYTES + CHECK_BYTES, n=n, r=r, p=p).derive(secret)
    return derived[:KEY_BYTES], derived[KEY_BYTES:]


def is_sealed(path: Path) -> bool:
    """Whether ``path`` starts like a sealed bundle (False for anything unreadable)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


class _Sealer(io.RawIOBase):
    """Encrypts every byte written through it into ``out``; ``finish`` writes the tag."""

    def __init__(self, out: BinaryIO, key: bytes, nonce: bytes, aad: bytes) -> None:
        super().__init__()
        self.out = out
        self.encryptor: Any = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
        self.encryptor.authenticate_additional_data(aad)

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.out.write(self.encryptor.update(chunk))
        return len(chunk)

    def finish(self) -> None:
        self.out.write(self.encryptor.finalize())
        self.out.write(self.encryptor.tag)


@contextmanager
def sealed_text_file(path: Path, passphrase: str) -> Iterator[TextIO]:
    """A new sealed bundle at ``path`` (mode 0600) to write the bundle's JSON text into.

    Removed again if writing fails; never written over an existing file.
    """
    if not passphrase:
        raise PassphraseNeeded("A sealed bundle needs a passphrase: nothing was written")
    refuse_existing(path)
    make_folder(path.parent)
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    key, check = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    aad = MAGIC + _Header(SCRYPT_N, SCRYPT_R, SCRYPT_P, salt, nonce, check).line()
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR)
    except FileExistsError:
        refuse_existing(path)
        raise
    except OSError as exc:
        raise InvalidInput(f"Can't create {path}: {exc.strerror}") from None
    raw = open(fd, "wb")  # noqa: SIM115 (closed below)
    try:
        raw.write(aad)
        sealer = _Sealer(raw, key, nonce, aad)
        text = io.TextIOWrapper(
            io.BufferedWriter(sealer, CHUNK), encoding="utf-8", write_through=False
        )
        yield text
        text.flush()
        sealer.finish()
        raw.flush()
        os.fsync(raw.fileno())
        raw.close()
    except OSError as exc:
        _discard(raw, path)
        raise ListeningError(
            f"Writing {path} failed ({exc.strerror or exc}), so it was removed again: "
            "check there is space and try again"
        ) from None
    except BaseException:
        _discard(raw, path)
        raise
    os.chmod(path, 0o600)


def _discard(handle: BinaryIO, path: Path) -> None:
    with suppress(OSError):
        handle.close()
    path.unlink(missing_ok=True)


def open_sealed(path: Path, passphrase: str | None) -> bytearray:
    """The bundle's JSON bytes inside the sealed bundle at ``path``, verified.

    PassphraseNeeded without a passphrase, WrongPassphrase for a wrong one,
    TamperedFile when any byte was changed since it was sealed.
    """
    if not passphrase:
        raise PassphraseNeeded(
            "this bundle is sealed with a passphrase: give it to import the bundle"
        )
    with path.open("rb") as handle:
        handle.seek(len(MAGIC))
        line = handle.readline(HEADER_MAX)
        header = _parse_header(line)
        key, check = _derive(passphrase, header.salt, header.n, header.r, header.p)
        if not hmac.compare_digest(check, header.check):
            raise WrongPassphrase(
                "the passphrase does not open this sealed bundle: type it again, exactly "
                "(capitals count)"
            )
        size = os.fstat(handle.fileno()).st_size - len(MAGIC) - len(line) - TAG_BYTES
        if size < 0:
            raise _tampered()
        decryptor: Any = Cipher(algorithms.AES(key), modes.GCM(header.nonce)).decryptor()
        decryptor.authenticate_additional_data(MAGIC + line)
        plain = bytearray(size + CHUNK)
        view = memoryview(plain)
        chunk = bytearray(CHUNK)
        done = 0
        while done < size:
            wanted = min(CHUNK, size - done)
            got = handle.readinto(memoryview(chunk)[:wanted])
            if not got:
                raise _tampered()
            done += decryptor.update_into(memoryview(chunk)[:got], view[done:])
        view.release()
        del plain[size:]
        tag = handle.read(TAG_BYTES + 1)
        try:
            if len(tag) != TAG_BYTES:
                raise InvalidTag
            decryptor.finalize_with_tag(tag)
        except InvalidTag:
            plain[:] = b""
            raise _tampered() from None
    return plain


def _parse_header(line: bytes) -> _Header:
    try:
        fields = json.loads(line)
        if not isinstance(fields, dict) or not line.endswith(b"\n"):
            raise ValueError
        if fields.get("version") != VERSION:
            raise InvalidInput(
                f"this sealed bundle is of a newer format (version {fields.get('version')}): "
                "upgrade listening-tui to import it"
            )
        if fields.get("cipher") != CIPHER or fields.get("kdf") != KDF:
            raise ValueError
        n, r, p = (fields[name] for name in ("n", "r", "p"))
        if not all(isinstance(v, int) for v in (n, r, p)) or not _sane_cost(n, r, p):
            raise ValueError
        salt, nonce, check = (
            base64.b64decode(fields[name], validate=True) for name in ("salt", "nonce", "check")
        )
        if (len(salt), len(nonce), len(check)) != (SALT_BYTES, NONCE_BYTES, CHECK_BYTES):
            raise ValueError
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise _tampered() from None
    return _Header(n, r, p, salt, nonce, check)


def _sane_cost(n: int, r: int, p: int) -> bool:
    """A cost this program could have written (a forged one could ask for gigabytes)."""
    return 2**14 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4


def _tampered() -> TamperedFile:
    return TamperedFile(
        "this sealed bundle was changed or damaged after it was sealed, so none of it is "
        "used: ask for the file again, or copy it again from the original"
    )
