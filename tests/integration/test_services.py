"""Services on a real database: SQLite and PostgreSQL through the same code."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from listening_tui.db.tables import IssueRow, RevisionRow, SessionRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import (
    Campaign,
    Interviewee,
    IssueEntry,
    ListeningSession,
    Quote,
    Reference,
    Reflections,
    SessionForm,
    Theme,
)
from listening_tui.errors import AmbiguousChoice, InvalidInput, NotFound
from listening_tui.services import campaigns, sessions, themes
from listening_tui.services.sessions import store_session

LONG_QUOTE = ("Zoë said: “I’ve worked here nineteen years and never seen it this bad.” " * 40)[
    :2000
].strip() + "…"


def make_campaign(database: Any, name: str = "Łódź & Cardiff listening 2026") -> Campaign:
    campaign = Campaign(
        id=uuid.uuid4(),
        name=name,
        organisation="Cyngor Caerdydd – UNISON",
        questions=["What matters most to you?", "Beth hoffech chi ei newid?"],
        subgroups=["Llyfrgelloedd", "Home care"],
    )
    return campaigns.create_campaign(database, campaign)


def full_form(theme_id: uuid.UUID | None = None) -> SessionForm:
    """A session with every field of the form filled, names in several alphabets."""
    return SessionForm(
        id=uuid.uuid4(),
        kind="one_to_one",
        leader="Siân Griffiths",
        recorder="Łukasz Nowak",
        held_on=date(2026, 11, 3),
        community="Riverside Council – East depot",
        subgroup="Brand-new subgroup ☂",
        participant_count=1,
        interviewees=[
            Interviewee(
                name="Zoë Ðorđević",
                contact="zoe@example.org",
                consent_to_contact=True,
                member_status="member",
                affiliations=["St Mark’s church", "Ταβέρνα football club"],
            )
        ],
        issues=[
            IssueEntry(id=uuid.uuid4(), text=f"Issue {n}: ünïcödé ✓", key_issue=k, theme_id=t)
            for n, (k, t) in enumerate(
                [("yes", theme_id), ("no", None), ("dont_know", theme_id)] + [("yes", None)] * 3,
                start=1,
            )
        ],
        quotes=[
            Quote(text=LONG_QUOTE, attribution="Zoë", sharing="meeting"),
            Quote(text="Short one.\nSecond line.", attribution=None, sharing="decision_makers"),
            Quote(text="Not for outside ears", sharing="recorders_only"),
        ],
        reflections=Reflections(
            moved="Yes — deeply.",
            decision_makers_should_hear="yes",
            would_act="dont_know",
            difference="a_lot",
            notes="Tab\tand newline\nkept",
        ),
        references=[
            Reference(name="Björn", contact="07700 900456", why="Runs the rota"),
            Reference(name="Nguyễn Thị Lan", contact=None, why=None),
        ],
        potential_leader=True,
    )


def test_every_field_round_trips(database: Any) -> None:
    campaign = make_campaign(database)
    theme = themes.create_theme(database, campaign.id, Theme(id=uuid.uuid4(), name="Pay"))
    form = full_form(theme.id)
    saved = sessions.save_session(database, campaign.id, form)
    loaded = sessions.get_session(database, form.id)
    assert len(LONG_QUOTE) == 2001
    assert loaded.version == 1
    assert loaded.campaign_id == campaign.id
    assert loaded.session == saved.session
    expected = form.model_dump() | {
        "created_at": saved.session.created_at,
        "updated_at": saved.session.updated_at,
    }
    assert loaded.session.model_dump() == expected
    assert loaded.session.created_at.tzinfo is not None
    assert [i.theme_id for i in loaded.session.issues][:3] == [theme.id, None, theme.id]


def test_campaign_round_trip_and_subgroup_added(database: Any) -> None:
    campaign = make_campaign(database)
    sessions.save_session(database, campaign.id, full_form())
    stored = campaigns.get_campaign(database, campaign.id)
    assert stored.name == campaign.name
    assert stored.questions == campaign.questions
    assert stored.subgroups == ["Llyfrgelloedd", "Home care", "Brand-new subgroup ☂"]
    assert campaigns.add_subgroup(database, campaign.id, "home CARE") is False


def test_saved_times_are_given_by_the_service(database: Any) -> None:
    campaign = make_campaign(database)
    moment = datetime(2026, 11, 4, 20, 0, tzinfo=UTC)
    saved = sessions.save_session(database, campaign.id, full_form(), now=moment)
    assert saved.session.created_at == saved.session.updated_at == moment


def test_an_edit_keeps_the_previous_version(database: Any) -> None:
    campaign = make_campaign(database)
    form = full_form()
    first = sessions.save_session(
        database, campaign.id, form, now=datetime(2026, 11, 4, 20, tzinfo=UTC)
    )
    changed = form.model_copy(update={"leader": "Amina Yusuf", "issues": form.issues[:2]})
    second = sessions.save_session(
        database, campaign.id, changed, now=datetime(2026, 11, 5, 9, tzinfo=UTC)
    )
    assert second.version == 2
    assert second.session.created_at == first.session.created_at
    assert second.session.updated_at == datetime(2026, 11, 5, 9, tzinfo=UTC)
    loaded = sessions.get_session(database, form.id).session
    assert loaded.leader == "Amina Yusuf"
    assert len(loaded.issues) == 2
    history = sessions.session_history(database, form.id)
    assert [(r.number, r.reason) for r in history] == [(1, "edit")]
    assert history[0].content == first.session.model_dump(mode="json")
    assert ListeningSession.model_validate(history[0].content) == first.session


def test_delete_keeps_the_last_version(database: Any) -> None:
    campaign = make_campaign(database)
    saved = sessions.save_session(database, campaign.id, full_form())
    kept = sessions.delete_session(database, saved.session.id)
    assert kept.reason == "delete"
    assert ListeningSession.model_validate(kept.content) == saved.session
    with pytest.raises(NotFound):
        sessions.get_session(database, saved.session.id)
    with UnitOfWork(database, write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(IssueRow)) == 0


def test_a_refused_save_changes_nothing(database: Any) -> None:
    campaign = make_campaign(database)
    saved = sessions.save_session(database, campaign.id, full_form())
    foreign_theme = uuid.uuid4()
    bad = saved.session.model_copy(
        update={
            "leader": "Changed",
            "issues": [
                saved.session.issues[0].model_copy(update={"theme_id": foreign_theme}),
            ],
        }
    )
    with pytest.raises(InvalidInput, match="Issue 1 points at a theme that is not in this"):
        sessions.save_session(database, campaign.id, bad)
    assert sessions.get_session(database, saved.session.id).session == saved.session
    assert sessions.session_history(database, saved.session.id) == []


def test_a_future_date_is_refused_by_the_service(database: Any) -> None:
    campaign = make_campaign(database)
    form = full_form().model_copy(update={"held_on": date.today() + timedelta(days=1)})
    with pytest.raises(InvalidInput, match="can't be in the future"):
        sessions.save_session(database, campaign.id, form)
    assert sessions.list_sessions(database, campaign.id) == []


def test_theme_names_are_unique_ignoring_case(database: Any) -> None:
    campaign = make_campaign(database)
    themes.create_theme(database, campaign.id, Theme(id=uuid.uuid4(), name="Short staffing"))
    with pytest.raises(InvalidInput, match='already a theme called "Short staffing"'):
        themes.create_theme(database, campaign.id, Theme(id=uuid.uuid4(), name="SHORT STAFFING"))
    other = make_campaign(database, "Another campaign")
    themes.create_theme(database, other.id, Theme(id=uuid.uuid4(), name="short staffing"))
    assert [t.name for t in themes.list_themes(database, campaign.id)] == ["Short staffing"]


def test_deleting_a_theme_leaves_its_issues_unthemed(database: Any) -> None:
    campaign = make_campaign(database)
    theme = themes.create_theme(database, campaign.id, Theme(id=uuid.uuid4(), name="Pay"))
    saved = sessions.save_session(database, campaign.id, full_form(theme.id))
    with UnitOfWork(database) as uow:
        from listening_tui.db.tables import ThemeRow

        uow.session.execute(ThemeRow.__table__.delete().where(ThemeRow.id == theme.id))
        uow.commit()
    loaded = sessions.get_session(database, saved.session.id).session
    assert [i.theme_id for i in loaded.issues] == [None] * 6


def test_summaries_count_with_sql(database: Any, example_bundle: dict[str, Any]) -> None:
    campaign = Campaign.model_validate(example_bundle["campaign"])
    campaigns.create_campaign(database, campaign)
    with UnitOfWork(database) as uow:
        for theme in example_bundle["themes"]:
            themes.add_theme(uow, campaign.id, Theme.model_validate(theme))
        for entry in example_bundle["sessions"]:
            store_session(uow, campaign.id, ListeningSession.model_validate(entry))
        uow.commit()
    empty = make_campaign(database, "Empty one")
    summaries = {s.name: s for s in campaigns.list_campaigns(database)}
    riverside = summaries["Riverside listening campaign"]
    assert (riverside.session_count, riverside.people_heard, riverside.theme_count) == (3, 13, 2)
    assert summaries[empty.name].session_count == 0
    listed = sessions.list_sessions(database, campaign.id)
    assert [s.held_on.isoformat() for s in listed] == ["2026-11-06", "2026-11-05", "2026-11-03"]
    assert [s.issue_count for s in listed] == [2, 3, 3]
    assert listed[2].first_issue == "Travel time between visits is unpaid"
    for entry in example_bundle["sessions"]:
        stored = sessions.get_session(database, uuid.UUID(entry["id"])).session
        assert stored.model_dump(mode="json")["issues"] == entry["issues"]
        assert stored.model_dump(mode="json")["created_at"] == entry["created_at"]


def test_resolve_campaign(database: Any) -> None:
    with pytest.raises(NotFound, match="no campaign yet"):
        campaigns.resolve_campaign(database, None)
    first = make_campaign(database, "Riverside")
    assert campaigns.resolve_campaign(database, None).id == first.id
    second = make_campaign(database, "Hillside")
    with pytest.raises(AmbiguousChoice, match="say which with --campaign"):
        campaigns.resolve_campaign(database, None)
    assert campaigns.resolve_campaign(database, "  hillside ").id == second.id
    assert campaigns.resolve_campaign(database, str(first.id)).id == first.id
    with pytest.raises(NotFound, match='no campaign "Nowhere"'):
        campaigns.resolve_campaign(database, "Nowhere")
    make_campaign(database, "RIVERSIDE")
    with pytest.raises(AmbiguousChoice, match="give the id"):
        campaigns.resolve_campaign(database, "Riverside")


def test_constraints_hold_in_the_database(database: Any) -> None:
    """The database itself refuses rows the domain would refuse (a second line of defence)."""
    from listening_tui.errors import DatabaseError

    campaign = make_campaign(database)
    saved = sessions.save_session(database, campaign.id, full_form())
    change = (
        SessionRow.__table__.update()
        .where(SessionRow.id == saved.session.id)
        .values(participant_count=3)
    )

    def break_the_rule() -> None:
        with UnitOfWork(database) as uow:
            uow.session.execute(change)
            uow.commit()

    with pytest.raises(DatabaseError, match="refused the change"):
        break_the_rule()
    assert sessions.get_session(database, saved.session.id).session.participant_count == 1
    with UnitOfWork(database, write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(RevisionRow)) == 0


def test_a_long_subgroup_stays_on_the_session_only(database: Any) -> None:
    """A campaign lists subgroups of at most 200 characters; a session's may be longer."""
    campaign = make_campaign(database)
    long_name = "Ward " + "x" * 300
    saved = sessions.save_session(
        database, campaign.id, full_form().model_copy(update={"subgroup": long_name})
    )
    assert sessions.get_session(database, saved.session.id).session.subgroup == long_name
    assert long_name not in campaigns.get_campaign(database, campaign.id).subgroups
