"""Every failure a user can meet is a ListeningError with a sentence they can act on.

The app shows ``message`` in a notification or modal; the CLI prints it as one
line on standard error and exits with status 2.
"""

from __future__ import annotations


class ListeningError(Exception):
    """A failure explained in words a listener understands."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        """The sentence shown to the user: what was wrong and what to do."""

    def __str__(self) -> str:
        return self.message


class InvalidInput(ListeningError):
    """Something the user typed or a file held breaks a rule of the form or bundle."""

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.problems: list[tuple[str, str]] = problems or []
        """Every problem as (field path, message), first one first."""


class DatabaseOpenError(ListeningError):
    """The database named by --db, LISTENING_TUI_DB or the default cannot be opened."""


class DatabaseError(ListeningError):
    """The database refused or failed an operation after it was opened."""


class NotFound(ListeningError):
    """A campaign, session or theme that was asked for does not exist."""


class AmbiguousChoice(ListeningError):
    """A name matches more than one thing, or a choice must be made explicit."""


class OutputExists(ListeningError):
    """A file the command would write already exists and is not overwritten."""


class UnreadableFile(ListeningError):
    """A file named by the user is missing, unreadable, or not in the format it should be."""


class EditConflict(ListeningError):
    """Someone else saved the session after this edit began; the edit was kept, not written over."""

    def __init__(self, message: str, current_version: int) -> None:
        super().__init__(message)
        self.current_version = current_version
        """The stored version now: saving again on top of it is a deliberate choice."""


class Rescued(ListeningError):
    """The database failed, so what was typed went to a rescue file instead."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path
        """The rescue file, offered back when the app next starts."""


class SharingRefused(ListeningError):
    """A quote's sharing level does not allow what was asked (spec/bundle.md, quotes)."""


class ClockWrong(ListeningError):
    """The computer's clock is far behind: what is saved now would carry wrong times."""


class PassphraseNeeded(ListeningError):
    """An encrypted database or a sealed bundle was met and no passphrase was given."""


class WrongPassphrase(ListeningError):
    """The passphrase given does not open the encrypted database or sealed bundle."""


class TamperedFile(ListeningError):
    """A sealed bundle was changed or damaged after it was sealed; nothing of it is used."""
