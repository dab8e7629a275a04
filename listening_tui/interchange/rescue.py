"""Rescue files: a form the database could not take, kept on disk so nothing typed is lost.

A form that passes every rule is written as a one-session bundle
(spec/bundle.md), which ``listening-tui import`` and the app read back like
any other. A form still being written (a draft that does not pass yet) is
written with its fields exactly as typed, to come back as a draft. Files
are mode 0600 in the data folder's ``rescue`` folder, and never overwritten.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from listening_tui.domain.drafts import DraftContent, to_session_form
from listening_tui.domain.forms import Campaign, ListeningSession
from listening_tui.errors import InvalidInput, ListeningError
from listening_tui.interchange.bundle import FORMAT, VERSION
from listening_tui.interchange.files import private_text_file

DRAFT_FORMAT = "listening-tui/draft-rescue"
"""The ``format`` of a rescued draft (a form not complete enough for a bundle)."""


class RescuedDraft(BaseModel):
    """A form as typed, with the campaign and stored version it belongs to."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["listening-tui/draft-rescue"] = "listening-tui/draft-rescue"
    written_at: datetime
    campaign_id: uuid.UUID
    campaign_name: str
    draft_id: uuid.UUID
    base_version: int | None
    content: DraftContent


def write_rescue(
    folder: Path,
    campaign: Campaign,
    draft_id: uuid.UUID,
    content: DraftContent,
    base_version: int | None,
    *,
    now: datetime | None = None,
) -> Path:
    """Write the form to a new file in ``folder``: a bundle if it is complete, else a draft."""
    moment = now or datetime.now(UTC)
    try:
        form = to_session_form(content)
    except InvalidInput:
        form = None
    if form is not None:
        session = ListeningSession(**form.model_dump(), created_at=moment, updated_at=moment)
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": moment.isoformat(timespec="seconds"),
            "anonymised": False,
            "campaign": campaign.model_dump(mode="json"),
            "themes": [],
            "sessions": [session.model_dump(mode="json")],
        }
        kind = "session"
    else:
        data = RescuedDraft(
            written_at=moment,
            campaign_id=campaign.id,
            campaign_name=campaign.name,
            draft_id=draft_id,
            base_version=base_version,
            content=content,
        ).model_dump(mode="json")
        kind = "draft"
    stamp = moment.strftime("%Y%m%dT%H%M%S")
    path = folder / f"rescued-{kind}-{stamp}-{content.session_id.hex[:8]}.json"
    try:
        with private_text_file(path) as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
    except ListeningError as exc:
        raise ListeningError(
            f"Neither the database nor the rescue folder {folder} could take the form "
            f"({exc.message}). Do not close the form: copy what you typed somewhere safe"
        ) from None
    return path


def read_rescued_draft(path: Path) -> RescuedDraft | None:
    """The rescued draft in ``path``, or None when the file is a bundle (or not a rescue)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != DRAFT_FORMAT:
        return None
    return RescuedDraft.model_validate(data)
