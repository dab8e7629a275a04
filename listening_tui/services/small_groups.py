"""Small groups stay anonymous: the campaign's k and which of its subgroups are folded.

The people heard per subgroup are counted as the saturation counts them (one
GROUP BY over the sessions, names merged ignoring case); the rule that
decides the folding is domain.small_groups.fold_small_subgroups.
"""

from __future__ import annotations

import uuid

from listening_tui.db.conclusions import ConclusionRepository
from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.small_groups import (
    OTHER_SUBGROUPS,
    SMALL_GROUP_K_MAX,
    SMALL_GROUP_K_MIN,
    SubgroupFolding,
    fold_small_subgroups,
)
from listening_tui.errors import InvalidInput
from listening_tui.services.campaigns import campaign_setting, set_campaign_setting, setting_in
from listening_tui.services.saturation import subgroups_heard


def small_group_k(database: Database, campaign_id: uuid.UUID) -> int:
    """The fewest people heard for a subgroup of the campaign to be named outside."""
    return campaign_setting(database, campaign_id, "small_group_k")


def set_small_group_k(database: Database, campaign_id: uuid.UUID, k: int) -> None:
    """Change the campaign's k (1 to 50; 1 folds nothing)."""
    if not SMALL_GROUP_K_MIN <= k <= SMALL_GROUP_K_MAX:
        raise InvalidInput(
            f"Give a number of people from {SMALL_GROUP_K_MIN} to {SMALL_GROUP_K_MAX}: "
            'subgroups heard from fewer are shown as "Other subgroups" (1 shows every subgroup)'
        )
    set_campaign_setting(database, campaign_id, "small_group_k", k)


def subgroup_folding(database: Database, campaign_id: uuid.UUID) -> SubgroupFolding:
    """Which of the campaign's subgroups are shown as "Other subgroups" outside."""
    with UnitOfWork(database, write=False) as uow:
        return folding_in(uow, campaign_id)[0]


def folding_in(uow: UnitOfWork, campaign_id: uuid.UUID) -> tuple[SubgroupFolding, dict[str, str]]:
    """The folding, inside a unit of work already open (an export's snapshot).

    Also each subgroup text the sessions gave that is folded -> "Other subgroups":
    the ranking's distinct-subgroups figure is counted by the database over the
    texts as stored.
    """
    k = setting_in(uow, campaign_id, "small_group_k")
    repository = ConclusionRepository(uow.session)
    counts = repository.subgroup_counts(campaign_id)
    heard = subgroups_heard(counts, repository.known_subgroups(campaign_id))
    folding = fold_small_subgroups({s.subgroup: s.people for s in heard if s.subgroup}, k)
    aliases = {
        c.subgroup: OTHER_SUBGROUPS for c in counts if c.subgroup and folding.hides(c.subgroup)
    }
    return folding, aliases
