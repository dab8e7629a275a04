"""Themes: the recorder's names for concerns raised in many words."""

from __future__ import annotations

import uuid

from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Theme
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
