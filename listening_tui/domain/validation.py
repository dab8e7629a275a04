"""Turn pydantic's validation errors into messages a listener understands.

Paths are written the way spec/bundle.md shows them
(``sessions[3].issues[0].key_issue``) and each message says what was expected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from listening_tui.errors import InvalidInput

ModelT = TypeVar("ModelT", bound=BaseModel)

_EXPECTED: Mapping[str, str] = {
    "missing": "this is required",
    "extra_forbidden": "unknown key (check its spelling)",
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected an object",
    "model_type": "expected an object",
    "model_attributes_type": "expected an object",
    "uuid_type": "expected a UUID",
    "uuid_parsing": "expected a UUID",
    "date_type": "expected a date, YYYY-MM-DD",
    "date_parsing": "expected a date, YYYY-MM-DD",
    "date_from_datetime_parsing": "expected a date, YYYY-MM-DD",
    "date_from_datetime_inexact": "expected a date without a time, YYYY-MM-DD",
    "datetime_type": "expected a date-time with offset, like 2026-11-03T19:05:00+00:00",
    "datetime_parsing": "expected a date-time with offset, like 2026-11-03T19:05:00+00:00",
    "datetime_from_date_parsing": (
        "expected a date-time with offset, like 2026-11-03T19:05:00+00:00"
    ),
    "timezone_aware": "expected a date-time with offset, like 2026-11-03T19:05:00+00:00",
}


def format_path(loc: Sequence[int | str]) -> str:
    """``("sessions", 3, "issues", 0, "key_issue")`` -> ``sessions[3].issues[0].key_issue``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        return "expected one of " + ", ".join(c for c in choices if c)
    if kind == "listening_rule":
        return str(error["msg"])
    return _EXPECTED.get(kind, str(error["msg"]))


def problems_of(exc: ValidationError) -> list[tuple[str, str]]:
    """Every problem as (path, message), in pydantic's order (the first bad value first)."""
    found: list[tuple[str, str]] = []
    for error in exc.errors():
        loc = [p for p in error["loc"] if not _is_union_tag(p)]
        found.append((format_path(loc), _message(error)))
    return found


def _is_union_tag(part: int | str) -> bool:
    # pydantic adds the union member's name ("str", "literal['yes','no']") to a location.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "none"})


def invalid_input(exc: ValidationError, prefix: str = "") -> InvalidInput:
    """An InvalidInput whose message names the first bad value and what was expected."""
    problems = problems_of(exc)
    if prefix:
        problems = [(f"{prefix}.{p}" if p else prefix, m) for p, m in problems]
    path, message = problems[0] if problems else ("", "invalid value")
    text = f"{path}: {message}" if path else message
    return InvalidInput(text, problems)


def validate(model: type[ModelT], data: Any, *, today: date | None = None) -> ModelT:
    """Validate ``data`` as ``model``, raising InvalidInput with our messages."""
    try:
        return model.model_validate(data, context={"today": today} if today else None)
    except ValidationError as exc:
        raise invalid_input(exc) from None
