"""Who the audit log names, and what its summaries may hold (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from listening_tui.actor import (
    ACTOR_ENV,
    cli_actor,
    name_file,
    remember_name,
    remembered_name,
)
from listening_tui.domain.audit import actor_name, audit_summary, counted


def test_cli_actor_prefers_as_then_the_environment_then_the_login(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "login")
    monkeypatch.setenv(ACTOR_ENV, "  From   Env ")
    assert cli_actor(" Ann  Lee ") == "Ann Lee"
    assert cli_actor(None) == "From Env"
    monkeypatch.delenv(ACTOR_ENV)
    assert cli_actor("   ") == "login"

    def no_login() -> str:
        raise OSError("no login name")

    monkeypatch.setattr("getpass.getuser", no_login)
    assert cli_actor(None) == "unknown"


def test_the_name_given_last_time_is_kept_privately(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "listening-tui"
    assert remembered_name(folder) == ""
    remember_name("Dana\nFox", folder)
    assert remembered_name(folder) == "Dana Fox"
    assert name_file(folder).stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700


def test_names_and_summaries_are_one_short_line() -> None:
    assert actor_name("") == "unknown"
    assert actor_name("x" * 500) == "x" * 200
    assert audit_summary("a\nb  c") == "a b c"
    assert len(audit_summary("y" * 1000)) == 300


def test_counted_leaves_out_zeros() -> None:
    assert counted({"sessions_added": 3, "updated": 0, "conflicts": 1}) == (
        "3 sessions added, 1 conflicts"
    )
    assert counted({"added": 0}) == "nothing"


def test_the_command_offers_every_action() -> None:
    from listening_tui.commands import audit as command
    from listening_tui.domain import audit

    assert command.ACTIONS == audit.ACTIONS
