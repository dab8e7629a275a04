"""A real process, killed with SIGKILL mid-form, loses nothing typed two seconds before."""

from __future__ import annotations

import time
from pathlib import Path

from listening_tui.services import drafts
from listening_tui.services.database import open_database
from tests.ptydriver import PtyApp, listening_tui

EARLY = "Marta Ñúñez-Łęcka"
"""Typed more than two seconds before the kill: must all be in the draft."""


def test_sigkill_keeps_what_was_typed(sample_copy: Path) -> None:
    app = PtyApp(listening_tui("--db", str(sample_copy)), size=(100, 30))
    try:
        app.wait_for("Riverside Council listening campaign 2026")
        app.type("o")
        app.wait_for("Write up after the session")
        time.sleep(0.5)
        app.type(EARLY)  # replaces the offered leader name
        time.sleep(2.5)
        app.type("\tLATE")  # the recorder field, typed just before the kill
    finally:
        app.kill()
    database = open_database(str(sample_copy))
    try:
        (draft,) = drafts.list_drafts(database)
        assert draft.content.leader == EARLY
        assert draft.content.kind == "one_to_one"
        assert "LATE".startswith(draft.content.recorder)  # all, part or none of it
    finally:
        database.close()
    again = PtyApp(listening_tui("--db", str(sample_copy)), size=(100, 30))
    try:
        again.wait_for("unfinished write-up")
        again.wait_for(f"One-to-one · {EARLY}")
        again.type("\r")
        again.wait_for("Write up after the session")
    finally:
        again.stop()
