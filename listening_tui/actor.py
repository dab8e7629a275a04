"""Who is acting, for the audit log: light on purpose (the app asks before its first query).

The app asks for a name once when it starts, prefilled from LISTENING_TUI_USER or the
name given last time (kept in the user's config folder, never in a campaign database).
The command line never asks: ``--as NAME``, else LISTENING_TUI_USER, else the login name.
"""

from __future__ import annotations

import getpass
import os
import stat
from pathlib import Path

from listening_tui.paths import ENV_PREFIX, config_dir, make_private_folders

ACTOR_ENV = ENV_PREFIX + "USER"
"""The environment variable that names who is acting (the app then does not ask)."""
NAME_FILE = "user-name"
UNKNOWN = "unknown"
NAME_MAX = 200


def clean(name: str | None) -> str:
    """One line, spaces collapsed, at most 200 characters ("" for none)."""
    return " ".join((name or "").split())[:NAME_MAX]


def from_environment() -> str:
    """LISTENING_TUI_USER, cleaned ("" when unset)."""
    return clean(os.environ.get(ACTOR_ENV))


def cli_actor(given: str | None = None) -> str:
    """The command line's actor: --as, else LISTENING_TUI_USER, else the login name."""
    for candidate in (clean(given), from_environment()):
        if candidate:
            return candidate
    try:
        return clean(getpass.getuser()) or UNKNOWN
    except (OSError, KeyError, ImportError):
        return UNKNOWN


def name_file(folder: Path | None = None) -> Path:
    """Where the app keeps the name given last time."""
    return (folder or config_dir()) / NAME_FILE


def remembered_name(folder: Path | None = None) -> str:
    """The name given last time in the app ("" if none or unreadable)."""
    try:
        return clean(name_file(folder).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""


def remember_name(name: str, folder: Path | None = None) -> None:
    """Keep ``name`` for next time (mode 0600 in a 0700 folder); failure is not an error."""
    path = name_file(folder)
    try:
        make_private_folders(path.parent)
        fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR)
        with open(fd, "w", encoding="utf-8") as handle:
            handle.write(clean(name) + "\n")
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    except OSError:
        pass
