"""The report (services.reports, ``listening-tui report``): safe to send, escaped, no clobbering."""

from __future__ import annotations

import html
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import pytest

from listening_tui.errors import InvalidInput, OutputExists
from listening_tui.services.conclusions import choose_quote, save_conclusion
from listening_tui.services.database import open_database
from listening_tui.services.reports import write_report
from tests.integration.test_cli import assert_one_line_refusal, run
from tests.integration.test_conclusions import PAY, QUOTES, a_session, store
from tests.integration.test_exports import names_and_contacts

SAMPLE = Path(__file__).resolve().parents[2] / "sample.db"


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    target = tmp_path / "sample.db"
    shutil.copyfile(SAMPLE, target)
    return target


def quotes_by_sharing(path: Path) -> dict[str, set[str]]:
    connection = sqlite3.connect(path)
    try:
        found: dict[str, set[str]] = {}
        for text, sharing in connection.execute("SELECT text, sharing FROM quotes"):
            found.setdefault(sharing, set()).add(text)
        return found
    finally:
        connection.close()


@pytest.mark.parametrize("suffix", [".html", ".md"])
def test_sample_report_names_nobody(tmp_path: Path, sample_path: Path, suffix: str) -> None:
    people, attributions = names_and_contacts(sample_path)
    quotes = quotes_by_sharing(sample_path)
    database = open_database(str(sample_path))
    try:
        out = tmp_path / f"report{suffix}"
        written = write_report(database, out)
    finally:
        database.close()
    assert (written.sessions, written.conclusions, written.quotes) == (48, 2, 2)
    text = out.read_text(encoding="utf-8")
    plain = html.unescape(text).replace("\\", "")
    assert len(people) > 100
    folded = plain.casefold()
    assert [name for name in people if name.casefold() in folded] == []
    assert [name for name in attributions if name in plain] == []
    firsts = {name.split()[0] for name in people if name[0].isupper() and " " in name}
    assert [first for first in firsts if f"{first} " in plain or f" {first}" in plain] == []
    assert len(quotes["recorders_only"]) > 5
    assert [q for q in quotes["recorders_only"] if q in plain] == []
    # The sample chose a meeting-only quote for the meeting: it stays out of the report.
    assert "I've stopped putting the heating on" not in plain
    assert "I love this job. I just can't afford to keep doing it." in plain
    assert "Participant 1" in plain
    assert "Pay not keeping up with bills" in plain
    assert ("<svg" in text) == (suffix == ".html")
    assert ("```text" in text) == (suffix == ".md")
    assert out.stat().st_mode & 0o777 == 0o600


def test_report_escapes_and_anonymises_what_the_recorder_wrote(
    database: Any, tmp_path: Path
) -> None:
    campaign = store(
        database,
        [
            a_session(
                1, "2026-10-01", [("Pay <b>now</b>", PAY), ("| pipes *x*", None)], quotes=QUOTES
            ),
            a_session(2, "2026-10-02", [("Pay", PAY)], subgroup="<Drivers>"),
        ],
    )
    save_conclusion(
        database, campaign.id, None, "<script>alert(1)</script> & Gary Whitlock said:\n# no heading"
    )
    save_conclusion(database, campaign.id, PAY, "Leader Person heard it first.")
    for text, _sharing in QUOTES[:2]:
        choose_quote(database, campaign.id, PAY, uuid.UUID(int=1), text, "meeting")
    choose_quote(database, campaign.id, PAY, uuid.UUID(int=1), QUOTES[0][0], "decision_makers")
    page = write_report(database, tmp_path / "r.html", str(campaign.id))
    text = Path(page.path).read_text(encoding="utf-8")
    assert "<script>" not in text
    assert "<b>now" not in text
    assert "<Drivers>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Participant" in text
    assert "Gary" not in text
    assert "Leader Person" not in text
    assert "Listener 1 heard it first." in text
    assert "Sort the pay out." in text
    assert "I cry in the van." not in text
    assert "bully" not in text
    markdown = write_report(database, tmp_path / "r.md", "Depot campaign")
    md = Path(markdown.path).read_text(encoding="utf-8")
    assert "&lt;script&gt;" in md
    assert "\\# no heading" in md
    assert "\\| pipes \\*x\\*" in md
    assert "Gary" not in md
    assert "I cry in the van." not in md
    assert (page.quotes, markdown.quotes, page.conclusions) == (1, 1, 2)


def test_report_refuses_bad_names_and_existing_files(database: Any, tmp_path: Path) -> None:
    store(database, [a_session(1, "2026-10-01", [("Pay", PAY)])])
    with pytest.raises(InvalidInput, match=r"does not end in \.html or \.md"):
        write_report(database, tmp_path / "report.pdf")
    out = tmp_path / "report.md"
    out.write_text("someone's notes")
    with pytest.raises(OutputExists, match="already exists"):
        write_report(database, out)
    assert out.read_text() == "someone's notes"


def test_report_command(tmp_path: Path, sample_path: Path) -> None:
    out = tmp_path / "out" / "report.HTML"
    result = run("report", "--db", str(sample_path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        str(out),
        '48 sessions, 2 conclusions, 2 quotes: "Riverside Council listening campaign 2026"',
    ]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = run("report", "--db", str(sample_path), "--out", str(out))
    assert_one_line_refusal(again, "already exists", "not overwritten")
    wrong = run("report", "--db", str(tmp_path / "never.db"), "--out", str(tmp_path / "r.txt"))
    assert_one_line_refusal(wrong, "r.txt", ".html or .md")
    assert not (tmp_path / "never.db").exists()
    unknown = run(
        "report", "--db", str(sample_path), "--out", str(tmp_path / "r.md"), "--campaign", "Nope"
    )
    assert_one_line_refusal(unknown, 'no campaign "Nope"')
    assert not (tmp_path / "r.md").exists()
