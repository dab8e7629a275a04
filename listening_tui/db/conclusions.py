"""Conclusions, chosen quotes and saturation figures, read and written in SQL.

Separate from the session repository: these cut across sessions, themes and
quotes for the recorder's desk and the report. Takes a Session, never commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, case, delete, exists, func, select
from sqlalchemy.orm import Session

from listening_tui.db.tables import (
    CampaignConclusionRow,
    ChosenQuoteRow,
    IssueRow,
    QuoteRow,
    SessionRow,
    SubgroupRow,
    ThemeConclusionRow,
    ThemeRow,
)
from listening_tui.domain.conclusions import Purpose, QuoteOption, SessionNews
from listening_tui.domain.forms import Sharing


@dataclass(frozen=True)
class StoredQuote:
    """A quote as stored now: enough to check whether it may be chosen."""

    session_id: uuid.UUID
    text: str
    sharing: Sharing


@dataclass(frozen=True)
class Choice:
    """One chosen quote: the conclusion it goes with and whom it is for."""

    theme_id: uuid.UUID | None
    session_id: uuid.UUID
    text: str
    purpose: Purpose


@dataclass(frozen=True)
class SubgroupCount:
    """Sessions and people heard under one subgroup text as sessions wrote it."""

    subgroup: str | None
    sessions: int
    people: int


class ConclusionRepository:
    """Reads and writes conclusions and chosen quotes; reads saturation figures."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # ---- conclusion texts ----

    def overall_text(self, campaign_id: uuid.UUID) -> str:
        """The overall conclusion's text ("" when none was written)."""
        found = self.session.get(CampaignConclusionRow, campaign_id)
        return found.text if found is not None else ""

    def theme_texts(self, campaign_id: uuid.UUID) -> dict[uuid.UUID, str]:
        """Each theme's conclusion text, by theme id."""
        rows = self.session.execute(
            select(ThemeConclusionRow.theme_id, ThemeConclusionRow.text).where(
                ThemeConclusionRow.campaign_id == campaign_id
            )
        )
        return {row.theme_id: row.text for row in rows}

    def set_overall(self, campaign_id: uuid.UUID, text: str) -> None:
        """Write the overall conclusion's text."""
        found = self.session.get(CampaignConclusionRow, campaign_id)
        if found is None:
            self.session.add(CampaignConclusionRow(campaign_id=campaign_id, text=text))
        elif found.text != text:
            found.text = text
        self.session.flush()

    def set_theme(self, campaign_id: uuid.UUID, theme_id: uuid.UUID, text: str) -> None:
        """Write one theme's conclusion text."""
        found = self.session.get(ThemeConclusionRow, theme_id)
        if found is None:
            self.session.add(
                ThemeConclusionRow(theme_id=theme_id, campaign_id=campaign_id, text=text)
            )
        elif found.text != text:
            found.text = text
        self.session.flush()

    # ---- quotes ----

    def quote_options(
        self, campaign_id: uuid.UUID, theme_id: uuid.UUID | None, limit: int
    ) -> list[QuoteOption]:
        """Quotes of the theme's sessions (any session of the campaign for None), by date.

        ``chosen_for`` is left empty here; the service fills it from ``choices``.
        """
        statement = (
            select(
                QuoteRow.session_id,
                QuoteRow.text,
                QuoteRow.attribution,
                QuoteRow.sharing,
                SessionRow.held_on,
                SessionRow.kind,
                SessionRow.subgroup,
            )
            .join(SessionRow, SessionRow.id == QuoteRow.session_id)
            .where(SessionRow.campaign_id == campaign_id)
            .order_by(SessionRow.held_on, SessionRow.created_at, SessionRow.id, QuoteRow.position)
            .limit(limit)
        )
        if theme_id is not None:
            statement = statement.where(
                exists().where(IssueRow.session_id == SessionRow.id, IssueRow.theme_id == theme_id)
            )
        return [
            QuoteOption.model_validate(row._asdict()) for row in self.session.execute(statement)
        ]

    def stored_quote(self, session_id: uuid.UUID, text: str) -> StoredQuote | None:
        """The quote of that session with exactly that text, if it is still there."""
        row = self.session.execute(
            select(QuoteRow.sharing)
            .where(QuoteRow.session_id == session_id, QuoteRow.text == text)
            .order_by(QuoteRow.position)
            .limit(1)
        ).first()
        return StoredQuote(session_id, text, row.sharing) if row is not None else None

    def choices(self, campaign_id: uuid.UUID) -> list[Choice]:
        """Every chosen quote of the campaign, in the order chosen."""
        rows = self.session.execute(
            select(
                ChosenQuoteRow.theme_id,
                ChosenQuoteRow.session_id,
                ChosenQuoteRow.quote_text,
                ChosenQuoteRow.purpose,
            )
            .where(ChosenQuoteRow.campaign_id == campaign_id)
            .order_by(ChosenQuoteRow.chosen_at, ChosenQuoteRow.id)
        )
        return [Choice(r.theme_id, r.session_id, r.quote_text, r.purpose) for r in rows]

    def chosen_quotes(self, campaign_id: uuid.UUID) -> list[tuple[Choice, QuoteOption]]:
        """Every choice whose quote is still in its session, with the quote as stored now."""
        choice = ChosenQuoteRow
        rows = self.session.execute(
            select(
                choice.theme_id.label("theme_id"),
                choice.purpose,
                QuoteRow.session_id,
                QuoteRow.text,
                QuoteRow.attribution,
                QuoteRow.sharing,
                SessionRow.held_on,
                SessionRow.kind,
                SessionRow.subgroup,
            )
            .join(
                QuoteRow,
                (QuoteRow.session_id == choice.session_id) & (QuoteRow.text == choice.quote_text),
            )
            .join(SessionRow, SessionRow.id == QuoteRow.session_id)
            .where(choice.campaign_id == campaign_id)
            .order_by(choice.chosen_at, choice.id, QuoteRow.position)
        )
        found: list[tuple[Choice, QuoteOption]] = []
        seen: set[tuple[uuid.UUID | None, uuid.UUID, str, str]] = set()
        for row in rows:
            key = (row.theme_id, row.session_id, row.text, row.purpose)
            if key in seen:  # the same words twice in one session: one quote
                continue
            seen.add(key)
            data = row._asdict()
            theme_id, purpose = data.pop("theme_id"), data.pop("purpose")
            found.append(
                (
                    Choice(theme_id, row.session_id, row.text, purpose),
                    QuoteOption.model_validate(data),
                )
            )
        return found

    def choose(
        self,
        campaign_id: uuid.UUID,
        theme_id: uuid.UUID | None,
        session_id: uuid.UUID,
        text: str,
        purpose: Purpose,
    ) -> bool:
        """Record the choice; False when it was chosen for that purpose already."""
        if self.session.scalar(select(_same(campaign_id, theme_id, session_id, text, purpose))):
            return False
        self.session.add(
            ChosenQuoteRow(
                campaign_id=campaign_id,
                theme_id=theme_id,
                session_id=session_id,
                quote_text=text,
                purpose=purpose,
            )
        )
        self.session.flush()
        return True

    def unchoose(
        self,
        campaign_id: uuid.UUID,
        theme_id: uuid.UUID | None,
        session_id: uuid.UUID,
        text: str,
        purpose: Purpose,
    ) -> bool:
        """Drop the choice; False when there was none."""
        result = self.session.execute(
            delete(ChosenQuoteRow).where(
                *_conditions(campaign_id, theme_id, session_id, text, purpose)
            )
        )
        return bool(getattr(result, "rowcount", 0))

    # ---- saturation ----

    def session_news(self, campaign_id: uuid.UUID) -> list[SessionNews]:
        """Per session in the order held, the groups (spec/ranking.md) first heard in it.

        Sessions are numbered by ``held_on``, then ``created_at``, then id; each
        group's first session is the smallest number among its issues' sessions.
        """
        ordered = (
            select(
                SessionRow.id.label("session_id"),
                SessionRow.held_on.label("held_on"),
                func.row_number()
                .over(order_by=(SessionRow.held_on, SessionRow.created_at, SessionRow.id))
                .label("seq"),
            )
            .where(SessionRow.campaign_id == campaign_id)
            .cte("ordered")
        )
        group_text = case((IssueRow.theme_id.is_(None), IssueRow.text_key))
        firsts = (
            select(
                IssueRow.theme_id.label("theme_id"),
                func.min(ordered.c.seq).label("first_seq"),
            )
            .join(ordered, ordered.c.session_id == IssueRow.session_id)
            .group_by(IssueRow.theme_id, group_text)
            .subquery("firsts")
        )
        news = (
            select(
                firsts.c.first_seq,
                _count_if(firsts.c.theme_id.is_not(None)).label("new_themes"),
                _count_if(firsts.c.theme_id.is_(None)).label("new_texts"),
            )
            .group_by(firsts.c.first_seq)
            .subquery("news")
        )
        statement = (
            select(
                ordered.c.held_on,
                func.coalesce(news.c.new_themes, 0).label("new_themes"),
                func.coalesce(news.c.new_texts, 0).label("new_texts"),
            )
            .outerjoin(news, news.c.first_seq == ordered.c.seq)
            .order_by(ordered.c.seq)
        )
        return [
            SessionNews(held_on=held_on, new_themes=themes, new_texts=texts)
            for held_on, themes, texts in self.session.execute(statement)
        ]

    def subgroup_counts(self, campaign_id: uuid.UUID) -> list[SubgroupCount]:
        """Sessions and people per subgroup text the sessions gave (None: no subgroup)."""
        rows = self.session.execute(
            select(SessionRow.subgroup, func.count(), func.sum(SessionRow.participant_count))
            .where(SessionRow.campaign_id == campaign_id)
            .group_by(SessionRow.subgroup)
        )
        return [SubgroupCount(subgroup or None, int(n), int(p or 0)) for subgroup, n, p in rows]

    def known_subgroups(self, campaign_id: uuid.UUID) -> list[str]:
        """The campaign's list of subgroups, in its order."""
        return list(
            self.session.scalars(
                select(SubgroupRow.name)
                .where(SubgroupRow.campaign_id == campaign_id)
                .order_by(SubgroupRow.position)
            )
        )

    def kinds_heard(self, campaign_id: uuid.UUID) -> dict[str, tuple[int, int]]:
        """Sessions and people per session kind."""
        rows = self.session.execute(
            select(SessionRow.kind, func.count(), func.sum(SessionRow.participant_count))
            .where(SessionRow.campaign_id == campaign_id)
            .group_by(SessionRow.kind)
        )
        return {kind: (int(n), int(p or 0)) for kind, n, p in rows}

    def held_between(self, campaign_id: uuid.UUID) -> tuple[date | None, date | None]:
        """The first and last day a session of the campaign was held."""
        row = self.session.execute(
            select(func.min(SessionRow.held_on), func.max(SessionRow.held_on)).where(
                SessionRow.campaign_id == campaign_id
            )
        ).one()
        return row[0], row[1]

    def theme_ids(self, campaign_id: uuid.UUID) -> set[uuid.UUID]:
        """The ids of the campaign's themes."""
        return set(
            self.session.scalars(select(ThemeRow.id).where(ThemeRow.campaign_id == campaign_id))
        )


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _conditions(
    campaign_id: uuid.UUID,
    theme_id: uuid.UUID | None,
    session_id: uuid.UUID,
    text: str,
    purpose: Purpose,
) -> Sequence[ColumnElement[bool]]:
    theme = (
        ChosenQuoteRow.theme_id.is_(None)
        if theme_id is None
        else ChosenQuoteRow.theme_id == theme_id
    )
    return (
        ChosenQuoteRow.campaign_id == campaign_id,
        theme,
        ChosenQuoteRow.session_id == session_id,
        ChosenQuoteRow.quote_text == text,
        ChosenQuoteRow.purpose == purpose,
    )


def _same(
    campaign_id: uuid.UUID,
    theme_id: uuid.UUID | None,
    session_id: uuid.UUID,
    text: str,
    purpose: Purpose,
) -> ColumnElement[bool]:
    return exists().where(*_conditions(campaign_id, theme_id, session_id, text, purpose))
