"""Key conclusions and saturation: the values the recorder's desk and the report share.

A conclusion is the recorder's text, overall or about one theme, with the
quotes chosen to go with it. Each chosen quote is chosen *for* someone: the
decision makers (the report sent outside) or the ratification meeting. The
quote's own sharing level (spec/bundle.md) decides what is allowed:

==================  ==================  ==========
quote's sharing     for decision makers  for meeting
==================  ==================  ==========
decision_makers     yes                  yes
meeting             no                   yes
recorders_only      no                   no
==================  ==================  ==========
"""

from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from listening_tui.domain.forms import SessionKind, Sharing

Purpose = Literal["decision_makers", "meeting"]
"""Whom a chosen quote is for: the report sent to decision makers, or the meeting only."""

PURPOSES: tuple[Purpose, ...] = ("decision_makers", "meeting")

PURPOSE_LABELS: dict[Purpose, str] = {
    "decision_makers": "the report for decision makers",
    "meeting": "the ratification meeting",
}

SHARING_LABELS: dict[Sharing, str] = {
    "decision_makers": "decision makers",
    "meeting": "meeting only",
    "recorders_only": "recorders only",
}

_ALLOWED: dict[Sharing, frozenset[Purpose]] = {
    "decision_makers": frozenset(("decision_makers", "meeting")),
    "meeting": frozenset(("meeting",)),
    "recorders_only": frozenset(),
}


def may_choose(sharing: Sharing, purpose: Purpose) -> bool:
    """True when a quote shared this way may be chosen for this purpose."""
    return purpose in _ALLOWED[sharing]


def refusal(sharing: Sharing, purpose: Purpose) -> str | None:
    """Why a quote shared this way can't be chosen for this purpose, or None when it can."""
    if may_choose(sharing, purpose):
        return None
    if sharing == "recorders_only":
        return (
            "This quote is marked recorders only: the person agreed to nothing more, so it "
            "can't go with a conclusion. Pick another quote"
        )
    return (
        "This quote is marked meeting only: it may be read out at the meeting but can't go "
        "in the report for decision makers. Pick it for the meeting (m) instead"
    )


class ConclusionModel(BaseModel):
    """Base of conclusion values: frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, from_attributes=True)


class QuoteOption(ConclusionModel):
    """A quote that may go with a conclusion, where it was said, and what it is chosen for."""

    session_id: UUID
    text: str
    attribution: str | None
    sharing: Sharing
    held_on: date
    kind: SessionKind
    subgroup: str | None
    chosen_for: frozenset[Purpose] = frozenset()
    """The purposes it is chosen for with this conclusion (empty: not chosen)."""


class Conclusion(ConclusionModel):
    """The overall conclusion (theme None) or one theme's, with its chosen quotes."""

    theme_id: UUID | None
    title: str
    """"Overall" or the theme's name."""
    text: str
    quotes: list[QuoteOption]
    """The quotes chosen for it (for any purpose) whose sharing still allows it, in order."""

    def quotes_for(self, purpose: Purpose) -> list[QuoteOption]:
        """The chosen quotes that go to this audience."""
        return [
            q for q in self.quotes if purpose in q.chosen_for and may_choose(q.sharing, purpose)
        ]


class SessionNews(ConclusionModel):
    """One session, in the order sessions were held, and the concerns first heard in it."""

    held_on: date
    new_themes: int
    """Themes none of the earlier sessions had an issue in."""
    new_texts: int
    """Unthemed issue texts (normalised as spec/ranking.md groups them) not heard before."""

    @property
    def new(self) -> int:
        """Every concern first heard in this session."""
        return self.new_themes + self.new_texts


class SubgroupHeard(ConclusionModel):
    """How much a subgroup was heard: its sessions and the people in them."""

    subgroup: str | None
    """None for sessions that named no subgroup."""
    sessions: int
    people: int


class Saturation(ConclusionModel):
    """Whether listening still turns up new concerns, and who has been heard."""

    sessions: list[SessionNews]
    """Every session of the campaign by ``held_on`` (then when it was written up)."""
    subgroups: list[SubgroupHeard]
    """Known subgroups (unheard ones too, with 0) and any others sessions named, fewest first."""

    @property
    def total_concerns(self) -> int:
        """Distinct themes and unthemed texts heard so far."""
        return sum(s.new for s in self.sessions)

    @property
    def quiet_run(self) -> int:
        """How many of the latest sessions turned up nothing new."""
        run = 0
        for news in reversed(self.sessions):
            if news.new:
                break
            run += 1
        return run

    def summary(self) -> str:
        """One sentence for the recorder."""
        count = len(self.sessions)
        if not count:
            return "No session has been written up yet."
        heard = f"{self.total_concerns} distinct concerns in {count} sessions"
        quiet = self.quiet_run
        if quiet == 0:
            return f"{heard}; the latest session still turned up something new."
        if quiet == count:
            return f"{heard}."
        if quiet == 1:
            return f"{heard}; the latest session turned up nothing new."
        return f"{heard}; the last {quiet} sessions turned up nothing new."
