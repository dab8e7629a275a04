"""Key conclusions: the recorder's texts, overall and per theme, and the quotes chosen for them.

The sharing rule (domain.conclusions) is checked when a quote is chosen and
again whenever choices are read, so a quote whose sharing was narrowed later
quietly leaves every conclusion it was chosen for.
"""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict

from listening_tui.db.conclusions import ConclusionRepository
from listening_tui.db.engine import Database
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.conclusions import (
    PURPOSE_LABELS,
    Conclusion,
    Purpose,
    QuoteOption,
    may_choose,
    refusal,
)
from listening_tui.domain.ranking import RankingFilter
from listening_tui.errors import NotFound, SharingRefused
from listening_tui.services.analysis import ranked_issues

QUOTE_OPTIONS_MAX = 2_000
"""At most this many quotes are offered for one conclusion (the earliest sessions first)."""


class CampaignConclusions(BaseModel):
    """The overall conclusion and one per theme, themes in ranked order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    campaign_id: uuid.UUID
    overall: Conclusion
    themes: list[Conclusion]
    """Every theme: ranked ones in rank order, then themes with no issue yet, by name."""


def campaign_conclusions(database: Database, campaign_id: uuid.UUID) -> CampaignConclusions:
    """Every conclusion of the campaign with the quotes chosen for it."""
    ranked = ranked_issues(database, RankingFilter(campaign_id=campaign_id))
    with UnitOfWork(database, write=False) as uow:
        if uow.campaigns.get(campaign_id) is None:
            raise NotFound("That campaign is not in the database any more")
        repository = ConclusionRepository(uow.session)
        overall_text = repository.overall_text(campaign_id)
        texts = repository.theme_texts(campaign_id)
        themes = uow.themes.in_campaign(campaign_id)
        chosen = repository.chosen_quotes(campaign_id)
    order = {group.theme_id: place for place, group in enumerate(ranked) if group.theme_id}
    themes.sort(key=lambda t: (order.get(t.id, len(order)), t.name.casefold(), str(t.id)))
    quotes: dict[uuid.UUID | None, dict[tuple[uuid.UUID, str], QuoteOption]] = {}
    for choice, quote in chosen:
        if not may_choose(quote.sharing, choice.purpose):
            continue
        held = quotes.setdefault(choice.theme_id, {})
        key = (quote.session_id, quote.text)
        before = held.get(key)
        purposes = (before.chosen_for if before else frozenset()) | {choice.purpose}
        held[key] = quote.model_copy(update={"chosen_for": purposes})
    return CampaignConclusions(
        campaign_id=campaign_id,
        overall=Conclusion(
            theme_id=None,
            title="Overall",
            text=overall_text,
            quotes=list(quotes.get(None, {}).values()),
        ),
        themes=[
            Conclusion(
                theme_id=theme.id,
                title=theme.name,
                text=texts.get(theme.id, ""),
                quotes=list(quotes.get(theme.id, {}).values()),
            )
            for theme in themes
        ],
    )


def save_conclusion(
    database: Database, campaign_id: uuid.UUID, theme_id: uuid.UUID | None, text: str
) -> None:
    """Store the overall conclusion (theme None) or a theme's, exactly as typed."""
    with UnitOfWork(database) as uow:
        repository = ConclusionRepository(uow.session)
        _check_theme(repository, uow, campaign_id, theme_id)
        if theme_id is None:
            repository.set_overall(campaign_id, text)
        else:
            repository.set_theme(campaign_id, theme_id, text)
        uow.commit()


def quote_options(
    database: Database, campaign_id: uuid.UUID, theme_id: uuid.UUID | None
) -> list[QuoteOption]:
    """The quotes that may be looked at for a conclusion, each with what it is chosen for.

    For a theme: the quotes of sessions with an issue in the theme; overall: every
    session's. Recorders-only quotes are listed (the recorder sees them) but can't be chosen.
    """
    with UnitOfWork(database, write=False) as uow:
        repository = ConclusionRepository(uow.session)
        options = repository.quote_options(campaign_id, theme_id, QUOTE_OPTIONS_MAX)
        choices = [c for c in repository.choices(campaign_id) if c.theme_id == theme_id]
    chosen: dict[tuple[uuid.UUID, str], set[Purpose]] = {}
    for choice in choices:
        chosen.setdefault((choice.session_id, choice.text), set()).add(choice.purpose)
    return [
        option.model_copy(
            update={
                "chosen_for": frozenset(
                    p
                    for p in chosen.get((option.session_id, option.text), ())
                    if may_choose(option.sharing, p)
                )
            }
        )
        for option in options
    ]


def choose_quote(
    database: Database,
    campaign_id: uuid.UUID,
    theme_id: uuid.UUID | None,
    session_id: uuid.UUID,
    text: str,
    purpose: Purpose,
) -> bool:
    """Choose a quote for a conclusion and an audience; refuses what its sharing forbids.

    Returns False when it was chosen for that audience already.
    """
    with UnitOfWork(database) as uow:
        repository = ConclusionRepository(uow.session)
        _check_theme(repository, uow, campaign_id, theme_id)
        stored = repository.stored_quote(session_id, text)
        located = uow.sessions.locate(session_id)
        if stored is None or located is None or located[0] != campaign_id:
            raise NotFound(
                "That quote is no longer in its session (it was edited or deleted): "
                "read the list again and pick another"
            )
        why_not = refusal(stored.sharing, purpose)
        if why_not is not None:
            raise SharingRefused(why_not)
        added = repository.choose(campaign_id, theme_id, session_id, text, purpose)
        uow.commit()
    return added


def unchoose_quote(
    database: Database,
    campaign_id: uuid.UUID,
    theme_id: uuid.UUID | None,
    session_id: uuid.UUID,
    text: str,
    purpose: Purpose,
) -> bool:
    """Take a quote away from a conclusion's audience; False when it was not chosen."""
    with UnitOfWork(database) as uow:
        removed = ConclusionRepository(uow.session).unchoose(
            campaign_id, theme_id, session_id, text, purpose
        )
        uow.commit()
    return removed


def toggle_quote(
    database: Database,
    campaign_id: uuid.UUID,
    theme_id: uuid.UUID | None,
    quote: QuoteOption,
    purpose: Purpose,
) -> str:
    """Choose the quote for the audience, or take it away if it was chosen; says which."""
    if purpose in quote.chosen_for:
        unchoose_quote(database, campaign_id, theme_id, quote.session_id, quote.text, purpose)
        return f"Taken out of {PURPOSE_LABELS[purpose]}."
    choose_quote(database, campaign_id, theme_id, quote.session_id, quote.text, purpose)
    return f"Chosen for {PURPOSE_LABELS[purpose]}."


def _check_theme(
    repository: ConclusionRepository,
    uow: UnitOfWork,
    campaign_id: uuid.UUID,
    theme_id: uuid.UUID | None,
) -> None:
    if uow.campaigns.get(campaign_id) is None:
        raise NotFound("That campaign is not in the database any more")
    if theme_id is not None and theme_id not in repository.theme_ids(campaign_id):
        raise NotFound(
            "That theme is not in the campaign any more (merged or deleted): "
            "read the conclusions again"
        )
