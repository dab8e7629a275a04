"""A real process, killed with SIGKILL mid-form, loses nothing its autosave had written.

The autosave writes within two seconds of a change; on a loaded machine the
keys themselves may take longer to arrive, so the test waits until the app has
drawn the name and its draft holds it, then types more and kills the process.
"""

from __future__ import annotations

import time
from pathlib import Path

from listening_tui.services import drafts
from listening_tui.services.database import open_database
from tests.ptydriver import PtyApp, listening_tui

EARLY = "Marta Ñúñez-Łęcka"
"""Typed and stored by the autosave before the kill: must all be in the draft."""


def test_sigkill_keeps_what_was_typed(sample_copy: Path) -> None:
    app = PtyApp(listening_tui("--db", str(sample_copy)), size=(100, 30))
    try:
        app.wait_for("Riverside Council listening campaign 2026")
        app.type("o")
        app.wait_for("Write up after the session")
        time.sleep(0.5)
        app.type(EARLY)  # replaces the offered leader name
        app.wait_for(EARLY)
        _wait_for_draft(sample_copy, EARLY)
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


def _wait_for_draft(path: Path, leader: str, timeout: float = 30.0) -> None:
    """Until the running app's autosave has stored a draft led by ``leader``."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        database = open_database(str(path))
        try:
            if any(d.content.leader == leader for d in drafts.list_drafts(database)):
                return
        finally:
            database.close()
        time.sleep(0.2)
    raise AssertionError(f"no draft led by {leader} was stored within {timeout} s")
