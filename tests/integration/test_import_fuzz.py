"""Fuzzing bundle import: random mutations of valid bundles are imported or refused, never a crash.

Hypothesis mutates the spec's example bundle (values replaced by random JSON,
keys deleted or added, list items duplicated, bytes flipped or cut). Each
mutant is either imported, or refused with a ListeningError (the CLI's exit
status 2) and the database left exactly as it was. Any other exception is a
crash and fails the test.
"""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from listening_tui.cli import main
from listening_tui.db.engine import Database
from listening_tui.db.tables import (
    CampaignRow,
    IssueRow,
    QuoteRow,
    RevisionRow,
    SessionRow,
    SubgroupRow,
    ThemeRow,
)
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.errors import ListeningError
from listening_tui.services.database import open_database
from listening_tui.services.imports import import_bundle

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30)
    | st.sampled_from(["", "yes", "group", "one_to_one", "2026-11-01", str(uuid.uuid4())]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*here, index))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


@st.composite
def mutants(draw: st.DrawFn, base: dict[str, Any]) -> bytes:
    doc = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(_paths(doc)[1:]))
        parent, last = _parent(doc, path), path[-1]
        operation = draw(st.sampled_from(["replace", "delete", "duplicate", "add_key"]))
        if operation == "replace":
            parent[last] = draw(JSON)
        elif operation == "delete":
            del parent[last]
        elif operation == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif operation == "add_key" and isinstance(parent[last], dict):
            parent[last][draw(st.text(min_size=1, max_size=8))] = draw(JSON)
    raw = json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8")
    damage = draw(st.sampled_from(["none", "none", "flip", "cut"]))
    if damage == "flip" and raw:
        at = draw(st.integers(min_value=0, max_value=len(raw) - 1))
        raw = raw[:at] + bytes([draw(st.integers(min_value=0, max_value=255))]) + raw[at + 1 :]
    elif damage == "cut":
        raw = raw[: draw(st.integers(min_value=0, max_value=len(raw)))]
    return raw


def _fingerprint(database: Database) -> tuple[int, ...]:
    with UnitOfWork(database, write=False) as uow:
        return tuple(
            int(uow.session.scalar(statement) or 0)
            for statement in (
                select(func.count()).select_from(CampaignRow),
                select(func.count()).select_from(ThemeRow),
                select(func.count()).select_from(SubgroupRow),
                select(func.count()).select_from(SessionRow),
                select(func.coalesce(func.sum(SessionRow.version), 0)),
                select(func.count()).select_from(IssueRow),
                select(func.count()).select_from(QuoteRow),
                select(func.count()).select_from(RevisionRow),
            )
        )


@pytest.fixture(scope="module")
def base_bundle() -> dict[str, Any]:
    path = Path(__file__).parent.parent / "data" / "example-bundle.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory: pytest.TempPathFactory) -> Any:
    database = open_database(str(tmp_path_factory.mktemp("fuzz") / "fuzz.db"))
    yield database
    database.close()


def test_thousands_of_mutants_are_imported_or_refused_cleanly(
    fuzz_db: Database, base_bundle: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("mutants")
    outcomes = {"imported": 0, "refused": 0}

    @settings(
        max_examples=2000,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(raw=mutants(base_bundle))
    def one(raw: bytes) -> None:
        path = folder / "mutant.json"
        path.write_bytes(raw)
        before = _fingerprint(fuzz_db)
        refusal: str | None = None
        try:
            import_bundle(fuzz_db, path)
        except ListeningError as exc:
            refusal = exc.message
        if refusal is None:
            outcomes["imported"] += 1
            return
        assert refusal.strip()
        assert _fingerprint(fuzz_db) == before
        outcomes["refused"] += 1

    one()
    assert outcomes["refused"] > 100  # the mutations really break bundles
    assert outcomes["imported"] > 10  # and some still pass every rule


def test_the_command_line_exits_0_or_2_never_1(
    base_bundle: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("cli-mutants")
    db = str(folder / "cli.db")
    statuses: list[int] = []

    @settings(max_examples=150, deadline=None, database=None)
    @given(raw=mutants(base_bundle))
    def one(raw: bytes) -> None:
        path = folder / "mutant.json"
        path.write_bytes(raw)
        status = main(["--db", db, "import", str(path)])
        assert status in (0, 2)
        statuses.append(status)

    one()
    assert set(statuses) == {0, 2}
