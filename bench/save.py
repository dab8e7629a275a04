"""How long does saving one complete listening session take in a large campaign database?

What is measured
----------------
The time ``save_session`` (the service the app's form calls) takes to store one
complete session - six issues, an interviewee with contact and consent, two
quotes, every reflection, two references - into a database that already holds
50,000 sessions. The figure that matters is the median; p90, mean, min and max
show the spread. Edits of a saved session (which first keep the previous
version as a revision) are timed too.

Why ``synchronous=FULL``
------------------------
A session the app calls saved must survive a power cut. ``open_database`` puts
SQLite in WAL mode with ``synchronous=FULL``, so every commit fsyncs the WAL
before it returns: the time of a save includes one trip to the disk. The goal is
a median under 5 ms on SQLite.

The baseline
------------
The same rows, with the same values stored the same way (UUIDs as 32 hex
digits, dates as ``YYYY-MM-DD``, date-times as ``YYYY-MM-DD HH:MM:SS.ffffff``,
booleans as 0/1, lists as JSON), inserted by a bare ``sqlite3`` connection with
the same pragmas, one ``BEGIN IMMEDIATE`` ... ``COMMIT`` per session, into a
copy of the same preloaded database. The ratio service / bare says what
validation, the ORM, the unit of work and the service's checks cost on top of
the inserts and the fsync that no implementation can avoid.

The preload is not measured work: it only makes the database realistically
large, so it uses SQLAlchemy Core ``executemany`` in batches (the ORM, one
session at a time, would take about thirty times longer).

With ``--pg URL`` the same measurement runs on PostgreSQL too, in a fresh
database ``bench_<random>`` that is dropped at the end; the baseline there is
bare ``psycopg`` (commits are durable when the server has ``fsync`` and
``synchronous_commit`` on, which the summary shows).

There is no warm-up: the first save also compiles SQLAlchemy's statements,
which shows in ``max`` and not in the median. The CPU column (process time)
tells work done in Python from time spent waiting for the disk or the server.

This script prints figures and never fails on a slow result::

    .venv/bin/python bench/save.py
    .venv/bin/python bench/save.py --sessions 2000 --saves 50
    .venv/bin/python bench/save.py --pg postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import secrets
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy
from psycopg.types.json import Json
from sqlalchemy import Table, create_engine, func, insert, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.sql.schema import CallableColumnDefault, ColumnDefault, ScalarElementColumnDefault

from listening_tui.db.base import Base, utcnow
from listening_tui.db.engine import Database
from listening_tui.db.tables import (
    IntervieweeRow,
    IssueRow,
    QuoteRow,
    ReferenceRow,
    RevisionRow,
    SessionRow,
)
from listening_tui.domain.forms import Campaign, SessionForm, Theme
from listening_tui.domain.ranking import normalise_issue_text
from listening_tui.services import sample_content as content
from listening_tui.services.campaigns import create_campaign
from listening_tui.services.database import open_database
from listening_tui.services.sessions import save_session
from listening_tui.services.themes import create_theme

GOAL_MS = 5.0
"""The goal for the median save of a complete session on SQLite."""
BATCH = 5_000
"""Sessions per preload transaction."""
SEED = 20261103

Row = dict[str, Any]
SessionRows = list[tuple[Table, list[Row]]]
"""The rows one session is stored as, table by table, in insert order."""
Data = dict[str, Any]
"""A session in the shape of ``SessionForm.model_dump()`` (Python values)."""

LEADERS = tuple(name for name, _ in content.LEADERS)
SUBGROUPS = tuple(name for name, _ in content.SUBGROUP_SESSIONS)
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy's DateTime writes a (UTC, naive) date-time into SQLite."""
SIDE = ("-wal", "-shm")
"""The files SQLite keeps next to a database in WAL mode."""
NOT_COMPARED = {"row_created_at", "row_updated_at", "created_at", "updated_at", "leader", "version"}
"""Left out when comparing what the service and the bare inserts stored: write times, and what
the timed edit changed."""


def _table(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


SESSIONS = _table(SessionRow)
ISSUES = _table(IssueRow)
INTERVIEWEES = _table(IntervieweeRow)
QUOTES = _table(QuoteRow)
REFERENCES = _table(ReferenceRow)


# --- content -----------------------------------------------------------------------------------


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _phone(rng: random.Random) -> str:
    return f"07700 900{rng.randrange(1000):03d}"


def _email(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.replace("'", "").replace("ł", "l"))
    plain = plain.encode("ascii", "ignore").decode().lower()
    return ".".join(plain.split()) + "@example.org"


def make_session(
    rng: random.Random, themes: dict[str, uuid.UUID], today: date, *, issue_count: int
) -> Data:
    """A session with every field filled, its words drawn from the sample campaign's."""
    kind = rng.choice(("one_to_one", "group"))
    one_to_one = kind == "one_to_one"
    subgroup = rng.choice(SUBGROUPS)
    leader = rng.choice(LEADERS)
    people = rng.sample(content.INTERVIEWEES, 1 if one_to_one else rng.randint(1, 3))
    first = people[0].split()[0]
    keys = rng.sample(sorted(content.WORDINGS), issue_count)
    issues = [
        {
            "id": _uuid(rng),
            "text": rng.choice(content.WORDINGS[key]),
            "key_issue": rng.choice(content.ANSWERS),
            "theme_id": themes[key] if rng.random() < 0.8 else None,
        }
        for key in keys
    ]
    quotes = [
        {
            "text": words,
            "attribution": role or content.ROLES[subgroup],
            "sharing": rng.choice(("decision_makers", "meeting", "recorders_only")),
        }
        for words, role in rng.sample(content.QUOTES[subgroup], 2)
    ]
    notes = content.NOTES_ONE_TO_ONE if one_to_one else content.NOTES_GROUP
    return {
        "id": _uuid(rng),
        "kind": kind,
        "leader": leader,
        "recorder": rng.choice([name for name in LEADERS if name != leader]),
        "held_on": today - timedelta(days=rng.randrange(1, 365)),
        "community": f"{content.COUNCIL} – {rng.choice(content.SITES[subgroup])}",
        "subgroup": subgroup,
        "participant_count": 1 if one_to_one else rng.randint(2, 12),
        "interviewees": [
            {
                "name": name,
                "contact": _phone(rng) if rng.random() < 0.6 else _email(name),
                "consent_to_contact": True,
                "member_status": rng.choice(("member", "non_member", "unknown")),
                "affiliations": rng.sample(content.AFFILIATIONS, rng.randint(1, 2)),
            }
            for name in people
        ],
        "issues": issues,
        "quotes": quotes,
        "reflections": {
            "moved": rng.choice(content.MOVED),
            "decision_makers_should_hear": rng.choice(content.ANSWERS),
            "would_act": rng.choice(content.ANSWERS),
            "difference": rng.choice(("none", "a_little", "some", "a_lot")),
            "notes": rng.choice(notes).format(first=first),
        },
        "references": [
            {"name": name, "contact": _phone(rng), "why": why or "Knows everyone on the team"}
            for name, why in rng.sample(content.REFERENCES, 2)
        ],
        "potential_leader": rng.random() < 0.3,
    }


def session_rows(
    campaign_id: uuid.UUID, data: Data, created_at: datetime, updated_at: datetime
) -> SessionRows:
    """The rows ``save_session`` writes for a new session (what the repository inserts)."""
    sid = data["id"]
    reflections = data["reflections"]
    written = utcnow()
    session = {
        "id": sid,
        "campaign_id": campaign_id,
        "kind": data["kind"],
        "leader": data["leader"],
        "recorder": data["recorder"],
        "held_on": data["held_on"],
        "community": data["community"],
        "subgroup": data["subgroup"],
        "participant_count": data["participant_count"],
        "potential_leader": data["potential_leader"],
        "moved": reflections["moved"],
        "decision_makers_should_hear": reflections["decision_makers_should_hear"],
        "would_act": reflections["would_act"],
        "difference": reflections["difference"],
        "reflection_notes": reflections["notes"],
        "created_at": created_at,
        "updated_at": updated_at,
        "version": 1,
        "row_created_at": written,
        "row_updated_at": written,
    }
    issues = [
        {"session_id": sid, "position": n, **issue, "text_key": normalise_issue_text(issue["text"])}
        for n, issue in enumerate(data["issues"], start=1)
    ]
    lists = [
        (table, [{"session_id": sid, "position": n, **entry} for n, entry in enumerate(entries, 1)])
        for table, entries in (
            (INTERVIEWEES, data["interviewees"]),
            (QUOTES, data["quotes"]),
            (REFERENCES, data["references"]),
        )
    ]
    tables = [(SESSIONS, [session]), (ISSUES, issues), *lists]
    return [(table, [_with_defaults(table, row) for row in rows]) for table, rows in tables]


def _with_defaults(table: Table, row: Row) -> Row:
    """The row with the values of the Python-side defaults it leaves out (say, a uuid4 id)."""
    for column in table.columns:
        default = column.default
        if column.name in row or not isinstance(default, ColumnDefault):
            continue
        if isinstance(default, CallableColumnDefault):
            # SQLAlchemy wraps a no-argument default (uuid4, utcnow) to take a context it ignores.
            generate: Callable[[None], Any] = default.arg  # type: ignore[assignment]
            row[column.name] = generate(None)
        elif isinstance(default, ScalarElementColumnDefault):
            row[column.name] = default.arg
    return row


# --- set-up and preload ------------------------------------------------------------------------


def create_campaign_with_themes(database: Database) -> tuple[uuid.UUID, dict[str, uuid.UUID]]:
    """The sample campaign's questions, subgroups and themes, through the services."""
    campaign = create_campaign(
        database,
        Campaign(
            id=uuid.uuid4(),
            name="Riverside Council listening campaign 2026",
            organisation="Riverside Council UNISON branch",
            questions=list(content.QUESTIONS),
            subgroups=list(SUBGROUPS),
        ),
    )
    themes: dict[str, uuid.UUID] = {}
    for key, name, description in content.THEMES:
        theme = Theme(id=uuid.uuid4(), name=name, description=description)
        themes[key] = create_theme(database, campaign.id, theme).id
    return campaign.id, themes


def preload(
    database: Database,
    campaign_id: uuid.UUID,
    themes: dict[str, uuid.UUID],
    count: int,
    rng: random.Random,
) -> float:
    """Bulk-load ``count`` complete sessions with Core executemany; returns the seconds taken."""
    today = date.today()
    started = time.perf_counter()
    for start in range(0, count, BATCH):
        batch: dict[Table, list[Row]] = {}
        for _ in range(min(BATCH, count - start)):
            data = make_session(rng, themes, today, issue_count=rng.randint(3, 6))
            created = datetime.combine(data["held_on"], clock(17), tzinfo=UTC) + timedelta(
                minutes=rng.randrange(0, 240, 5)
            )
            updated = created + timedelta(minutes=rng.choice((0, 0, 10, 45, 900)))
            for table, rows in session_rows(campaign_id, data, created, updated):
                batch.setdefault(table, []).extend(rows)
        with database.engine.begin() as connection:
            for table, rows in batch.items():
                connection.execute(insert(table), rows)
    return time.perf_counter() - started


def count_rows(database: Database, model: type[Base]) -> int:
    with database.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(_table(model))) or 0)


# --- timed parts -------------------------------------------------------------------------------


@dataclass
class Timings:
    """Wall-clock and CPU seconds per operation (CPU time shows what is not waiting on disk)."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @contextmanager
    def timed(self) -> Iterator[None]:
        started, cpu = time.perf_counter(), time.process_time()
        yield
        self.seconds.append(time.perf_counter() - started)
        self.cpu.append(time.process_time() - cpu)

    @property
    def median(self) -> float:
        """The median wall-clock time, in ms."""
        return statistics.median(self.seconds) * 1000

    def line(self) -> str:
        """median, p90, mean, min, max, the median CPU time (all in ms), and the count."""
        s = self.seconds
        p90 = statistics.quantiles(s, n=10)[8] if len(s) > 1 else s[0]
        figures = ("p90", p90), ("mean", statistics.mean(s)), ("min", min(s)), ("max", max(s))
        rest = "  ".join(f"{name} {value * 1000:5.2f}" for name, value in figures)
        cpu = statistics.median(self.cpu) * 1000
        return f"median {self.median:5.2f} ms  {rest}  cpu median {cpu:5.2f}  ({len(s)})"


Statements = list[tuple[str, list[tuple[Any, ...]]]]
"""One session's inserts: (SQL, parameter tuples) for each table, values already adapted."""
BareInsert = Callable[[Statements], None]
"""Runs one session's inserts in a transaction of its own, committed."""


def _insert_sql(table: Table, row: Row, placeholder: str) -> str:
    columns = ", ".join(row)
    return f"INSERT INTO {table.name} ({columns}) VALUES ({', '.join([placeholder] * len(row))})"


def bare_statements(
    rowsets: list[SessionRows], placeholder: str, adapt: Callable[[Any], Any]
) -> list[Statements]:
    """Each session's inserts, prepared before the clock starts."""
    return [
        [
            (
                _insert_sql(table, rows[0], placeholder),
                [tuple(map(adapt, row.values())) for row in rows],
            )
            for table, rows in rowset
        ]
        for rowset in rowsets
    ]


def _sqlite_value(value: Any) -> Any:
    """A value as SQLAlchemy stores it in SQLite."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime(SQLITE_DATETIME)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return json.dumps(value)
    return value


def _postgresql_value(value: Any) -> Any:
    return Json(value) if isinstance(value, list) else value


@contextmanager
def bare_sqlite(path: Path) -> Iterator[BareInsert]:
    """A bare sqlite3 connection with the app's pragmas; one BEGIN IMMEDIATE ... COMMIT each."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = FULL")

    def insert_session(statements: Statements) -> None:
        connection.execute("BEGIN IMMEDIATE")
        for sql, params in statements:
            connection.executemany(sql, params)
        connection.execute("COMMIT")

    try:
        yield insert_session
    finally:
        connection.close()


@contextmanager
def bare_psycopg(url: URL) -> Iterator[BareInsert]:
    """A bare psycopg connection; one transaction each."""
    info: dict[str, Any] = {
        "host": url.host or "localhost",
        "port": url.port or 5432,
        "dbname": url.database,
        "user": url.username,
        "password": url.password,
    }
    with psycopg.connect(**{k: v for k, v in info.items() if v is not None}) as connection:

        def insert_session(statements: Statements) -> None:
            with connection.transaction(), connection.cursor() as cursor:
                for sql, params in statements:
                    cursor.executemany(sql, params)

        yield insert_session


def _stored_session(connection: sqlite3.Connection, session_id: uuid.UUID) -> list[Any]:
    """What is stored for a session, but NOT_COMPARED and generated row ids, to compare."""
    sid = session_id.hex
    found: list[Any] = []
    for table in (SESSIONS, ISSUES, INTERVIEWEES, QUOTES, REFERENCES):
        key = "id" if table is SESSIONS else "session_id"
        columns = [
            c.name
            for c in table.columns
            if c.name not in NOT_COMPARED
            and not (c.name == "id" and table not in (SESSIONS, ISSUES))
        ]
        order = "" if table is SESSIONS else " ORDER BY position"
        sql = f"SELECT {', '.join(columns)} FROM {table.name} WHERE {key} = ?{order}"
        found.append(connection.execute(sql, (sid,)).fetchall())
    return found


# --- runs --------------------------------------------------------------------------------------


@dataclass
class Report:
    """What one backend measured."""

    backend: str
    durability: str
    sessions: int
    preload_seconds: float
    size: str
    bare_name: str
    saves: Timings = field(default_factory=Timings)
    edits: Timings = field(default_factory=Timings)
    bare: Timings = field(default_factory=Timings)
    checks: list[str] = field(default_factory=list)


def build_forms(rng: random.Random, themes: dict[str, uuid.UUID], count: int) -> list[SessionForm]:
    """``count`` complete forms, one-to-ones and groups mixed, all six issues filled."""
    today = date.today()
    return [
        SessionForm.model_validate(make_session(rng, themes, today, issue_count=6))
        for _ in range(count)
    ]


def measure(
    report: Report,
    database: Database,
    campaign_id: uuid.UUID,
    forms: list[SessionForm],
    bare: tuple[BareInsert, list[Statements]],
) -> None:
    """Time the product path and the bare inserts, then the edits; check the counts in SQL.

    Service save and bare insert alternate, session by session, so that both meet the same
    machine: on a shared or throttled CPU the speed drifts from one minute to the next.
    """
    insert_session, statements = bare
    for form, session in zip(forms, statements, strict=True):
        with report.saves.timed():
            save_session(database, campaign_id, form)
        with report.bare.timed():
            insert_session(session)
    after_saves = count_rows(database, SessionRow)
    rng = random.Random(SEED + 1)
    for form in forms:
        edited = form.model_copy(
            update={"leader": rng.choice([name for name in LEADERS if name != form.leader])}
        )
        with report.edits.timed():
            save_session(database, campaign_id, edited)
    after_edits = count_rows(database, SessionRow)
    revisions = count_rows(database, RevisionRow)
    expected = report.sessions + len(forms)
    report.checks += [
        f"sessions after the saves: {after_saves:,} (expected {expected:,})",
        f"sessions after the edits: {after_edits:,}, revisions kept: {revisions:,} "
        f"(expected {expected:,} and {len(forms):,})",
    ]
    if (after_saves, after_edits, revisions) != (expected, expected, len(forms)):
        report.checks.append("WARNING: the counts are not what they should be")


def _bare_rows(campaign_id: uuid.UUID, forms: list[SessionForm]) -> list[SessionRows]:
    now = utcnow()
    return [session_rows(campaign_id, form.model_dump(), now, now) for form in forms]


def run_sqlite(args: argparse.Namespace) -> Report:
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="listening-bench-") as folder:
        path = Path(args.db).absolute() if args.db else Path(folder) / "bench.db"
        if path.exists():
            sys.exit(f"{path} already exists: give --db a new file name")
        bare_path = path.with_name(f"{path.stem}-bare{path.suffix}")
        database = open_database(str(path))
        try:
            campaign_id, themes = create_campaign_with_themes(database)
            seconds = preload(database, campaign_id, themes, args.sessions, rng)
            with database.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            database.close()
        shutil.copyfile(path, bare_path)
        report = Report(
            backend=f"SQLite {sqlite3.sqlite_version}",
            durability="synchronous=FULL, WAL",
            sessions=args.sessions,
            preload_seconds=seconds,
            size=f"{path.stat().st_size / 1e6:,.0f} MB",
            bare_name="bare sqlite3",
        )
        forms = build_forms(rng, themes, args.saves)
        statements = bare_statements(_bare_rows(campaign_id, forms), "?", _sqlite_value)
        database = open_database(str(path))
        try:
            with bare_sqlite(bare_path) as insert_session:
                measure(report, database, campaign_id, forms, (insert_session, statements))
        finally:
            database.close()
        with sqlite3.connect(bare_path) as connection:
            bare_count = connection.execute("SELECT count(*) FROM listening_sessions").fetchone()
            bare_rows = _stored_session(connection, forms[0].id)
        with sqlite3.connect(path) as connection:
            service_rows = _stored_session(connection, forms[0].id)
        report.checks += [
            f"sessions in the bare sqlite3 copy: {bare_count[0]:,}",
            f"rows of the first session the same in both files: {service_rows == bare_rows}",
        ]
        for leftover in (bare_path, *(bare_path.with_name(bare_path.name + x) for x in SIDE)):
            leftover.unlink(missing_ok=True)
    return report


@contextmanager
def scratch_databases(url: URL) -> Iterator[tuple[str, str]]:
    """Two fresh PostgreSQL database names, dropped after: the second is made from the first.

    The first is created empty at once; the second is created by the caller's ``CREATE
    DATABASE ... TEMPLATE`` (see ``clone_database``).
    """
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = f"bench_{secrets.token_hex(4)}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield name, f"{name}_bare"
    finally:
        with admin.connect() as connection:
            for dropped in (f"{name}_bare", name):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{dropped}" WITH (FORCE)'))
        admin.dispose()


def clone_database(url: URL, source: str, copy: str) -> None:
    """``copy`` made from ``source`` (which must have no connection open)."""
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{copy}" TEMPLATE "{source}"'))
    finally:
        admin.dispose()


def run_postgresql(args: argparse.Namespace) -> Report:
    rng = random.Random(SEED)
    url = make_url(args.pg)
    with scratch_databases(url) as (name, bare_name):
        target = url.set(database=name).render_as_string(hide_password=False)
        database = open_database(target)
        try:
            campaign_id, themes = create_campaign_with_themes(database)
            seconds = preload(database, campaign_id, themes, args.sessions, rng)
            with database.engine.connect() as connection:
                show = {
                    setting: connection.exec_driver_sql(f"SHOW {setting}").scalar()
                    for setting in ("server_version", "fsync", "synchronous_commit")
                }
                size = connection.scalar(
                    text("SELECT pg_size_pretty(pg_database_size(current_database()))")
                )
        finally:
            database.close()
        clone_database(url, name, bare_name)
        report = Report(
            backend=f"PostgreSQL {show['server_version']}",
            durability=f"fsync={show['fsync']}, synchronous_commit={show['synchronous_commit']}",
            sessions=args.sessions,
            preload_seconds=seconds,
            size=str(size),
            bare_name="bare psycopg",
        )
        forms = build_forms(rng, themes, args.saves)
        statements = bare_statements(_bare_rows(campaign_id, forms), "%s", _postgresql_value)
        database = open_database(target)
        try:
            with bare_psycopg(url.set(database=bare_name)) as insert_session:
                measure(report, database, campaign_id, forms, (insert_session, statements))
        finally:
            database.close()
    return report


# --- output ------------------------------------------------------------------------------------


def print_report(report: Report, *, goal: bool) -> None:
    width = 43
    print(
        f"database: {report.backend}, {report.sessions:,} sessions preloaded in "
        f"{report.preload_seconds:.1f} s ({report.durability}; {report.size})"
    )
    print("save one complete session (service, new):".ljust(width) + report.saves.line())
    print("save an edit (keeps a revision):".ljust(width) + report.edits.line())
    print(f"{report.bare_name} insert of the same rows:".ljust(width) + report.bare.line())
    ratio = report.saves.median / report.bare.median
    print(f"ratio service / {report.bare_name}:".ljust(width) + f"{ratio:.1f}x (medians)")
    if goal:
        verdict = "met" if report.saves.median < GOAL_MS else "NOT met"
        print(f"goal: under {GOAL_MS:g} ms on SQLite -> {verdict}")
    for check in report.checks:
        print(f"  check: {check}")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sessions", type=int, default=50_000, help="sessions preloaded")
    parser.add_argument("--saves", type=int, default=200, help="timed saves (and edits)")
    parser.add_argument(
        "--db",
        help="SQLite file to create and keep (default: one in a temporary folder, deleted "
        "after); the bare copy is made next to it and deleted after",
    )
    parser.add_argument(
        "--pg",
        help="also measure PostgreSQL, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test "
        "(a fresh database bench_<random> is created next to it and dropped after)",
    )
    args = parser.parse_args(argv)
    if args.sessions < 0 or args.saves < 1:
        parser.error("--sessions must be 0 or more and --saves at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    print("listening-tui bench/save.py")
    print(
        f"python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs; times per session in ms"
    )
    print_report(run_sqlite(args), goal=True)
    if args.pg:
        print()
        print_report(run_postgresql(args), goal=False)


if __name__ == "__main__":
    main()
