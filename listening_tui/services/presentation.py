"""What the projector shows: the top ranked issues in plain words, with quotes the room may hear.

Quotes marked ``recorders_only`` never reach this module's results, and no
attribution does at all: a name is shown to the room only if its owner agreed,
and the form does not record that agreement separately from the quote.
"""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict

from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.meetings import Slide, plain_figures
from listening_tui.domain.ranking import RankedGroup, RankingFilter
from listening_tui.services.analysis import ranked_issues


class Presentation(BaseModel):
    """The slides of the top issues and the whole ranking, for the bar view."""

    model_config = ConfigDict(frozen=True)

    slides: tuple[Slide, ...]
    ranking: tuple[RankedGroup, ...]
    ratified: frozenset[uuid.UUID]
    """Themes already ratified, marked on the slides and bars."""


def presentation(database: Database, campaign_id: uuid.UUID, top: int) -> Presentation:
    """The top ``top`` ranked issues as slides, and every ranked issue for the bars."""
    ranking = ranked_issues(database, RankingFilter(campaign_id=campaign_id))
    with UnitOfWork(database, write=False) as uow:
        descriptions = {t.id: t.description for t in uow.themes.in_campaign(campaign_id)}
        slides = tuple(
            Slide(
                rank=group.rank,
                theme=group.theme,
                theme_id=group.theme_id,
                figures=plain_figures(group),
                conclusion=descriptions.get(group.theme_id) if group.theme_id else None,
                quotes=tuple(
                    uow.meetings.meeting_quotes(campaign_id, group.theme_id, group.text_key)
                ),
                points=group.points,
            )
            for group in ranking[: max(top, 0)]
        )
        ratified = uow.meetings.ratified_theme_ids(campaign_id)
    return Presentation(slides=slides, ranking=tuple(ranking), ratified=ratified)
