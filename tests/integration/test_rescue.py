"""Rescue files: written without a database, and brought back once it works again."""

from __future__ import annotations

import json
import stat
import uuid
from pathlib import Path

import pytest

from listening_tui.db.engine import Database
from listening_tui.domain.drafts import DraftContent, DraftIssue
from listening_tui.errors import OutputExists
from listening_tui.interchange.rescue import read_rescued_draft, write_rescue
from listening_tui.services import drafts, sessions
from listening_tui.services.rescue import bring_back, pending_rescues, rescue_folder, rescue_form
from tests.integration.test_services import make_campaign

COMPLETE = DraftContent(
    kind="one_to_one",
    leader="Siân",
    held_on="2026-11-20",
    community="Riverside",
    participant_count="1",
    issues=[DraftIssue(text="Buses stop at six", key_issue="yes")],
)
HALF_DONE = DraftContent(kind="group", leader="Tom", issues=[DraftIssue(text="Rents, and")])


def test_a_complete_form_is_a_one_session_bundle_that_imports(
    database: Database, private_data_folder: Path
) -> None:
    campaign = make_campaign(database)
    path = rescue_form(campaign, uuid.uuid4(), COMPLETE, None)
    assert path.parent == rescue_folder() == private_data_folder / "rescue"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["format"], len(data["sessions"])) == ("listening-tui/bundle", 1)
    assert pending_rescues() == [path]
    outcome = bring_back(database, path)
    assert (outcome.done, outcome.outcome) == (True, f"{path.name}: session saved")
    saved = sessions.get_session(database, COMPLETE.session_id)
    assert (saved.session.leader, saved.session.issues[0].text) == ("Siân", "Buses stop at six")
    assert pending_rescues() == []
    assert (path.parent / "imported" / path.name).exists()


def test_a_half_done_form_comes_back_as_its_draft(database: Database) -> None:
    campaign = make_campaign(database)
    draft_id = uuid.uuid4()
    path = rescue_form(campaign, draft_id, HALF_DONE, 4)
    rescued = read_rescued_draft(path)
    assert rescued is not None
    assert (rescued.content, rescued.base_version) == (HALF_DONE, 4)
    assert bring_back(database, path).done
    draft = drafts.get_draft(database, draft_id)
    assert (draft.content, draft.base_version) == (HALF_DONE, 4)


def test_a_rescue_that_cannot_come_back_stays_pending(database: Database, tmp_path: Path) -> None:
    campaign = make_campaign(database)
    path = rescue_form(campaign, uuid.uuid4(), COMPLETE, None)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["sessions"][0]["issues"] *= 7  # edited by hand into something no import accepts
    path.write_text(json.dumps(data), encoding="utf-8")
    outcome = bring_back(database, path)
    assert not outcome.done
    assert "sessions[0].issues" in outcome.outcome
    assert pending_rescues() == [path]


def test_rescue_files_are_never_overwritten(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from listening_tui.domain.forms import Campaign

    campaign = Campaign(id=uuid.uuid4(), name="C")
    moment = datetime(2026, 11, 22, 9, tzinfo=UTC)
    write_rescue(tmp_path, campaign, uuid.uuid4(), HALF_DONE, None, now=moment)
    with pytest.raises(Exception, match="could take the form") as refused:
        write_rescue(tmp_path, campaign, uuid.uuid4(), HALF_DONE, None, now=moment)
    assert not isinstance(refused.value, OutputExists)
