"""Write a bundle as indented UTF-8 JSON, one session at a time.

The file looks like ``json.dumps(bundle, indent=2, ensure_ascii=False)``
would make it, but sessions are streamed in, so exporting 50,000 sessions
never holds them all in memory. Keys come in the order spec/bundle.md
lists them, and every key is written, null or [] where there is no value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

import pydantic_core


def to_json(value: Any) -> str:
    """Indented JSON text of one value, as ``json.dumps(value, indent=2, ensure_ascii=False)``
    writes it, made by pydantic's serializer (Python's own is pure Python once indented)."""
    return pydantic_core.to_json(value, indent=2).decode("utf-8")


def write_bundle(
    out: TextIO,
    head: Mapping[str, Any],
    themes: Iterable[str],
    sessions: Iterable[str],
) -> int:
    """Write the top-level keys, then themes and sessions given as JSON text; returns sessions."""
    out.write("{\n")
    for key, value in head.items():
        out.write(f"  {json.dumps(key)}: {_indent(to_json(value), 2)},\n")
    _write_list(out, "themes", themes)
    out.write(",\n")
    count = _write_list(out, "sessions", sessions)
    out.write("\n}\n")
    return count


def _write_list(out: TextIO, key: str, items: Iterable[str]) -> int:
    out.write(f"  {json.dumps(key)}: [")
    count = 0
    for item in items:
        out.write(",\n    " if count else "\n    ")
        out.write(_indent(item, 4))
        count += 1
    out.write("\n  ]" if count else "]")
    return count


def _indent(text: str, spaces: int) -> str:
    # JSON text holds no raw line breaks inside strings, so every "\n" is layout.
    return text.replace("\n", "\n" + " " * spaces)
