"""Typed work that must not be lost: a form left open while the recorder re-themes its issues."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from listening_tui.services import sessions
from listening_tui.services.theme_changes import delete_theme, put_in_theme
from tests.integration.test_theme_changes import Desk, make_desk, state


@pytest.fixture
def desk(database: Any) -> Desk:
    return make_desk(database)


def test_a_form_open_during_re_theming_keeps_the_recorders_themes(
    database: Any, desk: Desk
) -> None:
    opened = sessions.get_session(database, desk.sessions[0]).session
    opened_themes = {issue.id: issue.theme_id for issue in opened.issues}
    # meanwhile the recorder moves issue 0 (Pay) to Rota and issue 3 (none) to a new theme
    put_in_theme(database, desk.campaign_id, [desk.issues[0]], desk.rota)
    bins = put_in_theme(database, desk.campaign_id, [desk.issues[3]], "Bins").created[0].id
    # the listener edits a wording and saves the form as it was opened
    issues = [
        issue.model_copy(update={"text": "Pay freeze, three years"}) if n == 0 else issue
        for n, issue in enumerate(opened.issues)
    ]
    form = opened.model_copy(update={"issues": issues})
    sessions.save_session(
        database, desk.campaign_id, form, base_version=1, opened_themes=opened_themes
    )
    saved = sessions.get_session(database, desk.sessions[0]).session
    assert saved.issues[0].text == "Pay freeze, three years"
    assert [issue.theme_id for issue in saved.issues] == [desk.rota, desk.rota, bins]
    assert state(database)[1][desk.issues[0]] == desk.rota


def test_a_theme_the_form_changed_is_saved(database: Any, desk: Desk) -> None:
    opened = sessions.get_session(database, desk.sessions[0]).session
    opened_themes = {issue.id: issue.theme_id for issue in opened.issues}
    put_in_theme(database, desk.campaign_id, [desk.issues[3]], desk.rota)
    issues = [
        issue.model_copy(update={"theme_id": desk.pay}) if n == 1 else issue
        for n, issue in enumerate(opened.issues)
    ]
    extra = opened.issues[0].model_copy(update={"id": uuid.uuid4(), "text": "New one"})
    form = opened.model_copy(update={"issues": [*issues, extra]})
    sessions.save_session(database, desk.campaign_id, form, opened_themes=opened_themes)
    saved = sessions.get_session(database, desk.sessions[0]).session
    # issue 2 changed by the form; issue 3 re-themed by the recorder; the new issue as typed
    assert [i.theme_id for i in saved.issues] == [desk.pay, desk.pay, desk.rota, desk.pay]


def test_a_theme_deleted_while_the_form_was_open_does_not_block_the_save(
    database: Any, desk: Desk
) -> None:
    opened = sessions.get_session(database, desk.sessions[0]).session
    opened_themes = {issue.id: issue.theme_id for issue in opened.issues}
    delete_theme(database, desk.rota)
    sessions.save_session(database, desk.campaign_id, opened, opened_themes=opened_themes)
    saved = sessions.get_session(database, desk.sessions[0]).session
    assert [i.theme_id for i in saved.issues] == [desk.pay, None, None]
