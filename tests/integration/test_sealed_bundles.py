"""export --encrypt and importing sealed bundles, on SQLite and PostgreSQL and on the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from listening_tui.errors import PassphraseNeeded, TamperedFile, WrongPassphrase
from listening_tui.interchange import sealed
from listening_tui.interchange.sealed import MAGIC, TAG_BYTES
from listening_tui.services.exports import export_bundle
from listening_tui.services.imports import import_bundle
from tests.bundle_helpers import exported, row_counts
from tests.conftest import EXAMPLE_BUNDLE
from tests.integration.test_cli import assert_one_line_refusal, run
from tests.integration.test_cli_bundles import target

PASSPHRASE = "meet at the library"


def names_in(bundle: dict[str, Any]) -> list[bytes]:
    """Every interviewee's name and contact in a bundle, as bytes."""
    found: list[bytes] = []
    for session in bundle["sessions"]:
        for person in session["interviewees"]:
            found.append(person["name"].encode("utf-8"))
            if person.get("contact"):
                found.append(person["contact"].encode("utf-8"))
    return found


def test_a_sealed_export_imports_as_the_same_bundle(
    database: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sealed, "SCRYPT_N", 2**14)
    import_bundle(database, EXAMPLE_BUNDLE)
    plain = exported(database, tmp_path)
    out = tmp_path / "sealed.bundle"
    result = export_bundle(database, out, passphrase=PASSPHRASE)
    assert result.sealed
    raw = out.read_bytes()
    assert raw.startswith(MAGIC)
    secrets = names_in(plain)
    assert secrets
    for secret in [*secrets, plain["campaign"]["name"].encode("utf-8")]:
        assert secret not in raw

    from listening_tui.services.database import open_database

    other = open_database(str(tmp_path / "other.db"))
    try:
        report = import_bundle(other, out, passphrase=PASSPHRASE)
        assert report.sessions_added == len(plain["sessions"])
        assert exported(other, tmp_path) == plain
    finally:
        other.close()


def test_a_tampered_or_wrongly_opened_sealed_bundle_changes_nothing(
    database: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sealed, "SCRYPT_N", 2**14)
    import_bundle(database, EXAMPLE_BUNDLE)
    out = tmp_path / "sealed.bundle"
    export_bundle(database, out, passphrase=PASSPHRASE)
    raw = bytearray(out.read_bytes())
    raw[len(raw) - TAG_BYTES - 40] ^= 0x20
    tampered = tmp_path / "tampered.bundle"
    tampered.write_bytes(bytes(raw))
    before, rows = exported(database, tmp_path), row_counts(database)
    with pytest.raises(TamperedFile, match=r"tampered\.bundle: .*changed or damaged"):
        import_bundle(database, tampered, passphrase=PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        import_bundle(database, out, passphrase="meet at the Library")
    with pytest.raises(PassphraseNeeded):
        import_bundle(database, out)
    assert exported(database, tmp_path) == before
    assert row_counts(database) == rows


def test_export_encrypt_and_import_on_the_command_line(
    sqlite_database: Any, tmp_path: Path
) -> None:
    import_bundle(sqlite_database, EXAMPLE_BUNDLE)
    db = target(sqlite_database)
    out = tmp_path / "sealed.bundle"
    env = {"LISTENING_TUI_PASSPHRASE": PASSPHRASE}
    result = run("--db", db, "export", "--encrypt", "--out", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "(sealed with a passphrase)" in result.stdout
    raw = out.read_bytes()
    header = json.loads(raw[len(MAGIC) : raw.index(b"\n", len(MAGIC))])
    assert (header["n"], header["r"], header["p"]) == (2**17, 8, 1)  # the real cost

    fresh = str(tmp_path / "fresh.db")
    result = run("--db", fresh, "import", str(out), env=env)
    assert result.returncode == 0, result.stderr
    assert "added" in result.stdout

    wrong = run("--db", fresh, "import", str(out), env={"LISTENING_TUI_PASSPHRASE": "nope nope"})
    assert_one_line_refusal(wrong, "does not open this sealed bundle", "nothing from this file")

    missing = run("--db", fresh, "import", str(out), env={"LISTENING_TUI_PASSPHRASE": ""})
    assert_one_line_refusal(missing, "sealed bundle", "LISTENING_TUI_PASSPHRASE")

    broken = bytearray(raw)
    broken[len(MAGIC) + 300] ^= 0x01
    tampered = tmp_path / "tampered.bundle"
    tampered.write_bytes(bytes(broken))
    result = run("--db", fresh, "import", str(tampered), env=env)
    assert_one_line_refusal(result, "changed or damaged", "nothing from this file was saved")


def test_export_encrypt_needs_a_passphrase_and_refuses_csv(
    sqlite_database: Any, tmp_path: Path
) -> None:
    import_bundle(sqlite_database, EXAMPLE_BUNDLE)
    db = target(sqlite_database)
    out = tmp_path / "sealed.bundle"
    result = run(
        "--db", db, "export", "--encrypt", "--out", str(out),
        env={"LISTENING_TUI_PASSPHRASE": ""},
    )  # fmt: skip
    assert_one_line_refusal(result, "LISTENING_TUI_PASSPHRASE")
    assert not out.exists()
    result = run(
        "--db", db, "export", "--format", "csv", "--encrypt", "--out", str(tmp_path / "csv"),
        env={"LISTENING_TUI_PASSPHRASE": PASSPHRASE},
    )  # fmt: skip
    assert_one_line_refusal(result, "--encrypt seals a bundle")
