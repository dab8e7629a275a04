"""Theme suggestions: groups of unthemed issues that say the same thing in other words.

Nothing here changes data: a suggestion is a proposal the recorder accepts,
edits or rejects. ``suggest_groups`` is pure Python over the issue texts, so
the method can be measured on a labelled set without a database.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence

from pydantic import BaseModel, ConfigDict

from listening_tui.domain.ranking import normalise_issue_text

Progress = Callable[[int, int], None]
"""Called with (steps done, steps in all) while suggestions are worked out."""


class IssueText(BaseModel):
    """One issue as the suggester sees it: its id, its words and its theme, if any."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: uuid.UUID
    text: str
    theme_id: uuid.UUID | None = None


class ThemeSuggestion(BaseModel):
    """Put these unthemed issues in one theme: a new one, or the existing ``theme_id``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    theme: str
    """The proposed name of a new theme, or the name of the existing theme to join."""
    theme_id: uuid.UUID | None = None
    """The existing theme the issues could join; None proposes a new theme."""
    issue_ids: tuple[uuid.UUID, ...]
    """The unthemed issues the suggestion would put in the theme."""

    def output(self) -> dict[str, object]:
        """The JSON object of ``themes suggest --format json`` (spec/cli.md)."""
        return {"theme": self.theme, "issue_ids": [str(issue_id) for issue_id in self.issue_ids]}


def suggest_groups(
    issues: Sequence[IssueText],
    theme_names: dict[uuid.UUID, str],
    progress: Progress | None = None,
) -> list[ThemeSuggestion]:
    """Suggestions for the unthemed issues among ``issues``.

    An unthemed issue whose normalised words equal those of issues already in a
    theme is proposed for that theme; unthemed issues sharing their normalised
    words with each other are proposed as a new theme named after the words
    most of them used. Joining suggestions come first, then new themes by size.
    """
    themed_keys: dict[str, uuid.UUID] = {}
    unthemed: dict[str, list[IssueText]] = defaultdict(list)
    for issue in issues:
        key = normalise_issue_text(issue.text)
        if issue.theme_id is not None and issue.theme_id in theme_names:
            themed_keys.setdefault(key, issue.theme_id)
        elif issue.theme_id is None:
            unthemed[key].append(issue)
    joins: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    new_groups: list[list[IssueText]] = []
    total = len(unthemed)
    for done, (key, members) in enumerate(unthemed.items(), start=1):
        theme_id = themed_keys.get(key)
        if theme_id is not None:
            joins[theme_id].extend(member.id for member in members)
        elif len(members) > 1:
            new_groups.append(members)
        if progress is not None:
            progress(done, total)
    suggestions = [
        ThemeSuggestion(theme=theme_names[theme_id], theme_id=theme_id, issue_ids=tuple(ids))
        for theme_id, ids in sorted(joins.items(), key=lambda item: theme_names[item[0]].casefold())
    ]
    new_groups.sort(key=lambda members: (-len(members), normalise_issue_text(members[0].text)))
    suggestions.extend(
        ThemeSuggestion(
            theme=_group_name(members), issue_ids=tuple(member.id for member in members)
        )
        for members in new_groups
    )
    return suggestions


def _group_name(members: Sequence[IssueText]) -> str:
    """The wording most members used (the shortest, then the first, among equals)."""
    counts: dict[str, int] = defaultdict(int)
    for member in members:
        counts[" ".join(member.text.split())] += 1
    return min(counts, key=lambda text: (-counts[text], len(text), text))[:200]
