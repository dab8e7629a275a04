"""CSV cells can never be formulas; files start with a BOM and a header."""

from __future__ import annotations

import io

import pytest

from listening_tui.interchange.spreadsheets import BOM, Sheet, cell


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 7700 900123", "'+44 7700 900123"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("Pay = bills", "Pay = bills"),
        ("it's", "it's"),
        (None, ""),
        (True, "yes"),
        (False, "no"),
        (3, "3"),
        (["=a", "b"], "'=a; b"),
    ],
)
def test_cells(value: object, written: str) -> None:
    assert cell(value) == written


def test_sheet_writes_bom_header_and_rows() -> None:
    out = io.StringIO(newline="")
    sheet = Sheet(out, ("a", "b"))
    sheet.write({"a": "=x", "b": "two\nlines"})
    assert out.getvalue() == f'{BOM}a,b\r\n\'=x,"two\nlines"\r\n'
    assert sheet.rows == 1
