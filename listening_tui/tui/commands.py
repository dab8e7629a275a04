"""The command palette: every screen's actions under verb-prefixed names ("session: New ...").

A screen lists its commands in ``PALETTE`` as (name, action, help); one
provider offers the current screen's list, so keys and palette never drift
apart: both run the same action.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

PaletteEntry = tuple[str, str, str]
"""(name shown in the palette, the screen action to run, a line of help)."""


class ScreenCommands(Provider):
    """Offers the commands of the screen underneath the palette."""

    def _entries(self) -> list[PaletteEntry]:
        return list(getattr(self.screen, "PALETTE", ()))

    async def _run(self, action: str) -> None:
        await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for name, action, help_text in self._entries():
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )
