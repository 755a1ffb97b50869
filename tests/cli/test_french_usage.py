"""``movdesk --help`` and argparse's own usage errors are in French (exit code 2)."""

from __future__ import annotations

import argparse

import pytest

from movdesk.cli import EXIT_USAGE, main


def _usage(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    captured = capsys.readouterr()
    return int(stop.value.code or 0), captured.out + captured.err


def test_help_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _usage(["--help"], capsys)
    assert code == 0
    assert text.startswith("utilisation : movdesk")
    assert "arguments positionnels" in text and "options :" in text
    assert "afficher cette aide et quitter" in text
    assert "afficher la version de movdesk et quitter" in text
    for english in ("usage:", "positional arguments", "show this help", "show program"):
        assert english not in text


def test_a_command_help_is_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _usage(["export", "--help"], capsys)
    assert code == 0 and text.startswith("utilisation : movdesk export")
    assert "arguments positionnels" in text and "usage" not in text


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["nosuchcommand"], "choix invalide : 'nosuchcommand' (choix possibles :"),
        (["export"], "arguments obligatoires manquants : what"),
        (["export", "json", "--bogus"], "arguments non reconnus : --bogus"),
        (["deadlines", "--today"], "argument --today : une valeur est attendue"),
        (["deadlines", "--format", "xml"], "argument --format : choix invalide : 'xml'"),
        (["demo", "--seed", "x"], "argument --seed : nombre entier attendu (ici « x »)"),
        (["deadlines", "--today", "2026-02-30"], "date invalide « 2026-02-30 »"),
    ],
)
def test_usage_errors_are_french_with_exit_2(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = _usage(argv, capsys)
    assert code == EXIT_USAGE
    assert "utilisation : movdesk" in text
    assert "movdesk : utilisation incorrecte : " in text and words in text
    assert "invalid choice" not in text and "required" not in text


def test_argparse_is_left_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    """The translation lasts while movdesk reads its arguments, not after."""
    _usage(["--help"], capsys)
    parser = argparse.ArgumentParser(prog="autre")
    assert parser.format_usage().startswith("usage: autre")
