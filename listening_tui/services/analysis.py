"""Collation: the ranked issues of spec/ranking.md and what lies behind each line."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.group_details import DETAIL_SESSIONS, GroupDetails, GroupKey
from listening_tui.domain.ranking import RankedGroup, RankingFilter, Weighting, rank_groups


def ranked_issues(
    database: Database,
    ranking_filter: RankingFilter,
    weighting: Weighting = "session",
    subgroup_aliases: Mapping[str, str] | None = None,
) -> list[RankedGroup]:
    """Issue groups over the filtered sessions, in order, with their ranks and figures.

    The database sums the figures (one query); only the aggregated groups come
    back to be put in order, since names are compared case-folded. With
    ``subgroup_aliases`` (text -> name) the subgroups figure counts the aliased
    texts under their alias: how the report and ranking.csv fold small groups.
    """
    with UnitOfWork(database, write=False) as uow:
        figures = uow.ranking.figures(ranking_filter, weighting, subgroup_aliases)
    return rank_groups(figures)


def group_details(
    database: Database,
    campaign_id: uuid.UUID,
    group: GroupKey,
    ranking_filter: RankingFilter,
    limit: int = DETAIL_SESSIONS,
) -> GroupDetails:
    """One group of the campaign's ranking over the filtered sessions, most recent first.

    Its issues (which one of each session counted), the sessions they came
    from with the listeners' reflections, and those sessions' quotes with who
    may hear them; at most ``limit`` sessions. Never a contact detail.
    Raises NotFound for a theme that is no longer in the campaign.
    """
    scoped = ranking_filter.model_copy(update={"campaign_id": campaign_id})
    with UnitOfWork(database, write=False) as uow:
        return uow.group_details.details(scoped, group, limit)
