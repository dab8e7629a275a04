"""Small groups stay anonymous: which subgroups are folded into "Other subgroups".

A subgroup heard from fewer than k people (the campaign's ``small_group_k``)
would point at those few people in anything sent outside: the report, an
anonymised bundle, ranking.csv. ``fold_small_subgroups`` decides which
subgroups are named there and which are shown as "Other subgroups":

1. With k = 1 nothing is folded: every heard subgroup has at least one person.
2. Every subgroup heard from 1 to k - 1 people is folded.
3. The remainder: if the folded people together are still fewer than k, the
   heard subgroup kept with the fewest people (then by name) is folded too,
   and again, until "Other subgroups" holds at least k people or every
   subgroup is folded. So "Other subgroups" never names a group under k
   unless the whole campaign's subgrouped people are fewer than k.
4. A subgroup nobody was heard in (0 people) exposes nobody and is not folded:
   the report still shows who has not been heard yet.
5. Sessions that named no subgroup are not a subgroup: never folded, never
   counted towards "Other subgroups".
6. A subgroup the campaign itself calls "Other subgroups" (ignoring case) is
   always part of the folded group, so the label never means two things.

Names are compared case-folded, as the saturation counts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from listening_tui.domain.conclusions import SubgroupHeard

OTHER_SUBGROUPS = "Other subgroups"
"""What a folded subgroup is called wherever a subgroup's name goes."""
OTHER_SUBGROUP_IN_TEXT = "[other subgroup]"
"""What a folded subgroup's name becomes inside free text (notes, issues, quotes)."""

SMALL_GROUP_K_DEFAULT = 5
SMALL_GROUP_K_MIN = 1
"""k = 1 folds nothing."""
SMALL_GROUP_K_MAX = 50


def subgroup_key(name: str) -> str:
    """Which subgroup a text names: the same words ignoring case and spacing."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class SubgroupFolding:
    """The outcome of folding: which subgroups are shown as "Other subgroups"."""

    k: int
    folded: frozenset[str] = frozenset()
    """The subgroup_key of every folded subgroup."""
    folded_names: tuple[str, ...] = ()
    """The folded subgroups as the counts named them, fewest people first."""
    other_people: int = 0
    """People heard in the folded subgroups together."""

    def hides(self, subgroup: str | None) -> bool:
        """Whether ``subgroup`` is folded (a real "Other subgroups" is, always)."""
        if not subgroup:
            return False
        key = subgroup_key(subgroup)
        return key in self.folded or key == subgroup_key(OTHER_SUBGROUPS)

    def shown(self, subgroup: str | None) -> str | None:
        """The subgroup as it may be shown outside (None stays None)."""
        return OTHER_SUBGROUPS if self.hides(subgroup) else subgroup

    def shown_list(self, subgroups: Iterable[str]) -> list[str]:
        """A list of subgroups with the folded ones replaced by one "Other subgroups", last."""
        given = list(subgroups)
        kept = [s for s in given if not self.hides(s)]
        if self.folded or len(kept) < len(given):
            kept.append(OTHER_SUBGROUPS)
        return kept


def fold_small_subgroups(people: Mapping[str, int], k: int) -> SubgroupFolding:
    """Which subgroups to fold, from the people heard per subgroup (see the module's rules).

    ``people`` maps a subgroup's name to the people heard in its sessions (the sum
    of their participant counts); names that differ only in case or spacing are
    one subgroup. Ties on people are broken by the case-folded name.
    """
    other_key = subgroup_key(OTHER_SUBGROUPS)
    merged: dict[str, tuple[int, str]] = {}
    for name, count in people.items():
        key = subgroup_key(name)
        before, first = merged.get(key, (0, name))
        merged[key] = (before + count, first)
    heard = sorted((count, key, name) for key, (count, name) in merged.items() if count > 0)
    folded = [item for item in heard if item[1] == other_key or item[0] < k]
    kept = [item for item in heard if not (item[1] == other_key or item[0] < k)]
    total = sum(item[0] for item in folded)
    while folded and total < k and kept:
        smallest = kept.pop(0)
        folded.append(smallest)
        total += smallest[0]
    return SubgroupFolding(
        k=k,
        folded=frozenset(item[1] for item in folded),
        folded_names=tuple(item[2] for item in folded),
        other_people=total,
    )


def folded_heard(
    subgroups: Iterable[SubgroupHeard], folding: SubgroupFolding
) -> list[SubgroupHeard]:
    """Sessions and people per subgroup with the folded ones summed into "Other subgroups".

    The kept subgroups stay in their order; "Other subgroups" comes after them,
    before the sessions that named no subgroup.
    """
    kept: list[SubgroupHeard] = []
    unnamed: list[SubgroupHeard] = []
    sessions = people = 0
    any_folded = False
    for heard in subgroups:
        if heard.subgroup is None:
            unnamed.append(heard)
        elif folding.hides(heard.subgroup):
            any_folded = True
            sessions += heard.sessions
            people += heard.people
        else:
            kept.append(heard)
    if any_folded:
        kept.append(SubgroupHeard(subgroup=OTHER_SUBGROUPS, sessions=sessions, people=people))
    return kept + unnamed
