"""The core runs without the UI: importing it never loads Textual (STYLE rule 1)."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "listening_tui.domain.forms",
    "listening_tui.domain.validation",
    "listening_tui.domain.summaries",
    "listening_tui.domain.voting",
    "listening_tui.db.engine",
    "listening_tui.db.repositories",
    "listening_tui.db.unit_of_work",
    "listening_tui.db.migrate",
    "listening_tui.services.database",
    "listening_tui.services.campaigns",
    "listening_tui.services.sessions",
    "listening_tui.services.themes",
    "listening_tui.services.sample",
    "listening_tui.services.imports",
    "listening_tui.services.exports",
    "listening_tui.services.export_choices",
    "listening_tui.domain.session_fields",
    "listening_tui.db.people",
    "listening_tui.interchange",
    "listening_tui.interchange.ballots",
    "listening_tui.interchange.bundle",
    "listening_tui.interchange.anonymise",
    "listening_tui.interchange.spreadsheets",
    "listening_tui.cli",
]


def loaded_after(modules: list[str]) -> set[str]:
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules)
    code += "print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    return set(out.split())


def test_core_imports_without_textual() -> None:
    loaded = loaded_after(CORE)
    assert "listening_tui.services.sessions" in loaded
    assert not any(name == "textual" or name.startswith("textual.") for name in loaded)


def test_domain_imports_without_sqlalchemy() -> None:
    loaded = loaded_after(
        [
            "listening_tui.domain.forms",
            "listening_tui.domain.validation",
            "listening_tui.domain.voting",
            "listening_tui.interchange.bundle",
            "listening_tui.interchange.anonymise",
            "listening_tui.interchange.spreadsheets",
            "listening_tui.interchange.writer",
        ]
    )
    assert "pydantic" in loaded
    assert "sqlalchemy" not in loaded


def test_cli_entry_point_is_light() -> None:
    """--help and --version must not wait for SQLAlchemy, Alembic or Textual."""
    loaded = loaded_after(["listening_tui.cli", "listening_tui.db.targets"])
    for heavy in ("sqlalchemy", "alembic", "textual", "pydantic"):
        assert heavy not in loaded, heavy
