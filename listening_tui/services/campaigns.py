"""Campaigns: create them, list them, find the one a command means."""

from __future__ import annotations

import uuid
from typing import Literal

from sqlalchemy import select, update

from listening_tui.db.engine import Database
from listening_tui.db.tables import CampaignRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Campaign
from listening_tui.domain.summaries import CampaignSummary
from listening_tui.errors import AmbiguousChoice, InvalidInput, NotFound


def create_campaign(database: Database, campaign: Campaign) -> Campaign:
    """Store a new campaign; refuses an id that is already used."""
    with UnitOfWork(database) as uow:
        if uow.campaigns.get(campaign.id) is not None:
            raise InvalidInput(f"A campaign with id {campaign.id} already exists")
        uow.campaigns.add(campaign)
        uow.log("created", "campaign", campaign.id, campaign_id=campaign.id)
        uow.commit()
    return campaign


def list_campaigns(database: Database) -> list[CampaignSummary]:
    """Every campaign with its counts, by name."""
    with UnitOfWork(database, write=False) as uow:
        return uow.campaigns.summaries()


def get_campaign(database: Database, campaign_id: uuid.UUID) -> Campaign:
    """The campaign with this id."""
    with UnitOfWork(database, write=False) as uow:
        campaign = uow.campaigns.get(campaign_id)
    if campaign is None:
        raise NotFound(f"There is no campaign with id {campaign_id}")
    return campaign


def resolve_campaign(database: Database, reference: str | None) -> Campaign:
    """The campaign named by --campaign (an id or a name), or the only one there is."""
    with UnitOfWork(database, write=False) as uow:
        if reference is None or not reference.strip():
            ids = uow.campaigns.all_ids()
            if not ids:
                raise NotFound("The database holds no campaign yet: create or import one first")
            if len(ids) > 1:
                raise AmbiguousChoice(
                    f"The database holds {len(ids)} campaigns: say which with --campaign "
                    "(its name or id)"
                )
            found = uow.campaigns.get(ids[0])
        else:
            found = _by_reference(uow, reference.strip())
    assert found is not None
    return found


def _by_reference(uow: UnitOfWork, reference: str) -> Campaign:
    try:
        as_id = uuid.UUID(reference)
    except ValueError:
        as_id = None
    if as_id is not None:
        campaign = uow.campaigns.get(as_id)
        if campaign is not None:
            return campaign
    ids = uow.campaigns.ids_named(reference)
    if len(ids) > 1:
        raise AmbiguousChoice(
            f'{len(ids)} campaigns are called "{reference}": give the id of the one you mean'
        )
    campaign = uow.campaigns.get(ids[0]) if ids else None
    if campaign is None:
        raise NotFound(f'There is no campaign "{reference}" in this database: check the name or id')
    return campaign


def add_subgroup(database: Database, campaign_id: uuid.UUID, name: str) -> bool:
    """Add a subgroup to the campaign's list; False when it was already there."""
    with UnitOfWork(database) as uow:
        added = uow.campaigns.add_subgroup(campaign_id, name.strip())
        uow.commit()
    return added


CampaignSetting = Literal["contact_retention_months", "small_group_k"]
"""The campaign's privacy settings, each a whole number with a check in the database."""

SETTING_WORDS: dict[CampaignSetting, str] = {
    "contact_retention_months": "contact retention (months)",
    "small_group_k": "small-group size k",
}
"""How the audit log names each setting."""


def campaign_setting(database: Database, campaign_id: uuid.UUID, name: CampaignSetting) -> int:
    """One of the campaign's settings."""
    with UnitOfWork(database, write=False) as uow:
        return setting_in(uow, campaign_id, name)


def setting_in(uow: UnitOfWork, campaign_id: uuid.UUID, name: CampaignSetting) -> int:
    """One of the campaign's settings, read in a unit of work already open."""
    value = uow.session.scalar(
        select(getattr(CampaignRow, name)).where(CampaignRow.id == campaign_id)
    )
    if value is None:
        raise NotFound(f"There is no campaign with id {campaign_id}")
    return int(value)


def set_campaign_setting(
    database: Database, campaign_id: uuid.UUID, name: CampaignSetting, value: int
) -> None:
    """Change one of the campaign's settings (the caller has checked the value), logged."""
    with UnitOfWork(database) as uow:
        changed = uow.session.execute(
            update(CampaignRow).where(CampaignRow.id == campaign_id).values({name: value})
        )
        if not getattr(changed, "rowcount", 0):
            return
        uow.log(
            "edited",
            "campaign",
            campaign_id,
            campaign_id=campaign_id,
            summary=f"{SETTING_WORDS[name]} set to {value}",
        )
        uow.commit()
