"""The command line, run as a real process: exit status, one-line errors, the sample."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from listening_tui import __version__
from listening_tui.db.migrate import current_revision, head_revision
from listening_tui.db.tables import SessionRow

REPO = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "listening_tui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def assert_one_line_refusal(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("listening-tui: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"listening-tui {__version__}"


def test_help_lists_db_and_sample() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "--db TARGET" in result.stdout
    assert "sample" in result.stdout
    assert "LISTENING_TUI_DB" in result.stdout


def test_unknown_command_and_missing_argument() -> None:
    assert_one_line_refusal(run("frobnicate"), "invalid choice: 'frobnicate'", "--help")
    assert_one_line_refusal(run("sample"), "--out")


def test_sample_writes_a_campaign_at_head(tmp_path: Path) -> None:
    out = tmp_path / "s.db"
    result = run("sample", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(out)
    assert "48 sessions in 10 subgroups" in result.stdout
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    engine = create_engine(f"sqlite:///{out}")
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(SessionRow)) == 48
    engine.dispose()


def test_sample_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "precious.db"
    out.write_bytes(b"somebody's notes")
    assert_one_line_refusal(run("sample", "--out", str(out)), "already exists")
    assert out.read_bytes() == b"somebody's notes"


def test_sample_into_an_unwritable_place(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert_one_line_refusal(run("sample", "--out", str(blocker / "s.db")), "is a file")


@pytest.mark.parametrize("where", ["flag", "env"])
def test_bad_db_targets_get_one_line_and_exit_2(tmp_path: Path, where: str) -> None:
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello")
    for target, fragment in [
        (str(tmp_path), "is a folder"),
        (str(text_file), "is not a database"),
        ("mysql://root@localhost/x", "is not supported"),
    ]:
        by_env = {"LISTENING_TUI_DB": target}
        result = run("--db", target) if where == "flag" else run(env=by_env)
        assert_one_line_refusal(result, fragment)
    assert text_file.read_text() == "hello"


def test_db_after_the_subcommand_is_accepted(tmp_path: Path) -> None:
    result = run("sample", "--out", str(tmp_path / "a.db"), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 0, result.stderr
