"""Sealed bundles: the envelope, tampering, wrong passphrases, on the raw bytes."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from listening_tui.errors import (
    InvalidInput,
    OutputExists,
    PassphraseNeeded,
    TamperedFile,
    WrongPassphrase,
)
from listening_tui.interchange import sealed
from listening_tui.interchange.sealed import MAGIC, TAG_BYTES, is_sealed, open_sealed

PLAIN = '{"format": "listening-tui/bundle", "name": "Amira Haddad", "text": "Rota chaos"}\n'
PASSPHRASE = "tea at the depot"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lowest cost the reader accepts, so each test derives in milliseconds."""
    monkeypatch.setattr(sealed, "SCRYPT_N", 2**14)


def seal(path: Path, text: str = PLAIN, passphrase: str = PASSPHRASE) -> Path:
    with sealed.sealed_text_file(path, passphrase) as handle:
        handle.write(text)
    return path


def header_end(raw: bytes) -> int:
    return raw.index(b"\n", len(MAGIC)) + 1


def test_a_sealed_bundle_opens_with_its_passphrase(tmp_path: Path) -> None:
    path = seal(tmp_path / "b.sealed")
    assert is_sealed(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert open_sealed(path, PASSPHRASE) == PLAIN.encode("utf-8")


def test_the_envelope_is_as_documented(tmp_path: Path) -> None:
    raw = seal(tmp_path / "b.sealed").read_bytes()
    assert raw.startswith(MAGIC)
    end = header_end(raw)
    header = json.loads(raw[len(MAGIC) : end])
    assert header["version"] == 1
    assert header["cipher"] == "AES-256-GCM"
    assert header["kdf"] == "scrypt"
    assert (header["n"], header["r"], header["p"]) == (2**14, 8, 1)
    assert sorted(header) == ["check", "cipher", "kdf", "n", "nonce", "p", "r", "salt", "version"]
    assert len(raw) - end - TAG_BYTES == len(PLAIN.encode("utf-8"))


def test_nothing_of_the_content_is_in_the_raw_bytes(tmp_path: Path) -> None:
    raw = seal(tmp_path / "b.sealed").read_bytes()
    for secret in (b"Amira", b"Haddad", b"Rota chaos", b"listening-tui/bundle"):
        assert secret not in raw


def test_two_seals_of_the_same_text_differ(tmp_path: Path) -> None:
    first = seal(tmp_path / "1.sealed").read_bytes()
    second = seal(tmp_path / "2.sealed").read_bytes()
    assert first != second  # a fresh salt and nonce each time


def test_every_flipped_byte_is_refused(tmp_path: Path) -> None:
    raw = seal(tmp_path / "b.sealed").read_bytes()
    end = header_end(raw)
    places = {
        "ciphertext": end + 3,
        "last ciphertext byte": len(raw) - TAG_BYTES - 1,
        "tag": len(raw) - 1,
        "nonce in the header": raw.index(b'"nonce":"') + 10,
    }
    for where, at in places.items():
        broken = bytearray(raw)
        broken[at] ^= 0x01
        path = tmp_path / f"{where}.sealed"
        path.write_bytes(bytes(broken))
        with pytest.raises(TamperedFile, match="changed or damaged"):
            open_sealed(path, PASSPHRASE)


def test_a_changed_salt_reads_as_a_wrong_passphrase_or_damage(tmp_path: Path) -> None:
    raw = bytearray(seal(tmp_path / "b.sealed").read_bytes())
    raw[raw.index(b'"salt":"') + 9] ^= 0x01
    path = tmp_path / "salt.sealed"
    path.write_bytes(bytes(raw))
    with pytest.raises((WrongPassphrase, TamperedFile)):
        open_sealed(path, PASSPHRASE)


def test_a_cut_short_file_is_refused(tmp_path: Path) -> None:
    raw = seal(tmp_path / "b.sealed").read_bytes()
    for keep in (len(raw) - 1, len(raw) - TAG_BYTES, header_end(raw) + 1, header_end(raw)):
        path = tmp_path / f"cut-{keep}.sealed"
        path.write_bytes(raw[:keep])
        with pytest.raises(TamperedFile):
            open_sealed(path, PASSPHRASE)


def test_a_wrong_or_missing_passphrase_is_refused(tmp_path: Path) -> None:
    path = seal(tmp_path / "b.sealed")
    with pytest.raises(WrongPassphrase, match="does not open"):
        open_sealed(path, "Tea at the depot")
    with pytest.raises(PassphraseNeeded, match="sealed with a passphrase"):
        open_sealed(path, None)


def test_the_same_passphrase_in_another_unicode_form_opens_it(tmp_path: Path) -> None:
    path = seal(tmp_path / "b.sealed", passphrase="caf\u00e9 au lait")
    assert open_sealed(path, "cafe\u0301 au lait") == PLAIN.encode("utf-8")


def test_a_forged_header_asking_for_gigabytes_is_refused(tmp_path: Path) -> None:
    raw = seal(tmp_path / "b.sealed").read_bytes()
    end = header_end(raw)
    header = json.loads(raw[len(MAGIC) : end])
    header["n"] = 2**30
    path = tmp_path / "forged.sealed"
    path.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + raw[end:])
    with pytest.raises(TamperedFile):
        open_sealed(path, PASSPHRASE)


def test_a_newer_version_says_to_upgrade(tmp_path: Path) -> None:
    raw = seal(tmp_path / "b.sealed").read_bytes()
    end = header_end(raw)
    header = json.loads(raw[len(MAGIC) : end])
    header["version"] = 2
    path = tmp_path / "v2.sealed"
    path.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + raw[end:])
    with pytest.raises(InvalidInput, match="upgrade listening-tui"):
        open_sealed(path, PASSPHRASE)


def test_a_large_text_streams_through_in_pieces(tmp_path: Path) -> None:
    text = "".join(f'{{"n": {n}, "text": "issue {n} é"}}\n' for n in range(200_000))
    path = seal(tmp_path / "big.sealed", text)
    assert open_sealed(path, PASSPHRASE) == text.encode("utf-8")


def test_an_existing_file_is_never_written_over(tmp_path: Path) -> None:
    path = tmp_path / "taken.sealed"
    path.write_text("mine")
    with pytest.raises(OutputExists):
        seal(path)
    assert path.read_text() == "mine"


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "half.sealed"

    def write_then_fail() -> None:
        with sealed.sealed_text_file(path, PASSPHRASE) as handle:
            handle.write(PLAIN)
            raise RuntimeError("disk pulled out")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert not path.exists()


def test_plain_files_are_not_sealed(tmp_path: Path) -> None:
    plain = tmp_path / "plain.json"
    plain.write_text(PLAIN)
    assert not is_sealed(plain)
    assert not is_sealed(tmp_path / "missing.json")
