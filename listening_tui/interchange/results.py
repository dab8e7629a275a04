"""What imports and exports hand back to the CLI and the app: counts, paths, never rows."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, ConfigDict


class Result(BaseModel):
    """Base of interchange results: frozen values."""

    model_config = ConfigDict(frozen=True)


class ImportReport(Result):
    """What importing one bundle file did (spec/bundle.md, import semantics).

    Every session of the bundle is counted once as added, unchanged or a
    conflict; ``sessions_updated`` counts the conflicts the bundle won.
    """

    file: str
    campaign_id: UUID
    campaign_name: str
    """The name in this database (an existing campaign's name is never overwritten)."""
    campaign_created: bool
    sessions_added: int
    sessions_unchanged: int
    """Identical to the stored session, or a version the history already keeps."""
    sessions_updated: int
    """Stored sessions replaced by the bundle's later version (the old one is in the history)."""
    conflicts: int
    """Sessions whose content differed: the later ``updated_at`` was kept, the other went
    to the history. Includes ``sessions_updated``."""
    themes_added: int
    themes_reused: int
    """Themes already here by id, or by the same name ignoring case (their issues follow)."""

    def summary(self) -> str:
        """One line for the command line."""
        return (
            f"{self.file}: {self.sessions_added} added, {self.sessions_unchanged} unchanged, "
            f"{self.sessions_updated} updated, {self.conflicts} conflicts; themes: "
            f"{self.themes_added} added, {self.themes_reused} reused "
            f'(campaign "{self.campaign_name}"{", new" if self.campaign_created else ""})'
        )


class BundleExport(Result):
    """A bundle file written by ``listening-tui export``."""

    path: str
    campaign_id: UUID
    campaign_name: str
    anonymised: bool
    sessions: int
    themes: int
    quotes_left_out: int
    """Quotes for recorders only, which an anonymised bundle never carries."""
    sealed: bool = False
    """True when the bundle is encrypted with a passphrase (interchange.sealed)."""


class CsvExport(Result):
    """The spreadsheet files written by ``listening-tui export --format csv``."""

    paths: list[str]
    sessions: int
    issues: int
    quotes: int
    people: int
    ranked_groups: int
    """Rows of ranking.csv: issue groups in ranked order."""


class ContactList(Result):
    """The contact list written by ``listening-tui contacts``."""

    path: str
    people: int
