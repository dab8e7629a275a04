"""Files the exports write: readable by their owner only, never over an existing file.

Bundles and spreadsheets hold people's stories and contact details, so they
are created with mode 0600, and an existing file (perhaps someone's only
copy of their notes) is never overwritten: the user deletes it or picks
another name. A file half-written when something fails is removed.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from listening_tui.errors import InvalidInput, ListeningError, OutputExists
from listening_tui.paths import make_private_folders


def refuse_existing(path: Path) -> None:
    """Refuse, with a sentence, to write over ``path``."""
    if path.exists() or path.is_symlink():
        raise OutputExists(
            f"{path} already exists and is not overwritten: delete it first, "
            "or give another file name"
        )


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) readable by the owner only, if it is missing."""
    if folder.exists() and not folder.is_dir():
        raise InvalidInput(f"{folder} is a file, not a folder: give a folder to write into")
    try:
        make_private_folders(folder)
    except OSError as exc:
        raise InvalidInput(f"Can't create the folder {folder}: {exc.strerror}") from None


def missing_folders(path: Path) -> list[Path]:
    """The folders above ``path`` that writing it would create, deepest first."""
    missing = []
    folder = path.parent
    while not (folder.exists() or folder.is_symlink()) and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def remove_written(files: Iterable[Path], folders: Iterable[Path] = ()) -> None:
    """Take back what an export wrote: its files, then the folders it created, if left empty."""
    for path in files:
        with suppress(OSError):
            path.unlink(missing_ok=True)
    for folder in folders:
        with suppress(OSError):
            folder.rmdir()


@contextmanager
def private_text_file(path: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """A new UTF-8 text file at ``path``, mode 0600; removed again if writing fails."""
    refuse_existing(path)
    make_folder(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, stat.S_IRUSR | stat.S_IWUSR)
    except FileExistsError:
        refuse_existing(path)
        raise
    except OSError as exc:
        raise InvalidInput(f"Can't create {path}: {exc.strerror}") from None
    handle = open(fd, "w", encoding="utf-8", newline=newline)  # noqa: SIM115 (closed below)
    try:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
    except OSError as exc:
        _discard(handle, path)
        raise ListeningError(
            f"Writing {path} failed ({exc.strerror or exc}), so it was removed again: "
            "check there is space and try again"
        ) from None
    except BaseException:
        _discard(handle, path)
        raise
    os.chmod(path, 0o600)


def _discard(handle: TextIO, path: Path) -> None:
    with suppress(OSError):
        handle.close()
    path.unlink(missing_ok=True)
