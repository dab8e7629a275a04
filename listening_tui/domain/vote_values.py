"""What every kind of vote shares: frozen values, whole-number figures, option names.

Kept apart from :mod:`listening_tui.domain.voting` so that the ranked-ballot counts
(:mod:`listening_tui.domain.ranked`) can use it without an import cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictInt

Count = Annotated[StrictInt, Field(ge=0)]
"""A whole number of people, hands or dots (0 or more)."""

AtLeastOne = Annotated[StrictInt, Field(ge=1)]


class VoteValue(BaseModel):
    """Base of every vote value and result: frozen, unknown keys refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


def name_key(name: str) -> str:
    """How option names are compared (spec: trimmed and case-folded)."""
    return name.strip().casefold()


def join_names(names: Sequence[str]) -> str:
    """``["A", "B", "C"]`` -> ``A, B and C`` for sentences a convenor reads."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
