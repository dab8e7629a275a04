"""Every kind of file the app and the CLI write is readable by its owner only (issue 8).

Written under a permissive umask (022), so a file that relied on the umask
instead of asking for 0600 (and a folder for 0700) shows up here.
"""

from __future__ import annotations

import os
import shutil
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from listening_tui.actor import name_file, remember_name
from listening_tui.cli import main
from listening_tui.domain.drafts import DraftContent
from listening_tui.services.campaigns import get_campaign, list_campaigns
from listening_tui.services.database import open_database
from listening_tui.services.rescue import rescue_form
from tests.conftest import EXAMPLE_BUNDLE

MIGRATIONS = Path(__file__).resolve().parents[1] / "data" / "migrations"


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_written_is_private(
    tmp_path: Path,
    permissive_umask: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("LISTENING_TUI_PASSPHRASE", "correct horse battery staple")
    out = tmp_path / "out"
    out.mkdir(mode=0o755)
    db = str(out / "new" / "campaign.db")
    made = out / "made" / "deeper"
    commands = [
        ["sample", "--out", str(out / "sample.db")],
        ["--db", db, "import", str(EXAMPLE_BUNDLE)],
        ["--db", db, "export", "--out", str(made / "bundle.json")],
        ["--db", db, "export", "--anonymise", "--out", str(made / "anon.json")],
        ["--db", db, "export", "--encrypt", "--out", str(made / "sealed.json")],
        ["--db", db, "export", "--format", "csv", "--out", str(made / "csv")],
        ["--db", db, "contacts", "--out", str(made / "contacts.csv")],
        ["--db", db, "report", "--out", str(made / "report.html")],
        ["--db", db, "report", "--out", str(made / "report.md")],
        ["--db", db, "backup", "--out", str(made / "backup.db")],
        ["--db", db, "encrypt", "--out", str(made / "encrypted.db")],
        ["--db", db, "audit", "--out", str(made / "audit.csv")],
    ]
    for command in commands:
        assert main(command) == 0, (command, capsys.readouterr().err)
    # A database at an older migration is copied beside itself before it is upgraded.
    old = out / "old" / "at-0008.db"
    old.parent.mkdir(mode=0o700)
    shutil.copyfile(MIGRATIONS / "at-0008.db", old)
    old.chmod(0o600)
    database = open_database(str(old))
    campaign = get_campaign(database, list_campaigns(database)[0].id)
    database.close()
    (upgrade_backup,) = old.parent.glob("at-0008.before-upgrade-*")
    rescue = rescue_form(campaign, uuid.uuid4(), DraftContent(kind="group"), None)
    remember_name("Test Runner")

    files = [
        out / "sample.db",
        Path(db),
        *(made / name for name in ("bundle.json", "anon.json", "sealed.json")),
        *sorted((made / "csv").iterdir()),
        made / "contacts.csv",
        made / "report.html",
        made / "report.md",
        made / "backup.db",
        made / "encrypted.db",
        made / "audit.csv",
        upgrade_backup,
        rescue,
        name_file(),
    ]
    assert len(files) == 19
    assert {str(path): oct(mode(path)) for path in files} == {
        str(path): oct(0o600) for path in files
    }
    folders = [
        Path(db).parent,
        out / "made",
        made,
        made / "csv",
        rescue.parent,
        rescue.parent.parent,
        name_file().parent,
    ]
    assert {str(path): oct(mode(path)) for path in folders} == {
        str(path): oct(0o700) for path in folders
    }
