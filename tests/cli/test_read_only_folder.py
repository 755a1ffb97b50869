"""A database in a folder the user cannot write: reading commands work, the daily backup
is skipped with a warning, writing commands say "lecture seule" — no traceback, and a
sound database is never called damaged.

The folder is made really read-only (``tests/disk.read_only_folder``: ``chmod`` for a
normal user, ``chattr +i`` for root, skipped where neither works).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from movdesk.cli import main

from ..disk import read_only_folder
from ..exchange.samples import document, make_case
from ..store.conftest import add_referent, digest, location_at, referent_names

DAMAGED = ("endommagé", "n'est pas une base SQLite lisible", "Traceback")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "partage" / "movdesk.sqlite"
    add_referent(location_at(path), "Claire Martin")
    for companion in ("-wal", "-shm"):
        assert not Path(f"{path}{companion}").exists()
    return path


def _clean(err: str) -> None:
    assert not any(word in err for word in DAMAGED), err


@pytest.mark.parametrize(
    "command",
    [
        ["export", "json"],
        ["export", "monthly", "--month", "2026-03"],
        ["deadlines", "--today", "2026-03-02"],
        ["payments", "--today", "2026-03-02"],
        ["check"],
    ],
    ids=["export-json", "export-monthly", "deadlines", "payments", "check"],
)
def test_reading_commands_work(
    db: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(db)
    with read_only_folder(db.parent):
        assert main(["--db", str(db), *command]) == 0
    err = capsys.readouterr().err
    _clean(err)
    if command != ["check"]:
        assert "attention : Sauvegarde automatique non faite" in err and "lecture seule" in err
    assert digest(db) == before


def test_a_backup_elsewhere_works(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "copie.sqlite"
    with read_only_folder(db.parent):
        assert main(["--db", str(db), "backup", "--out", str(out)]) == 0
    _clean(capsys.readouterr().err)
    assert referent_names(out) == ["Claire Martin"]


@pytest.mark.parametrize("kind", ["backup", "import", "restore", "demo"])
def test_writing_commands_name_the_read_only_folder(
    db: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "dossiers.json"
    source.write_text(json.dumps(document([make_case()])), encoding="utf-8")
    backup = tmp_path / "sauvegarde.sqlite"
    shutil.copyfile(db, backup)
    argv = {
        "backup": ["backup"],
        "import": ["import", str(source)],
        "restore": ["restore", str(backup)],
        "demo": ["demo", "--cases", "2"],
    }[kind]
    before = digest(db)
    with read_only_folder(db.parent):
        assert main(["--db", str(db), *argv]) == 1
    err = capsys.readouterr().err
    _clean(err)
    assert any(
        words in err
        for words in ("lecture seule", "accès refusé", "ni ouvert ni créé", "contient déjà")
    ), err
    assert digest(db) == before
    assert referent_names(db) == ["Claire Martin"]


def test_a_read_only_source_folder_can_be_restored_from(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A backup on a write-protected USB key is read, not called damaged."""
    key = tmp_path / "cle"
    backup = key / "sauvegarde.sqlite"
    add_referent(location_at(backup), "Julien Petit")
    with read_only_folder(key):
        assert main(["--db", str(db), "restore", str(backup)]) == 0
    _clean(capsys.readouterr().err)
    assert referent_names(db) == ["Julien Petit"]
