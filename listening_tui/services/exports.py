"""Exports: a bundle (plain or anonymised), the campaign as CSV, the contact list.

Each export reads the campaign in one read-only transaction (a consistent
snapshot even while the app saves), streams sessions a thousand at a time,
and writes files readable by their owner only, never over an existing file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path
from uuid import UUID

from listening_tui.db.engine import Database
from listening_tui.db.people import PeopleRepository
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign, ListeningSession
from listening_tui.domain.ranking import RANKING_COLUMNS, RankingFilter
from listening_tui.errors import NotFound
from listening_tui.interchange.anonymise import (
    Anonymiser,
    KnownPeople,
    anonymised_campaign,
    anonymised_session,
    anonymised_theme,
)
from listening_tui.interchange.bundle import FORMAT, VERSION
from listening_tui.interchange.files import missing_folders, private_text_file, refuse_existing
from listening_tui.interchange.memory import collector_paused
from listening_tui.interchange.results import BundleExport, ContactList, CsvExport
from listening_tui.interchange.sealed import sealed_text_file
from listening_tui.interchange.spreadsheets import CONTACT_COLUMNS, CampaignSheets, Sheet
from listening_tui.interchange.writer import to_json, write_bundle
from listening_tui.services.analysis import ranked_issues
from listening_tui.services.audit import log_export
from listening_tui.services.campaigns import resolve_campaign
from listening_tui.services.small_groups import folding_in

CSV_FILES = ("sessions.csv", "issues.csv", "quotes.csv", "people.csv", "ranking.csv")
"""What ``export --format csv`` writes into its folder."""

Progress = Callable[[int, int], None]
"""Told (sessions written, sessions in the campaign) every thousand sessions, for a progress bar."""


def export_bundle(
    database: Database,
    out: Path,
    campaign: str | None = None,
    *,
    anonymise: bool = False,
    now: datetime | None = None,
    progress: Progress | None = None,
    passphrase: str | None = None,
) -> BundleExport:
    """Write the campaign named by ``campaign`` (id or name; None: the only one) to ``out``.

    With ``passphrase`` the bundle is sealed (interchange.sealed) as it is written.
    """
    out = out.expanduser().absolute()
    refuse_existing(out)
    created = missing_folders(out)
    chosen = resolve_campaign(database, campaign)
    moment = (now or datetime.now()).astimezone()
    with _snapshot(database) as uow:
        chosen = _still_there(uow, chosen)
        themes = sorted(
            uow.themes.in_campaign(chosen.id), key=lambda t: (t.name.casefold(), str(t.id))
        )
        sessions = _reported(uow, chosen.id, progress)
        left_out = [0]
        if anonymise:
            anonymiser = Anonymiser(_known_people(uow), folding_in(uow, chosen.id)[0])
            campaign_data = anonymised_campaign(chosen, anonymiser)
            theme_texts = [to_json(anonymised_theme(theme, anonymiser)) for theme in themes]

            def texts() -> Iterator[str]:
                for session in sessions:
                    data, dropped = anonymised_session(session, anonymiser)
                    left_out[0] += dropped
                    yield to_json(data)

            session_texts = texts()
        else:
            campaign_data = chosen.model_dump(mode="json")
            theme_texts = [to_json(theme.model_dump(mode="json")) for theme in themes]
            session_texts = (session.model_dump_json(indent=2) for session in sessions)
        head = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": moment.isoformat(timespec="seconds"),
            "anonymised": anonymise,
            "campaign": campaign_data,
        }
        opened = private_text_file(out) if passphrase is None else sealed_text_file(out, passphrase)
        with opened as handle:
            count = write_bundle(handle, head, theme_texts, session_texts)
    kind = ("sealed " if passphrase is not None else "") + ("anonymised " if anonymise else "")
    summary = f"{kind}bundle: {count} sessions, {len(themes)} themes"
    log_export(database, "bundle", chosen.id, summary, written=[out], created=created)
    return BundleExport(
        path=str(out),
        campaign_id=chosen.id,
        campaign_name=chosen.name,
        anonymised=anonymise,
        sessions=count,
        themes=len(themes),
        quotes_left_out=left_out[0],
        sealed=passphrase is not None,
    )


def export_csv(
    database: Database,
    folder: Path,
    campaign: str | None = None,
    *,
    progress: Progress | None = None,
) -> CsvExport:
    """Write sessions.csv, issues.csv, quotes.csv, people.csv and ranking.csv into ``folder``.

    ranking.csv is the campaign's ranking as spec/ranking.md defines it (weighting
    by session, no filter): the same service and figures as ``listening-tui rank``.
    It names no subgroup (its ``subgroups`` figure is a count), so small groups
    have nothing to fold there, unlike the report's ranking.
    """
    folder = folder.expanduser().absolute()
    paths = [folder / name for name in CSV_FILES]
    for path in paths:
        refuse_existing(path)
    created = missing_folders(paths[0])
    chosen = resolve_campaign(database, campaign)
    with _snapshot(database) as uow, ExitStack() as files:
        themes = {theme.id: theme.name for theme in uow.themes.in_campaign(chosen.id)}
        handles = [files.enter_context(private_text_file(path, newline="")) for path in paths]
        sessions_csv, issues_csv, quotes_csv, people_csv, ranking_csv = handles
        sheets = CampaignSheets(sessions_csv, issues_csv, quotes_csv, people_csv, themes)
        for session in _reported(uow, chosen.id, progress):
            sheets.add(session)
        ranking = Sheet(ranking_csv, RANKING_COLUMNS)
        for group in ranked_issues(database, RankingFilter(campaign_id=chosen.id)):
            ranking.write(group.output())
    summary = (
        f"CSV folder: {sheets.sessions.rows} sessions, {sheets.issues.rows} issues, "
        f"{sheets.quotes.rows} quotes, {sheets.people.rows} people"
    )
    log_export(database, "csv", chosen.id, summary, written=paths, created=created)
    return CsvExport(
        paths=[str(path) for path in paths],
        sessions=sheets.sessions.rows,
        issues=sheets.issues.rows,
        quotes=sheets.quotes.rows,
        people=sheets.people.rows,
        ranked_groups=ranking.rows,
    )


def export_contacts(database: Database, out: Path, campaign: str | None = None) -> ContactList:
    """Write the people who agreed to be contacted (interviewees with consent) as CSV.

    References never appear on their own account: they agreed to nothing, and
    their contact came from someone else. Once met and asked, they are
    interviewees, with or without consent like anyone else.
    """
    out = out.expanduser().absolute()
    refuse_existing(out)
    created = missing_folders(out)
    chosen = resolve_campaign(database, campaign)
    with _snapshot(database) as uow, private_text_file(out, newline="") as handle:
        sheet = Sheet(handle, CONTACT_COLUMNS)
        for person in PeopleRepository(uow.session).consenting(chosen.id):
            sheet.write(vars(person))
    summary = f"contact list: {sheet.rows} people"
    log_export(database, "contacts", chosen.id, summary, written=[out], created=created)
    return ContactList(path=str(out), people=sheet.rows)


@contextmanager
def _snapshot(database: Database) -> Iterator[UnitOfWork]:
    """A read-only unit of work that sees one consistent state of the database.

    SQLite's read transaction is a snapshot already; PostgreSQL needs
    REPEATABLE READ, or sessions saved mid-export could appear half.
    """
    with collector_paused(), UnitOfWork(database, write=False) as uow:
        if database.dialect == "postgresql":
            uow.session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        yield uow


def _reported(
    uow: UnitOfWork, campaign_id: UUID, progress: Progress | None, every: int = 1000
) -> Iterable[ListeningSession]:
    """The campaign's sessions in export order, telling ``progress`` how far it has got."""
    sessions = uow.sessions.in_export_order(campaign_id)
    if progress is None:
        return sessions
    total = uow.sessions.count(campaign_id)

    def counted() -> Iterator[ListeningSession]:
        done = 0
        progress(done, total)
        for done, session in enumerate(sessions, start=1):
            yield session
            if done % every == 0:
                progress(done, total)
        progress(done, total)

    return counted()


def _known_people(uow: UnitOfWork) -> KnownPeople:
    found = PeopleRepository(uow.session).names_and_contacts()
    return KnownPeople(
        listeners=frozenset(found.listeners),
        people=frozenset(found.people),
        attributions=frozenset(found.attributions),
        contacts=frozenset(found.contacts),
    )


def _still_there(uow: UnitOfWork, campaign: Campaign) -> Campaign:
    """The campaign as this snapshot sees it (it may have been deleted a moment ago)."""
    found = uow.campaigns.get(campaign.id)
    if found is None:
        raise NotFound(f'The campaign "{campaign.name}" was deleted while exporting it')
    return found
