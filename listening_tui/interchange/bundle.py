"""The bundle file (spec/bundle.md, format version 1): its model, and reading one safely.

Reading goes straight from bytes to models with pydantic's JSON parser, so a
bundle of 50,000 sessions never exists twice in memory as dicts and models.
Every refusal is an InvalidInput whose message is ``path: what was expected``
for the first bad value; the caller puts the file name in front.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import StrictBool, StrictInt, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from listening_tui.domain.forms import Campaign, FormModel, ListeningSession, Theme, Timestamp
from listening_tui.domain.validation import invalid_input
from listening_tui.errors import InvalidInput
from listening_tui.interchange.sealed import is_sealed, open_sealed

FORMAT = "listening-tui/bundle"
"""The ``format`` value every bundle carries."""

VERSION = 1
"""The bundle format version this program reads and writes."""

_BOM = codecs.BOM_UTF8


def _rule(message: str) -> PydanticCustomError:
    return PydanticCustomError("listening_rule", message)


class Bundle(FormModel):
    """A whole bundle file: a campaign, its themes and sessions."""

    format: str
    """Always ``listening-tui/bundle``: tells a bundle from any other JSON file."""
    version: StrictInt
    """The format version; 1 here. A newer one is refused, never half-read."""
    exported_at: Timestamp
    anonymised: StrictBool = False
    """True when names were replaced by pseudonyms and contacts dropped."""
    campaign: Campaign
    themes: list[Theme]
    sessions: list[ListeningSession]

    @field_validator("format")
    @classmethod
    def _is_a_bundle(cls, value: str) -> str:
        if value != FORMAT:
            raise _rule(f'expected "{FORMAT}" (this is not a listening-tui bundle)')
        return value

    @field_validator("version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value > VERSION:
            raise _rule(
                f"this bundle was made by a newer version of listening-tui (format version "
                f"{value}; this one reads version {VERSION}): upgrade listening-tui to import it"
            )
        if value != VERSION:
            raise _rule(f"expected {VERSION}")
        return value


def read_bundle(path: Path, *, today: date, passphrase: str | None = None) -> Bundle:
    """Read and validate a bundle file; dates may not be after ``today``.

    A sealed bundle (interchange.sealed) is opened with ``passphrase`` first.
    """
    raw = _read_sealed(path, passphrase) if is_sealed(path) else _read_bytes(path)
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    if not raw.strip():
        raise InvalidInput("the file is empty: expected a listening-tui bundle (JSON)")
    try:
        bundle = Bundle.model_validate_json(raw, context={"today": today})
    except ValidationError as exc:
        # The JSON parser refuses any byte that is not UTF-8, so a file that parsed is
        # UTF-8: only a refused one is decoded again, to say where and what to do.
        _check_utf8(raw)
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            raise InvalidInput(_json_problem(str(first["ctx"]["error"]))) from None
        raise invalid_input(exc) from None
    check_bundle(bundle)
    return bundle


def _read_sealed(path: Path, passphrase: str | None) -> bytes:
    """The verified bundle bytes of a sealed bundle.

    As bytes, not the decryption's bytearray: pydantic copies a bytearray while it
    parses, so the copy is made here, before parsing, and the buffer let go at once.
    """
    try:
        plain = open_sealed(path, passphrase)
    except PermissionError:
        raise InvalidInput("you don't have permission to read this file") from None
    except OSError as exc:
        raise InvalidInput(f"the file can't be read ({exc.strerror})") from None
    try:
        return bytes(plain)
    finally:
        del plain[:]


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput("there is no such file: check the name and folder") from None
    except IsADirectoryError:
        raise InvalidInput("this is a folder: give a bundle file (.json)") from None
    except PermissionError:
        raise InvalidInput("you don't have permission to read this file") from None
    except OSError as exc:
        raise InvalidInput(f"the file can't be read ({exc.strerror})") from None


def _check_utf8(raw: bytes) -> None:
    try:
        codecs.decode(raw, "utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InvalidInput(
            f"line {line}, column {column}: the file is not UTF-8 text (byte "
            f"0x{raw[exc.start]:02X}): save it again as UTF-8"
        ) from None


_JSON_AT = re.compile(r"^(?P<what>.*?) at line (?P<line>\d+) column (?P<column>\d+)$")
_PLAIN = {
    "expected ident": "a word that is not true, false or null; is text missing its quotes?",
    "expected value": "expected a value",
}
"""The JSON parser's terser complaints, in plainer words."""


def _json_problem(error: str) -> str:
    """One line for broken JSON: where it broke, and whether the file looks cut short."""
    found = _JSON_AT.match(error)
    if found is None:
        return f"the file is not valid JSON ({error})"
    what, line, column = found["what"], found["line"], found["column"]
    what = _PLAIN.get(what, what)
    if what.startswith("EOF while parsing"):
        return (
            f"line {line}, column {column}: the file ends in the middle of the JSON "
            f"({what}): it was probably cut short while copying; copy or export it again"
        )
    return f"line {line}, column {column}: the file is not valid JSON ({what})"


def check_bundle(bundle: Bundle) -> None:
    """The rules that span entries: unique ids and theme names, issues' themes in the bundle.

    A theme id that is neither in the bundle nor in the target database is
    refused by the importer, which alone can see the database.
    """
    problem = next(_cross_problems(bundle), None)
    if problem is not None:
        path, message = problem
        raise InvalidInput(f"{path}: {message}", [problem])


def _cross_problems(bundle: Bundle) -> Iterator[tuple[str, str]]:
    theme_ids: dict[int, int] = {}
    theme_names: dict[str, int] = {}
    for n, theme in enumerate(bundle.themes):
        if theme.id.int in theme_ids:
            where = f"themes[{theme_ids[theme.id.int]}]"
            yield f"themes[{n}].id", _twice("theme id", theme.id, where)
        theme_ids.setdefault(theme.id.int, n)
        key = theme.name.casefold()
        if key in theme_names:
            yield (
                f"themes[{n}].name",
                f'the theme name "{theme.name}" is already used by themes[{theme_names[key]}] '
                "(names are unique ignoring case)",
            )
        theme_names.setdefault(key, n)
    # Keyed by the ids' integers: hashing a UUID object runs Python code, an int's does not.
    session_ids: dict[int, int] = {}
    issue_ids: dict[int, str] = {}
    for n, session in enumerate(bundle.sessions):
        number = session.id.int
        if number in session_ids:
            where = f"sessions[{session_ids[number]}]"
            yield f"sessions[{n}].id", _twice("session id", session.id, where)
        session_ids.setdefault(number, n)
        for m, issue in enumerate(session.issues):
            number = issue.id.int
            if number in issue_ids:
                where = issue_ids[number]
                yield f"sessions[{n}].issues[{m}].id", _twice("issue id", issue.id, where)
            issue_ids.setdefault(number, f"sessions[{n}].issues[{m}]")


def _twice(what: str, value: Any, where: str) -> str:
    return f"the {what} {value} is used twice in this bundle (also at {where}); ids must be unique"
