"""Small dialogs of the themes screen: choose a theme (new or existing), or a theme's new name."""

from __future__ import annotations

from typing import ClassVar
from uuid import UUID

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

ThemeChoice = UUID | str
"""An existing theme's id, or the name of a new theme."""


class ThemePickerModal(ModalScreen[ThemeChoice | None]):
    """Type a theme's name (completed from the existing ones) or pick one from the list.

    Enter on the box chooses the existing theme of that name (capitals ignored),
    else, when ``allow_new``, a new theme of that name; Enter on the list picks.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="theme_picker.cancel", tooltip="Change nothing"),
        Binding(
            "down",
            "to_list",
            "Themes",
            id="theme_picker.to_list",
            tooltip="Move to the list of existing themes",
            show=False,
        ),
    ]

    def __init__(
        self,
        title: str,
        themes: list[tuple[UUID, str]],
        *,
        allow_new: bool = True,
        exclude: UUID | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.themes = [(theme_id, name) for theme_id, name in themes if theme_id != exclude]
        self.allow_new = allow_new

    def compose(self) -> ComposeResult:
        names = [name for _, name in self.themes]
        with Vertical(classes="dialog", id="theme-picker"):
            yield Static(self.title_text, classes="dialog-title")
            yield Input(
                placeholder="New theme name, or start typing an existing one"
                if self.allow_new
                else "Type to find a theme",
                suggester=SuggestFromList(names, case_sensitive=False),
                id="theme-name",
                tooltip="→ completes the name; Enter chooses",
            )
            yield Static("", id="theme-picker-hint", classes="field-hint")
            yield OptionList(*self._options(""), id="theme-choices")

    def on_mount(self) -> None:
        self._hint("")

    def _options(self, typed: str) -> list[Option]:
        folded = typed.strip().casefold()
        return [
            Option(name, id=str(theme_id))
            for theme_id, name in self.themes
            if folded in name.casefold()
        ]

    def _existing(self, typed: str) -> UUID | None:
        folded = " ".join(typed.split()).casefold()
        for theme_id, name in self.themes:
            if name.casefold() == folded:
                return theme_id
        return None

    def _hint(self, typed: str) -> None:
        hint = self.query_one("#theme-picker-hint", Static)
        name = " ".join(typed.split())
        if not name:
            text = (
                "Type a new name, or ↓ to pick an existing theme"
                if self.allow_new
                else "↓ to pick a theme, or type to narrow the list"
            )
        elif self._existing(name) is not None:
            text = f"Enter: the existing theme “{name}”"
        elif self.allow_new:
            text = f"Enter: a new theme “{name}”"
        else:
            text = "No theme has that name: pick one from the list"
        hint.update(text)

    @on(Input.Changed, "#theme-name")
    def _typed(self, event: Input.Changed) -> None:
        choices = self.query_one("#theme-choices", OptionList)
        choices.set_options(self._options(event.value))
        self._hint(event.value)

    @on(Input.Submitted, "#theme-name")
    def _submitted(self, event: Input.Submitted) -> None:
        typed = " ".join(event.value.split())
        existing = self._existing(typed)
        if existing is not None:
            self.dismiss(existing)
        elif typed and self.allow_new:
            self.dismiss(typed)
        elif not self.allow_new:
            choices = self.query_one("#theme-choices", OptionList)
            if choices.option_count == 1:
                option_id = choices.get_option_at_index(0).id
                assert option_id is not None
                self.dismiss(UUID(option_id))

    @on(OptionList.OptionSelected, "#theme-choices")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.dismiss(UUID(event.option.id))

    def action_to_list(self) -> None:
        choices = self.query_one("#theme-choices", OptionList)
        if choices.option_count:
            choices.focus()
            if choices.highlighted is None:
                choices.highlighted = 0

    def action_cancel(self) -> None:
        self.dismiss(None)


class RenameThemeModal(ModalScreen[str | None]):
    """Asks for a theme's new name; dismisses with it, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="rename_theme.cancel", tooltip="Keep the name"),
    ]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.current = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="rename-theme"):
            yield Static(f"Rename “{self.current}”", classes="dialog-title")
            yield Input(self.current, id="new-theme-name", tooltip="Enter renames")
            yield Static("Enter renames · Esc keeps the name", classes="field-hint")

    @on(Input.Submitted, "#new-theme-name")
    def _submitted(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        self.dismiss(name or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
