"""Several processes saving into one campaign at once: every session stored, no error surfaced.

Eight processes each save 250 sessions through ``save_session``, on one SQLite
file and on one PostgreSQL database. Every process starts by adding subgroups
the campaign does not know yet, so they race to number the same new entries.
"""

from __future__ import annotations

import multiprocessing
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from listening_tui.db.tables import IssueRow, SessionRow, SubgroupRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign, IssueEntry, SessionForm
from listening_tui.services import campaigns
from listening_tui.services.database import open_database

WRITERS = 8
SESSIONS_EACH = 250


def _writer(target: str, campaign_id: str, writer: int, start: object, out: object) -> None:
    """Save SESSIONS_EACH sessions; report (writer, saved ids, error text or None)."""
    from listening_tui.errors import ListeningError
    from listening_tui.services.sessions import save_session

    database = open_database(target)
    saved: list[str] = []
    error: str | None = None
    start.wait()  # type: ignore[attr-defined]
    try:
        for n in range(SESSIONS_EACH):
            form = SessionForm(
                id=uuid.uuid4(),
                kind="group",
                leader=f"Listener {writer}",
                held_on=date(2026, 11, 1),
                community="Riverside",
                subgroup=f"Street {(n + writer) % 12}",
                participant_count=6,
                issues=[
                    IssueEntry(id=uuid.uuid4(), text=f"Concern {n % 7}", key_issue="yes"),
                    IssueEntry(id=uuid.uuid4(), text="Rents", key_issue="dont_know"),
                ],
            )
            saved.append(str(save_session(database, uuid.UUID(campaign_id), form).session.id))
    except ListeningError as exc:
        error = exc.message
    finally:
        database.close()
    out.put((writer, saved, error))  # type: ignore[attr-defined]


def _run_writers(target: str, campaign_id: uuid.UUID) -> list[tuple[int, list[str], str | None]]:
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    out = context.Queue()
    processes = [
        context.Process(target=_writer, args=(target, str(campaign_id), n, start, out))
        for n in range(WRITERS)
    ]
    for process in processes:
        process.start()
    start.set()
    results = [out.get(timeout=600) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    return results


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_eight_writers_store_every_session(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if backend == "sqlite":
        target = str(tmp_path / "shared.db")
    else:
        target = request.getfixturevalue("make_pg_database")()
    database = open_database(target)
    try:
        campaign = campaigns.create_campaign(database, Campaign(id=uuid.uuid4(), name="Shared"))
        results = _run_writers(target, campaign.id)
        assert [error for _, _, error in results] == [None] * WRITERS
        saved = {session_id for _, ids, _ in results for session_id in ids}
        assert len(saved) == WRITERS * SESSIONS_EACH
        with UnitOfWork(database, write=False) as uow:
            stored = set(uow.session.scalars(select(SessionRow.id)))
            issues = uow.session.scalar(select(func.count()).select_from(IssueRow))
            subgroups = list(
                uow.session.scalars(
                    select(SubgroupRow.position)
                    .where(SubgroupRow.campaign_id == campaign.id)
                    .order_by(SubgroupRow.position)
                )
            )
        assert {str(session_id) for session_id in stored} == saved
        assert issues == 2 * WRITERS * SESSIONS_EACH
        assert subgroups == list(range(1, 13))
    finally:
        database.close()


def test_a_writer_outwaits_a_lock_held_past_the_busy_timeout(tmp_path: Path) -> None:
    """Past SQLite's busy timeout (here 0.1 s) the writer tries again until it gets in."""
    import sqlite3
    import threading

    from listening_tui.config import Settings
    from listening_tui.services.sessions import save_session

    path = tmp_path / "held.db"
    database = open_database(str(path), Settings(busy_timeout_ms=100))
    try:
        campaign = campaigns.create_campaign(database, Campaign(id=uuid.uuid4(), name="Held"))
        holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE campaigns SET organisation = 'held'")
        release = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
        release.start()
        form = SessionForm(
            id=uuid.uuid4(),
            kind="group",
            leader="Patient",
            held_on=date(2026, 11, 1),
            community="Riverside",
            participant_count=5,
            issues=[IssueEntry(id=uuid.uuid4(), text="Waiting", key_issue="yes")],
        )
        saved = save_session(database, campaign.id, form)
        release.join()
        holder.close()
        assert saved.version == 1
        stored = campaigns.get_campaign(database, campaign.id)
        assert stored.organisation == "held"  # the holder's change went in first
    finally:
        database.close()
