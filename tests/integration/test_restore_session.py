"""Undoing a deletion: the last deleted version comes back, the history stays."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from sqlalchemy import delete, func, select

from listening_tui.db.tables import IssueRow, RevisionRow, SessionRow, ThemeRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign, IssueEntry, SessionForm, Theme
from listening_tui.errors import InvalidInput, NotFound
from listening_tui.services import campaigns, sessions, themes


def make_campaign(database: Any) -> uuid.UUID:
    return campaigns.create_campaign(database, Campaign(id=uuid.uuid4(), name="Riverside")).id


def form(theme_id: uuid.UUID | None = None, leader: str = "Siân Griffiths") -> SessionForm:
    return SessionForm(
        id=uuid.uuid4(),
        kind="group",
        leader=leader,
        held_on=date(2026, 3, 1),
        community="East depot",
        subgroup="Refuse collection",
        participant_count=5,
        issues=[
            IssueEntry(id=uuid.uuid4(), text="Pay", key_issue="yes", theme_id=theme_id),
            IssueEntry(id=uuid.uuid4(), text="Łukasz's rota", key_issue="no"),
        ],
    )


def count(database: Any, table: Any) -> int:
    with UnitOfWork(database, write=False) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(table)) or 0)


def test_a_deleted_session_comes_back_as_it_was(database: Any) -> None:
    campaign_id = make_campaign(database)
    saved = sessions.save_session(database, campaign_id, form())
    sessions.delete_session(database, saved.session.id)
    assert count(database, SessionRow) == 0
    restored = sessions.restore_session(database, saved.session.id)
    assert restored.session == saved.session
    assert restored.campaign_id == campaign_id
    assert restored.version == 2
    loaded = sessions.get_session(database, saved.session.id)
    assert loaded.session == saved.session
    assert loaded.version == 2
    assert count(database, IssueRow) == 2
    history = sessions.session_history(database, saved.session.id)
    assert [(r.number, r.reason) for r in history] == [(1, "delete")]


def test_the_last_deleted_version_is_the_one_restored(database: Any) -> None:
    campaign_id = make_campaign(database)
    first = sessions.save_session(database, campaign_id, form())
    session_id = first.session.id
    sessions.delete_session(database, session_id)
    sessions.restore_session(database, session_id)
    edited = first.session.model_copy(update={"leader": "Amina Yusuf"})
    second = sessions.save_session(database, campaign_id, edited)
    assert second.version == 3
    sessions.delete_session(database, session_id)
    restored = sessions.restore_session(database, session_id)
    assert restored.session.leader == "Amina Yusuf"
    assert restored.version == 4
    history = sessions.session_history(database, session_id)
    assert [r.reason for r in history] == ["delete", "edit", "delete"]


def test_issues_of_a_deleted_theme_come_back_unthemed(database: Any) -> None:
    campaign_id = make_campaign(database)
    theme = themes.create_theme(database, campaign_id, Theme(id=uuid.uuid4(), name="Pay"))
    kept = themes.create_theme(database, campaign_id, Theme(id=uuid.uuid4(), name="Rota"))
    original = form(theme.id)
    original = original.model_copy(
        update={
            "issues": [
                original.issues[0],
                original.issues[1].model_copy(update={"theme_id": kept.id}),
            ]
        }
    )
    saved = sessions.save_session(database, campaign_id, original)
    sessions.delete_session(database, saved.session.id)
    with UnitOfWork(database) as uow:
        uow.session.execute(delete(ThemeRow).where(ThemeRow.id == theme.id))
        uow.commit()
    restored = sessions.restore_session(database, saved.session.id)
    assert [i.theme_id for i in restored.session.issues] == [None, kept.id]
    loaded = sessions.get_session(database, saved.session.id).session
    assert [i.theme_id for i in loaded.issues] == [None, kept.id]
    assert [i.text for i in loaded.issues] == ["Pay", "Łukasz's rota"]


def test_a_session_in_the_list_is_not_restored(database: Any) -> None:
    campaign_id = make_campaign(database)
    saved = sessions.save_session(database, campaign_id, form())
    with pytest.raises(InvalidInput, match="in the list already"):
        sessions.restore_session(database, saved.session.id)
    sessions.delete_session(database, saved.session.id)
    sessions.restore_session(database, saved.session.id)
    with pytest.raises(InvalidInput, match="no deletion to undo"):
        sessions.restore_session(database, saved.session.id)
    assert count(database, SessionRow) == 1
    assert count(database, RevisionRow) == 1


def test_a_session_never_deleted_cannot_be_restored(database: Any) -> None:
    campaign_id = make_campaign(database)
    saved = sessions.save_session(database, campaign_id, form())
    edited = saved.session.model_copy(update={"leader": "Amina Yusuf"})
    sessions.save_session(database, campaign_id, edited)
    unknown = uuid.uuid4()
    with pytest.raises(NotFound, match=f"no deleted session with id {unknown}"):
        sessions.restore_session(database, unknown)
    with UnitOfWork(database) as uow:
        uow.session.execute(delete(SessionRow).where(SessionRow.id == saved.session.id))
        uow.commit()
    with pytest.raises(NotFound, match="never deleted"):
        sessions.restore_session(database, saved.session.id)
    assert count(database, SessionRow) == 0
