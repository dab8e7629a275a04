"""A closed vote's result in lines a convenor can read out and check by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape

if TYPE_CHECKING:
    from listening_tui.domain.meetings import VoteDetail


def result_lines(detail: VoteDetail) -> list[str]:
    """Rich-markup lines of the result; every IRV round is shown."""
    from listening_tui.domain.voting import (
        BordaResult,
        DotVoteResult,
        IrvResult,
        ProposalResult,
    )

    result = detail.result
    if result is None:
        return ["[b]Voting is open. [/b]The result is shown when the convenor closes the vote."]
    lines: list[str] = []
    if isinstance(result, ProposalResult):
        verdict = {"carried": "CARRIED", "lost": "LOST", "inquorate": "INQUORATE"}[result.outcome]
        f = result.figures
        lines.append(f"[b]{verdict}[/b]")
        lines.append(
            f"For {f.for_}   Against {f.against}   Abstain {f.abstain}   Present {f.present}"
        )
        lines.append(escape(result.explanation))
    elif isinstance(result, DotVoteResult):
        lines.append(f"Dots used: {result.dots_used} of {result.dots_available}")
        for place in result.places:
            mark = "[b]✔ chosen[/b]" if place.selected else ""
            lines.append(f"{place.place:>2}. {escape(place.option)}: {place.dots} dots {mark}")
        if result.tie_note:
            lines.append(f"[b]Tie: [/b]{escape(result.tie_note)}")
    elif isinstance(result, BordaResult):
        lines.append(
            f"Ballots: {result.ballots} (blank {result.blank}, spoiled {len(result.spoiled)})"
        )
        for borda in result.results:
            lines.append(
                f"{borda.rank:>2}. {escape(borda.option)}: {borda.points} points, "
                f"{borda.first_preferences} first preferences"
            )
    elif isinstance(result, IrvResult):
        lines.append(
            f"Ballots: {result.ballots} (blank {result.blank}, spoiled {len(result.spoiled)})"
        )
        for number, irv_round in enumerate(result.rounds, start=1):
            counts = ", ".join(
                f"{escape(name)} {votes}" for name, votes in irv_round.counts.items()
            )
            lines.append(f"[b]Round {number}: [/b]{counts}; exhausted {irv_round.exhausted}")
            if irv_round.eliminated:
                lines.append(f"    eliminated: {escape(irv_round.eliminated)}")
            if irv_round.tie_break:
                lines.append(f"    {escape(irv_round.tie_break)}")
        winner = escape(result.winner) if result.winner else "no one"
        lines.append(f"[b]Elected: {winner}[/b]")
    if not isinstance(result, (ProposalResult, DotVoteResult)):
        for spoiled in result.spoiled:
            lines.append(f"Ballot {spoiled.ballot} spoiled: {escape(spoiled.reason)}")
    if detail.ratified:
        lines.append("Ratified priorities: " + escape(", ".join(detail.ratified)))
    if detail.vote.statement:
        lines.append(f"[b]Decision: [/b]{escape(detail.vote.statement)}")
    return lines
