"""Ranked paper ballots typed into a spreadsheet: BALLOTS.csv and the --options list.

The file format is spec/voting.md's: one ballot per row, preferences left to
right, empty cells ignored; a first row whose first cell is ``ballot`` is a
header and is skipped; a ballot's number is the line its row starts on (the
header is line 1). Spreadsheets save a UTF-8 byte-order mark; it is dropped.

Decisions where the spec is silent:

- The header's ``ballot`` is matched trimmed and case-folded (``Ballot`` too).
- An empty line between ballots is a blank ballot (a one-column spreadsheet
  writes a blank paper that way); empty lines at the very end of the file are
  not ballots (editors leave them).
- A file with no commas but with semicolons or tabs was saved with the wrong
  separator; it is refused rather than read as one long option name.
- The options file holds one name per line; empty lines are skipped and a name
  given twice is refused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from listening_tui.domain.ranked import (
    BordaResult,
    IrvResult,
    RawBallot,
    count_borda,
    count_irv,
    prepare_ballots,
)
from listening_tui.domain.vote_values import name_key
from listening_tui.errors import UnreadableFile

Method = Literal["borda", "irv"]
"""How ranked ballots are counted."""


def read_text(path: Path) -> str:
    """The file's text, as UTF-8 without a byte-order mark; UnreadableFile if it is not."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(f"{path}: no such file; check its name and folder") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise UnreadableFile(f"{path}: cannot be read (permission denied)") from None
    except OSError as exc:
        raise UnreadableFile(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(
            f"{path}: is UTF-16 text, not UTF-8; save it from the spreadsheet as CSV UTF-8"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFile(
            f"{path}: is not UTF-8 text (line {line}, byte {exc.start + 1}); "
            "save it from the spreadsheet as CSV UTF-8"
        ) from None
    if "\x00" in text:
        raise UnreadableFile(
            f"{path}: is not a CSV text file (it holds NUL bytes); "
            "save it from the spreadsheet as CSV UTF-8"
        )
    return text


def read_ballots(path: Path) -> list[RawBallot]:
    """Every ballot in BALLOTS.csv, numbered by the line its row starts on."""
    text = read_text(path).rstrip()
    if "," not in text and (";" in text or "\t" in text):
        separator = "semicolons" if ";" in text else "tabs"
        raise UnreadableFile(
            f"{path}: its cells are separated by {separator}, not commas; "
            "save it from the spreadsheet as CSV with commas"
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    ballots: list[RawBallot] = []
    start = 1
    try:
        for row in reader:
            if start == 1 and row and name_key(row[0]) == "ballot":
                start = reader.line_num + 1
                continue
            ballots.append(RawBallot(number=start, preferences=tuple(row)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UnreadableFile(
            f"{path}: is not valid CSV at line {reader.line_num} ({exc}); "
            "check the quotes in that row"
        ) from None
    return ballots


def read_options(path: Path) -> list[str]:
    """The option names in an options file, one per line, trimmed; empty lines skipped."""
    names: list[str] = []
    first_line: dict[str, int] = {}
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        name = line.strip()
        if not name:
            continue
        key = name_key(name)
        if key in first_line:
            raise UnreadableFile(
                f'{path}: line {number} names "{name}" again (first on line '
                f"{first_line[key]}); list each option once"
            )
        first_line[key] = number
        names.append(name)
    if not names:
        raise UnreadableFile(f"{path}: holds no option names; write one option per line")
    return names


def tally_file(
    method: Method, ballots_path: Path, options_path: Path | None = None
) -> BordaResult | IrvResult:
    """Count BALLOTS.csv by Borda or instant run-off, checked against an options file if given."""
    options: Sequence[str] | None = read_options(options_path) if options_path else None
    box = prepare_ballots(read_ballots(ballots_path), options)
    return count_borda(box) if method == "borda" else count_irv(box)
