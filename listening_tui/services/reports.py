"""The campaign report: who was heard, the ranking, the conclusions, the saturation chart.

The report goes outside (to decision makers, another branch), so it is made
safe before it is laid out: every name the database knows (listeners,
interviewees, references, attributions) is replaced by its pseudonym in every
text, as the anonymised export does; no contact appears; only the quotes
chosen for decision makers whose sharing still says ``decision_makers`` are
printed. Small subgroups are folded into "Other subgroups" as in the
anonymised export (domain.small_groups): in the table of who was heard, the
quotes' context, the ranking's subgroups figure and inside every text.
Written like the exports: readable by its owner only, never over an existing
file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from listening_tui.db.conclusions import ConclusionRepository
from listening_tui.db.engine import Database
from listening_tui.db.people import PeopleRepository
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.conclusions import Conclusion, QuoteOption
from listening_tui.domain.ranking import RankedGroup, RankingFilter
from listening_tui.domain.small_groups import folded_heard
from listening_tui.errors import InvalidInput
from listening_tui.interchange.anonymise import Anonymiser, KnownPeople
from listening_tui.interchange.files import missing_folders, private_text_file, refuse_existing
from listening_tui.interchange.report import (
    FORMATS,
    ReportConclusion,
    ReportData,
    ReportQuote,
    day,
    render_html,
    render_markdown,
)
from listening_tui.services.analysis import ranked_issues
from listening_tui.services.audit import log_export
from listening_tui.services.campaigns import resolve_campaign
from listening_tui.services.conclusions import campaign_conclusions
from listening_tui.services.meetings import ratified_theme_ids
from listening_tui.services.saturation import saturation
from listening_tui.services.small_groups import folding_in

KIND_LABELS = {"one_to_one": "one-to-one", "group": "group"}


class ReportWritten(BaseModel):
    """What ``report`` wrote."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    format: str
    """``html`` or ``markdown``."""
    campaign_name: str
    sessions: int
    conclusions: int
    quotes: int


def report_format(out: Path) -> str:
    """``html`` or ``markdown`` by the file's suffix; refuses any other suffix."""
    found = FORMATS.get(out.suffix.casefold())
    if found is None:
        raise InvalidInput(
            f'"{out.name}" does not end in .html or .md: name the report file '
            "report.html (to print or e-mail) or report.md (Markdown)"
        )
    return found


def report_data(database: Database, campaign: str | None, today: date | None = None) -> ReportData:
    """The report's content for the campaign named by ``campaign`` (id, name, or the only one)."""
    chosen = resolve_campaign(database, campaign)
    with UnitOfWork(database, write=False) as uow:
        repository = ConclusionRepository(uow.session)
        kinds = repository.kinds_heard(chosen.id)
        first_day, last_day = repository.held_between(chosen.id)
        found = PeopleRepository(uow.session).names_and_contacts()
        folding, aliases = folding_in(uow, chosen.id)
    anonymiser = Anonymiser(
        KnownPeople(
            listeners=frozenset(found.listeners),
            people=frozenset(found.people),
            attributions=frozenset(found.attributions),
            contacts=frozenset(found.contacts),
        ),
        folding,
    )

    def safe(text: str | None) -> str:
        return anonymiser.text(text) or ""

    heard = saturation(database, chosen.id)
    ranking = ranked_issues(
        database, RankingFilter(campaign_id=chosen.id), subgroup_aliases=aliases
    )
    ratified = ratified_theme_ids(database, chosen.id)

    def shown_name(group: RankedGroup) -> str:
        name = safe(group.theme)
        return f"{name} (ratified)" if group.theme_id in ratified else name

    written = campaign_conclusions(database, chosen.id)

    def quote(option: QuoteOption) -> ReportQuote:
        where = [KIND_LABELS[option.kind]]
        if option.subgroup:
            where.append(anonymiser.subgroup(option.subgroup) or "")
        where.append(day(option.held_on))
        return ReportQuote(
            text=safe(option.text),
            speaker=anonymiser.pseudonym(option.attribution) if option.attribution else None,
            context=", ".join(where),
        )

    def printed(conclusion: Conclusion) -> ReportConclusion | None:
        quotes = conclusion.quotes_for("decision_makers")
        if not conclusion.text.strip() and not quotes:
            return None
        return ReportConclusion(
            title=safe(conclusion.title),
            text=safe(conclusion.text),
            quotes=[quote(q) for q in quotes],
        )

    conclusions = [
        c for c in (printed(k) for k in [written.overall, *written.themes]) if c is not None
    ]
    one_to_one, group = kinds.get("one_to_one", (0, 0)), kinds.get("group", (0, 0))
    return ReportData(
        campaign=safe(chosen.name),
        organisation=safe(chosen.organisation) or None,
        made_on=today or date.today(),
        sessions=one_to_one[0] + group[0],
        one_to_one=one_to_one[0],
        groups=group[0],
        people=one_to_one[1] + group[1],
        first_day=first_day,
        last_day=last_day,
        subgroups=[
            s.model_copy(update={"subgroup": anonymiser.subgroup(s.subgroup)}) if s.subgroup else s
            for s in folded_heard(heard.subgroups, folding)
        ],
        small_group_k=folding.k,
        folded_subgroups=len(folding.folded_names),
        new_per_session=[news.new for news in heard.sessions],
        saturation_summary=heard.summary(),
        ranking=[g.model_copy(update={"theme": shown_name(g)}) for g in ranking],
        ratified=sum(g.theme_id in ratified for g in ranking),
        conclusions=conclusions,
    )


def write_report(
    database: Database, out: Path, campaign: str | None = None, today: date | None = None
) -> ReportWritten:
    """Write the report to ``out`` (.html or .md), never over an existing file."""
    out = out.expanduser().absolute()
    kind = report_format(out)
    refuse_existing(out)
    created = missing_folders(out)
    chosen = resolve_campaign(database, campaign)
    data = report_data(database, str(chosen.id), today)
    document = render_html(data) if kind == "html" else render_markdown(data)
    with private_text_file(out) as handle:
        handle.write(document)
    summary = f"report ({kind}): {data.sessions} sessions, {len(data.conclusions)} conclusions"
    log_export(database, "report", chosen.id, summary, written=[out], created=created)
    return ReportWritten(
        path=str(out),
        format=kind,
        campaign_name=data.campaign,
        sessions=data.sessions,
        conclusions=len(data.conclusions),
        quotes=sum(len(c.quotes) for c in data.conclusions),
    )
