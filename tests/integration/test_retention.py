"""Contact retention: contacts past their campaign's period are listed, then expired."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from listening_tui.db.engine import Database
from listening_tui.db.retention import add_months
from listening_tui.db.tables import ErasureRow, IntervieweeRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.errors import InvalidInput
from listening_tui.services.imports import import_bundle
from listening_tui.services.privacy import (
    contacts_due,
    expire_contacts,
    retention_months,
    set_retention_months,
)

# The example's sessions are held on 2026-11-03, 2026-11-05 and 2026-11-06; Gary's
# contact (07700 900123) was given on 2026-11-03.


def load(database: Database, tmp_path: Path, bundle: dict[str, Any]) -> uuid.UUID:
    (tmp_path / "b.json").write_text(json.dumps(bundle), encoding="utf-8")
    import_bundle(database, tmp_path / "b.json")
    newer = json.loads(json.dumps(bundle))
    newer["sessions"][0]["updated_at"] = "2026-11-21T09:00:00+00:00"
    newer["sessions"][0]["leader"] = "Amina (edited later)"
    (tmp_path / "n.json").write_text(json.dumps(newer), encoding="utf-8")
    import_bundle(database, tmp_path / "n.json")  # keeps a revision holding the contact
    return uuid.UUID(bundle["campaign"]["id"])


def test_add_months_keeps_the_day_or_the_months_last() -> None:
    assert add_months(date(2026, 11, 3), 12) == date(2027, 11, 3)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 3, 15), -3) == date(2025, 12, 15)


def test_the_period_defaults_to_12_months_and_is_checked(
    database: Database, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    campaign_id = load(database, tmp_path, example_bundle)
    assert retention_months(database, campaign_id) == 12
    set_retention_months(database, campaign_id, 6)
    assert retention_months(database, campaign_id) == 6
    for wrong in (0, 121):
        with pytest.raises(InvalidInput):
            set_retention_months(database, campaign_id, wrong)


def test_contacts_are_listed_within_30_days_and_expired_once_past(
    database: Database, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    campaign_id = load(database, tmp_path, example_bundle)
    assert contacts_due(database, today=date(2027, 10, 3)).due == []  # 31 days before

    soon = contacts_due(database, today=date(2027, 10, 10)).due
    assert [(d.name, d.contact, d.expired) for d in soon] == [
        ("Gary Whitlock", "07700 900123", False)
    ]
    assert soon[0].expires_on == date(2027, 11, 3)
    nothing = expire_contacts(database, today=date(2027, 10, 10))
    assert nothing.expired_counts["interviewees"] == 0

    done = expire_contacts(database, today=date(2027, 11, 3))
    assert done.expired_counts == {"interviewees": 1, "references": 0, "revisions": 1}
    with UnitOfWork(database, write=False) as uow:
        gary = uow.session.scalars(
            select(IntervieweeRow).where(IntervieweeRow.name == "Gary Whitlock")
        ).one()
        assert gary.contact is None
        assert gary.consent_to_contact  # the consent given stays on record
        history = uow.revisions.of_session(uuid.UUID(example_bundle["sessions"][0]["id"]))
        log = uow.session.scalars(select(ErasureRow)).one()
        assert (log.kind, log.campaign_id, log.counts) == (
            "retention",
            campaign_id,
            {"contacts": 1},
        )
    assert history
    assert all(person["contact"] is None for r in history for person in r.content["interviewees"])
    assert contacts_due(database, today=date(2027, 11, 3)).due == []


def test_a_shorter_period_brings_the_expiry_forward(
    database: Database, tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    campaign_id = load(database, tmp_path, example_bundle)
    set_retention_months(database, campaign_id, 1)
    due = contacts_due(database, today=date(2026, 12, 3)).due
    assert [(d.expires_on, d.expired) for d in due] == [(date(2026, 12, 3), True)]
