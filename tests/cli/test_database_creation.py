"""A mistyped ``--db`` never creates folders nor an empty database.

Only ``demo``, ``import`` (and the window's first run) create a database file, and say
so; only the default data folder is created when missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from movdesk.cli import main
from movdesk.config import DB_FILENAME

from ..exchange.samples import document, make_case


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "dossiers.json"
    path.write_text(json.dumps(document([make_case()])), encoding="utf-8")
    return path


def test_a_missing_folder_is_refused(
    tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo" / "dir" / "x.sqlite"
    for argv in (["import", str(source)], ["export", "json"], ["demo", "--cases", "1"],
                 ["deadlines"], ["backup"], ["check"]):
        assert main(["--db", str(typo), *argv]) == 1
        err = capsys.readouterr().err
        assert "le dossier" in err and "n'existe pas" in err and "Traceback" not in err
    assert not (tmp_path / "typo").exists()


@pytest.mark.parametrize(
    "argv",
    [["export", "json"], ["export", "monthly", "--month", "2026-03"], ["deadlines"],
     ["payments"], ["backup"], ["check"]],
    ids=["export-json", "export-monthly", "deadlines", "payments", "backup", "check"],
)
def test_reading_commands_never_create_a_database(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "absente.sqlite"
    assert main(["--db", str(db), *argv]) == 1
    err = capsys.readouterr().err
    assert "n'existe pas" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_is_not_taken_for_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "vide.sqlite"
    db.touch()
    assert main(["--db", str(db), "export", "json"]) == 1
    assert "fichier vide" in capsys.readouterr().err
    assert db.read_bytes() == b""


def test_import_creates_a_database_and_says_so(
    tmp_path: Path, source: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "nouvelle.sqlite"
    assert main(["--db", str(db), "import", str(source)]) == 0
    captured = capsys.readouterr()
    assert f"nouvelle base créée : « {db} »" in captured.err
    assert "1 dossier importé" in captured.out
    assert main(["--db", str(db), "import", str(source)]) == 1  # same order number
    assert "nouvelle base" not in capsys.readouterr().err


def test_a_refused_import_leaves_no_new_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "mauvais.json"
    bad.write_text(json.dumps(document([make_case(start_date="2026-02-30")])), "utf-8")
    db = tmp_path / "nouvelle.sqlite"
    assert main(["--db", str(db), "import", str(bad)]) == 1
    assert "Import refusé" in capsys.readouterr().err
    assert not list(tmp_path.glob("nouvelle.sqlite*"))


def test_the_default_data_folder_is_created(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tmp_path / "AppData" / "movdesk"
    monkeypatch.setenv("MOVDESK_DATA_DIR", str(data))
    assert main(["import", str(source)]) == 0
    assert (data / DB_FILENAME).is_file()
    assert "nouvelle base créée" in capsys.readouterr().err


def test_a_folder_given_as_the_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path), "export", "json"]) == 1
    err = capsys.readouterr().err
    assert "est un dossier" in err and "Traceback" not in err
