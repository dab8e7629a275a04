"""Reading BALLOTS.csv and the --options list (spec/voting.md, "Command line")."""

from __future__ import annotations

from pathlib import Path

import pytest

from listening_tui.errors import ListeningError, UnreadableFile
from listening_tui.interchange.ballots import read_ballots, read_options, tally_file


def write(tmp_path: Path, text: str | bytes, name: str = "ballots.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def numbered(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    return [(b.number, b.preferences) for b in read_ballots(path)]


def test_rows_are_ballots_numbered_by_their_line(tmp_path: Path) -> None:
    path = write(tmp_path, "Parking,Housing\nRent\n")
    assert numbered(path) == [(1, ("Parking", "Housing")), (2, ("Rent",))]


def test_a_header_is_line_one_and_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "ballot,first,second\nParking,Housing\n,Rent,\n")
    assert numbered(path) == [(2, ("Parking", "Housing")), (3, ("", "Rent", ""))]


def test_the_header_word_is_matched_trimmed_and_case_folded(tmp_path: Path) -> None:
    path = write(tmp_path, " Ballot ,1st\nParking\n")
    assert numbered(path) == [(2, ("Parking",))]


def test_only_the_first_row_can_be_a_header(tmp_path: Path) -> None:
    path = write(tmp_path, "Parking\nballot,Rent\n")
    assert numbered(path) == [(1, ("Parking",)), (2, ("ballot", "Rent"))]


def test_a_byte_order_mark_is_dropped_before_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffballot,1\r\nParking,Rent\r\n")
    assert numbered(path) == [(2, ("Parking", "Rent"))]
    no_header = write(tmp_path, "\ufeffParking\n", "b2.csv")
    assert numbered(no_header) == [(1, ("Parking",))]


def test_empty_lines_between_ballots_are_blank_ballots_but_not_at_the_end(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "Parking\n\n,,\nRent\n\n\n  \n")
    assert numbered(path) == [(1, ("Parking",)), (2, ()), (3, ("", "", "")), (4, ("Rent",))]


def test_a_quoted_cell_over_two_lines_numbers_the_ballot_by_its_first_line(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, 'Parking,"Car\nparks"\nRent,"A, B"\n')
    assert numbered(path) == [(1, ("Parking", "Car\nparks")), (3, ("Rent", "A, B"))]


def test_an_empty_file_has_no_ballots(tmp_path: Path) -> None:
    assert numbered(write(tmp_path, "")) == []
    assert numbered(write(tmp_path, "ballot,1,2\n", "header-only.csv")) == []


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"Parking,Caf\xe9\n", "is not UTF-8 text (line 1, byte 12)"),
        ("Parking\n".encode("utf-16"), "is UTF-16 text"),
        (b"PK\x03\x04\x00\x00", "is not a CSV text file"),
        (b'Parking,"Rent\n', "is not valid CSV at line 1"),
        (b'Parking\n"Rent"x,Buses\n', "is not valid CSV at line 2"),
        (b"Parking;Rent\nBuses\n", "separated by semicolons, not commas"),
        (b"Parking\tRent\n", "separated by tabs, not commas"),
    ],
)
def test_a_bad_ballots_file_is_refused_in_one_line_naming_it(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = write(tmp_path, content)
    with pytest.raises(UnreadableFile) as caught:
        read_ballots(path)
    message = caught.value.message
    assert message.startswith(f"{path}: ")
    assert fragment in message
    assert "\n" not in message


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="no such file"):
        read_ballots(tmp_path / "nope.csv")
    with pytest.raises(UnreadableFile, match="is a folder"):
        read_ballots(tmp_path)
    assert issubclass(UnreadableFile, ListeningError)


def test_options_one_per_line_trimmed_empty_lines_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeff Parking \r\n\r\nRent, repairs\nBuses", "options.txt")
    assert read_options(path) == ["Parking", "Rent, repairs", "Buses"]


def test_options_named_twice_or_none_are_refused(tmp_path: Path) -> None:
    twice = write(tmp_path, "Parking\nRent\n parking\n", "options.txt")
    with pytest.raises(UnreadableFile) as caught:
        read_options(twice)
    assert caught.value.message == (
        f'{twice}: line 3 names "parking" again (first on line 1); list each option once'
    )
    empty = write(tmp_path, "\n  \n", "empty.txt")
    with pytest.raises(UnreadableFile, match="holds no option names"):
        read_options(empty)
    with pytest.raises(UnreadableFile, match="is not UTF-8"):
        read_options(write(tmp_path, b"\xff\x00", "bad.txt"))


def test_tally_file_counts_with_the_options_list(tmp_path: Path) -> None:
    ballots = write(tmp_path, "ballot,1,2\nparking,rent\nRent\nBuses,Parking\nRent,rent\n")
    options = write(tmp_path, "Parking\nRent\nSchools\n", "options.txt")
    result = tally_file("borda", ballots, options)
    assert result.model_dump(mode="json") == {
        "method": "borda",
        "ballots": 4,
        "spoiled": [
            {"ballot": 4, "reason": 'names "Buses", which is not on the list of options'},
            {"ballot": 5, "reason": 'names "Rent" twice'},
        ],
        "results": [
            {"rank": 1, "option": "Parking", "points": 2, "first_preferences": 1},
            {"rank": 1, "option": "Rent", "points": 2, "first_preferences": 1},
            {"rank": 3, "option": "Schools", "points": 0, "first_preferences": 0},
        ],
    }
