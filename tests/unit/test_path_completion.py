"""Path completion for the Import and Export screens' inputs, on a real folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from listening_tui.tui.widgets.path_input import complete_path, json_file


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("branch-north.json", "branch-south.json", "notes.txt", ".hidden.json"):
        (tmp_path / name).write_text("{}")
    (tmp_path / "exports").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_completes_as_far_as_the_names_agree(folder: Path) -> None:
    assert complete_path(f"{folder}/br") == f"{folder}/branch-"
    assert complete_path(f"{folder}/branch-n") == f"{folder}/branch-north.json"
    assert complete_path(f"{folder}/branch-") is None  # nothing more to add


def test_a_folder_gets_a_slash_and_relative_paths_work(folder: Path) -> None:
    assert complete_path("exp") == f"exports{os.sep}"
    assert complete_path("no", json_file) is None  # notes.txt is not a bundle
    assert complete_path("no") == "notes.txt"


def test_hidden_names_only_after_a_dot_and_home_is_kept(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert complete_path(".h") == ".hidden.json"
    monkeypatch.setenv("HOME", str(folder))
    assert complete_path("~/branch-s") == "~/branch-south.json"
    assert complete_path("~") == "~/"


def test_a_missing_folder_completes_nothing(folder: Path) -> None:
    assert complete_path(f"{folder}/nowhere/x") is None
    assert complete_path("") is None
