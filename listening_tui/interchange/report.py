"""The campaign report as a document: HTML (with an inline SVG chart) or Markdown.

The renderers take a ReportData that services.reports has already made safe
(pseudonyms for every name, no contacts, only quotes chosen for decision makers
whose sharing allows it); they only lay it out, escaping every text for
the format it goes into.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from html import escape

from pydantic import BaseModel, ConfigDict

from listening_tui.domain.conclusions import SubgroupHeard
from listening_tui.domain.ranking import RANKING_COLUMNS, RankedGroup
from listening_tui.domain.small_groups import OTHER_SUBGROUPS
from listening_tui.interchange.charts import svg_chart, text_chart

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
"""The report's format by the output file's suffix."""

COLUMN_TITLES = {
    "rank": "Rank",
    "theme": "Issue",
    "points": "Points",
    "sessions": "Sessions",
    "people": "People",
    "key_yes": "Key: yes",
    "key_no": "Key: no",
    "key_dont_know": "Key: don't know",
    "subgroups": "Subgroups",
    "first_choice": "First choice",
    "would_act": "Would act",
}


class ReportModel(BaseModel):
    """Base of report values: frozen, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportQuote(ReportModel):
    """A quote as printed: its words, who said it (a pseudonym) and where."""

    text: str
    speaker: str | None
    """A pseudonym such as "Participant 3", or None when the form named nobody."""
    context: str
    """"one-to-one, Libraries, 12 March 2026"."""


class ReportConclusion(ReportModel):
    """A conclusion as printed."""

    title: str
    text: str
    quotes: list[ReportQuote]


RATIFIED_NOTE = (
    "Issues marked (ratified) were chosen as priorities by a vote at a meeting of the campaign."
)


class ReportData(ReportModel):
    """Everything the report shows, already safe to send outside."""

    campaign: str
    organisation: str | None
    made_on: date
    sessions: int
    one_to_one: int
    groups: int
    people: int
    first_day: date | None
    last_day: date | None
    subgroups: list[SubgroupHeard]
    new_per_session: list[int]
    saturation_summary: str
    ranking: list[RankedGroup]
    ratified: int = 0
    """How many of the ranked themes a meeting ratified as priorities (marked in the table)."""
    conclusions: list[ReportConclusion]
    small_group_k: int = 1
    """The campaign's k: subgroups heard from fewer people are shown as "Other subgroups"."""
    folded_subgroups: int = 0
    """How many subgroups "Other subgroups" stands for."""


def day(value: date | None) -> str:
    """A day as people write it: 4 March 2026."""
    return f"{value.day} {value:%B %Y}" if value else "—"


def _heard_lines(data: ReportData) -> list[str]:
    kinds = f"{data.one_to_one} one-to-one, {data.groups} group"
    return [
        f"{data.sessions} sessions ({kinds}), {data.people} people heard",
        f"Held from {day(data.first_day)} to {day(data.last_day)}",
    ]


def _small_group_note(data: ReportData) -> str | None:
    if not data.folded_subgroups:
        return None
    return (
        f"Subgroups where fewer than {data.small_group_k} people were heard are shown together "
        f'as "{OTHER_SUBGROUPS}" (with the next smallest when needed to reach '
        f"{data.small_group_k}), so that nobody in a small group can be picked out."
    )


def _subgroup_name(subgroup: SubgroupHeard) -> str:
    return subgroup.subgroup if subgroup.subgroup is not None else "(no subgroup given)"


FOOTNOTE = (
    "This report names nobody and holds no contact details. It quotes only words their "
    "speakers agreed may be shared with decision makers; speakers are shown by pseudonym."
)


# ---- HTML ----

_STYLE = """
body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: left; }
td.n { text-align: right; }
blockquote { border-left: 4px solid #4a7fb5; margin: 0.8em 0; padding: 0.2em 1em; }
blockquote footer { color: #555; font-size: 0.9em; }
.note { color: #555; font-size: 0.9em; }
"""


def _h(text: str) -> str:
    return escape(text, quote=True)


def _paragraphs(text: str) -> str:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    return "\n".join(f"<p>{_h(b).replace(chr(10), '<br>')}</p>" for b in blocks)


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML page."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_h(data.campaign)}: listening campaign report</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_h(data.campaign)}</h1>",
    ]
    if data.organisation:
        out.append(f"<p>{_h(data.organisation)}</p>")
    out.append(f'<p class="note">Report made on {_h(day(data.made_on))}.</p>')
    out.append("<h2>Who was heard</h2>")
    out.append("<ul>" + "".join(f"<li>{_h(line)}</li>" for line in _heard_lines(data)) + "</ul>")
    out.append("<table><thead><tr><th>Subgroup</th><th>Sessions</th><th>People</th></tr></thead>")
    out.append("<tbody>")
    for subgroup in data.subgroups:
        out.append(
            f"<tr><td>{_h(_subgroup_name(subgroup))}</td><td class='n'>{subgroup.sessions}</td>"
            f"<td class='n'>{subgroup.people}</td></tr>"
        )
    out.append("</tbody></table>")
    if note := _small_group_note(data):
        out.append(f'<p class="note">{_h(note)}</p>')
    out.append("<h2>New concerns as listening went on</h2>")
    out.append(f"<p>{_h(data.saturation_summary)}</p>")
    if data.new_per_session:
        out.append(svg_chart(data.new_per_session, day(data.first_day), day(data.last_day)))
    out.append("<h2>Issues ranked</h2>")
    if data.ranking:
        out.append(
            "<table><thead><tr>"
            + "".join(f"<th>{_h(COLUMN_TITLES[c])}</th>" for c in RANKING_COLUMNS)
            + "</tr></thead><tbody>"
        )
        for group in data.ranking:
            cells = []
            for column, value in group.output().items():
                css = "" if column == "theme" else " class='n'"
                cells.append(f"<td{css}>{_h(str(value))}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</tbody></table>")
        out.append(
            '<p class="note">Points: 6 for an issue named first in a session, down to 1 for '
            "the sixth; each session counts once per issue.</p>"
        )
        if data.ratified:
            out.append(f'<p class="note">{RATIFIED_NOTE}</p>')
    else:
        out.append("<p>No issue has been recorded yet.</p>")
    out.append("<h2>Key conclusions</h2>")
    if not data.conclusions:
        out.append("<p>No conclusion has been written yet.</p>")
    for conclusion in data.conclusions:
        out.append(f"<h3>{_h(conclusion.title)}</h3>")
        out.append(_paragraphs(conclusion.text))
        for quote in conclusion.quotes:
            who = f"{quote.speaker}, {quote.context}" if quote.speaker else quote.context
            out.append(
                f"<blockquote><p>{_h(quote.text)}</p><footer>— {_h(who)}</footer></blockquote>"
            )
    out.append(f'<p class="note">{_h(FOOTNOTE)}</p>')
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


# ---- Markdown ----

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_MD_BULLET = re.compile(r"^(\s*)([-+=])")
_MD_NUMBER = re.compile(r"^(\s*\d+)([.)])")


def md(text: str) -> str:
    """Text safe in Markdown: HTML characters as entities, Markdown's own characters escaped.

    Emphasis, code, links, tables and headings are escaped anywhere; list, quote
    and numbered-list markers only where they would act, at the start of a line.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    lines = (_MD_BULLET.sub(r"\1\\\2", line) for line in text.split("\n"))
    return "\n".join(_MD_NUMBER.sub(r"\1\\\2", line) for line in lines)


def _md_cell(text: str) -> str:
    return md(" ".join(text.split()))


def _md_table(
    head: Sequence[str], rows: Sequence[Sequence[str]], numeric: Callable[[int], bool]
) -> list[str]:
    lines = ["| " + " | ".join(_md_cell(h) for h in head) + " |"]
    lines.append("|" + "|".join("---:" if numeric(i) else "---" for i in range(len(head))) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(data: ReportData) -> str:
    """The report as Markdown, with the chart as text in a code block."""
    out = [f"# {md(data.campaign)}", ""]
    if data.organisation:
        out += [md(data.organisation), ""]
    out += [f"*Report made on {md(day(data.made_on))}.*", "", "## Who was heard", ""]
    out += [f"- {md(line)}" for line in _heard_lines(data)]
    out.append("")
    out += _md_table(
        ["Subgroup", "Sessions", "People"],
        [[_subgroup_name(s), str(s.sessions), str(s.people)] for s in data.subgroups],
        lambda i: i > 0,
    )
    if note := _small_group_note(data):
        out += ["", md(note)]
    out += ["", "## New concerns as listening went on", "", md(data.saturation_summary), ""]
    if data.new_per_session:
        chart = text_chart(data.new_per_session, day(data.first_day), day(data.last_day))
        out += ["```text", "New concerns per session, in the order held", chart, "```", ""]
    out += ["## Issues ranked", ""]
    if data.ranking:
        out += _md_table(
            [COLUMN_TITLES[c] for c in RANKING_COLUMNS],
            [[str(v) for v in group.output().values()] for group in data.ranking],
            lambda i: RANKING_COLUMNS[i] != "theme",
        )
        out += [
            "",
            "Points: 6 for an issue named first in a session, down to 1 for the sixth; "
            "each session counts once per issue.",
            "",
        ]
        if data.ratified:
            out += [RATIFIED_NOTE, ""]
    else:
        out += ["No issue has been recorded yet.", ""]
    out += ["## Key conclusions", ""]
    if not data.conclusions:
        out += ["No conclusion has been written yet.", ""]
    for conclusion in data.conclusions:
        out += [f"### {md(conclusion.title)}", ""]
        for block in re.split(r"\n\s*\n", conclusion.text.strip()):
            if block.strip():
                out += ["  \n".join(md(line.strip()) for line in block.strip().splitlines()), ""]
        for quote in conclusion.quotes:
            who = f"{quote.speaker}, {quote.context}" if quote.speaker else quote.context
            said = " ".join(quote.text.split())
            out += [f"> {md(said)}", ">", f"> — {md(who)}", ""]
    out += [f"*{md(FOOTNOTE)}*", ""]
    return "\n".join(out)
