"""Write the sample campaign into a new database file, through the same services as the app."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign, ListeningSession, Theme
from listening_tui.domain.summaries import SampleSummary
from listening_tui.domain.validation import validate
from listening_tui.errors import OutputExists
from listening_tui.services.database import open_database
from listening_tui.services.sample_content import sample_bundle
from listening_tui.services.sessions import store_session
from listening_tui.services.themes import add_theme


def write_sample(out: Path) -> SampleSummary:
    """Create ``out`` holding the sample campaign; never overwrites an existing file."""
    out = out.expanduser().absolute()
    if out.exists():
        raise OutputExists(
            f"{out} already exists and is not overwritten: delete it first, "
            "or give another file name"
        )
    bundle = sample_bundle()
    campaign = validate(Campaign, bundle["campaign"])
    themes = [validate(Theme, theme) for theme in _items(bundle["themes"])]
    sessions = [validate(ListeningSession, session) for session in _items(bundle["sessions"])]
    database = open_database(str(out))
    try:
        with UnitOfWork(database) as uow:
            uow.campaigns.add(campaign)
            for theme in themes:
                add_theme(uow, campaign.id, theme)
            for session in sessions:
                store_session(uow, campaign.id, session)
            uow.commit()
        _sample_conclusions(database, campaign.id, themes)
    except BaseException:
        database.close()
        for leftover in (out, out.with_name(out.name + "-wal"), out.with_name(out.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    database.close()
    return SampleSummary(
        path=str(out),
        campaign=campaign.name,
        sessions=len(sessions),
        subgroups=len({s.subgroup for s in sessions if s.subgroup}),
        themes=len(themes),
        issues=sum(len(s.issues) for s in sessions),
    )


SAMPLE_OVERALL = (
    "Pay came first almost everywhere we listened: people are cutting back on heating "
    "and food, and many are looking for other work.\n\n"
    "Short staffing and workloads come next, and the two feed each other: every post "
    "left empty lands on the people who stay."
)
SAMPLE_PAY = (
    "Named in 28 sessions across every subgroup, most often first. Members tied it to "
    "leaving the job, not just to hardship."
)


def _sample_conclusions(database: Database, campaign_id: UUID, themes: list[Theme]) -> None:
    """An overall conclusion and one for the first theme, with a few quotes, as a recorder would."""
    from listening_tui.services import conclusions

    pay = themes[0].id
    conclusions.save_conclusion(database, campaign_id, None, SAMPLE_OVERALL)
    conclusions.save_conclusion(database, campaign_id, pay, SAMPLE_PAY)
    words = ("afford", "earth", "heating")
    options = [
        q
        for q in conclusions.quote_options(database, campaign_id, pay)
        if any(word in q.text for word in words)
    ]
    shared = [q for q in options if q.sharing == "decision_makers"][:2]
    meeting = [q for q in options if q.sharing == "meeting"][:1]
    for quote in shared:
        conclusions.choose_quote(
            database, campaign_id, pay, quote.session_id, quote.text, "decision_makers"
        )
    for quote in shared[:1] + meeting:
        conclusions.choose_quote(
            database, campaign_id, pay, quote.session_id, quote.text, "meeting"
        )


def _items(value: object) -> list[object]:
    assert isinstance(value, list)
    return value
