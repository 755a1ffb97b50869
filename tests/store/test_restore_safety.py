"""Restore never loses the current database: full disk, a writer at work, a long lock,
structurally broken candidates. Each case was a loss or a traceback before."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import namedtuple
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from movdesk.cli import main
from movdesk.config import DatabaseLocation
from movdesk.errors import UserError
from movdesk.store.check import check_database
from movdesk.store.migrate import head_revision
from movdesk.store.restore import restore_database

from ..disk import sqlite_cannot_grow, tiny_disk
from .conftest import add_referent, digest, location_at, referent_names

_Usage = namedtuple("_Usage", "total used free")


def _no_temporary_left(folder: Path) -> None:
    assert not [p.name for p in folder.rglob("*.partiel")]


def _backup_with(path: Path, names: list[str]) -> Path:
    """A sound movdesk backup holding ``names`` as referents."""
    add_referent(location_at(path), names[0])
    with closing(sqlite3.connect(path)) as conn:
        conn.executemany(
            "INSERT INTO referent (full_name, active) VALUES (?, 1)", [(n,) for n in names[1:]]
        )
        conn.commit()
    return path


@pytest.fixture
def office(tmp_path: Path) -> DatabaseLocation:
    location = location_at(tmp_path / "bureau" / "movdesk.sqlite")
    add_referent(location, "Claire Martin")
    return location


def test_not_enough_room_is_refused_before_anything_is_written(
    office: DatabaseLocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert office.path is not None
    source = _backup_with(tmp_path / "sauvegarde.sqlite", ["Julien Petit"])
    before = digest(office.path)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: _Usage(10**9, 10**9, 200_000))
    assert main(["--db", str(office.path), "restore", str(source)]) == 1
    err = capsys.readouterr().err
    assert "le disque est plein" in err and "Il faut environ" in err and "Mo" in err
    assert "la base actuelle n'a pas été modifiée" in err
    assert digest(office.path) == before
    assert not (office.path.parent / "backups").exists()
    _no_temporary_left(office.path.parent)


def test_a_disk_filling_up_during_the_replacement_changes_nothing(
    office: DatabaseLocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite says "database or disk is full" while writing the current file: that is
    a full disk, not an unreadable database to delete and rebuild."""
    assert office.path is not None
    source = _backup_with(tmp_path / "grosse.sqlite", [f"Référent {n}" for n in range(300)])
    before = digest(office.path)
    live = str(office.path)
    sqlite_cannot_grow(monkeypatch, lambda name: name == live)
    with pytest.raises(UserError, match="le disque est plein") as caught:
        restore_database(office, source)
    assert "Traceback" not in str(caught.value)
    monkeypatch.undo()
    assert digest(office.path) == before
    assert referent_names(office.path) == ["Claire Martin"]
    assert check_database(office).ok
    _no_temporary_left(office.path.parent)


def test_a_real_full_disk_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _backup_with(tmp_path / "grosse.sqlite", [f"Référent {n:04d}" for n in range(3000)])
    with tiny_disk(tmp_path / "petit-disque", 1400) as disk:
        db = disk / "movdesk.sqlite"
        add_referent(location_at(db), "Claire Martin")
        before = digest(db)
        # The disk claims room enough, so that the copy really runs out of it.
        monkeypatch.setattr(shutil, "disk_usage", lambda _p: _Usage(10**9, 0, 10**9))
        assert main(["--db", str(db), "restore", str(source)]) == 1
        err = capsys.readouterr().err
        assert "disque est plein" in err and "Traceback" not in err
        assert digest(db) == before
        assert referent_names(db) == ["Claire Martin"]
        _no_temporary_left(disk)
        for companion in ("-journal",):
            assert not Path(f"{db}{companion}").exists()
        monkeypatch.undo()
        assert main(["--db", str(db), "check"]) == 0


def test_a_write_committed_while_restore_waits_is_in_the_safety_copy(
    office: DatabaseLocation, tmp_path: Path
) -> None:
    """Another program is in the middle of a write transaction when the restore starts:
    the restore waits for it, and what it committed is in the copy kept aside."""
    assert office.path is not None
    source = _backup_with(tmp_path / "sauvegarde.sqlite", ["Julien Petit"])
    writer = sqlite3.connect(
        office.path, timeout=5, isolation_level=None, check_same_thread=False
    )
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO referent (full_name, active) VALUES ('Import en cours', 1)")

    def commit_later() -> None:
        time.sleep(0.8)
        writer.execute("COMMIT")

    thread = threading.Thread(target=commit_later)
    thread.start()
    try:
        safety = restore_database(office, source)
    finally:
        thread.join()
        writer.close()
    assert safety is not None
    assert "Import en cours" in referent_names(safety)
    assert referent_names(office.path) == ["Julien Petit"]


def test_a_writer_racing_the_restore_loses_nothing(
    office: DatabaseLocation, tmp_path: Path
) -> None:
    """Writes keep coming from another connection during the restore: every one that
    committed is either in the safety copy or in the restored database, never lost."""
    assert office.path is not None
    source = _backup_with(tmp_path / "sauvegarde.sqlite", ["Julien Petit"])
    committed: list[str] = []
    stop = threading.Event()

    def keep_writing() -> None:
        conn = sqlite3.connect(office.path, timeout=10, isolation_level=None)
        n = 0
        while not stop.is_set():
            n += 1
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute(
                    "INSERT INTO referent (full_name, active) VALUES (?, 1)", (f"Écrit {n}",)
                )
                conn.execute("COMMIT")
                committed.append(f"Écrit {n}")
            except sqlite3.Error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
            time.sleep(0.005)
        conn.close()

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        time.sleep(0.2)
        safety = restore_database(office, source)
        time.sleep(0.2)
    finally:
        stop.set()
        thread.join()
    assert safety is not None
    kept = set(referent_names(safety)) | set(referent_names(office.path))
    assert committed and set(committed) <= kept


def test_a_long_write_lock_is_refused_after_the_busy_timeout(
    office: DatabaseLocation, tmp_path: Path
) -> None:
    """It used to wait for ever, in silence."""
    assert office.path is not None
    source = _backup_with(tmp_path / "sauvegarde.sqlite", ["Julien Petit"])
    holder = sqlite3.connect(office.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO referent (full_name, active) VALUES ('Pas fini', 1)")
    code = (
        "import sys, movdesk.store.engine as e; e.BUSY_TIMEOUT_MS = 300\n"
        "from movdesk.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, "--db", str(office.path), "restore", str(source)],
            capture_output=True, text=True, timeout=60, check=False,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1, done.stderr
    assert "en cours d'écriture par un autre programme" in done.stderr
    assert "Traceback" not in done.stderr
    assert referent_names(office.path) == ["Claire Martin"]


def _only_the_revision(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO alembic_version VALUES (?)", (head_revision(),))
        conn.commit()
    return path


def _spoilt(statement: str) -> Callable[[Path], Path]:
    """A maker of sound movdesk files, then spoilt by one SQL statement."""

    def make(path: Path) -> Path:
        add_referent(location_at(path), "Julien Petit")
        with closing(sqlite3.connect(path)) as conn:
            conn.execute(statement)
            conn.commit()
        return path

    return make


_missing_a_table = _spoilt("DROP TABLE suspension")
_missing_a_trigger = _spoilt("DROP TRIGGER trg_interview_insert_schedule")
_broken_references = _spoilt(
    "INSERT INTO interview (case_id, date, minutes, kind, status) "
    "VALUES (4242, '2026-01-14', 45, 'individual', 'attended')"
)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_only_the_revision, "tables absentes : action, audit_log"),
        (_missing_a_table, "table « suspension » absente"),
        (_broken_references, "renvoie à une ligne absente de « mov_case »"),
        (_missing_a_trigger, "déclencheur « trg_interview_insert_schedule » absent"),
    ],
    ids=["revision-only", "missing-table", "broken-references", "missing-trigger"],
)
def test_a_structurally_broken_file_is_refused_and_check_finds_it(
    office: DatabaseLocation, tmp_path: Path, make, words: str,  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert office.path is not None
    candidate = make(tmp_path / "candidate.sqlite")
    before = digest(office.path)
    assert main(["--db", str(office.path), "restore", str(candidate)]) == 1
    err = capsys.readouterr().err
    assert "Restauration impossible" in err and words in err and "Traceback" not in err
    assert digest(office.path) == before
    assert main(["--db", str(office.path), "export", "json"]) == 0
    capsys.readouterr()
    assert main(["--db", str(candidate), "check"]) == 1
    report = capsys.readouterr().out
    assert words in report and "aucun problème" not in report


def test_a_read_only_database_file_is_not_replaced(
    office: DatabaseLocation, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert office.path is not None
    source = _backup_with(tmp_path / "sauvegarde.sqlite", ["Julien Petit"])
    office.path.chmod(0o444)
    try:
        assert main(["--db", str(office.path), "restore", str(source)]) == 1
        assert "en lecture seule" in capsys.readouterr().err
        assert referent_names(office.path) == ["Claire Martin"]
    finally:
        office.path.chmod(0o644)


def test_a_failed_rename_puts_the_damaged_file_and_its_journal_back(
    office: DatabaseLocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A current file SQLite cannot read is replaced by a rename; when the rename fails
    (the file is open in another program, on Windows), everything is as it was."""
    import os

    assert office.path is not None
    source = _backup_with(tmp_path / "sauvegarde.sqlite", ["Julien Petit"])
    office.path.write_bytes(b"\x00illisible" * 100)
    journal = Path(f"{office.path}-journal")
    journal.write_bytes(b"journal")
    real_replace = os.replace

    def replace(src: object, dst: object) -> None:
        if Path(str(dst)) == office.path:
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(UserError, match="accès refusé"):
        restore_database(office, source)
    monkeypatch.undo()
    assert office.path.read_bytes() == b"\x00illisible" * 100
    assert journal.read_bytes() == b"journal"
    _no_temporary_left(office.path.parent)
