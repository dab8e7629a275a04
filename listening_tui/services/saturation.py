"""Saturation: whether listening still turns up new concerns, and which groups are under-heard."""

from __future__ import annotations

import uuid

from listening_tui.db.conclusions import ConclusionRepository, SubgroupCount
from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.conclusions import Saturation, SubgroupHeard


def saturation(database: Database, campaign_id: uuid.UUID) -> Saturation:
    """New concerns per session in the order held, and sessions and people per subgroup.

    A concern is a group of spec/ranking.md: a theme, or an unthemed issue's
    normalised text. Known subgroups nobody was heard in are listed with 0.
    """
    with UnitOfWork(database, write=False) as uow:
        repository = ConclusionRepository(uow.session)
        news = repository.session_news(campaign_id)
        counts = repository.subgroup_counts(campaign_id)
        known = repository.known_subgroups(campaign_id)
    return Saturation(sessions=news, subgroups=subgroups_heard(counts, known))


def subgroups_heard(counts: list[SubgroupCount], known: list[str]) -> list[SubgroupHeard]:
    """Sessions and people per subgroup from the per-text counts, names merged ignoring case.

    Known subgroups nobody was heard in are listed with 0; fewest first, and the
    sessions that named no subgroup last.
    """
    heard: dict[str | None, SubgroupHeard] = {}
    names = {name.casefold(): name for name in known}
    for count in counts:
        key = count.subgroup.casefold() if count.subgroup else None
        name = names.get(key, count.subgroup) if key else None
        before = heard.get(key)
        heard[key] = SubgroupHeard(
            subgroup=name,
            sessions=count.sessions + (before.sessions if before else 0),
            people=count.people + (before.people if before else 0),
        )
    for key, name in names.items():
        heard.setdefault(key, SubgroupHeard(subgroup=name, sessions=0, people=0))
    return sorted(
        heard.values(),
        key=lambda s: (s.subgroup is None, s.sessions, s.people, (s.subgroup or "").casefold()),
    )
