"""Write the corpus of broken bundles: each file is the example bundle with one defect.

Run ``python tests/data/make_broken_bundles.py``. It writes tests/data/broken/ and
``broken-expected.json``, which maps each file to the fragments its refusal must contain:
the JSON path of the bad value (or line and column for broken JSON) and a
word of what was expected. The three "*_here" files are refused only
because the database already holds the example bundle, as the test sets up.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent
HERE = DATA / "broken"
EXAMPLE = json.loads((DATA / "example-bundle.json").read_text(encoding="utf-8"))
OTHER_CAMPAIGN = "0f0e8a53-3f0c-4b0e-9a53-1d2c6f1c9e01"

Edit = Callable[[dict[str, Any]], None]
CORPUS: dict[str, tuple[Edit, list[str]]] = {}
RAW: dict[str, tuple[bytes, list[str]]] = {}


def case(name: str, *expected: str) -> Callable[[Edit], Edit]:
    def register(edit: Edit) -> Edit:
        CORPUS[name] = (edit, list(expected))
        return edit

    return register


def text() -> str:
    return json.dumps(EXAMPLE, indent=2, ensure_ascii=False)


RAW["bad_json_missing_comma.json"] = (
    text().replace('"version": 1,', '"version": 1', 1).encode(),
    ["line 4, column 3", "not valid JSON"],
)
RAW["truncated.json"] = (text()[:2500].encode(), ["ends in the middle", "line"])
RAW["empty.json"] = (b"", ["empty"])
RAW["only_whitespace.json"] = (b"  \n\t\n", ["empty"])
RAW["not_utf8.json"] = (
    text().replace("Gary Whitlock", "Gary Whitlöck").encode("latin-1"),
    ["not UTF-8", "line 46, column 30"],
)
RAW["trailing_comma.json"] = (
    text().replace('"Home care"\n', '"Home care",\n', 1).encode(),
    ["not valid JSON", "line"],
)
RAW["lone_surrogate.json"] = (
    text().replace("Amina Yusuf", "Amina \\ud800Yusuf", 1).encode(),
    ["not valid JSON", "line 38, column 30"],
)
RAW["top_level_array.json"] = (b"[]", ["expected an object"])
RAW["raw_control_character.json"] = (
    text().replace("Depot toilets broken", "Depot\x07toilets broken").encode(),
    ["not valid JSON", "line"],
)


@case("wrong_format.json", "format:", "listening-tui/bundle")
def _(b: dict[str, Any]) -> None:
    b["format"] = "listening-tui/backup"


@case("version_2.json", "version:", "made by a newer version")
def _(b: dict[str, Any]) -> None:
    b["version"] = 2
    b["sessions"][0]["mood"] = "new in version 2"


@case("version_0.json", "version:", "expected 1")
def _(b: dict[str, Any]) -> None:
    b["version"] = 0


@case("version_as_text.json", "version:", "whole number")
def _(b: dict[str, Any]) -> None:
    b["version"] = "1"


@case("missing_version.json", "version:", "required")
def _(b: dict[str, Any]) -> None:
    del b["version"]


@case("unknown_top_level_key.json", "exported_by:", "unknown key")
def _(b: dict[str, Any]) -> None:
    b["exported_by"] = "Amina"


@case("unknown_session_key.json", "sessions[1].mood:", "unknown key")
def _(b: dict[str, Any]) -> None:
    b["sessions"][1]["mood"] = "angry"


@case("unknown_issue_key.json", "sessions[0].issues[1].priority:", "unknown key")
def _(b: dict[str, Any]) -> None:
    b["sessions"][0]["issues"][1]["priority"] = 2


@case("unknown_reflection_key.json", "sessions[0].reflections.mooved:", "unknown key")
def _(b: dict[str, Any]) -> None:
    b["sessions"][0]["reflections"]["mooved"] = b["sessions"][0]["reflections"].pop("moved")


@case("bad_session_uuid.json", "sessions[2].id:", "UUID")
def _(b: dict[str, Any]) -> None:
    b["sessions"][2]["id"] = "91e527c4-6a33-5919-b01c-beb945c5f43"


@case("bad_theme_id_in_issue.json", "sessions[1].issues[0].theme_id:", "UUID")
def _(b: dict[str, Any]) -> None:
    b["sessions"][1]["issues"][0]["theme_id"] = "pay"


@case("seven_issues.json", "sessions[0].issues:", "at most six")
def _(b: dict[str, Any]) -> None:
    issues = b["sessions"][0]["issues"]
    for n in range(4):
        issues.append(
            {**issues[0], "id": f"00000000-0000-4000-8000-00000000000{n}", "text": f"x{n}"}
        )


@case("no_issues.json", "sessions[1].issues:", "at least one")
def _(b: dict[str, Any]) -> None:
    b["sessions"][1]["issues"] = []


@case("future_date.json", "sessions[2].held_on:", "future")
def _(b: dict[str, Any]) -> None:
    b["sessions"][2]["held_on"] = "2099-01-01"


@case("held_on_with_time.json", "sessions[0].held_on:", "date")
def _(b: dict[str, Any]) -> None:
    b["sessions"][0]["held_on"] = "2026-11-03T10:00:00"


@case("held_on_day_first.json", "sessions[0].held_on:", "YYYY-MM-DD")
def _(b: dict[str, Any]) -> None:
    b["sessions"][0]["held_on"] = "03/11/2026"


@case("group_of_one.json", "sessions[1].participant_count:", "at least 2")
def _(b: dict[str, Any]) -> None:
    b["sessions"][1]["participant_count"] = 1


@case("one_to_one_of_two.json", "sessions[0].participant_count:", "exactly 1")
def _(b: dict[str, Any]) -> None:
    b["sessions"][0]["participant_count"] = 2


@case("participant_count_as_text.json", "sessions[2].participant_count:", "whole number")
def _(b: dict[str, Any]) -> None:
    b["sessions"][2]["participant_count"] = "5"


@case("contact_without_consent.json", "sessions[2].interviewees[0]", "consent")
def _(b: dict[str, Any]) -> None:
    b["sessions"][2]["interviewees"][0]["contact"] = "priya@example.org"


@case("theme_id_nowhere.json", "sessions[2].issues[1].theme_id:", "theme")
def _(b: dict[str, Any]) -> None:
    b["sessions"][2]["issues"][1]["theme_id"] = "5b1f3c1e-8d8e-4a57-9a0c-3a3c7f9c1d2e"


@case("control_character.json", "sessions[1].issues[2].text:", "control character")
def _(b: dict[str, Any]) -> None:
    b["sessions"][1]["issues"][2]["text"] = "Depot\u0007toilets broken"


@case("duplicate_session_id.json", "sessions[2].id:", "used twice")
def _(b: dict[str, Any]) -> None:
    b["sessions"][2]["id"] = b["sessions"][0]["id"]


@case("duplicate_theme_id.json", "themes[1].id:", "used twice")
def _(b: dict[str, Any]) -> None:
    b["themes"][1]["id"] = b["themes"][0]["id"]


@case("duplicate_theme_name.json", "themes[1].name:", "ignoring case")
def _(b: dict[str, Any]) -> None:
    b["themes"][1]["name"] = "PAY not keeping up with bills"


@case("duplicate_issue_id.json", "sessions[1].issues[0].id:", "used twice")
def _(b: dict[str, Any]) -> None:
    b["sessions"][1]["issues"][0]["id"] = b["sessions"][0]["issues"][0]["id"]


@case(
    "bad_key_issue.json", "sessions[2].issues[0].key_issue:", "expected one of yes, no, dont_know"
)
def _(b: dict[str, Any]) -> None:
    b["sessions"][2]["issues"][0]["key_issue"] = "maybe"


@case("bad_sharing.json", "sessions[1].quotes[0].sharing:", "expected one of")
def _(b: dict[str, Any]) -> None:
    b["sessions"][1]["quotes"][0]["sharing"] = "everyone"


@case("bad_kind.json", "sessions[0].kind:", "one_to_one, group")
def _(b: dict[str, Any]) -> None:
    b["sessions"][0]["kind"] = "one-to-one"


@case("updated_before_created.json", "sessions[2].updated_at:", "created")
def _(b: dict[str, Any]) -> None:
    b["sessions"][2]["updated_at"] = "2026-11-06T17:00:00+00:00"


@case("timestamp_without_offset.json", "sessions[0].created_at:", "offset")
def _(b: dict[str, Any]) -> None:
    b["sessions"][0]["created_at"] = "2026-11-03T19:05:00"


@case("exported_at_missing.json", "exported_at:", "required")
def _(b: dict[str, Any]) -> None:
    del b["exported_at"]


@case("missing_leader.json", "sessions[1].leader:", "required")
def _(b: dict[str, Any]) -> None:
    del b["sessions"][1]["leader"]


@case("blank_leader.json", "sessions[0].leader:", "can't be empty")
def _(b: dict[str, Any]) -> None:
    b["sessions"][0]["leader"] = "   "


@case("leader_too_long.json", "sessions[0].leader:", "too long")
def _(b: dict[str, Any]) -> None:
    b["sessions"][0]["leader"] = "A" * 201


@case("issue_text_too_long.json", "sessions[0].issues[2].text:", "too long")
def _(b: dict[str, Any]) -> None:
    b["sessions"][0]["issues"][2]["text"] = "é" * 501


@case("missing_campaign_name.json", "campaign.name:", "required")
def _(b: dict[str, Any]) -> None:
    del b["campaign"]["name"]


@case("sessions_not_a_list.json", "sessions:", "list")
def _(b: dict[str, Any]) -> None:
    b["sessions"] = {"0": b["sessions"][0]}


@case("anonymised_as_text.json", "anonymised:", "true or false")
def _(b: dict[str, Any]) -> None:
    b["anonymised"] = "no"


@case("interviewee_without_name.json", "sessions[0].interviewees[0].name:", "required")
def _(b: dict[str, Any]) -> None:
    del b["sessions"][0]["interviewees"][0]["name"]


@case("session_of_another_campaign_here.json", "sessions[0].id:", "another campaign")
def _(b: dict[str, Any]) -> None:
    b["campaign"]["id"] = OTHER_CAMPAIGN
    b["themes"] = []
    for session in b["sessions"]:
        for issue in session["issues"]:
            issue["theme_id"] = None


@case("theme_of_another_campaign_here.json", "themes[1].id:", "another campaign")
def _(b: dict[str, Any]) -> None:
    b["campaign"]["id"] = OTHER_CAMPAIGN
    b["themes"][0]["id"] = "6a1c55e2-5d3f-4f7b-8a32-0c6c2b8e4f10"
    b["sessions"] = []


@case("issue_of_another_session_here.json", "sessions[0].issues[0].id:", "another session")
def _(b: dict[str, Any]) -> None:
    b["sessions"] = [b["sessions"][0]]
    b["sessions"][0]["id"] = "3f2b0b8e-7a7c-4c4e-9a0b-6b7d2e9f0a11"


def main() -> None:
    expected: dict[str, list[str]] = {}
    HERE.mkdir(exist_ok=True)
    for old in HERE.glob("*.json"):
        old.unlink()
    for name, (raw, fragments) in RAW.items():
        (HERE / name).write_bytes(raw)
        expected[name] = fragments
    for name, (edit, fragments) in CORPUS.items():
        bundle = copy.deepcopy(EXAMPLE)
        edit(bundle)
        (HERE / name).write_text(json.dumps(bundle, indent=2, ensure_ascii=False), "utf-8")
        expected[name] = fragments
    (DATA / "broken-expected.json").write_text(json.dumps(expected, indent=2) + "\n", "utf-8")
    print(f"{len(expected)} broken bundles in {HERE}")


if __name__ == "__main__":
    main()
