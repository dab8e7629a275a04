"""Put a bundle's campaign, themes and sessions into a database through the services.

There is no import command yet; this is the same path the sample takes.
"""

from __future__ import annotations

from typing import Any

from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign, ListeningSession, Theme
from listening_tui.services import campaigns
from listening_tui.services.sessions import store_session
from listening_tui.services.themes import add_theme


def load_bundle(database: Database, bundle: dict[str, Any]) -> Campaign:
    """Store the bundle's campaign, then its themes and sessions in one unit of work."""
    campaign = campaigns.create_campaign(database, Campaign.model_validate(bundle["campaign"]))
    with UnitOfWork(database) as uow:
        for theme in bundle["themes"]:
            add_theme(uow, campaign.id, Theme.model_validate(theme))
        for session in bundle["sessions"]:
            store_session(uow, campaign.id, ListeningSession.model_validate(session))
        uow.commit()
    return campaign
