"""A full disk and concurrent backups: every file stays whole, every message names the
real cause (it used to be « n'est pas une base SQLite lisible » or « réessayez »)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from movdesk.cli import main
from movdesk.store.backup import backup_database

from ..disk import sqlite_cannot_grow, tiny_disk
from ..exchange.samples import document, make_case
from ..store.conftest import add_referent, location_at

NOT_A_DATABASE = "n'est pas une base SQLite lisible"


@pytest.fixture
def db(tmp_path: Path, migrated_template: Path) -> Path:
    path = tmp_path / "bureau" / "movdesk.sqlite"
    path.parent.mkdir()
    shutil.copyfile(migrated_template, path)
    return path


def _in_backups(name: str) -> bool:
    return f"{Path('backups')}" in name or name.endswith(".partiel")


def _partials(folder: Path) -> list[Path]:
    return list(folder.rglob("*.partiel"))


def test_export_on_a_full_disk_keeps_the_previous_file(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_referent(location_at(db), "Claire Martin")
    with tiny_disk(tmp_path / "cle", 64) as disk:
        previous = disk / "dossiers.json"
        previous.write_bytes(b'{"format": "movdesk-cases", "version": 1, "cases": []}\n')
        source = tmp_path / "gros.json"
        cases = [make_case(f"LC-2026-{n:06d}", beneficiary={"last_name": "Durand",
                 "first_name": "Sophie", "pe_id": f"{n:07d}A"}) for n in range(1, 120)]
        source.write_text(json.dumps(document(cases)), encoding="utf-8")
        assert main(["--db", str(db), "import", str(source)]) == 0
        capsys.readouterr()
        for command in (["export", "json"], ["export", "monthly", "--month", "2026-03"]):
            out = previous if command[1] == "json" else disk / "indicateurs.csv"
            before = out.read_bytes() if out.exists() else None
            filler = disk / "remplissage"
            filler.write_bytes(b"\0" * shutil.disk_usage(disk).free)
            assert main(["--db", str(db), *command, "--out", str(out)]) == 1
            err = capsys.readouterr().err
            assert "le disque est plein" in err and "Traceback" not in err
            assert (out.read_bytes() if out.exists() else None) == before
            assert _partials(disk) == []
            filler.unlink()


def test_a_backup_on_a_full_disk_names_the_full_disk(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlite_cannot_grow(monkeypatch, _in_backups)
    assert main(["--db", str(db), "backup"]) == 1
    err = capsys.readouterr().err
    assert "le disque est plein" in err
    assert NOT_A_DATABASE not in err and "Traceback" not in err
    assert _partials(db.parent) == []
    assert not list((db.parent / "backups").glob("*.sqlite"))


def test_a_real_full_disk_during_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with tiny_disk(tmp_path / "disque", 700) as disk:
        db = disk / "movdesk.sqlite"
        add_referent(location_at(db), "Claire Martin")
        filler = disk / "remplissage"
        filler.write_bytes(b"\0" * max(0, shutil.disk_usage(disk).free - 60_000))
        monkeypatch.setattr(
            shutil, "disk_usage", lambda _p: shutil._ntuple_diskusage(10**9, 0, 10**9)  # type: ignore[attr-defined]
        )
        assert main(["--db", str(db), "backup"]) == 1
        err = capsys.readouterr().err
        assert "le disque est plein" in err and NOT_A_DATABASE not in err
        assert _partials(disk) == []


def test_the_daily_backup_on_a_full_disk_is_a_warning_naming_the_cause(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlite_cannot_grow(monkeypatch, _in_backups)
    assert main(["--db", str(db), "export", "json"]) == 0
    err = capsys.readouterr().err
    assert "attention : Sauvegarde automatique non faite" in err
    assert "le disque est plein" in err and NOT_A_DATABASE not in err


def test_writing_on_a_full_disk_does_not_say_try_again(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "dossiers.json"
    cases = [make_case(f"LC-2026-{n:06d}", beneficiary={"last_name": "Durand",
             "first_name": "Sophie", "pe_id": f"{n:07d}A"}) for n in range(1, 200)]
    source.write_text(json.dumps(document(cases)), encoding="utf-8")
    live = str(db)
    sqlite_cannot_grow(monkeypatch, lambda name: name == live)
    assert main(["--db", live, "import", str(source)]) == 1
    err = capsys.readouterr().err
    assert "le disque est plein" in err and "Rien n'a été modifié" in err
    assert "réessayez" not in err.lower()


def test_two_backups_in_the_same_second_both_succeed(db: Path) -> None:
    location = location_at(db)
    add_referent(location, "Claire Martin")
    same = datetime(2026, 3, 2, 9, 30, 0)
    start = threading.Barrier(3)
    results: list[Path | BaseException] = []

    def run() -> None:
        start.wait()
        try:
            results.append(backup_database(location, prefix="auto-", now=same))
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            results.append(error)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(isinstance(r, Path) for r in results), results
    assert len({str(r) for r in results}) == 3
    for path in results:
        assert isinstance(path, Path) and path.read_bytes().startswith(b"SQLite format 3")
    assert _partials(db.parent) == []


def test_concurrent_backup_commands_each_succeed(db: Path) -> None:
    add_referent(location_at(db), "Claire Martin")
    command = [sys.executable, "-m", "movdesk", "--db", str(db), "backup"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(3)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    written = {out.strip() for out, _err in outputs}
    assert len(written) == 3
    assert all(Path(p).is_file() for p in written)
    assert _partials(db.parent) == []


def test_a_database_on_a_full_disk_still_opens_for_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite cannot make the -shm it needs: the database opens read-only, the export
    works, the daily backup is skipped naming the full disk, a write says why."""
    with tiny_disk(tmp_path / "disque", 1024) as disk:
        db = disk / "movdesk.sqlite"
        add_referent(location_at(db), "Claire Martin")
        filler = disk / "remplissage"
        filler.write_bytes(b"\0" * shutil.disk_usage(disk).free)
        assert main(["--db", str(db), "export", "json"]) == 0
        err = capsys.readouterr().err
        assert "Sauvegarde automatique non faite" in err and "est plein" in err
        source = tmp_path / "un.json"
        source.write_text(json.dumps(document([make_case()])), encoding="utf-8")
        assert main(["--db", str(db), "import", str(source)]) == 1
        err = capsys.readouterr().err
        assert "Rien n'a été modifié" in err and "Traceback" not in err
