"""The Export screen's four choices behind one call, and replacing a file the user agreed to.

The exports never write over an existing file (``OutputExists``). When the
user has seen that refusal and confirmed, ``replace=True`` writes the new
export under a hidden name next to the old one and only then moves it into
place, so a failed export leaves the old file exactly as it was.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Literal

from listening_tui.db.engine import Database
from listening_tui.errors import InvalidInput
from listening_tui.interchange.files import make_folder, missing_folders, remove_written
from listening_tui.interchange.results import BundleExport, ContactList, CsvExport
from listening_tui.services import exports
from listening_tui.services.exports import CSV_FILES, Progress

ExportKind = Literal["bundle", "anonymised", "csv", "contacts"]
"""Full bundle, anonymised bundle, CSV folder, contact list."""

EXPORT_KINDS: tuple[ExportKind, ...] = ("bundle", "anonymised", "csv", "contacts")

Exported = BundleExport | CsvExport | ContactList
"""What an export hands back: where it went and what it holds."""


def suggested_path(kind: ExportKind, campaign_name: str, today: date, folder: str = "~") -> str:
    """A file (or, for CSV, folder) name to offer: the campaign's name, the day and the kind."""
    slug = re.sub(r"[^\w]+", "-", campaign_name.casefold())[:50].strip("-") or "campaign"
    stem = f"{folder.rstrip(os.sep)}{os.sep}{slug}-{today.isoformat()}"
    return {
        "bundle": f"{stem}.json",
        "anonymised": f"{stem}-anonymised.json",
        "csv": f"{stem}-csv{os.sep}",
        "contacts": f"{stem}-contacts.csv",
    }[kind]


def export_campaign(
    database: Database,
    kind: ExportKind,
    out: Path,
    campaign: str,
    *,
    replace: bool = False,
    progress: Progress | None = None,
    passphrase: str | None = None,
) -> Exported:
    """Write one export of ``campaign`` (its id or name) to ``out``.

    ``passphrase`` seals a bundle (full or anonymised); the other kinds refuse it.

    Without ``replace`` an existing file is refused (``OutputExists``) as on
    the command line; with it, the existing file is replaced only once the new
    one is complete.
    """
    out = out.expanduser().absolute()
    if passphrase is not None and kind not in ("bundle", "anonymised"):
        raise InvalidInput("Only a bundle can be sealed with a passphrase; spreadsheets can't")
    if kind == "csv":
        if replace:
            return _csv_replacing(database, out, campaign, progress)
        return exports.export_csv(database, out, campaign, progress=progress)

    def write(target: Path) -> BundleExport | ContactList:
        if kind == "contacts":
            return exports.export_contacts(database, target, campaign)
        anonymise = kind == "anonymised"
        return exports.export_bundle(
            database,
            target,
            campaign,
            anonymise=anonymise,
            progress=progress,
            passphrase=passphrase,
        )

    if not replace:
        return write(out)
    return _replacing(out, write)


def _hidden_sibling(path: Path) -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")


def _replacing(
    out: Path, write: Callable[[Path], BundleExport | ContactList]
) -> BundleExport | ContactList:
    if out.is_dir():
        raise InvalidInput(f"{out} is a folder: give a file name to write")
    partial = _hidden_sibling(out)
    try:
        written = write(partial)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return written.model_copy(update={"path": str(out)})


def _csv_replacing(
    database: Database, folder: Path, campaign: str, progress: Progress | None
) -> CsvExport:
    created = missing_folders(folder / CSV_FILES[0])
    make_folder(folder)
    partial = _hidden_sibling(folder)
    moved = False
    try:
        written = exports.export_csv(database, partial, campaign, progress=progress)
        for name in CSV_FILES:
            os.replace(partial / name, folder / name)
        moved = True
    finally:
        for name in CSV_FILES:
            (partial / name).unlink(missing_ok=True)
        with suppress(OSError):
            partial.rmdir()
        if not moved:
            remove_written([], created)
    return written.model_copy(update={"paths": [str(folder / name) for name in CSV_FILES]})
