"""What the screens about one campaign share: the campaign, reading in workers, going back.

Every such screen is opened from the start screen with the open database and
the highlighted campaign's id and name (the audit log, which can also show
every campaign's entries, may be opened with no campaign: its id is None).
Its database calls run in thread workers that post the result, or
ActionFailed with a sentence the listener can act on; the screen shows it in
a notification.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic
from uuid import UUID

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from typing_extensions import TypeVar

from listening_tui.errors import ListeningError

if TYPE_CHECKING:
    from listening_tui.db.engine import Database

ResultT = TypeVar("ResultT")
CampaignIdT = TypeVar("CampaignIdT", bound=UUID | None, default=UUID)
"""A screen's campaign id: a campaign's, or None for a screen that may show every campaign."""


def back_binding(screen: str, tooltip: str) -> Binding:
    """Escape goes back (the binding's id is ``<screen>.back``)."""
    return Binding("escape", "back", "Back", id=f"{screen}.back", tooltip=tooltip)


class ActionFailed(Message):
    """A read or change failed; ``message`` says why and what to do."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title = title
        """What could not be done ("Could not delete the session"), or "" for no title."""
        self.message = message


class CampaignScreen(Screen[None], Generic[CampaignIdT]):
    """A screen about one campaign of the open database."""

    def __init__(self, database: Database, campaign_id: CampaignIdT, campaign_name: str) -> None:
        super().__init__()
        self.database = database
        self.campaign_id = campaign_id
        self.campaign_name = campaign_name

    def post_result(
        self, read: Callable[[], ResultT], message: Callable[[ResultT], Message], title: str
    ) -> None:
        """On a worker thread: post ``message(read())``, or ActionFailed(title, why)."""
        try:
            result = read()
        except ListeningError as exc:
            self.post_message(ActionFailed(title, exc.message))
            return
        self.post_message(message(result))

    @on(ActionFailed)
    def _show_failure(self, event: ActionFailed) -> None:
        self.notify(event.message, title=event.title, severity="error", timeout=10)

    def action_back(self) -> None:
        self.dismiss(None)
