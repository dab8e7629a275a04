"""The Eraser's rules on a revision's and a draft's JSON (no database)."""

from __future__ import annotations

from listening_tui.db.erasure import FORGOTTEN, Eraser


def revision() -> dict[str, object]:
    return {
        "kind": "one_to_one",
        "leader": "Amina Yusuf",
        "interviewees": [
            {"name": "gary  whitlock", "contact": "07700 900123", "consent_to_contact": True}
        ],
        "quotes": [
            {"text": "Nobody pays me.", "attribution": None, "sharing": "meeting"},
            {"text": "Call 07700900123.", "attribution": "Gary Whitlock", "sharing": "meeting"},
        ],
        "reflections": {"notes": "Gary coaches; met via Gary Whitlock.", "moved": None},
        "references": [{"name": "Lorraine", "contact": None, "why": "Gary's shift lead"}],
    }


def test_names_contacts_and_texts_are_replaced() -> None:
    eraser = Eraser(["Gary Whitlock"], ["07700 900123"], delete_quotes=False)
    out = eraser.content(revision(), None)
    person = out["interviewees"][0]
    assert person == {"name": FORGOTTEN, "contact": None, "consent_to_contact": False}
    assert out["leader"] == "Amina Yusuf"
    assert out["quotes"][1] == {
        "text": "Call [contact removed].",
        "attribution": None,
        "sharing": "meeting",
    }
    assert out["reflections"]["notes"] == f"{FORGOTTEN} coaches; met via {FORGOTTEN}."
    assert out["references"][0]["why"] == f"{FORGOTTEN}'s shift lead"


def test_delete_quotes_takes_a_one_to_ones_unattributed_quotes() -> None:
    out = Eraser(["Gary Whitlock"], [], delete_quotes=True).content(revision(), None)
    assert out["quotes"] == []
    group = {**revision(), "kind": "group"}
    kept = Eraser(["Gary Whitlock"], [], delete_quotes=True).content(group, None)
    assert [q["text"] for q in kept["quotes"]] == ["Nobody pays me."]


def test_someone_else_is_left_alone() -> None:
    eraser = Eraser(["Gary Whitlock"], [], delete_quotes=True)
    other = {
        "kind": "group",
        "interviewees": [{"name": "Gary Smith", "contact": "x@y.org"}],
        "reflections": {"notes": "Gary Smith and Gary spoke."},
    }
    assert eraser.content(other, None) == other
