"""Themes: the recorder's names for concerns raised in many words."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from listening_tui.db.engine import Database
from listening_tui.db.theme_ops import ThemeOpsRepository
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Theme
from listening_tui.domain.themes import IssueLine, IssuePage, IssueQuery, ThemeOverview
from listening_tui.errors import InvalidInput


def add_theme(uow: UnitOfWork, campaign_id: uuid.UUID, theme: Theme) -> None:
    """Add a theme inside an open unit of work; its name must be new (ignoring case)."""
    existing = uow.themes.named(campaign_id, theme.name)
    if existing is not None:
        raise InvalidInput(
            f'There is already a theme called "{existing.name}": choose another name '
            "or add the issues to that theme"
        )
    uow.themes.add(campaign_id, theme)


def create_theme(database: Database, campaign_id: uuid.UUID, theme: Theme) -> Theme:
    """Store a new theme in a campaign."""
    with UnitOfWork(database) as uow:
        add_theme(uow, campaign_id, theme)
        uow.commit()
    return theme


def list_themes(database: Database, campaign_id: uuid.UUID) -> list[Theme]:
    """The campaign's themes, by name."""
    with UnitOfWork(database, write=False) as uow:
        return uow.themes.in_campaign(campaign_id)


def theme_overview(database: Database, campaign_id: uuid.UUID) -> ThemeOverview:
    """Every theme with its provenance (issues, sessions, listeners, quotes) and the unthemed."""
    with UnitOfWork(database, write=False) as uow:
        return ThemeOpsRepository(uow.session).overview(campaign_id)


def browse_issues(
    database: Database, campaign_id: uuid.UUID, query: IssueQuery, offset: int, limit: int
) -> IssuePage:
    """One page of the campaign's issues that match ``query``, with how many match in all."""
    with UnitOfWork(database, write=False) as uow:
        repository = ThemeOpsRepository(uow.session)
        total = repository.count(campaign_id, query)
        rows = repository.page(campaign_id, query, offset, limit) if total > offset else []
    return IssuePage(rows=rows, total=total, offset=offset)


def issue_lines(database: Database, issue_ids: Sequence[uuid.UUID]) -> list[IssueLine]:
    """The lines of these issues in the order asked; issues deleted meanwhile are left out."""
    with UnitOfWork(database, write=False) as uow:
        found = {line.id: line for line in ThemeOpsRepository(uow.session).lines(issue_ids)}
    return [found[issue_id] for issue_id in issue_ids if issue_id in found]
