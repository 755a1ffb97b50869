"""``movdesk backup``, ``restore`` and ``check`` through the command line entry point."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from movdesk.cli import main

from .conftest import add_referent, location_at, referent_names


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "bureau" / "movdesk.sqlite"
    add_referent(location_at(path), "Claire Martin")
    return path


def test_backup_prints_the_file(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "backup"]) == 0
    printed = Path(capsys.readouterr().out.strip())
    assert printed.parent == db.parent / "backups"
    assert referent_names(printed) == ["Claire Martin"]


def test_backup_to_a_chosen_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cle-usb" / "copie.sqlite"
    out.parent.mkdir()
    assert main(["--db", str(db), "backup", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert referent_names(out) == ["Claire Martin"]


def test_backup_of_a_missing_database_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "absent.sqlite"), "backup"]) == 1
    err = capsys.readouterr().err
    assert "n'existe pas" in err and "Traceback" not in err


def test_restore_round_trip(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "copie.sqlite"
    assert main(["--db", str(db), "backup", "--out", str(saved)]) == 0
    add_referent(location_at(db), "Julien Petit")
    assert main(["--db", str(db), "restore", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "Base restaurée" in out and "avant-restauration-" in out
    assert referent_names(db) == ["Claire Martin"]


def test_restore_of_a_text_file_fails(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("bonjour\n", encoding="utf-8")
    before = db.read_bytes()
    assert main(["--db", str(db), "restore", str(text)]) == 1
    assert "pas un fichier SQLite" in capsys.readouterr().err
    assert db.read_bytes() == before


def test_check_healthy(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "check"]) == 0
    assert "aucun problème trouvé" in capsys.readouterr().out


def test_check_broken(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with closing(sqlite3.connect(db)) as conn:
        conn.execute(
            "INSERT INTO referent_assignment (case_id, referent_id, start_date) "
            "VALUES (42, 1, '2026-01-05')"
        )
        conn.commit()
    assert main(["--db", str(db), "check"]) == 1
    assert "référence(s) rompue(s)" in capsys.readouterr().out


def test_network_share_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "//serveur/partage/x.sqlite", "check"]) == 1
    assert "partage réseau" in capsys.readouterr().err
