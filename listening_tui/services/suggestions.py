"""Suggest themes: the same service behind the app's review and ``themes suggest``."""

from __future__ import annotations

import uuid

from listening_tui.db.engine import Database
from listening_tui.db.issue_texts import IssueTextRepository
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.suggestions import Progress, ThemeSuggestion, suggest_groups


def suggest_themes(
    database: Database, campaign_id: uuid.UUID, progress: Progress | None = None
) -> list[ThemeSuggestion]:
    """Proposed themes for the campaign's unthemed issues; applies nothing."""
    with UnitOfWork(database, write=False) as uow:
        repository = IssueTextRepository(uow.session)
        issues = repository.in_campaign(campaign_id)
        theme_names = repository.theme_names(campaign_id)
    return suggest_groups(issues, theme_names, progress)


def issue_wordings(database: Database, campaign_id: uuid.UUID) -> dict[uuid.UUID, str]:
    """Every issue's text in the campaign, by id (to show suggestions in words)."""
    with UnitOfWork(database, write=False) as uow:
        issues = IssueTextRepository(uow.session).in_campaign(campaign_id)
    return {issue.id: issue.text for issue in issues}
