"""Collation: the ranked issues of spec/ranking.md, for the ranking screen and ``rank``."""

from __future__ import annotations

from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.ranking import RankedGroup, RankingFilter, Weighting, rank_groups


def ranked_issues(
    database: Database, ranking_filter: RankingFilter, weighting: Weighting = "session"
) -> list[RankedGroup]:
    """Issue groups over the filtered sessions, in order, with their ranks and figures.

    The database sums the figures (one query); only the aggregated groups come
    back to be put in order, since names are compared case-folded.
    """
    with UnitOfWork(database, write=False) as uow:
        figures = uow.ranking.figures(ranking_filter, weighting)
    return rank_groups(figures)
