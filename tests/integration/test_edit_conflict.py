"""Two people editing one session: the later save neither writes over the other nor is lost."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from listening_tui.db.engine import Database
from listening_tui.domain.drafts import from_session_form, to_session_form
from listening_tui.errors import EditConflict
from listening_tui.services import drafts, sessions
from tests.integration.test_services import full_form, make_campaign


def test_a_save_over_someone_elses_newer_version_is_kept_aside(database: Database) -> None:
    campaign = make_campaign(database)
    first = sessions.save_session(
        database, campaign.id, full_form(), now=datetime(2026, 11, 5, 9, tzinfo=UTC)
    )
    form = first.session
    # Two people open version 1; Amina saves first.
    amina = form.model_copy(update={"leader": "Amina", "recorder": "Amina Yusuf"})
    sessions.save_session(
        database, campaign.id, amina, base_version=1, now=datetime(2026, 11, 6, 10, tzinfo=UTC)
    )
    # Tom's edit began at version 1 too; his form is a draft until it is saved.
    tom = form.model_copy(update={"leader": "Tom"})
    draft_id = uuid.uuid4()
    drafts.save_draft(database, campaign.id, draft_id, from_session_form(tom), base_version=1)
    with pytest.raises(EditConflict) as refused:
        sessions.save_session(
            database,
            campaign.id,
            tom,
            base_version=1,
            draft_id=draft_id,
            now=datetime(2026, 11, 6, 11, tzinfo=UTC),
        )
    assert refused.value.current_version == 2
    assert refused.value.message.startswith("Amina Yusuf saved this session on 06 Nov 2026")
    stored = sessions.get_session(database, form.id)
    assert (stored.session.leader, stored.version) == ("Amina", 2)
    history = sessions.session_history(database, form.id)
    assert [(r.number, r.reason, r.content["leader"]) for r in history] == [
        (1, "edit", "Siân Griffiths"),
        (2, "edit_conflict", "Tom"),
    ]
    assert to_session_form(drafts.get_draft(database, draft_id).content).leader == "Tom"

    # Saving again on top of version 2 is Tom's deliberate choice: Amina's goes to the history.
    sessions.save_session(
        database,
        campaign.id,
        tom,
        base_version=2,
        draft_id=draft_id,
        now=datetime(2026, 11, 6, 12, tzinfo=UTC),
    )
    stored = sessions.get_session(database, form.id)
    assert (stored.session.leader, stored.version) == ("Tom", 3)
    assert [r.content["leader"] for r in sessions.session_history(database, form.id)] == [
        "Siân Griffiths",
        "Tom",
        "Amina",
    ]
    assert drafts.list_drafts(database, campaign.id) == []


def test_a_save_without_a_base_version_is_not_checked(database: Database) -> None:
    campaign = make_campaign(database)
    first = sessions.save_session(database, campaign.id, full_form())
    sessions.save_session(database, campaign.id, first.session, base_version=1)
    again = sessions.save_session(database, campaign.id, first.session)
    assert again.version == 3


def test_the_change_marker_moves_with_every_add_edit_and_delete(database: Database) -> None:
    campaign = make_campaign(database)
    other = make_campaign(database, name="Elsewhere")
    empty = sessions.change_marker(database, campaign.id)
    assert empty == (0, 0, 0)
    first = sessions.save_session(database, campaign.id, full_form())
    added = sessions.change_marker(database, campaign.id)
    sessions.save_session(database, campaign.id, first.session, base_version=1)
    edited = sessions.change_marker(database, campaign.id)
    sessions.save_session(database, other.id, full_form())
    assert sessions.change_marker(database, campaign.id) == edited  # another campaign's
    assert sessions.change_marker(database) == (2, 3, 1)
    sessions.delete_session(database, first.session.id)
    deleted = sessions.change_marker(database, campaign.id)
    assert len({empty, added, edited, deleted}) == 4
