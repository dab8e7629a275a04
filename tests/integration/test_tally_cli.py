"""``listening-tui tally`` run as a real process on CSV files (spec/voting.md, spec/cli.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

IRV_BALLOTS = (
    "\ufeffballot,1st,2nd,3rd\n"  # line 1: header, as a spreadsheet saves it (with a BOM)
    + "A,,\n" * 4  # lines 2-5
    + "B,C,\n" * 3  # lines 6-8
    + "c,b,\n" * 2  # lines 9-10: the same options, shown as first written (C, B)
    + "D,C,\n" * 2  # lines 11-12
    + "D,,\n"  # line 13
    + ",,\n"  # line 14: blank
    + "A, a ,\n"  # line 15: spoiled
)


def tally(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "listening_tui", "tally", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        stdin=subprocess.DEVNULL,
    )


def json_of(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def refused(result: subprocess.CompletedProcess[str], *fragments: str) -> str:
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("listening-tui: ")
    for fragment in fragments:
        assert fragment in lines[0]
    return lines[0]


@pytest.fixture
def irv_file(tmp_path: Path) -> Path:
    path = tmp_path / "ballots.csv"
    path.write_text(IRV_BALLOTS, encoding="utf-8")
    return path


def test_irv_json_round_by_round(irv_file: Path) -> None:
    out = json_of(tally("--method", "irv", str(irv_file), "--format", "json"))
    assert list(out) == ["method", "ballots", "spoiled", "winner", "rounds"]
    assert out["method"] == "irv"
    assert out["ballots"] == 14
    assert out["spoiled"] == [{"ballot": 15, "reason": 'names "A" twice'}]
    assert out["winner"] == "B"
    # Round 1: A 4, B 3, D 3, C 2 (+ the blank, exhausted) -> C out; c,b goes to B.
    # Round 2: B 5, A 4, D 3 -> D out; D,C and D have no one left.
    # Round 3: B holds 5 of the 9 ballots left.
    assert out["rounds"] == [
        {"counts": {"A": 4, "B": 3, "D": 3, "C": 2}, "eliminated": "C", "exhausted": 1},
        {"counts": {"B": 5, "A": 4, "D": 3}, "eliminated": "D", "exhausted": 1},
        {"counts": {"B": 5, "A": 4}, "eliminated": None, "exhausted": 4},
    ]
    for counted in out["rounds"]:
        assert list(counted) == ["counts", "eliminated", "exhausted"]


def test_borda_json_with_an_options_file(irv_file: Path, tmp_path: Path) -> None:
    options = tmp_path / "options.txt"
    options.write_text("A\nB\nC\nD\nEveryone's favourite\n", encoding="utf-8")
    out = json_of(
        tally("--method", "borda", str(irv_file), "--options", str(options), "--format", "json")
    )
    assert list(out) == ["method", "ballots", "spoiled", "results"]
    assert out["method"] == "borda"
    assert out["ballots"] == 14
    assert out["spoiled"] == [{"ballot": 15, "reason": 'names "A" twice'}]
    # A: 4 x 1 = 4.  B: B,C 3 x 2 + c,b 2 x 1 = 8.  C: 3 x 1 + 2 x 2 + D,C 2 x 1 = 9.
    # D: D,C 2 x 2 + D 1 = 5.  Names are spelled as on the options list.
    assert out["results"] == [
        {"rank": 1, "option": "C", "points": 9, "first_preferences": 2},
        {"rank": 2, "option": "B", "points": 8, "first_preferences": 3},
        {"rank": 3, "option": "D", "points": 5, "first_preferences": 3},
        {"rank": 4, "option": "A", "points": 4, "first_preferences": 4},
        {"rank": 5, "option": "Everyone's favourite", "points": 0, "first_preferences": 0},
    ]


def test_an_option_off_the_list_spoils_the_ballot(tmp_path: Path) -> None:
    ballots = tmp_path / "b.csv"
    ballots.write_text("Parking,Rent\nParkin\nRent\n", encoding="utf-8")
    options = tmp_path / "o.txt"
    options.write_text("Parking\nRent\n", encoding="utf-8")
    out = json_of(
        tally("--method", "irv", str(ballots), "--options", str(options), "--format", "json")
    )
    assert out["spoiled"] == [
        {"ballot": 2, "reason": 'names "Parkin", which is not on the list of options'}
    ]
    assert out["rounds"][0]["counts"] == {"Parking": 1, "Rent": 1}
    assert out["rounds"][0]["eliminated"] == "Rent"  # tie on 1, only one round: the name
    assert out["winner"] == "Parking"


def test_irv_table_reads_round_by_round(irv_file: Path) -> None:
    result = tally("--method", "irv", str(irv_file))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "14 ballots read: 13 counted (1 blank), 1 spoiled." in text
    assert "Round 1: 12 ballots continuing; a winner needs 7." in text
    assert "Round 3: 9 ballots continuing; a winner needs 5." in text
    assert "Eliminated: C" in text
    assert "Eliminated: D" in text
    assert "Winner: B, with 5 of 9 continuing ballots in round 3." in text
    assert 'ballot 15: names "A" twice' in text
    assert text.index("Round 1") < text.index("Round 2") < text.index("Round 3")


def test_irv_table_explains_a_tie_break(tmp_path: Path) -> None:
    ballots = tmp_path / "b.csv"
    ballots.write_text("A,B\nB,A\n", encoding="utf-8")
    text = tally("--method", "irv", str(ballots)).stdout
    assert "(tie: A and B tied on 1; B comes last by name, so it is eliminated)" in text
    assert "the last two options tied" in text


def test_borda_table_is_the_default_format(irv_file: Path) -> None:
    result = tally("--method", "borda", str(irv_file))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Rank"))
    assert lines[header].split() == ["Rank", "Option", "Points", "First", "preferences"]
    assert [line.split() for line in lines[header + 1 : header + 5]] == [
        ["1", "C", "9", "2"],
        ["2", "B", "8", "3"],
        ["3", "D", "5", "3"],
        ["4", "A", "4", "4"],
    ]


def test_tally_accepts_db_and_does_not_open_it(irv_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "never" / "made.db"
    out = json_of(tally("--method", "irv", str(irv_file), "--format", "json", "--db", str(target)))
    assert out["winner"] == "B"
    assert not target.parent.exists()


def test_a_missing_ballots_file_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    refused(tally("--method", "borda", str(missing)), str(missing), "no such file")


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("Caf\xe9,Parking\n".encode("latin-1"))
    refused(tally("--method", "irv", str(path)), str(path), "is not UTF-8 text")


def test_a_file_that_is_not_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_text('Parking,"Rent\n', encoding="utf-8")
    refused(tally("--method", "irv", str(path)), str(path), "is not valid CSV")


def test_a_bad_options_file_is_refused(irv_file: Path, tmp_path: Path) -> None:
    options = tmp_path / "options.txt"
    options.write_text("A\nB\na\n", encoding="utf-8")
    refused(
        tally("--method", "irv", str(irv_file), "--options", str(options)),
        str(options),
        'line 3 names "a" again',
    )
    refused(
        tally("--method", "irv", str(irv_file), "--options", str(tmp_path / "gone.txt")),
        "gone.txt",
        "no such file",
    )


def test_bad_arguments_are_refused(irv_file: Path) -> None:
    refused(tally("--method", "condorcet", str(irv_file)), "--method", "condorcet")
    refused(tally(str(irv_file)), "--method")
    refused(tally("--method", "irv"), "BALLOTS.csv")
    refused(tally("--method", "irv", str(irv_file), "--format", "csv"), "--format")


def test_help_lists_tally() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "listening_tui", "--help"], capture_output=True, text=True
    )
    assert "tally" in result.stdout
