"""Theme operations the recorder can undo: put in, rename, merge, take out, delete.

Each returns a ``ThemeChange`` (domain/themes.py) holding the theme rows it
made, renamed or deleted, every touched issue's theme before and after, and
what went with a deleted theme: its conclusion and the quotes chosen for it
(a merge carries both into the target; a delete keeps them in the change);
``undo_theme_change`` puts all of it back in one transaction, and refuses
with a sentence when the data moved on meanwhile (an issue deleted or moved,
a name taken), so an undo never overwrites later work.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence

from listening_tui.db.engine import Database
from listening_tui.db.theme_ops import ThemeOpsRepository
from listening_tui.db.unit_of_work import UnitOfWork
from listening_tui.domain.forms import Theme
from listening_tui.domain.themes import (
    ConclusionJoin,
    IssueMove,
    KeptChoice,
    KeptConclusion,
    ThemeChange,
    ThemeRename,
)
from listening_tui.domain.validation import validate
from listening_tui.errors import InvalidInput, NotFound
from listening_tui.services.themes import add_theme


def _issues(count: int) -> str:
    return f"{count:,} issue" if count == 1 else f"{count:,} issues"


def _valid_name(name: str) -> str:
    """The name as stored (trimmed), or InvalidInput saying what is wrong with it."""
    return validate(Theme, {"id": uuid.uuid4(), "name": name}).name


def _located(uow: UnitOfWork, theme_id: uuid.UUID) -> tuple[uuid.UUID, Theme]:
    """(campaign id, theme), or NotFound."""
    found = uow.themes.get(theme_id)
    if found is None:
        raise NotFound(
            "That theme no longer exists (it may have been deleted or merged meanwhile): "
            "read the list again"
        )
    return found


def _theme(uow: UnitOfWork, theme_id: uuid.UUID, campaign_id: uuid.UUID) -> Theme:
    """The campaign's theme, or NotFound."""
    found_campaign, theme = _located(uow, theme_id)
    if found_campaign != campaign_id:
        raise NotFound("That theme belongs to another campaign")
    return theme


def _check_name_free(
    uow: UnitOfWork, campaign_id: uuid.UUID, name: str, keep: uuid.UUID | None = None
) -> None:
    existing = uow.themes.named(campaign_id, name)
    if existing is not None and existing.id != keep:
        raise InvalidInput(
            f"There is already a theme called “{existing.name}” (names are compared ignoring "
            "capitals): choose another name, or put the issues in that theme"
        )


def _moves(
    current: dict[uuid.UUID, uuid.UUID | None],
    issue_ids: Sequence[uuid.UUID],
    after: uuid.UUID | None,
) -> list[IssueMove]:
    seen: set[uuid.UUID] = set()
    moves = []
    for issue_id in issue_ids:
        if issue_id in seen or current[issue_id] == after:
            continue
        seen.add(issue_id)
        moves.append(IssueMove(issue_id=issue_id, before=current[issue_id], after=after))
    return moves


def _current(
    repository: ThemeOpsRepository, campaign_id: uuid.UUID, issue_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, uuid.UUID | None]:
    current = repository.themes_of(campaign_id, issue_ids)
    missing = len(set(issue_ids) - current.keys())
    if missing:
        raise NotFound(
            f"{_issues(missing)} of those chosen no longer exist (a session was deleted or "
            "changed meanwhile); nothing was changed: read the list again"
        )
    return current


def _apply_moves(repository: ThemeOpsRepository, moves: Sequence[IssueMove]) -> None:
    by_target: dict[uuid.UUID | None, list[uuid.UUID]] = defaultdict(list)
    for move in moves:
        by_target[move.after].append(move.issue_id)
    for target, ids in by_target.items():
        repository.set_theme(ids, target)


def put_in_theme(
    database: Database,
    campaign_id: uuid.UUID,
    issue_ids: Sequence[uuid.UUID],
    theme: uuid.UUID | str,
) -> ThemeChange:
    """Put issues in an existing theme (its id) or in a new theme (its name)."""
    if not issue_ids:
        raise InvalidInput("Choose at least one issue to put in a theme (space marks issues)")
    with UnitOfWork(database) as uow:
        repository = ThemeOpsRepository(uow.session)
        current = _current(repository, campaign_id, issue_ids)
        created: tuple[Theme, ...] = ()
        if isinstance(theme, uuid.UUID):
            target = _theme(uow, theme, campaign_id)
        else:
            target = Theme(id=uuid.uuid4(), name=_valid_name(theme))
            _check_name_free(uow, campaign_id, target.name)
            add_theme(uow, campaign_id, target)
            created = (target,)
        moves = _moves(current, issue_ids, target.id)
        if not moves and not created:
            raise InvalidInput(f"Those issues are already in “{target.name}”")
        _apply_moves(repository, moves)
        uow.commit()
    new = "the new theme " if created else ""
    return ThemeChange(
        kind="put",
        campaign_id=campaign_id,
        description=f"Put {_issues(len(moves))} in {new}“{target.name}”",
        created=created,
        moves=tuple(moves),
    )


def rename_theme(database: Database, theme_id: uuid.UUID, name: str) -> ThemeChange:
    """Give a theme a new name, unique in its campaign ignoring capitals."""
    new_name = _valid_name(name)
    with UnitOfWork(database) as uow:
        campaign_id, before = _located(uow, theme_id)
        if before.name == new_name:
            raise InvalidInput(f"The theme is already called “{new_name}”")
        _check_name_free(uow, campaign_id, new_name, keep=theme_id)
        ThemeOpsRepository(uow.session).rename(theme_id, new_name)
        uow.commit()
    after = before.model_copy(update={"name": new_name})
    return ThemeChange(
        kind="rename",
        campaign_id=campaign_id,
        description=f"Renamed “{before.name}” to “{new_name}”",
        renamed=(ThemeRename(before=before, after=after),),
    )


def merge_themes(database: Database, source_id: uuid.UUID, target_id: uuid.UUID) -> ThemeChange:
    """Move every issue of the source theme into the target theme, then delete the source.

    The source's conclusion is added to the target's (below a line naming the
    source, when both have text) and its chosen quotes go with the target's
    conclusion (one the target had chosen already for the same audience is not
    doubled); undo puts all of it back.
    """
    if source_id == target_id:
        raise InvalidInput("Choose another theme to merge into: a theme can't merge into itself")
    with UnitOfWork(database) as uow:
        campaign_id, source = _located(uow, source_id)
        target = _theme(uow, target_id, campaign_id)
        repository = ThemeOpsRepository(uow.session)
        moves = [
            IssueMove(issue_id=issue_id, before=source_id, after=target_id)
            for issue_id in repository.issues_in(source_id)
        ]
        _apply_moves(repository, moves)
        kept = repository.conclusion(source_id)
        joined = _join_conclusion(repository, campaign_id, kept, source, target)
        target_has = {_choice_key(c) for c in repository.choices(target_id)}
        choices = repository.choices(source_id)
        moved = tuple(c for c in choices if _choice_key(c) not in target_has)
        doubled = tuple(c for c in choices if _choice_key(c) in target_has)
        repository.move_choices([c.id for c in moved], target_id)
        repository.delete_choices([c.id for c in doubled])
        repository.drop_conclusion(source_id)
        repository.delete([source_id])
        uow.commit()
    carried = "; its conclusion added to the target's" if joined is not None else ""
    return ThemeChange(
        kind="merge",
        campaign_id=campaign_id,
        description=f"Merged “{source.name}” into “{target.name}” ({_issues(len(moves))} "
        f"moved{carried})",
        deleted=(source,),
        moves=tuple(moves),
        conclusions=(kept,) if kept is not None else (),
        choices=doubled,
        moved_choices=moved,
        joined=joined,
    )


MERGED_HEADING = "— From the merged theme “{name}” —"
"""The line between a merge target's conclusion and the one merged into it."""


def _choice_key(choice: KeptChoice) -> tuple[uuid.UUID, str, str]:
    return (choice.session_id, choice.quote_text, choice.purpose)


def _join_conclusion(
    repository: ThemeOpsRepository,
    campaign_id: uuid.UUID,
    kept: KeptConclusion | None,
    source: Theme,
    target: Theme,
) -> ConclusionJoin | None:
    """Add the source's conclusion text to the target's; None when the source had none."""
    if kept is None or not kept.text.strip():
        return None
    before = repository.conclusion(target.id)
    if before is None or not before.text.strip():
        after = kept.text
    else:
        heading = MERGED_HEADING.format(name=source.name)
        after = f"{before.text.rstrip()}\n\n{heading}\n{kept.text}"
    repository.write_conclusion(campaign_id, target.id, after)
    return ConclusionJoin(theme_id=target.id, before=before, after=after)


def take_out_of_theme(
    database: Database, campaign_id: uuid.UUID, issue_ids: Sequence[uuid.UUID]
) -> ThemeChange:
    """Take issues out of their themes; they become unthemed (the themes stay)."""
    with UnitOfWork(database) as uow:
        repository = ThemeOpsRepository(uow.session)
        current = _current(repository, campaign_id, issue_ids)
        moves = _moves(current, issue_ids, None)
        if not moves:
            raise InvalidInput("None of the chosen issues is in a theme")
        _apply_moves(repository, moves)
        uow.commit()
    return ThemeChange(
        kind="take_out",
        campaign_id=campaign_id,
        description=f"Took {_issues(len(moves))} out of their theme",
        moves=tuple(moves),
    )


def delete_theme(database: Database, theme_id: uuid.UUID) -> ThemeChange:
    """Delete a theme; its issues become unthemed.

    Its conclusion and chosen quotes go too; the change keeps them exactly, so
    undo brings them back with the theme.
    """
    with UnitOfWork(database) as uow:
        campaign_id, theme = _located(uow, theme_id)
        repository = ThemeOpsRepository(uow.session)
        moves = [
            IssueMove(issue_id=issue_id, before=theme_id, after=None)
            for issue_id in repository.issues_in(theme_id)
        ]
        _apply_moves(repository, moves)
        kept = repository.conclusion(theme_id)
        choices = tuple(repository.choices(theme_id))
        repository.delete_choices([c.id for c in choices])
        repository.drop_conclusion(theme_id)
        repository.delete([theme_id])
        uow.commit()
    went = _with_it(kept, len(choices))
    return ThemeChange(
        kind="delete",
        campaign_id=campaign_id,
        description=f"Deleted the theme “{theme.name}” ({_issues(len(moves))} now in no "
        f"theme{went})",
        deleted=(theme,),
        moves=tuple(moves),
        conclusions=(kept,) if kept is not None else (),
        choices=choices,
    )


def _with_it(kept: KeptConclusion | None, chosen: int) -> str:
    """ "; its conclusion and 2 chosen quotes went with it", or "" when nothing did."""
    parts = []
    if kept is not None and kept.text.strip():
        parts.append("its conclusion")
    if chosen:
        parts.append(f"{chosen} chosen quote" + ("" if chosen == 1 else "s"))
    return f"; {' and '.join(parts)} went with it" if parts else ""


def undo_theme_change(database: Database, change: ThemeChange) -> None:
    """Reverse ``change`` exactly, or refuse (changing nothing) if the data moved on since."""
    refused = f"Can't undo “{change.description}”: "
    with UnitOfWork(database) as uow:
        repository = ThemeOpsRepository(uow.session)
        issue_ids = [move.issue_id for move in change.moves]
        current = repository.themes_of(change.campaign_id, issue_ids)
        gone = len(set(issue_ids) - current.keys())
        if gone:
            raise InvalidInput(
                refused + f"{_issues(gone)} of it were deleted since (a session was deleted "
                "or edited). Nothing was changed"
            )
        moved = sum(1 for move in change.moves if current[move.issue_id] != move.after)
        if moved:
            raise InvalidInput(
                refused + f"{_issues(moved)} of it were put in another theme since. "
                "Nothing was changed"
            )
        _check_created(uow, repository, change, refused)
        _check_joined(repository, change, refused)
        for theme in change.deleted:
            if uow.themes.get(theme.id) is not None:
                raise InvalidInput(refused + f"the theme “{theme.name}” exists again")
            _name_free_for_undo(uow, change.campaign_id, theme.name, None, refused)
            uow.themes.add(change.campaign_id, theme)
        uow.session.flush()
        _restore_conclusions(repository, change)
        for rename in change.renamed:
            found = uow.themes.get(rename.after.id)
            if found is None or found[1].name != rename.after.name:
                raise InvalidInput(
                    refused + f"the theme “{rename.after.name}” was renamed or deleted since"
                )
            _name_free_for_undo(
                uow, change.campaign_id, rename.before.name, rename.after.id, refused
            )
            repository.rename(rename.after.id, rename.before.name)
        backwards = [
            IssueMove(issue_id=move.issue_id, before=move.after, after=move.before)
            for move in change.moves
        ]
        _apply_moves(repository, backwards)
        repository.delete([theme.id for theme in change.created])
        uow.commit()


def _check_joined(repository: ThemeOpsRepository, change: ThemeChange, refused: str) -> None:
    """A merge target's conclusion goes back only if nobody edited it since."""
    if change.joined is None:
        return
    current = repository.conclusion(change.joined.theme_id)
    if current is None or current.text != change.joined.after:
        raise InvalidInput(
            refused + "the conclusion of the theme it was merged into was edited since, and "
            "undo would lose that edit. Nothing was changed"
        )


def _restore_conclusions(repository: ThemeOpsRepository, change: ThemeChange) -> None:
    """Write back the deleted themes' conclusions and chosen quotes, and the target's text."""
    campaign_id = change.campaign_id
    for kept in change.conclusions:
        repository.write_conclusion(campaign_id, kept.theme_id, kept.text, kept.updated_at)
    joined = change.joined
    if joined is not None:
        if joined.before is None:
            repository.drop_conclusion(joined.theme_id)
        else:
            before = joined.before
            repository.write_conclusion(
                campaign_id, before.theme_id, before.text, before.updated_at
            )
    # moved quotes the recorder took away from the target since stay away
    still = repository.existing_choices([c.id for c in change.moved_choices])
    by_theme: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for choice in change.moved_choices:
        if choice.id in still:
            by_theme[choice.theme_id].append(choice.id)
    for theme_id, ids in by_theme.items():
        repository.move_choices(ids, theme_id)
    repository.insert_choices(campaign_id, change.choices)


def _check_created(
    uow: UnitOfWork, repository: ThemeOpsRepository, change: ThemeChange, refused: str
) -> None:
    """A theme the change made can go only if it holds nothing but the change's issues."""
    for theme in change.created:
        if uow.themes.get(theme.id) is None:
            continue
        own = sum(1 for move in change.moves if move.after == theme.id)
        extra = repository.count_in(theme.id) - own
        if extra > 0:
            raise InvalidInput(
                refused + f"{_issues(extra)} were put in “{theme.name}” since; take them out "
                "first, or keep the theme"
            )
        kept = repository.conclusion(theme.id)
        if (kept is not None and kept.text.strip()) or repository.choices(theme.id):
            raise InvalidInput(
                refused + f"a conclusion or chosen quotes were written for “{theme.name}” "
                "since, and undo would delete them with the theme. Nothing was changed"
            )


def _name_free_for_undo(
    uow: UnitOfWork, campaign_id: uuid.UUID, name: str, keep: uuid.UUID | None, refused: str
) -> None:
    existing = uow.themes.named(campaign_id, name)
    if existing is not None and existing.id != keep:
        raise InvalidInput(
            refused + f"another theme is now called “{existing.name}”; rename it first"
        )
