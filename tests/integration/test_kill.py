"""SIGKILL at random moments of a save, an import and theme merges: nothing half-done survives.

A forked child works on the database until it is killed at a random moment
(the seed is fixed, so a failure can be replayed). After each kill the
database must pass every check of ``listening-tui check``, every session must
be whole (the child writes three issues to each), the 5,000-session import
must be there entirely or not at all, every theme's issues must agree with
the merges, and every draft must still read back.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from listening_tui.db.engine import Database
from listening_tui.db.tables import IssueRow, SessionRow, ThemeRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.drafts import DraftContent, DraftIssue
from listening_tui.domain.forms import Campaign, IssueEntry, SessionForm
from listening_tui.services import campaigns, drafts
from listening_tui.services.database import open_database
from listening_tui.services.maintenance import check_database

BUNDLE_SESSIONS = 5_000
KILLS = {"save": 20, "import": 15, "merge": 15}
"""Fifty kills on SQLite in all; PostgreSQL gets a third of each."""


THEMED = select(func.count()).select_from(IssueRow).where(IssueRow.theme_id.is_not(None))


def _saving(target: str, campaign_id: uuid.UUID) -> None:
    """Save sessions of three issues, and keep a draft up to date, until killed."""
    from listening_tui.services.sessions import save_session

    database = open_database(target)
    draft_id = uuid.uuid4()
    for n in range(100_000):
        form = SessionForm(
            id=uuid.uuid4(),
            kind="group",
            leader=f"Listener {n % 5}",
            held_on=date(2026, 11, 1),
            community="Riverside",
            subgroup=f"Street {n % 4}",
            participant_count=5,
            issues=[
                IssueEntry(id=uuid.uuid4(), text=f"Concern {n} {k}", key_issue="yes")
                for k in range(3)
            ],
        )
        save_session(database, campaign_id, form)
        content = DraftContent(leader="Tom", issues=[DraftIssue(text=f"Typed {n}")])
        drafts.save_draft(database, campaign_id, draft_id, content)


def _importing(target: str, bundle: str) -> None:
    from listening_tui.services.imports import import_bundle

    import_bundle(open_database(target), Path(bundle))


def _merging(target: str, campaign_id: uuid.UUID) -> None:
    """Put issues in a new theme, then merge it into "Base", again and again."""
    from listening_tui.services.theme_changes import merge_themes, put_in_theme

    database = open_database(target)
    with UnitOfWork(database, write=False) as uow:
        issue_ids = list(
            uow.session.scalars(
                select(IssueRow.id)
                .join(SessionRow, SessionRow.id == IssueRow.session_id)
                .where(SessionRow.campaign_id == campaign_id)
                .order_by(IssueRow.id)
            )
        )
    base = put_in_theme(database, campaign_id, issue_ids[:10], "Base").created
    base_id = base[0].id if base else _theme_id(database, "Base")
    for n in range(100_000):
        chunk = issue_ids[(n * 50) % len(issue_ids) :][:50]
        made = put_in_theme(database, campaign_id, chunk, f"Round {uuid.uuid4().hex[:8]}")
        merge_themes(database, made.created[0].id, base_id)


def _theme_id(database: Database, name: str) -> uuid.UUID:
    with UnitOfWork(database, write=False) as uow:
        found = uow.session.scalar(select(ThemeRow.id).where(ThemeRow.name == name))
    assert found is not None
    return found


def _bench_import() -> Any:
    """bench/import.py as a module (its name is a Python keyword)."""
    import importlib.util

    path = Path(__file__).parents[2] / "bench" / "import.py"
    spec = importlib.util.spec_from_file_location("bench_import", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _kill_at_random(work: Callable[..., None], args: tuple[Any, ...], delay: float) -> None:
    child = multiprocessing.get_context("fork").Process(target=work, args=args)
    child.start()
    time.sleep(delay)
    if child.pid is not None and child.is_alive():
        os.kill(child.pid, signal.SIGKILL)
    child.join(timeout=30)


def _count(database: Database, statement: Any) -> int:
    with UnitOfWork(database, write=False) as uow:
        return int(uow.session.scalar(statement) or 0)


def _assert_sound(database: Database) -> None:
    assert [(r.name, r.problems) for r in check_database(database) if r.problems] == []
    per_session = (
        select(IssueRow.session_id, func.count().label("issues"))
        .group_by(IssueRow.session_id)
        .subquery()
    )
    broken = _count(
        database,
        select(func.count())
        .select_from(SessionRow)
        .outerjoin(per_session, per_session.c.session_id == SessionRow.id)
        .where(func.coalesce(per_session.c.issues, 0) < 1),
    )
    assert broken == 0
    for draft in drafts.list_drafts(database):
        assert draft.content.leader == "Tom"


@pytest.fixture
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "killed.db")
    url: str = request.getfixturevalue("make_pg_database")()
    return url


def _kills(backend: str, operation: str) -> int:
    return KILLS[operation] if backend == "sqlite" else max(1, KILLS[operation] // 3)


@pytest.mark.parametrize("target", ["sqlite", "postgresql"], indirect=True)
def test_kills_during_saves(target: str, request: pytest.FixtureRequest) -> None:
    backend = request.node.callspec.id
    rng = random.Random(f"save-{backend}")
    database = open_database(target)
    try:
        campaign = campaigns.create_campaign(database, Campaign(id=uuid.uuid4(), name="K"))
        for _ in range(_kills(backend, "save")):
            _kill_at_random(_saving, (target, campaign.id), rng.uniform(0.3, 2.0))
            _assert_sound(database)
            whole = _count(database, select(func.count()).select_from(IssueRow))
            sessions = _count(database, select(func.count()).select_from(SessionRow))
            assert whole == 3 * sessions  # every session with all three of its issues
        assert sessions > 0
    finally:
        database.close()


@pytest.mark.parametrize("target", ["sqlite", "postgresql"], indirect=True)
def test_kills_during_a_5000_session_import(
    target: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    make_bundle = _bench_import().make_bundle
    backend = request.node.callspec.id
    rng = random.Random(f"import-{backend}")
    bundle = tmp_path / "big.json"
    make_bundle(bundle, BUNDLE_SESSIONS)
    campaign_id = json.loads(bundle.read_text(encoding="utf-8"))["campaign"]["id"]
    database = open_database(target)
    outcomes = set()
    try:
        for attempt in range(_kills(backend, "import")):
            # Early kills land in the reading and checking; later ones later and later.
            delay = rng.uniform(0.2, 0.6 + 0.4 * attempt)
            _kill_at_random(_importing, (target, str(bundle)), delay)
            _assert_sound(database)
            stored = _count(
                database,
                select(func.count())
                .select_from(SessionRow)
                .where(SessionRow.campaign_id == uuid.UUID(campaign_id)),
            )
            assert stored in (0, BUNDLE_SESSIONS)
            outcomes.add(stored)
            if stored:
                break  # imported whole; importing again would change nothing
    finally:
        database.close()
    assert 0 in outcomes  # at least one kill landed inside the import


@pytest.mark.parametrize("target", ["sqlite", "postgresql"], indirect=True)
def test_kills_during_theme_merges(target: str, request: pytest.FixtureRequest) -> None:
    backend = request.node.callspec.id
    rng = random.Random(f"merge-{backend}")
    database = open_database(target)
    try:
        campaign = campaigns.create_campaign(database, Campaign(id=uuid.uuid4(), name="M"))
        _kill_at_random(_saving, (target, campaign.id), 3.0)
        for _ in range(_kills(backend, "merge")):
            themed_before = _count(
                database,
                select(func.count()).select_from(IssueRow).where(IssueRow.theme_id.is_not(None)),
            )
            _kill_at_random(_merging, (target, campaign.id), rng.uniform(0.5, 2.5))
            _assert_sound(database)
            # A merge moves the issues and deletes the emptied theme in one transaction;
            # issues only ever move between themes here, so none may end up in no theme.
            themed = _count(
                database,
                select(func.count()).select_from(IssueRow).where(IssueRow.theme_id.is_not(None)),
            )
            assert themed >= themed_before
    finally:
        database.close()
