"""Import bundles (spec/bundle.md, import semantics): one transaction per file, all or nothing.

Sessions are merged a thousand at a time with bulk statements, so a bundle
of 50,000 sessions takes seconds, not minutes. Which version of a session wins never
depends on the order bundles are imported in: the later ``updated_at`` wins,
and equal times are settled by comparing the two versions' content (an
anonymised bundle never wins a tie, so it can't overwrite real names).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError

from listening_tui.db.base import utcnow
from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.audit import counted
from listening_tui.domain.forms import NAME_MAX, ListeningSession
from listening_tui.errors import InvalidInput, ListeningError
from listening_tui.interchange.bundle import Bundle, read_bundle
from listening_tui.interchange.memory import collector_paused
from listening_tui.interchange.results import ImportReport
from listening_tui.services.clock import check_clock

BATCH = 1000
"""Sessions looked up and written per round of bulk statements."""

_NO_FUTURE_CHECK = {"today": date.max}


Progress = Callable[[int, int], None]
"""Told (sessions done, sessions in the bundle) after each thousand, for a progress bar."""


def import_bundle(
    database: Database,
    path: Path,
    *,
    today: date | None = None,
    shown: str | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    passphrase: str | None = None,
) -> ImportReport:
    """Import one bundle file in one transaction; on any failure nothing of it is kept.

    ``shown`` is the file name to put in messages (by default the path as given);
    ``today`` is the day dates may not be after (by default, today). A clock
    (``now``) far behind is refused with ClockWrong before the file is read;
    ``passphrase`` opens a sealed bundle (PassphraseNeeded without it).
    """
    name = shown if shown is not None else str(path)
    try:
        with UnitOfWork(database, write=False) as uow:
            check_clock(
                uow, now or utcnow(), doing="so nothing was imported", real_clock=now is None
            )
        with collector_paused():
            bundle = read_bundle(path, today=today or date.today(), passphrase=passphrase)
            merge = _Merge(bundle, name, progress)
            del bundle
            with UnitOfWork(database) as uow, _roomy_cache(uow):
                report = merge.run(uow)
                uow.log(
                    "imported",
                    "bundle",
                    report.campaign_id,
                    campaign_id=report.campaign_id,
                    summary=_summary(report, merge.head.anonymised),
                )
                uow.commit()
    except ListeningError as exc:
        exc.message = f"{name}: {exc.message}"
        exc.args = (exc.message,)
        raise
    return report


def _summary(report: ImportReport, anonymised: bool) -> str:
    """Counts only: the file's name may name someone, so it is left out."""
    kind = "anonymised bundle" if anonymised else "bundle"
    created = "; campaign created" if report.campaign_created else ""
    counts = counted(
        {
            "sessions added": report.sessions_added,
            "updated": report.sessions_updated,
            "unchanged": report.sessions_unchanged,
            "conflicts": report.conflicts,
            "themes added": report.themes_added,
        }
    )
    return f"{kind}: {counts}{created}"


@dataclass
class _Counts:
    added: int = 0
    unchanged: int = 0
    updated: int = 0
    conflicts: int = 0


class _Merge:
    """The merge of one validated bundle into the database, inside one unit of work.

    It holds the bundle's sessions in a list of its own and lets go of each
    thousand once written, so memory falls as the import goes on.
    """

    def __init__(self, bundle: Bundle, name: str, progress: Progress | None = None) -> None:
        self.name = name
        self.progress = progress
        self.sessions: list[ListeningSession | None] = list(bundle.sessions)
        """The bundle's sessions at their places in the file, each None once written."""
        self.head = bundle.model_copy(update={"sessions": []})
        """The bundle without its sessions."""
        self.campaign_id = bundle.campaign.id
        self.theme_map: dict[uuid.UUID, uuid.UUID] = {}
        """Bundle theme id -> the id of the theme its issues go to here."""
        self.counts = _Counts()
        self.subgroups: dict[str, str] = {}
        """New subgroups met in sessions, by case-folded name, in order of appearance."""
        self.themes_move = False
        """Whether any bundle theme maps onto another id (else issues are taken as they are)."""

    def run(self, uow: UnitOfWork) -> ImportReport:
        self.uow = uow
        stored = uow.campaigns.get(self.campaign_id)
        if stored is None:
            uow.campaigns.add(self.head.campaign)
        else:
            for subgroup in self.head.campaign.subgroups:
                uow.campaigns.add_subgroup(self.campaign_id, subgroup)
        added, reused = self._themes()
        self._check_theme_references()
        total = len(self.sessions)
        # In the file's order: the sessions lie in memory in that order, and going
        # through them in id order instead cost more in cache misses (0.6 s of a
        # re-import of 50,000 sessions) than it saved in the indexes.
        located = self._locate()
        for first in range(0, total, BATCH):
            self._sessions(range(first, min(first + BATCH, total)), located)
            if self.progress is not None:
                self.progress(min(first + BATCH, total), total)
        for subgroup in self.subgroups.values():
            uow.campaigns.add_subgroup(self.campaign_id, subgroup)
        counts = self.counts
        return ImportReport(
            file=self.name,
            campaign_id=self.campaign_id,
            campaign_name=(stored or self.head.campaign).name,
            campaign_created=stored is None,
            sessions_added=counts.added,
            sessions_unchanged=counts.unchanged,
            sessions_updated=counts.updated,
            conflicts=counts.conflicts,
            themes_added=added,
            themes_reused=reused,
        )

    def _themes(self) -> tuple[int, int]:
        """Reuse themes known by id or by name (ignoring case); add the others."""
        added = reused = 0
        for n, theme in enumerate(self.head.themes):
            known = self.uow.themes.get(theme.id)
            if known is not None:
                if known[0] != self.campaign_id:
                    raise _refuse(
                        f"themes[{n}].id", "this theme id belongs to another campaign here"
                    )
                self.theme_map[theme.id] = theme.id
                reused += 1
                continue
            same_name = self.uow.themes.named(self.campaign_id, theme.name)
            if same_name is not None:
                self.theme_map[theme.id] = same_name.id
                reused += 1
                continue
            self.uow.themes.add(self.campaign_id, theme)
            self.theme_map[theme.id] = theme.id
            added += 1
        return added, reused

    def _check_theme_references(self) -> None:
        """Every issue's theme is in the bundle or already in this campaign."""
        sessions = [self._unwritten(n) for n in range(len(self.sessions))]
        wanted = {
            issue.theme_id
            for session in sessions
            for issue in session.issues
            if issue.theme_id is not None and issue.theme_id not in self.theme_map
        }
        here = self.uow.themes.ids_in_campaign(self.campaign_id, wanted)
        self.theme_map.update({theme_id: theme_id for theme_id in here})
        if wanted - here:
            for n, session in enumerate(sessions):
                for m, issue in enumerate(session.issues):
                    if issue.theme_id is not None and issue.theme_id not in self.theme_map:
                        raise _refuse(
                            f"sessions[{n}].issues[{m}].theme_id",
                            f"expected the id of a theme in this bundle or in the campaign; "
                            f"no theme has the id {issue.theme_id}",
                        )
        self.themes_move = any(source != target for source, target in self.theme_map.items())

    def _unwritten(self, position: int) -> ListeningSession:
        session = self.sessions[position]
        assert session is not None, "a session is let go of only once written"
        return session

    def _locate(self) -> dict[uuid.UUID, tuple[uuid.UUID, int]]:
        """(campaign id, version) of the bundle's sessions already stored; refuse another
        campaign's; note new subgroups in the order of the file."""
        located: dict[uuid.UUID, tuple[uuid.UUID, int]] = {}
        total = len(self.sessions)
        for first in range(0, total, BATCH):
            ids = [self._unwritten(n).id for n in range(first, min(first + BATCH, total))]
            located.update(self.uow.sessions.locate_many(ids))
        for n in range(len(self.sessions)):
            session = self._unwritten(n)
            place = located.get(session.id)
            if place is not None and place[0] != self.campaign_id:
                self._explain_clash(range(n))  # an earlier bad issue id is the first bad value
                raise _refuse(
                    f"sessions[{n}].id", "a session with this id belongs to another campaign here"
                )
            if session.subgroup and len(session.subgroup) <= NAME_MAX:
                self.subgroups.setdefault(session.subgroup.casefold(), session.subgroup)
        return located

    def _sessions(self, positions: range, located: dict[uuid.UUID, tuple[uuid.UUID, int]]) -> None:
        """Add, compare or replace one chunk of the bundle's sessions (by their positions).

        If the database refuses the chunk (an issue id that another session here
        already uses), the refusal names the first culprit in the file, and the
        caller undoes everything.
        """
        incoming: list[ListeningSession] = []
        for n in positions:
            session = self._unwritten(n)
            incoming.append(self._with_mapped_themes(session) if self.themes_move else session)
        try:
            with self._savepoint():
                self._write(incoming, located)
        except IntegrityError:
            self._explain_clash(positions)
            raise
        for n in positions:
            self.sessions[n] = None

    def _savepoint(self) -> AbstractContextManager[Any]:
        """A savepoint around a chunk on PostgreSQL, none on SQLite.

        PostgreSQL aborts the whole transaction at a refused statement, so only a
        savepoint lets _explain_clash ask which issue clashed. SQLite undoes just the
        refused statement, and a savepoint there would copy every page the chunk
        changes into a journal of its own (a temporary file past its first 64 KB).
        """
        if self.uow.database.dialect == "sqlite":
            return nullcontext()
        return self.uow.session.begin_nested()

    def _write(
        self, incoming: list[ListeningSession], located: dict[uuid.UUID, tuple[uuid.UUID, int]]
    ) -> None:
        new = [s for s in incoming if s.id not in located]
        self.uow.sessions.add_many(self.campaign_id, new)
        self.counts.added += len(new)
        known = [s for s in incoming if s.id in located]
        stored = self.uow.sessions.get_many([s.id for s in known])
        replaced: list[tuple[ListeningSession, int]] = []
        kept: list[tuple[ListeningSession, str]] = []
        for session in known:
            previous = stored[session.id]
            if session == previous:
                self.counts.unchanged += 1
            elif later(session, previous, anonymised=self.head.anonymised):
                kept.append((previous, "import_conflict"))
                replaced.append((session, located[session.id][1] + 1))
                self.counts.updated += 1
                self.counts.conflicts += 1
            elif self._in_history(session):
                self.counts.unchanged += 1
            else:
                kept.append((session, "import_older"))
                self.counts.conflicts += 1
        self.uow.revisions.keep_many(self.campaign_id, kept)
        self.uow.sessions.replace_many(self.campaign_id, replaced)

    def _explain_clash(self, positions: Iterable[int]) -> None:
        """Name the first issue, in the file's order, whose id another session here uses."""
        ordered = sorted(positions)
        for first in range(0, len(ordered), BATCH):
            part = ordered[first : first + BATCH]
            chunk = [self._unwritten(n) for n in part]
            owners = self.uow.sessions.issue_owners([i.id for s in chunk for i in s.issues])
            for n, session in zip(part, chunk, strict=True):
                for m, issue in enumerate(session.issues):
                    if owners.get(issue.id, session.id) != session.id:
                        raise _refuse(
                            f"sessions[{n}].issues[{m}].id",
                            "this issue id belongs to another session here; ids must be unique",
                        )

    def _with_mapped_themes(self, session: ListeningSession) -> ListeningSession:
        if all(self.theme_map.get(i.theme_id) == i.theme_id for i in session.issues if i.theme_id):
            return session
        issues = [
            issue.model_copy(update={"theme_id": self.theme_map[issue.theme_id]})
            if issue.theme_id is not None
            else issue
            for issue in session.issues
        ]
        return session.model_copy(update={"issues": issues})

    def _in_history(self, session: ListeningSession) -> bool:
        """Whether this exact version is already kept (so importing it again changes nothing)."""
        for revision in self.uow.revisions.of_session(session.id):
            try:
                kept = ListeningSession.model_validate(revision.content, context=_NO_FUTURE_CHECK)
            except ValidationError:
                continue
            if kept == session:
                return True
        return False


def later(incoming: ListeningSession, stored: ListeningSession, *, anonymised: bool) -> bool:
    """Whether ``incoming`` should replace ``stored``: a later updated_at, or the tie-break."""
    if incoming.updated_at != stored.updated_at:
        return incoming.updated_at > stored.updated_at
    if anonymised:
        return False
    return _canonical(incoming) > _canonical(stored)


def _canonical(session: ListeningSession) -> str:
    """The session as JSON with its times in UTC: equal content, equal text."""
    return session.model_copy(
        update={
            "created_at": session.created_at.astimezone(UTC),
            "updated_at": session.updated_at.astimezone(UTC),
        }
    ).model_dump_json()


@contextmanager
def _roomy_cache(uow: UnitOfWork) -> Iterator[None]:
    """Give SQLite a 128 MB page cache for the import (the default 2 MB thrashes on the
    random UUID keys of 50,000 sessions); back to what it was afterwards."""
    if uow.database.dialect != "sqlite":
        yield
        return
    # The driver's own connection: the session lets go of its wrapper at commit.
    driver: Any = uow.session.connection().connection.driver_connection
    before = int(driver.execute("PRAGMA cache_size").fetchone()[0])
    driver.execute("PRAGMA cache_size = -131072")
    try:
        yield
    finally:
        driver.execute(f"PRAGMA cache_size = {before}")


def _refuse(path: str, message: str) -> InvalidInput:
    return InvalidInput(f"{path}: {message}", [(path, message)])
