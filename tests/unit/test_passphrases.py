"""Where the command line takes a passphrase from: the environment, else the terminal."""

from __future__ import annotations

import io

import pytest

from listening_tui.commands import passphrases
from listening_tui.errors import InvalidInput, PassphraseNeeded


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the user will type at each getpass prompt, in order."""
    answers: list[str] = []

    def fake_getpass(prompt: str) -> str:
        return answers.pop(0)

    monkeypatch.setattr(passphrases.getpass, "getpass", fake_getpass)
    monkeypatch.setattr(passphrases.sys, "stdin", Terminal())
    monkeypatch.delenv(passphrases.PASSPHRASE_ENV, raising=False)
    return answers


def test_the_environment_wins_and_nothing_is_asked(
    typed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(passphrases.PASSPHRASE_ENV, "from the env")
    assert passphrases.ask_passphrase("Why", new=True) == "from the env"


def test_a_new_passphrase_is_typed_twice(typed: list[str]) -> None:
    typed.extend(["twice typed", "twice typed"])
    assert passphrases.ask_passphrase("A passphrase for x", new=True) == "twice typed"
    assert typed == []


def test_two_different_passphrases_are_refused(typed: list[str]) -> None:
    typed.extend(["one thing", "another"])
    with pytest.raises(InvalidInput, match="differ"):
        passphrases.ask_passphrase("A passphrase for x", new=True)


def test_an_existing_passphrase_is_typed_once(typed: list[str]) -> None:
    typed.extend(["just once"])
    assert passphrases.ask_passphrase("x is encrypted") == "just once"


def test_nothing_typed_is_no_passphrase(typed: list[str]) -> None:
    typed.extend([""])
    with pytest.raises(PassphraseNeeded, match="no passphrase was typed"):
        passphrases.ask_passphrase("x is encrypted")


def test_without_a_terminal_it_says_to_set_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(passphrases.PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr(passphrases.sys, "stdin", io.StringIO())
    with pytest.raises(PassphraseNeeded, match="set LISTENING_TUI_PASSPHRASE"):
        passphrases.ask_passphrase("x is encrypted")
