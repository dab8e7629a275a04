"""Write the sample campaign into a new database file, through the same services as the app."""

from __future__ import annotations

from pathlib import Path

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


def _items(value: object) -> list[object]:
    assert isinstance(value, list)
    return value
