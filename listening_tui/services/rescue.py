"""Rescue files: write one when the database fails, and bring them back when it works again."""

from __future__ import annotations

import uuid
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from listening_tui.db.engine import Database
from listening_tui.domain.drafts import DraftContent
from listening_tui.domain.forms import Campaign
from listening_tui.errors import ListeningError
from listening_tui.interchange.rescue import read_rescued_draft, write_rescue


class BroughtBack(BaseModel):
    """What became of one rescue file."""

    model_config = ConfigDict(frozen=True)

    file: str
    outcome: str
    """A sentence: restored as a session or a draft, or why not."""
    done: bool


def rescue_folder() -> Path:
    """The data folder's rescue folder."""
    from listening_tui.paths import rescue_dir

    return rescue_dir()


def rescue_form(
    campaign: Campaign,
    draft_id: uuid.UUID,
    content: DraftContent,
    base_version: int | None,
    folder: Path | None = None,
) -> Path:
    """Write the form to a rescue file (no database needed); returns its path."""
    return write_rescue(folder or rescue_folder(), campaign, draft_id, content, base_version)


def pending_rescues(folder: Path | None = None) -> list[Path]:
    """Rescue files not brought back yet, oldest first."""
    where = folder or rescue_folder()
    if not where.is_dir():
        return []
    return sorted(where.glob("rescued-*.json"))


def bring_back(database: Database, path: Path) -> BroughtBack:
    """Import a rescued session, or store a rescued draft; the file then moves to ``imported``."""
    from listening_tui.services.drafts import save_draft
    from listening_tui.services.imports import import_bundle

    try:
        draft = read_rescued_draft(path)
        if draft is not None:
            save_draft(
                database,
                draft.campaign_id,
                draft.draft_id,
                draft.content,
                base_version=draft.base_version,
            )
            outcome = f"{path.name}: back as a draft in {draft.campaign_name}"
        else:
            report = import_bundle(database, path, shown=path.name)
            outcome = (
                f"{path.name}: session saved"
                if report.sessions_added or report.sessions_updated
                else f"{path.name}: already saved"
            )
            if report.conflicts:
                outcome += " (the other version is kept in its history)"
    except ListeningError as exc:
        return BroughtBack(file=path.name, outcome=f"{path.name}: {exc.message}", done=False)
    done_folder = path.parent / "imported"
    done_folder.mkdir(mode=0o700, exist_ok=True)
    path.rename(done_folder / path.name)
    return BroughtBack(file=path.name, outcome=outcome, done=True)
