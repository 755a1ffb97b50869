"""``--out`` and the window's saves never write over the database, its files or backups.

An export written onto ``db.sqlite`` used to exit 0 and leave a CSV in place of the
office's database.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from movdesk.cli import EXIT_USER_ERROR, main
from movdesk.config import resolve_database
from movdesk.errors import UserError
from movdesk.services import exports
from movdesk.services.context import Desk
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "bureau" / "db.sqlite"
    path.parent.mkdir()
    shutil.copyfile(migrated_template, path)
    (path.parent / "backups").mkdir()
    (path.parent / "backups" / "auto-db-20260105-080000.sqlite").write_bytes(b"copie")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["export", "monthly", "--month", "2026-03"],
        ["export", "monthly", "--month", "2026-03", "--detail"],
        ["export", "json"],
    ],
    ids=["monthly", "detail", "json"],
)
@pytest.mark.parametrize(
    "target",
    ["db.sqlite", "db.sqlite-wal", "db.sqlite-shm", "db.sqlite-journal",
     "backups/auto-db-20260105-080000.sqlite", "backups/export.csv"],
)
def test_out_onto_the_database_is_refused(
    db: Path, command: list[str], target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(db)
    out = db.parent / target
    existed = out.exists()
    assert main(["--db", str(db), *command, "--out", str(out)]) == EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "Enregistrement refusé" in err and "rien n'a été écrit" in err
    assert "Traceback" not in err
    assert _digest(db) == before
    assert out.exists() == existed
    assert main(["--db", str(db), "check"]) == 0


def test_out_through_another_spelling_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(db)
    out = db.parent / "." / ".." / "bureau" / "db.sqlite"
    assert main(["--db", str(db), "export", "json", "--out", str(out)]) == EXIT_USER_ERROR
    assert _digest(db) == before


def test_backup_out_onto_the_database_is_refused(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(db)
    for target in ("db.sqlite", "db.sqlite-wal", "backups/auto-db-20260105-080000.sqlite"):
        assert main(["--db", str(db), "backup", "--out", str(db.parent / target)]) == 1
        assert "Sauvegarde refusée" in capsys.readouterr().err
    assert _digest(db) == before
    assert (db.parent / "backups" / "auto-db-20260105-080000.sqlite").read_bytes() == b"copie"
    # A new file in the backups folder is a backup like the others.
    fresh = db.parent / "backups" / "ma-copie.sqlite"
    assert main(["--db", str(db), "backup", "--out", str(fresh)]) == 0
    assert fresh.read_bytes().startswith(b"SQLite format 3")


def test_out_into_a_missing_folder_is_refused_before_any_work(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "absent" / "x.json"
    assert main(["--db", str(db), "export", "json", "--out", str(out)]) == 1
    assert "n'existe pas" in capsys.readouterr().err
    assert not out.parent.exists()


def test_the_window_saves_refuse_the_database(db: Path) -> None:
    """Fichier › Exporter: the same refusal, through the services the window calls."""
    engine = open_database(resolve_database(str(db)), daily_backup=False)
    try:
        desk = Desk(make_session_factory(engine))
        before = _digest(db)
        for target in (db, Path(f"{db}-wal"), db.parent / "backups" / "x.json"):
            with pytest.raises(UserError, match="Enregistrement refusé"):
                exports.export_cases_file(desk, str(target))
            with pytest.raises(UserError, match="Enregistrement refusé"):
                exports.export_monthly_file(desk, str(target), "2026-03")
        assert _digest(db) == before
    finally:
        engine.dispose()
