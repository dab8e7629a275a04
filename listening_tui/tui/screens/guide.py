"""Prepare: the campaign's questions and how a one-to-one and a group session go."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

from listening_tui.domain.forms import Campaign

GUIDE = """
## A one-to-one

- **Opening.** Say who you are and why you are there: your name and your
  credential (the branch, the campaign, who asked you to come).
- **The middle** is about *them*: their life, their work, their community, and
  above all *why* — why it matters to them, what drives them.
- **The end.** Ask what questions they have, and who else you should talk to
  (references). Thank them.
- **Afterwards**, evaluate: what did you learn, were you moved, would they act,
  could they lead?

## A group session (five to ten people, about an hour)

- Everyone introduces themselves.
- The key questions are asked and everyone gets to answer them.
- It is **a conversation, not a survey**: follow what people care about.

## Notes

Notes are written up **afterwards, not during the meeting**: listen while you
are there; write down the key issues in order of importance, the words people
used, and your reflections as soon as you can after it ends.
"""


def guide_text(campaign: Campaign) -> str:
    """The guide as Markdown, with the campaign's questions first."""
    questions = "\n".join(f"{n}. {q}" for n, q in enumerate(campaign.questions, start=1))
    if not questions:
        questions = "_This campaign has no questions written down yet._"
    return f"# Preparing to listen: {campaign.name}\n\n## The questions\n\n{questions}\n{GUIDE}"


class GuideScreen(Screen[None]):
    """Read before a session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="guide.back", tooltip="Back"),
    ]

    def __init__(self, campaign: Campaign) -> None:
        super().__init__()
        self.campaign = campaign

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="guide"):
            yield Markdown(guide_text(self.campaign))
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#guide").focus()
