"""PostgreSQL going away during a save (issue 7): a clear message, nothing half-saved, the
form rescued to a file, and the next save working once the server answers again."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text

from listening_tui.db.engine import Database
from listening_tui.domain.drafts import from_session_form
from listening_tui.domain.forms import Campaign, IssueEntry, SessionForm
from listening_tui.errors import DatabaseError
from listening_tui.services import campaigns, sessions
from listening_tui.services.database import open_database
from listening_tui.services.rescue import bring_back, rescue_form
from tests.bundle_helpers import row_counts


@pytest.fixture
def pg(make_pg_database: Callable[[], str]) -> Iterator[tuple[Database, str]]:
    """A PostgreSQL database of its own: terminating its connections touches no other test."""
    url = make_pg_database()
    database = open_database(url)
    try:
        yield database, url
    finally:
        database.close()


def terminate(url: str, pid: int | None = None) -> int:
    """From another connection, end the backend ``pid`` (or every backend of the database)."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            which = "pid = :pid" if pid is not None else "pid <> pg_backend_pid()"
            ended = connection.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity "
                    f"WHERE datname = current_database() AND {which}"
                ),
                {"pid": pid},
            ).scalar_one()
    finally:
        admin.dispose()
    return int(ended)


def stored_campaign(database: Database) -> tuple[Campaign, SessionForm]:
    campaign = campaigns.create_campaign(database, Campaign(id=uuid.uuid4(), name="Riverside"))
    form = SessionForm(
        id=uuid.uuid4(),
        kind="group",
        leader="Siân Griffiths",
        held_on=date(2026, 3, 1),
        community="East depot",
        subgroup="Refuse collection",
        participant_count=4,
        issues=[IssueEntry(id=uuid.uuid4(), text="Pay freeze", key_issue="yes")],
    )
    sessions.save_session(database, campaign.id, form)
    return campaign, form


def test_the_server_going_away_mid_save_loses_nothing(pg: tuple[Database, str]) -> None:
    database, url = pg
    campaign, form = stored_campaign(database)
    before = sessions.get_session(database, form.id)
    rows = row_counts(database)
    edited = form.model_copy(
        update={"issues": [*form.issues, IssueEntry(id=uuid.uuid4(), text="Rotas", key_issue="no")]}
    )
    writes: list[str] = []

    def cut_in(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(statement)
            if len(writes) == 2:  # the old version is kept; the session is not replaced yet
                assert terminate(url, conn.connection.dbapi_connection.info.backend_pid) == 1

    event.listen(database.engine, "before_cursor_execute", cut_in)
    try:
        with pytest.raises(DatabaseError, match="connection to the database server was lost"):
            sessions.save_session(database, campaign.id, edited, base_version=1)
    finally:
        event.remove(database.engine, "before_cursor_execute", cut_in)
    assert len(writes) == 2  # the cut came mid-save, after a write
    # nothing half-saved: no kept version, the stored session as it was
    assert row_counts(database) == rows
    assert sessions.get_session(database, form.id) == before

    # the form's content goes to a rescue file, which brings the edit back
    content = from_session_form(edited)
    path = rescue_form(campaign, uuid.uuid4(), content, base_version=1)
    assert (
        "Rotas" in json.loads(path.read_text(encoding="utf-8"))["sessions"][0]["issues"][1]["text"]
    )
    # the next save works on a new connection (the broken one was thrown away)
    saved = sessions.save_session(database, campaign.id, edited, base_version=1)
    assert (saved.version, [i.text for i in saved.session.issues]) == (2, ["Pay freeze", "Rotas"])
    bring_back(database, path)
    assert [i.text for i in sessions.get_session(database, form.id).session.issues] == [
        "Pay freeze",
        "Rotas",
    ]


def test_a_server_restart_between_opening_and_saving_is_not_noticed(
    pg: tuple[Database, str],
) -> None:
    database, url = pg
    campaign, form = stored_campaign(database)
    opened = sessions.get_session(database, form.id)
    assert terminate(url) >= 1  # the pool's idle connection is gone
    edited = opened.session.model_copy(update={"leader": "Tom Okafor"})
    saved = sessions.save_session(database, campaign.id, edited, base_version=opened.version)
    assert (saved.version, saved.session.leader) == (2, "Tom Okafor")
