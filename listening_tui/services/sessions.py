"""Listening sessions: save the form, read it back, list, delete, restore; no version is lost.

Every change to a stored session first keeps the previous version in the
revision history, in the same transaction as the change.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import TypeGuard

from sqlalchemy import delete, func, select

from listening_tui.db.base import utcnow
from listening_tui.db.engine import Database
from listening_tui.db.tables import DraftRow, RevisionRow, SessionRow
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import NAME_MAX, IssueEntry, ListeningSession, SessionForm
from listening_tui.domain.queries import SessionQuery
from listening_tui.domain.summaries import (
    Revision,
    SavedSession,
    SessionFacets,
    SessionPage,
    SessionSummary,
)
from listening_tui.domain.validation import validate
from listening_tui.errors import EditConflict, InvalidInput, NotFound
from listening_tui.services.clock import check_clock


def save_session(
    database: Database,
    campaign_id: uuid.UUID,
    form: SessionForm,
    *,
    now: datetime | None = None,
    today: date | None = None,
    draft_id: uuid.UUID | None = None,
    base_version: int | None = None,
    opened_themes: Mapping[uuid.UUID, uuid.UUID | None] | None = None,
) -> SavedSession:
    """Save a filled-in form: a new session, or a new version of a stored one.

    ``base_version`` is the stored version the edit began from. When someone
    else saved the session since, nothing is written over: the edit is kept in
    the session's history (``edit_conflict``), the draft stays, and
    EditConflict says who changed it and when. Saving again with the version
    it names puts the edit on top, keeping theirs in the history.

    The form is validated again here (the date against ``today``), its
    subgroup joins the campaign's list if it is new, a stored session's
    previous version goes to the history before it is overwritten, and the
    draft it was typed in (``draft_id``) is deleted in the same transaction.
    A clock far behind (domain/clock.py) is refused with ClockWrong.

    ``opened_themes`` is each issue's theme as the form opened it. A recorder
    may re-theme the session's issues while the form is open (theme changes do
    not make a new version); an issue whose theme the form did not change keeps
    the theme stored now, so saving never silently reverts the recorder's work.
    """
    moment = now or utcnow()
    data = form.model_dump()
    data.pop("created_at", None)
    data.pop("updated_at", None)
    with UnitOfWork(database) as uow:
        # before the form's checks: a clock far behind makes a true date look "in the future"
        check_clock(uow, moment, doing="so nothing was saved", real_clock=now is None)
        checked = validate(SessionForm, data, today=today)
        if not uow.campaigns.exists(campaign_id):
            raise NotFound(f"There is no campaign with id {campaign_id}")
        stored = uow.sessions.get(checked.id) if uow.sessions.locate(checked.id) else None
        if stored is not None and opened_themes is not None:
            issues = _current_themes(checked, stored[2], opened_themes)
            checked = checked.model_copy(update={"issues": issues})
            data["issues"] = [issue.model_dump() for issue in issues]
        _check_themes(uow, campaign_id, checked)
        if stored is None:
            session = ListeningSession(**data, created_at=moment, updated_at=moment)
            uow.sessions.add(campaign_id, session)
            version = 1
            action = "created"
        else:
            stored_campaign, stored_version, previous = stored
            if stored_campaign != campaign_id:
                raise InvalidInput("This session belongs to another campaign")
            updated = max(moment, previous.created_at)
            session = ListeningSession(**data, created_at=previous.created_at, updated_at=updated)
            if base_version is not None and base_version != stored_version:
                uow.revisions.keep(campaign_id, session, "edit_conflict")
                uow.commit()
                raise _conflict(previous, stored_version)
            uow.revisions.keep(campaign_id, previous, "edit")
            version = stored_version + 1
            uow.sessions.replace(campaign_id, session, version)
            action = "edited"
        if _listable(checked.subgroup):
            uow.campaigns.add_subgroup(campaign_id, checked.subgroup)
        if draft_id is not None:
            uow.session.execute(delete(DraftRow).where(DraftRow.id == draft_id))
        uow.log(
            action, "session", session.id, campaign_id=campaign_id, summary=_about(session, version)
        )
        uow.commit()
    return SavedSession(session=session, version=version, campaign_id=campaign_id)


def _about(session: ListeningSession, version: int) -> str:
    """An audit summary: kind and counts, never a name."""
    kind = session.kind.replace("_", "-")
    return f"{kind} session, {len(session.issues)} issues, version {version}"


def _current_themes(
    form: SessionForm,
    stored: ListeningSession,
    opened: Mapping[uuid.UUID, uuid.UUID | None],
) -> list[IssueEntry]:
    """The form's issues, each theme the form did not change replaced by the one stored now."""
    now = {issue.id: issue.theme_id for issue in stored.issues}
    return [
        issue.model_copy(update={"theme_id": now[issue.id]})
        if issue.id in now and issue.id in opened and opened[issue.id] == issue.theme_id
        else issue
        for issue in form.issues
    ]


def _conflict(current: ListeningSession, version: int) -> EditConflict:
    who = current.recorder or current.leader
    when = current.updated_at.astimezone().strftime("%d %b %Y at %H:%M")
    return EditConflict(
        f"{who} saved this session on {when}, after you began editing it, so yours did not "
        "replace theirs. Your version is kept in the session's history and here as a draft: "
        "save again to make yours the newest (theirs stays in the history), or close the form",
        version,
    )


def store_session(uow: UnitOfWork, campaign_id: uuid.UUID, session: ListeningSession) -> None:
    """Add a complete session with its own timestamps (sample data, imports)."""
    _check_themes(uow, campaign_id, session)
    uow.sessions.add(campaign_id, session)
    if _listable(session.subgroup):
        uow.campaigns.add_subgroup(campaign_id, session.subgroup)


def _listable(subgroup: str | None) -> TypeGuard[str]:
    """A session's subgroup joins the campaign's list only if it fits a subgroup name."""
    return bool(subgroup) and len(subgroup or "") <= NAME_MAX


def _check_themes(uow: UnitOfWork, campaign_id: uuid.UUID, form: SessionForm) -> None:
    wanted = {issue.theme_id for issue in form.issues if issue.theme_id is not None}
    missing = wanted - uow.themes.ids_in_campaign(campaign_id, wanted)
    if missing:
        position = next(
            n for n, issue in enumerate(form.issues, start=1) if issue.theme_id in missing
        )
        raise InvalidInput(
            f"Issue {position} points at a theme that is not in this campaign: "
            "choose one of the campaign's themes or none"
        )


def get_session(database: Database, session_id: uuid.UUID) -> SavedSession:
    """A stored session with its version."""
    with UnitOfWork(database, write=False) as uow:
        found = uow.sessions.get(session_id)
    if found is None:
        raise NotFound(f"There is no session with id {session_id}")
    campaign_id, version, session = found
    return SavedSession(session=session, version=version, campaign_id=campaign_id)


def list_sessions(database: Database, campaign_id: uuid.UUID) -> list[SessionSummary]:
    """The campaign's sessions, most recent first."""
    with UnitOfWork(database, write=False) as uow:
        return uow.sessions.summaries(campaign_id)


def browse_sessions(
    database: Database, campaign_id: uuid.UUID, query: SessionQuery, offset: int, limit: int
) -> SessionPage:
    """One page of the campaign's sessions that match ``query``, in its order, with the count.

    Filtering, sorting, counting and paging all happen in SQL, so a page of a
    campaign with tens of thousands of sessions costs two short queries.
    """
    with UnitOfWork(database, write=False) as uow:
        total = uow.session_list.count(campaign_id, query)
        rows = uow.session_list.page(campaign_id, query, offset, limit) if total > offset else []
    return SessionPage(rows=rows, total=total, offset=offset)


def campaign_facets(database: Database, campaign_id: uuid.UUID) -> SessionFacets:
    """The leaders and subgroups the campaign's sessions have, for the list's filters."""
    with UnitOfWork(database, write=False) as uow:
        return uow.session_list.facets(campaign_id)


def change_marker(database: Database, campaign_id: uuid.UUID | None = None) -> tuple[int, int, int]:
    """(sessions, sum of their versions, kept versions) of a campaign, or of all.

    Any add, edit, import or delete, on this laptop or another, changes it: a
    deletion keeps a version, so adding one session and deleting another moves
    it too. Cheap enough to ask every few seconds.
    """
    sessions = select(func.count(), func.coalesce(func.sum(SessionRow.version), 0))
    kept = select(func.count()).select_from(RevisionRow)
    if campaign_id is not None:
        sessions = sessions.where(SessionRow.campaign_id == campaign_id)
        kept = kept.where(RevisionRow.campaign_id == campaign_id)
    with UnitOfWork(database, write=False) as uow:
        count, versions = uow.session.execute(sessions).one()
        revisions = uow.session.execute(kept).scalar_one()
    return int(count), int(versions), int(revisions)


def delete_session(database: Database, session_id: uuid.UUID) -> Revision:
    """Delete a session; its last version stays in the history and is returned."""
    with UnitOfWork(database) as uow:
        found = uow.sessions.get(session_id)
        if found is None:
            raise NotFound(f"There is no session with id {session_id}")
        campaign_id, _version, session = found
        uow.revisions.keep(campaign_id, session, "delete")
        uow.sessions.remove(session_id)
        uow.log(
            "deleted",
            "session",
            session_id,
            campaign_id=campaign_id,
            summary=_about(session, _version),
        )
        uow.commit()
    return session_history(database, session_id)[-1]


def restore_session(database: Database, session_id: uuid.UUID) -> SavedSession:
    """Bring a deleted session back as it was when it was deleted (undo).

    The history stays as it is; issues whose theme has since been deleted
    come back unthemed. The restored session's version is one more than the
    number of kept versions, so it never repeats an earlier version number.
    """
    with UnitOfWork(database) as uow:
        if uow.sessions.locate(session_id) is not None:
            raise InvalidInput(
                "This session is in the list already, so there is no deletion to undo"
            )
        found = uow.revisions.last_deleted(session_id)
        if found is None:
            raise NotFound(
                f"There is no deleted session with id {session_id} to bring back: "
                "it was never deleted here"
            )
        campaign_id, content = found
        session = validate(ListeningSession, content, today=date.max)
        themes = {issue.theme_id for issue in session.issues if issue.theme_id is not None}
        kept = uow.themes.ids_in_campaign(campaign_id, themes)
        if themes - kept:
            issues = [
                issue.model_copy(update={"theme_id": None})
                if issue.theme_id in themes - kept
                else issue
                for issue in session.issues
            ]
            session = session.model_copy(update={"issues": issues})
        version = len(uow.revisions.of_session(session_id)) + 1
        uow.sessions.add(campaign_id, session, version)
        if session.subgroup:
            uow.campaigns.add_subgroup(campaign_id, session.subgroup)
        uow.log(
            "restored",
            "session",
            session_id,
            campaign_id=campaign_id,
            summary=_about(session, version),
        )
        uow.commit()
    return SavedSession(session=session, version=version, campaign_id=campaign_id)


def session_history(database: Database, session_id: uuid.UUID) -> list[Revision]:
    """The session's earlier versions, oldest first."""
    with UnitOfWork(database, write=False) as uow:
        return uow.revisions.of_session(session_id)


def last_leader(database: Database, campaign_id: uuid.UUID) -> str | None:
    """The leader of the campaign's most recently written session, offered on a new form."""
    statement = (
        select(SessionRow.leader)
        .where(SessionRow.campaign_id == campaign_id)
        .order_by(SessionRow.created_at.desc(), SessionRow.id)
        .limit(1)
    )
    with UnitOfWork(database, write=False) as uow:
        return uow.session.scalar(statement)
