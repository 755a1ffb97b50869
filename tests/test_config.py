"""Where the database lives and how ``--db`` / ``MOVDESK_DB`` choose another one."""

from __future__ import annotations

from pathlib import Path

import pytest

from movdesk.config import DB_FILENAME, DEMO_DB_FILENAME, is_network_path, resolve_database
from movdesk.errors import UserError


def test_default_database_is_in_the_data_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MOVDESK_DATA_DIR", str(tmp_path))
    loc = resolve_database()
    assert loc.path == tmp_path / DB_FILENAME
    assert loc.url == f"sqlite:///{(tmp_path / DB_FILENAME).as_posix()}"


def test_demo_database_is_a_separate_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MOVDESK_DATA_DIR", str(tmp_path))
    assert resolve_database(demo=True).path == tmp_path / DEMO_DB_FILENAME
    assert resolve_database(demo=True).path != resolve_database().path


def test_db_option_wins_over_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MOVDESK_DB", str(tmp_path / "env.sqlite"))
    assert resolve_database().path == tmp_path / "env.sqlite"
    assert resolve_database(str(tmp_path / "opt.sqlite")).path == tmp_path / "opt.sqlite"


def test_db_accepts_sqlite_file_urls() -> None:
    assert resolve_database("sqlite:///C:/Bureau/mov.sqlite").path == Path("C:/Bureau/mov.sqlite")


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///x.sqlite?mode=ro",
        "postgresql+psycopg://u@localhost/mov",
        "file:///tmp/x.sqlite",
        "http://exemple.fr/base",
    ],
)
def test_other_urls_are_refused_in_french(url: str) -> None:
    """movdesk keeps one local SQLite file: a memory database keeps nothing, and other
    servers (whose drivers are not even installed) are not supported."""
    with pytest.raises(UserError, match="n'est pas prise en charge.*fichier SQLite local"):
        resolve_database(url)


@pytest.mark.parametrize(
    "path",
    [
        r"\\serveur\partage\movdesk.sqlite",
        "//serveur/partage/movdesk.sqlite",
        "sqlite:///\\\\serveur\\partage\\movdesk.sqlite",
        "sqlite://///serveur/partage/movdesk.sqlite",
    ],
)
def test_network_share_is_refused(path: str) -> None:
    with pytest.raises(UserError, match="partage réseau"):
        resolve_database(path)


@pytest.mark.parametrize(
    ("path", "network"),
    [
        (r"\\srv\share\a.sqlite", True),
        ("//srv/share/a.sqlite", True),
        (r"C:\Users\claire\a.sqlite", False),
        ("/home/claire/a.sqlite", False),
        ("a.sqlite", False),
    ],
)
def test_is_network_path(path: str, network: bool) -> None:
    assert is_network_path(path) is network
