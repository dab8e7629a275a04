"""Drafts on a real database: kept until saved, offered after a crash, discarded on request."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from listening_tui.domain.drafts import DraftContent, DraftIssue, from_session_form, to_session_form
from listening_tui.errors import InvalidInput
from listening_tui.services import drafts, sessions
from tests.integration.test_services import full_form, make_campaign


def test_draft_is_stored_updated_listed_and_discarded(database: Any) -> None:
    campaign = make_campaign(database)
    draft_id = uuid.uuid4()
    content = DraftContent(kind="group", leader="Zoë", issues=[DraftIssue(text="Pay fr")])
    drafts.save_draft(database, campaign.id, draft_id, content)
    more = content.model_copy(update={"issues": [DraftIssue(text="Pay freeze ✓")]})
    drafts.save_draft(database, campaign.id, draft_id, more)
    (listed,) = drafts.list_drafts(database)
    assert listed.id == draft_id
    assert listed.content == more
    assert listed.campaign_name == campaign.name
    assert listed.headline == "Group session · Zoë · no date yet · “Pay freeze ✓”"
    assert listed.updated_at >= listed.created_at
    assert drafts.get_draft(database, draft_id) == listed
    drafts.discard_draft(database, draft_id)
    assert drafts.list_drafts(database) == []


def test_saving_the_session_removes_its_draft_atomically(database: Any) -> None:
    campaign = make_campaign(database)
    form = full_form()
    draft_id = uuid.uuid4()
    drafts.save_draft(database, campaign.id, draft_id, from_session_form(form))
    saved = sessions.save_session(database, campaign.id, form, draft_id=draft_id)
    assert drafts.list_drafts(database) == []
    assert sessions.get_session(database, form.id).session == saved.session


def test_a_refused_save_keeps_the_draft(database: Any) -> None:
    campaign = make_campaign(database)
    draft_id = uuid.uuid4()
    content = from_session_form(full_form())
    drafts.save_draft(database, campaign.id, draft_id, content)
    bad = to_session_form(content).model_copy(update={"participant_count": 1, "kind": "group"})
    with pytest.raises(InvalidInput, match="at least 2 participants"):
        sessions.save_session(database, campaign.id, bad, draft_id=draft_id)
    assert [d.id for d in drafts.list_drafts(database)] == [draft_id]


def test_draft_of_an_edited_session_is_found(database: Any) -> None:
    campaign = make_campaign(database)
    saved = sessions.save_session(database, campaign.id, full_form())
    assert drafts.draft_for_session(database, saved.session.id) is None
    draft_id = uuid.uuid4()
    drafts.save_draft(
        database, campaign.id, draft_id, from_session_form(saved.session), base_version=1
    )
    found = drafts.draft_for_session(database, saved.session.id)
    assert found is not None
    assert found.base_version == 1


def test_last_leader(database: Any) -> None:
    campaign = make_campaign(database)
    assert sessions.last_leader(database, campaign.id) is None
    sessions.save_session(database, campaign.id, full_form())
    assert sessions.last_leader(database, campaign.id) == "Siân Griffiths"
