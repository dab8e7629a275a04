"""How fast the sessions list opens and filters on a campaign of 50,000 sessions.

    .venv/bin/python bench/sessions_list.py               # builds /tmp/listening-tui-bench/50k.db
    .venv/bin/python bench/sessions_list.py --db my.db    # reuses (or builds) that file
    .venv/bin/python bench/sessions_list.py --db postgresql+psycopg://postgres@127.0.0.1/bench

The database is filled with bulk Core inserts (one executemany per table and
chunk), not through the ORM or the services, so building it takes seconds.
Opening is timed from pushing the sessions screen to its first page shown,
inside App.run_test; the goal is under a second. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from listening_tui.db.engine import Database
from listening_tui.db.tables import (
    CampaignRow,
    IntervieweeRow,
    IssueRow,
    SessionRow,
    SubgroupRow,
    ThemeRow,
)
from listening_tui.domain.queries import SORT_COLUMNS, SessionQuery
from listening_tui.domain.ranking import normalise_issue_text
from listening_tui.services.database import open_database
from listening_tui.services.sessions import browse_sessions, campaign_facets

DEFAULT_DB = Path("/tmp/listening-tui-bench/50k.db")
CAMPAIGN = "Bench campaign (50,000 sessions)"
SEED = 50_000
CHUNK = 5_000
OPEN_GOAL = 1.0
"""Seconds: the list of 50,000 sessions should show its first page within this."""

FIRST = ["Amina", "Tom", "Siân", "Łukasz", "Zoë", "Grace", "Dev", "Ngozi", "Björn", "Chloé"]
LAST = ["Yusuf", "Reilly", "Griffiths", "Nowak", "Clarke", "Okafor", "Patel", "Müller"]
SUBGROUPS = [
    "Refuse collection", "Home care", "School support staff", "Libraries", "Housing repairs",
    "Children's social work", "Contact centre", "Parks and leisure", "Street cleansing",
    "Catering", "Finance", "Planning", "Adult social care", "Highways", "IT services",
]  # fmt: skip
SUBJECTS = [
    "Pay", "Staffing on the rota", "Travel time between visits", "The lone working policy",
    "Overtime", "Sick pay", "The van fleet", "Parking at the depot", "Training", "Agency cover",
    "The new IT system", "Housing costs", "Bus routes to work", "Childcare", "Management",
]  # fmt: skip
PROBLEMS = [
    "has not kept up with prices", "is short every week", "is unpaid", "feels unsafe at night",
    "is handed out unfairly", "was cut last year", "breaks down all the time",
    "costs more than a day's pay", "never happens", "makes the job harder",
    "leaves people exhausted", "is the reason people leave",
]  # fmt: skip


def build(database: Database, sessions: int) -> uuid.UUID:
    """Fill an empty, migrated database with one campaign of ``sessions`` sessions."""
    rng = random.Random(SEED)
    campaign_id = uuid.UUID(int=rng.getrandbits(128), version=4)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    leaders = [f"{first} {last}" for first in FIRST for last in LAST][:60]
    theme_ids = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in SUBJECTS]
    with database.engine.begin() as connection:
        connection.execute(
            insert(CampaignRow),
            [{"id": campaign_id, "name": CAMPAIGN, "organisation": "Bench branch"}],
        )
        connection.execute(
            insert(SubgroupRow),
            [
                {"campaign_id": campaign_id, "position": n, "name": name, "name_key": name.lower()}
                for n, name in enumerate(SUBGROUPS, start=1)
            ],
        )
        connection.execute(
            insert(ThemeRow),
            [
                {"id": tid, "campaign_id": campaign_id, "name": s, "name_key": s.lower()}
                for tid, s in zip(theme_ids, SUBJECTS, strict=True)
            ],
        )
        for chunk in _chunks(sessions):
            session_rows: list[dict[str, Any]] = []
            issue_rows: list[dict[str, Any]] = []
            people_rows: list[dict[str, Any]] = []
            for _ in range(chunk):
                sid = uuid.UUID(int=rng.getrandbits(128), version=4)
                group = rng.random() < 0.3
                created = now - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
                subgroup = rng.choice(SUBGROUPS) if rng.random() < 0.9 else None
                session_rows.append(
                    {
                        "id": sid,
                        "campaign_id": campaign_id,
                        "kind": "group" if group else "one_to_one",
                        "leader": rng.choice(leaders),
                        "recorder": rng.choice(leaders) if rng.random() < 0.3 else None,
                        "held_on": created.date() - timedelta(days=rng.randrange(3)),
                        "community": f"Bench Council – {subgroup or 'central'}",
                        "subgroup": subgroup,
                        "participant_count": rng.randrange(2, 31) if group else 1,
                        "created_at": created,
                        "updated_at": created,
                        "version": 1,
                    }
                )
                for position in range(1, rng.randrange(1, 7) + 1):
                    subject = rng.randrange(len(SUBJECTS))
                    issue_rows.append(
                        {
                            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                            "session_id": sid,
                            "position": position,
                            "text": (text := f"{SUBJECTS[subject]} {rng.choice(PROBLEMS)}"),
                            "text_key": normalise_issue_text(text),
                            "key_issue": rng.choice(("yes", "no", "dont_know")),
                            "theme_id": theme_ids[subject] if rng.random() < 0.6 else None,
                        }
                    )
                for position in range(1, (rng.randrange(0, 4) if group else 1) + 1):
                    people_rows.append(
                        {
                            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
                            "session_id": sid,
                            "position": position,
                            "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                            "member_status": "unknown",
                            "affiliations": [],
                        }
                    )
            connection.execute(insert(SessionRow), session_rows)
            connection.execute(insert(IssueRow), issue_rows)
            if people_rows:
                connection.execute(insert(IntervieweeRow), people_rows)
    return campaign_id


def _chunks(total: int) -> Iterator[int]:
    while total > 0:
        yield min(CHUNK, total)
        total -= CHUNK


def prepare(target: str, sessions: int) -> tuple[Database, uuid.UUID]:
    """Open the bench database, building its campaign when it is not there yet."""
    database = open_database(target)
    with database.engine.connect() as connection:
        found = connection.execute(
            select(CampaignRow.id).where(CampaignRow.name == CAMPAIGN)
        ).scalar()
    if found is not None:
        return database, found
    started = time.perf_counter()
    campaign_id = build(database, sessions)
    print(f"built {sessions:,} sessions in {time.perf_counter() - started:.1f} s")
    return database, campaign_id


def timed(function: Any, *args: Any, runs: int = 5) -> float:
    """Median seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def service_figures(database: Database, campaign_id: uuid.UUID) -> None:
    """browse_sessions for the first page under each sort and filter."""
    print("browse_sessions, first page of 100 (median of 5):")
    queries = [SessionQuery(sort_by=c, direction=d) for c in SORT_COLUMNS for d in ("asc", "desc")]
    queries += [
        SessionQuery(text="overtime"),
        SessionQuery(text="łukasz"),
        SessionQuery(text="no such words anywhere"),
        SessionQuery(kind="group", leader="Siân Nowak", subgroup="Libraries"),
    ]
    for query in queries:
        seconds = timed(browse_sessions, database, campaign_id, query, 0, 100)
        shown = query.model_dump(exclude_defaults=True) or {
            "sort_by": "held_on",
            "direction": "desc",
        }
        print(f"  {seconds * 1000:7.1f} ms  {shown}")
    first = timed(browse_sessions, database, campaign_id, SessionQuery(), 0, 100)
    last = browse_sessions(database, campaign_id, SessionQuery(), 0, 1).total - 100
    seconds = timed(browse_sessions, database, campaign_id, SessionQuery(), last, 100)
    print(
        f"  {seconds * 1000:7.1f} ms  last page (offset {last:,}), {seconds / first:.1f}x the first"
    )
    seconds = timed(campaign_facets, database, campaign_id)
    print(f"  {seconds * 1000:7.1f} ms  campaign_facets")


async def _until(condition: Any, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the sessions list did not show its page in time")
        await asyncio.sleep(0.001)


async def _painted(screen: Any) -> None:
    """Wait for the screen's next refresh (Pilot.pause would wait for the CPU to go idle)."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    screen.call_after_refresh(lambda: done.done() or done.set_result(None))
    await done


async def app_figures(target: str, campaign_id: uuid.UUID, runs: int) -> None:
    """Open the list ``runs`` times, then time filters, all inside App.run_test."""
    from textual.widgets import Input, Select

    from listening_tui.tui.app import ListeningApp
    from listening_tui.tui.screens.sessions import SessionsScreen
    from listening_tui.tui.widgets.session_filters import DEBOUNCE_SECONDS

    app = ListeningApp(db_target=target)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.database is not None
        opens = []
        for _ in range(runs):
            started = time.perf_counter()
            screen = SessionsScreen(app.database, campaign_id, CAMPAIGN)
            await app.push_screen(screen)
            await _until(lambda: len(screen.table.summaries) > 0)  # noqa: B023
            await _painted(screen)
            opens.append(time.perf_counter() - started)
            await app.pop_screen()
            await pilot.pause()
        opened = statistics.median(opens)
        print("in the app (App.run_test, 120x40):")
        print(
            f"  open the list, push to first page shown: median {opened:.3f} s"
            f" = {opened / OPEN_GOAL:.0%} of the {OPEN_GOAL:.0f} s goal"
            f" (runs: {', '.join(f'{t:.3f}' for t in opens)})"
        )

        screen = SessionsScreen(app.database, campaign_id, CAMPAIGN)
        await app.push_screen(screen)
        await _until(lambda: len(screen.table.summaries) > 0)
        await pilot.pause()

        async def round_trip(act: Any) -> float:
            """Seconds from ``act()`` (what a key does) to the new first page painted.

            Pilot.press is not used: it waits for the CPU to go idle after each
            key, which on a busy machine adds up to a second per key.
            """
            before = screen._generation
            started = time.perf_counter()
            act()
            await _until(lambda: screen._generation > before and screen._pending is None)
            await _painted(screen)
            return time.perf_counter() - started

        search = screen.query_one("#session-search", Input)
        search.focus()
        typed = []
        for word in ("overtime", "łukasz", "nothing like it", "siân"):
            await round_trip(lambda: setattr(search, "value", word[:-1]))  # noqa: B023
            typed.append(await round_trip(lambda: search.insert_text_at_cursor(word[-1])))  # noqa: B023
        await round_trip(lambda: setattr(search, "value", ""))
        print(
            f"  filter keystroke, last key to list shown: median {statistics.median(typed):.3f} s"
            f" including the {DEBOUNCE_SECONDS:.1f} s pause"
            f" ({', '.join(f'{t:.3f}' for t in typed)})"
        )
        screen.table.focus()
        kinds = screen.query_one("#kind-filter", Select)
        chosen = []
        for kind in ("group", "one_to_one", "group"):
            chosen.append(await round_trip(lambda: setattr(kinds, "value", kind)))  # noqa: B023
        await round_trip(kinds.clear)
        print(f"  kind filter chosen to list shown: median {statistics.median(chosen):.3f} s")
        sorted_times = [await round_trip(screen.action_next_sort) for _ in range(7)]
        print(
            f"  s (next sort column) to list shown: median {statistics.median(sorted_times):.3f} s"
            f", slowest {max(sorted_times):.3f} s"
        )
        await round_trip(screen.action_next_sort)  # back to newest first
        nexts = []
        for _ in range(3):
            shown = len(screen.table.summaries)
            started = time.perf_counter()
            screen.table.action_scroll_bottom()
            await _until(lambda: len(screen.table.summaries) > shown)  # noqa: B023
            await _painted(screen)
            nexts.append(time.perf_counter() - started)
        print(
            f"  ctrl+end to the next page shown: median {statistics.median(nexts):.3f} s"
            f" ({len(screen.table.summaries):,} rows loaded)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEFAULT_DB), help="file or URL (built if empty)")
    parser.add_argument("--sessions", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if "://" not in args.db:
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    database, campaign_id = prepare(args.db, args.sessions)
    with database.engine.connect() as connection:
        count = connection.execute(
            select(func.count())
            .select_from(SessionRow)
            .where(SessionRow.campaign_id == campaign_id)
        ).scalar_one()
    print(f"database: {database.description}, {count:,} sessions in the bench campaign")
    service_figures(database, campaign_id)
    database.close()
    asyncio.run(app_figures(args.db, campaign_id, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
