"""PostgreSQL going away while the form saves (issue 7): the form stays open, says what
happened, keeps what was typed in a rescue file, and the next ctrl+s saves it."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import event
from textual.widgets import Input

from listening_tui.domain.forms import Campaign
from listening_tui.services import campaigns, sessions
from listening_tui.services.database import open_database
from listening_tui.services.rescue import pending_rescues
from listening_tui.tui.app import ListeningApp
from listening_tui.tui.screens.form import SessionFormScreen
from tests.integration.test_connection_lost import terminate
from tests.tui.waiting import settle


async def test_the_form_survives_the_server_going_away_mid_save(
    make_pg_database: Callable[[], str],
) -> None:
    url = make_pg_database()
    setup = open_database(url)
    campaign = campaigns.create_campaign(setup, Campaign(id=uuid.uuid4(), name="Riverside"))
    setup.close()

    app = ListeningApp(db_target=url)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, SessionFormScreen)
        form.query_one("#leader", Input).value = "Cut Off"
        form.query_one(".issue-text", Input).value = "Heating off all winter"
        assert app.database is not None
        engine = app.database.engine
        cuts: list[str] = []

        def cut_in(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            # the session row is written; its issues are next: the server goes away
            if statement.lstrip().upper().startswith("INSERT INTO ISSUES") and not cuts:
                cuts.append(statement)
                terminate(url, conn.connection.dbapi_connection.info.backend_pid)

        event.listen(engine, "before_cursor_execute", cut_in)
        await pilot.press("ctrl+s")
        await settle(pilot)
        event.remove(engine, "before_cursor_execute", cut_in)
        assert cuts
        assert app.screen is form  # still open, with everything typed
        (rescue,) = pending_rescues()
        shown = [n.message for n in app._notifications]
        assert any("connection to the database server was lost" in m for m in shown), shown
        assert any(str(rescue) in m for m in shown), shown
        data = json.loads(rescue.read_text(encoding="utf-8"))
        assert data["sessions"][0]["leader"] == "Cut Off"
        assert sessions.list_sessions(app.database, campaign.id) == []  # nothing half-saved

        await pilot.press("ctrl+s")  # the server answers again: a new connection saves it
        await settle(pilot)
        assert app.screen is not form
        (saved,) = sessions.list_sessions(app.database, campaign.id)
        assert saved.leader == "Cut Off"
