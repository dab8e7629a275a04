"""A one-line path input that completes file and folder names as you type (Tab or →).

The completion is a pure function of the file system (``complete_path``), so it
is tested without the app; the Input shows it greyed after the cursor through
Textual's ``Suggester``, and Tab takes it (or moves on when there is none).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.suggester import Suggester
from textual.widgets import Input

LISTED_AT_MOST = 2_000
"""A folder is read no further than this many entries when completing in it."""

Wanted = Callable[[Path], bool]
"""Which files may complete a path (folders always may)."""


def any_file(_path: Path) -> bool:
    """Every file completes."""
    return True


def json_file(path: Path) -> bool:
    """Only bundle-like files complete: names ending in .json."""
    return path.name.casefold().endswith(".json")


def expand(value: str) -> Path:
    """The path a user typed, with ``~`` expanded."""
    return Path(value.strip()).expanduser()


def complete_path(value: str, wanted: Wanted = any_file) -> str | None:
    """``value`` completed as far as the names in its folder agree, or None.

    The text typed so far is kept as it is (``~/Doc`` becomes ``~/Documents/``);
    a folder gets a trailing slash so the next Tab goes on inside it. Hidden
    names complete only once a dot is typed.
    """
    if not value:
        return None
    if value == "~":
        return "~" + os.sep
    head, slash, prefix = value.rpartition(os.sep)
    folder = expand(head + slash) if slash else Path(".")
    names: list[tuple[str, bool]] = []
    try:
        with os.scandir(folder) as entries:
            for n, entry in enumerate(entries):
                if n >= LISTED_AT_MOST:
                    break
                if not entry.name.startswith(prefix):
                    continue
                if entry.name.startswith(".") and not prefix.startswith("."):
                    continue
                try:
                    is_folder = entry.is_dir()
                except OSError:
                    continue
                if is_folder or wanted(Path(entry.path)):
                    names.append((entry.name, is_folder))
    except OSError:
        return None
    if not names:
        return None
    if len(names) == 1:
        name, is_folder = names[0]
        completed = head + slash + name + (os.sep if is_folder else "")
    else:
        completed = head + slash + _common_start([name for name, _ in names])
    return completed if len(completed) > len(value) else None


def _common_start(names: list[str]) -> str:
    """The longest text every name starts with (names, not paths: compared letter by letter)."""
    first, last = min(names), max(names)
    length = 0
    while length < len(first) and first[length] == last[length]:
        length += 1
    return first[:length]


class PathSuggester(Suggester):
    """Suggests the completion of the path typed so far (case-sensitive, never cached:
    files come and go while the screen is open)."""

    def __init__(self, wanted: Wanted = any_file) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.wanted = wanted

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value, self.wanted)


class PathInput(Input):
    """An Input for a file or folder name: the completion shows greyed; Tab or → takes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "tab",
            "complete",
            "Complete",
            id="path_input.complete",
            tooltip="Complete the file or folder name (moves on when there is nothing to add)",
            show=False,
        ),
    ]

    def __init__(
        self,
        value: str = "",
        *,
        wanted: Wanted = any_file,
        placeholder: str = "",
        id: str | None = None,
    ) -> None:
        super().__init__(value, placeholder=placeholder, suggester=PathSuggester(wanted), id=id)
        self.wanted = wanted

    def action_complete(self) -> None:
        """Take the completion, or go to the next field when there is none."""
        completed = complete_path(self.value, self.wanted) if self.cursor_at_end else None
        if completed is None:
            self.screen.focus_next()
            return
        self.value = completed
        self.cursor_position = len(completed)
