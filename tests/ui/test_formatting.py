"""French display helpers and the window title (no widget is built)."""

from __future__ import annotations

from datetime import date

import pytest

from movdesk.config import DatabaseLocation
from movdesk.ui.formatting import (
    describe_database,
    format_count,
    format_euros,
    format_long_date,
    plural,
)
from movdesk.ui.main_window import shown_title, window_title


def _spaces(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(
    ("cents", "shown"),
    [(180_000, "1 800,00 €"), (0, "0,00 €"), (5, "0,05 €"), (123_456_789, "1 234 567,89 €")],
)
def test_euros(cents: int, shown: str) -> None:
    assert _spaces(format_euros(cents)) == shown


def test_counts_dates_and_plurals() -> None:
    assert _spaces(format_count(12_345)) == "12 345"
    assert format_long_date(date(2026, 3, 3)) == "mardi 3 mars 2026"
    assert plural(0, "dossier") == "0 dossier"
    assert plural(1, "dossier") == "1 dossier"
    assert plural(2, "dossier") == "2 dossiers"


def test_database_description_hides_passwords() -> None:
    remote = DatabaseLocation("postgresql://movdesk:secret@serveur/movdesk", None)
    assert "secret" not in describe_database(remote)
    assert describe_database(DatabaseLocation("sqlite:////tmp/a.sqlite", None)) == (
        "sqlite:////tmp/a.sqlite"
    )


@pytest.mark.parametrize(
    ("name", "demo", "title"),
    [
        ("Cap Emploi", False, "Cap Emploi — movdesk"),
        ("Cap Emploi", True, "Cap Emploi (démonstration) — movdesk"),
        ("", False, "Bureau non configuré — movdesk"),
        ("   ", True, "Base de démonstration — movdesk"),
        ("Tremplin (démonstration)", True, "Tremplin (démonstration) — movdesk"),
    ],
)
def test_window_title(name: str, demo: bool, title: str) -> None:
    assert window_title(name, demo=demo) == title


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("Cap Emploi — movdesk", "Cap Emploi — movdesk"),
        ("Dossier LC-1 — DURAND Sophie", "Dossier LC-1 — DURAND Sophie — movdesk"),
        ("movdesk", "movdesk"),
        ("", "movdesk"),
    ],
)
def test_the_title_bar_says_movdesk_once(title: str, shown: str) -> None:
    assert shown_title(title) == shown
    assert shown_title(title).count("movdesk") == 1
