"""The session form, driven from the keyboard: typed, checked, saved, and never losing a word."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from listening_tui.services import drafts, sessions
from listening_tui.services.campaigns import list_campaigns
from listening_tui.services.database import open_database
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.screens.form import SessionFormScreen
from listening_tui.tui.screens.start import StartScreen
from tests.tui.waiting import settle


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


async def open_form(pilot: Pilot[None], key: str) -> SessionFormScreen:
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SessionFormScreen)
    return screen


def newest_session(db_path: Path):  # type: ignore[no-untyped-def]
    database = open_database(str(db_path))
    try:
        (campaign,) = list_campaigns(database)
        listed = sessions.list_sessions(database, campaign.id)
        newest = max(listed, key=lambda s: s.updated_at)
        return sessions.get_session(database, newest.id).session, len(listed)
    finally:
        database.close()


async def test_type_and_save_a_complete_one_to_one(sample_copy: Path) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot, "o")
        assert form.query_one("#leader", Input).has_focus
        await type_text(pilot, "Ana")  # replaces the offered last leader
        await pilot.press("tab")
        await type_text(pilot, "Bo")
        await pilot.press("tab")
        await type_text(pilot, "2026-11-20")
        await pilot.press("tab", "tab")  # keep the community
        await type_text(pilot, "Lib")
        await pilot.press("right")  # accept the suggestion "Libraries"
        await pilot.press("tab")
        await type_text(pilot, "Cy")
        await pilot.press("tab")
        await type_text(pilot, "07700")
        await pilot.press("tab", "space")  # consent
        await pilot.press("tab", "enter")  # member status: the first, "Member"
        await pilot.press("tab")
        await type_text(pilot, "FC, PTA")
        await pilot.press("tab")
        await type_text(pilot, "Pay")
        await pilot.press("tab", "y")
        await pilot.press("ctrl+n")
        await type_text(pilot, "Rota")
        await pilot.press("tab", "n")
        await pilot.press("tab", "enter")  # "+ Add key issue" makes a third row
        await type_text(pilot, "Bus")
        await pilot.press("tab", "tab", "tab")  # toggle (stays Don't know), add-issue button
        await pilot.press("enter")  # "+ Add quote"
        await type_text(pilot, "We cope")
        await pilot.press("tab")
        await type_text(pilot, "driver")
        await pilot.press("tab", "tab", "tab")  # sharing, add-quote button, moved
        await type_text(pilot, "Yes")
        await pilot.press("tab", "enter")  # decision makers: Yes
        await pilot.press("tab", "right", "enter")  # would act: No
        await pilot.press("tab", "right", "right", "right", "enter")  # difference: A lot
        await pilot.press("tab")
        await type_text(pilot, "Keen")
        await pilot.press("tab", "enter")  # "+ Add reference"
        await type_text(pilot, "Di")
        await pilot.press("tab")
        await type_text(pilot, "d@x.org")
        await pilot.press("tab")
        await type_text(pilot, "rota")
        await pilot.press("tab", "tab", "space")  # add-reference button, potential leader
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen), app.screen
    session, count = newest_session(sample_copy)
    assert count == 49
    assert session.kind == "one_to_one"
    assert (session.leader, session.recorder) == ("Ana", "Bo")
    assert session.held_on == date(2026, 11, 20)
    assert session.community == "Riverside Council UNISON branch"
    assert session.subgroup == "Libraries"
    assert session.participant_count == 1
    (person,) = session.interviewees
    assert (person.name, person.contact, person.consent_to_contact) == ("Cy", "07700", True)
    assert person.member_status == "member"
    assert person.affiliations == ["FC", "PTA"]
    assert [(i.text, i.key_issue) for i in session.issues] == [
        ("Pay", "yes"),
        ("Rota", "no"),
        ("Bus", "dont_know"),
    ]
    (quote,) = session.quotes
    assert (quote.text, quote.attribution, quote.sharing) == ("We cope", "driver", "recorders_only")
    reflections = session.reflections
    assert reflections.moved == "Yes"
    assert reflections.decision_makers_should_hear == "yes"
    assert reflections.would_act == "no"
    assert reflections.difference == "a_lot"
    assert reflections.notes == "Keen"
    (reference,) = session.references
    assert (reference.name, reference.contact, reference.why) == ("Di", "d@x.org", "rota")
    assert session.potential_leader is True


def issue_texts(form: SessionFormScreen) -> list[str]:
    return [row.value.text for row in form.query_one("#issues").rows]  # type: ignore[attr-defined]


async def fill_issues(pilot: Pilot[None], form: SessionFormScreen, texts: list[str]) -> None:
    """Type the first letters of each issue, adding rows with Ctrl+N."""
    for n, text in enumerate(texts):
        if n:
            await pilot.press("ctrl+n")
        await type_text(pilot, text)


async def test_a_group_session_with_reordered_issues(sample_copy: Path) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot, "g")
        form.query_one("#participants", Input).value = "8"
        form.query_one("#group-names", Input).value = "Siân, Łukasz, Zoë"
        form.query_one("#subgroup", Input).value = "Brand new team"
        rows = form.query_one("#issues").rows  # type: ignore[attr-defined]
        rows[0].focus_target(None).focus()
        await fill_issues(pilot, form, ["A", "B", "C"])
        assert issue_texts(form) == ["A", "B", "C"]
        await pilot.press("ctrl+up")  # C moves above B
        assert issue_texts(form) == ["A", "C", "B"]
        await pilot.press("ctrl+up", "ctrl+up")  # to the top; a second press stays there
        assert issue_texts(form) == ["C", "A", "B"]
        await pilot.press("ctrl+down")
        assert issue_texts(form) == ["A", "C", "B"]
        numbers = [str(label.render()) for label in form.query(".row-number")]
        assert numbers[:3] == ["1.", "2.", "3."]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    session, _ = newest_session(sample_copy)
    assert session.kind == "group"
    assert session.participant_count == 8
    assert [p.name for p in session.interviewees] == ["Siân", "Łukasz", "Zoë"]
    assert [i.text for i in session.issues] == ["A", "C", "B"]
    database = open_database(str(sample_copy))
    try:
        (campaign,) = list_campaigns(database)
        from listening_tui.services.campaigns import get_campaign

        assert "Brand new team" in get_campaign(database, campaign.id).subgroups
        assert drafts.list_drafts(database) == []
    finally:
        database.close()


async def test_refusals_keep_everything_typed(sample_copy: Path) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot, "g")
        form.query_one("#participants", Input).value = "1"
        form.query_one("#held-on", Input).value = "2099-01-01"
        form.query_one("#group-names", Input).value = "Zoë"
        rows = form.query_one("#issues").rows  # type: ignore[attr-defined]
        rows[0].focus_target(None).focus()
        await fill_issues(pilot, form, ["1", "2", "3", "4", "5", "6"])
        await pilot.press("ctrl+n")  # a seventh is refused at once
        assert issue_texts(form) == ["1", "2", "3", "4", "5", "6"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SessionFormScreen)
        errors = [str(e.render()) for e in form.query(".field-error") if e.display]
        assert "The date can't be in the future (2099-01-01 is after today)" in errors
        assert "A group session needs at least 2 participants" in errors
        assert form.query_one("#held-on", Input).has_focus  # the first problem on the form
        banner = str(form.query_one("#form-errors", Static).render())
        assert banner.startswith("Not saved yet: 2 things to put right")
        # nothing typed was cleared
        assert form.query_one("#participants", Input).value == "1"
        assert form.query_one("#held-on", Input).value == "2099-01-01"
        assert form.query_one("#group-names", Input).value == "Zoë"
        assert issue_texts(form) == ["1", "2", "3", "4", "5", "6"]
        # putting it right saves
        form.query_one("#participants", Input).value = "6"
        form.query_one("#held-on", Input).value = "2026-11-21"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    session, count = newest_session(sample_copy)
    assert count == 49
    assert len(session.issues) == 6


async def test_a_seventh_issue_from_a_draft_is_refused_on_save(sample_copy: Path) -> None:
    """Seven issues can only arrive from an older draft; the save refuses them with the rule."""
    from listening_tui.domain.drafts import DraftIssue

    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot, "o")
        issue_list = form.query_one("#issues")
        issue_list.rows[0].query_one(Input).value = "first"  # type: ignore[attr-defined]
        for n in range(6):
            from listening_tui.tui.widgets.rows import IssueRow

            await issue_list.mount(IssueRow(DraftIssue(text=f"extra {n}")))  # type: ignore[arg-type]
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = form.query_one("#issues-error", Static)
        assert str(error.render()) == "A session can hold at most six key issues (this one has 7)"
        assert len(issue_texts(form)) == 7


async def test_close_keeps_a_draft_and_it_is_offered_next_time(sample_copy: Path) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot, "o")
        await type_text(pilot, "Ny")
        form.query_one("#person-name", Input).value = "A person with a long name: Siân Ŵ"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    database = open_database(str(sample_copy))
    try:
        (draft,) = drafts.list_drafts(database)
        assert draft.content.leader == "Ny"
        assert draft.content.person.name == "A person with a long name: Siân Ŵ"
    finally:
        database.close()
    again = ListeningApp(db_target=str(sample_copy))
    async with again.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the offer: resume the draft
        await settle(pilot)
        form = again.screen
        assert isinstance(form, SessionFormScreen)
        assert form.query_one("#leader", Input).value == "Ny"
        assert form.query_one("#person-name", Input).value == "A person with a long name: Siân Ŵ"


@pytest.mark.parametrize("opening", ["g", "o", "edit"])
async def test_opening_and_closing_an_untouched_form_leaves_no_draft(
    sample_copy: Path, opening: str
) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        if opening == "edit":
            await settle(pilot)
            database = open_database(str(sample_copy))
            try:
                (campaign,) = list_campaigns(database)
                # The session with the most filled in: quotes, people, references.
                richest = max(
                    (
                        sessions.get_session(database, s.id).session
                        for s in sessions.list_sessions(database, campaign.id)
                    ),
                    key=lambda s: len(s.quotes) + len(s.interviewees) + len(s.references),
                )
            finally:
                database.close()
            app.edit_session(richest.id)
            await settle(pilot)
            assert isinstance(app.screen, SessionFormScreen)
        else:
            await open_form(pilot, opening)
        await pilot.pause(1.5)  # longer than the autosave delay
        await pilot.press("escape")
        await settle(pilot)
    database = open_database(str(sample_copy))
    try:
        assert drafts.list_drafts(database) == []
    finally:
        database.close()


async def test_quit_keeps_the_draft(sample_copy: Path) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        await open_form(pilot, "o")
        await type_text(pilot, "Q")
        await pilot.press("ctrl+q")
        await pilot.pause()
    database = open_database(str(sample_copy))
    try:
        (draft,) = drafts.list_drafts(database)
        assert draft.content.leader == "Q"
    finally:
        database.close()


async def test_the_palette_opens_a_group_form(sample_copy: Path) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "new group")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SessionFormScreen)
        assert form.content.kind == "group"


async def test_discard_asks_then_forgets_the_draft(sample_copy: Path) -> None:
    app = ListeningApp(db_target=str(sample_copy))
    async with app.run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot, "o")
        await type_text(pilot, "Gone")
        await pilot.pause(1.5)  # the draft is written
        database = open_database(str(sample_copy))
        try:
            assert len(drafts.list_drafts(database)) == 1
        finally:
            database.close()
        await form.run_action("discard")
        await pilot.pause()
        await pilot.press("tab", "enter")  # from "Cancel" to "Discard"
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    database = open_database(str(sample_copy))
    try:
        assert drafts.list_drafts(database) == []
    finally:
        database.close()
