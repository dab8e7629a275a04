"""Reading a bundle file: the model, and one clear line for every kind of broken file."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from listening_tui.errors import InvalidInput
from listening_tui.interchange.bundle import read_bundle
from listening_tui.interchange.writer import write_bundle
from tests.conftest import EXAMPLE_BUNDLE

TODAY = date(2026, 11, 22)


def refusal(path: Path, today: date = TODAY) -> str:
    with pytest.raises(InvalidInput) as caught:
        read_bundle(path, today=today)
    return caught.value.message


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_example_reads(example_bundle: dict[str, Any]) -> None:
    bundle = read_bundle(EXAMPLE_BUNDLE, today=TODAY)
    assert bundle.version == 1
    assert bundle.anonymised is False
    assert [str(s.id) for s in bundle.sessions] == [s["id"] for s in example_bundle["sessions"]]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE_BUNDLE.read_bytes())
    assert len(read_bundle(path, today=TODAY).sessions) == 3


def test_dates_are_checked_against_the_day_of_import() -> None:
    assert "sessions[2].held_on: The date can't be in the future" in refusal(
        EXAMPLE_BUNDLE, today=date(2026, 11, 5)
    )


def test_a_newer_version_is_named_before_anything_else(
    tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    newer = {"shiny": True, **copy.deepcopy(example_bundle), "version": 7}
    newer["sessions"][0]["kind"] = "walk_and_talk"
    message = refusal(write(tmp_path, newer))
    assert message.startswith("version: this bundle was made by a newer version")
    assert "format version 7" in message


def test_the_first_bad_value_is_the_one_named(
    tmp_path: Path, example_bundle: dict[str, Any]
) -> None:
    broken = copy.deepcopy(example_bundle)
    broken["sessions"][1]["issues"][0]["key_issue"] = "Y"
    broken["sessions"][2]["kind"] = "walk"
    assert refusal(write(tmp_path, broken)) == (
        "sessions[1].issues[0].key_issue: expected one of yes, no, dont_know"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "the file is empty"),
        (b'{"format": ', "line 1, column 11: the file ends in the middle of the JSON"),
        (b'{\n  "format" "x"\n}', "line 2, column 12: the file is not valid JSON"),
        (b'{"format": "caf\xe9"}', "line 1, column 16: the file is not UTF-8 text (byte 0xE9)"),
        (b"\n\n  nonsense", "line 3, column 4: the file is not valid JSON (a word that is not"),
        (b"42", "expected an object"),
    ],
)
def test_broken_files_get_one_clear_line(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(raw)
    message = refusal(path)
    assert message.startswith(expected), message
    assert "\n" not in message


def test_files_that_are_not_there(tmp_path: Path) -> None:
    assert "no such file" in refusal(tmp_path / "missing.json")
    assert "is a folder" in refusal(tmp_path)


def test_the_writer_writes_what_json_dumps_would(example_bundle: dict[str, Any]) -> None:
    import io

    head = {k: example_bundle[k] for k in ("format", "version", "exported_at", "anonymised")}
    head["campaign"] = example_bundle["campaign"]
    out = io.StringIO()

    def as_text(items: list[Any]) -> list[str]:
        return [json.dumps(item, indent=2, ensure_ascii=False) for item in items]

    count = write_bundle(
        out, head, as_text(example_bundle["themes"]), as_text(example_bundle["sessions"])
    )
    assert count == 3
    assert out.getvalue() == json.dumps(example_bundle, indent=2, ensure_ascii=False) + "\n"
    empty = io.StringIO()
    write_bundle(empty, head, [], [])
    assert json.loads(empty.getvalue())["sessions"] == []
    assert '"themes": [],\n  "sessions": []\n}' in empty.getvalue()
