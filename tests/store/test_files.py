"""Atomic writes, the French causes of file errors, and the files nothing may overwrite."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from movdesk.errors import UserError
from movdesk.services.exports import write_file
from movdesk.store.files import (
    claim_new_name,
    megabytes,
    os_error_cause,
    write_atomically,
)
from movdesk.store.guard import protect_database, protection_of, refuse_protected_target

from ..disk import os_write_fails, tiny_disk


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partiel"))


def test_write_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_bytes(b"ancien")
    write_atomically(target, b"nouveau contenu")
    assert target.read_bytes() == b"nouveau contenu"
    assert _leftovers(tmp_path) == []


def test_a_failed_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(b'{"valide": true}')
    os_write_fails(monkeypatch)
    with pytest.raises(UserError, match="le disque est plein") as caught:
        write_file(str(target), b"x" * 10_000)
    assert "Aucun fichier n'a été modifié" in str(caught.value)
    assert target.read_bytes() == b'{"valide": true}'
    assert _leftovers(tmp_path) == []


def test_a_failed_write_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os_write_fails(monkeypatch, errno.EACCES)
    with pytest.raises(UserError, match="accès refusé"):
        write_file(str(tmp_path / "nouveau.csv"), b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_real_full_disk_keeps_the_previous_export(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "petit", 256) as disk:
        target = disk / "dossiers.json"
        target.write_bytes(b'{"format": "movdesk-cases"}')
        with pytest.raises(UserError, match="le disque est plein"):
            write_file(str(target), b"x" * 2_000_000)
        assert target.read_bytes() == b'{"format": "movdesk-cases"}'
        assert _leftovers(disk) == []


def test_replacing_keeps_the_permissions(tmp_path: Path) -> None:
    if os.name == "nt":
        pytest.skip("droits POSIX")
    target = tmp_path / "partage.csv"
    target.write_bytes(b"a")
    target.chmod(0o640)
    write_atomically(target, b"b")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "le disque est plein"),
        (PermissionError(errno.EACCES, "Permission denied"), "accès refusé"),
        (OSError(errno.EROFS, "Read-only file system"), "lecture seule"),
        (FileNotFoundError(errno.ENOENT, "No such file"), "n'existe pas"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "c'est un dossier"),
        (OSError(errno.EIO, "Input/output error"), "support retiré ou défectueux"),
    ],
)
def test_os_errors_are_named_in_french(error: OSError, words: str) -> None:
    assert words in os_error_cause(error)


def test_windows_errors_are_named_in_french() -> None:
    full = OSError(errno.ENOSPC, "x")
    full.winerror = 112  # type: ignore[attr-defined]
    assert os_error_cause(full) == "le disque est plein"
    busy = PermissionError(errno.EACCES, "x")
    busy.winerror = 32  # type: ignore[attr-defined]
    assert "ouvert dans un autre programme" in os_error_cause(busy)


def test_claiming_a_name_never_replaces_a_file(tmp_path: Path) -> None:
    wanted = tmp_path / "movdesk-20260105-101010.sqlite"
    wanted.write_bytes(b"sauvegarde existante")
    temp = tmp_path / ".t.partiel"
    temp.write_bytes(b"nouvelle")
    got = claim_new_name(temp, wanted)
    assert got.name == "movdesk-20260105-101010-2.sqlite"
    assert wanted.read_bytes() == b"sauvegarde existante" and got.read_bytes() == b"nouvelle"
    assert not temp.exists()


def test_megabytes_in_french() -> None:
    assert megabytes(52_400_000) == "52,4 Mo"


def test_the_database_and_its_files_are_protected(tmp_path: Path) -> None:
    db = tmp_path / "bureau" / "movdesk.sqlite"
    for name in ("movdesk.sqlite", "movdesk.sqlite-wal", "movdesk.sqlite-shm",
                 "movdesk.sqlite-journal", "backups/auto-x.sqlite", "backups/neuf.csv",
                 "pieces-jointes/" + "0" * 64 + ".pdf"):
        assert protection_of(tmp_path / "bureau" / name, db) is not None, name
    assert protection_of(tmp_path / "bureau" / "export.csv", db) is None
    assert protection_of(tmp_path / "bureau" / "backups-2" / "x.csv", db) is None
    # Another spelling of the same path is the same file.
    assert protection_of(tmp_path / "bureau" / "." / "movdesk.sqlite", db) is not None


def test_the_signed_copies_beside_the_database_are_protected(tmp_path: Path) -> None:
    # A stored scan is the signed original's copy, named by its own content: a document
    # saved over it would replace the proof by an unsigned print.
    db = tmp_path / "bureau" / "movdesk.sqlite"
    scan = tmp_path / "bureau" / "pieces-jointes" / f"{'a' * 64}.pdf"
    found = protection_of(scan, db)
    assert found is not None and "pièces jointes" in found.reason
    assert protection_of(tmp_path / "bureau" / "pieces-jointes" / "autre.pdf", db) is not None
    assert protection_of(tmp_path / "bureau" / "pieces-jointes-2" / "x.pdf", db) is None
    protect_database(db)
    scan.parent.mkdir(parents=True)
    scan.write_bytes(b"%PDF-1.4 scan")
    with pytest.raises(UserError, match="pièces jointes"):
        write_file(scan, b"%PDF-1.4 imprime")
    assert scan.read_bytes() == b"%PDF-1.4 scan"


def test_a_registered_database_refuses_exports(tmp_path: Path) -> None:
    db = tmp_path / "registered.sqlite"
    protect_database(db)
    with pytest.raises(UserError, match="Enregistrement refusé.*la base de données elle-même"):
        refuse_protected_target(db)
    with pytest.raises(UserError, match="fichier de travail de la base de données"):
        write_file(f"{db}-wal", b"x")
    assert not Path(f"{db}-wal").exists()


def test_any_sqlite_database_is_never_replaced_by_an_export(tmp_path: Path) -> None:
    other = tmp_path / "autre-bureau.sqlite"
    other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(UserError, match="est une base de données SQLite"):
        write_file(str(other), b"cohorte;recus\r\n")
    assert other.read_bytes().startswith(b"SQLite format 3")


def test_stale_temporaries_are_removed_fresh_ones_kept(tmp_path: Path) -> None:
    import time

    from movdesk.store.files import remove_stale_temporaries

    stale = tmp_path / ".movdesk.sqlite.0a1b2c3d.partiel"
    fresh = tmp_path / ".movdesk-20260105.sqlite.9f8e7d6c.partiel"
    other = tmp_path / "notes.partiel"
    for path in (stale, fresh, other):
        path.write_bytes(b"x")
    old = time.time() - 7 * 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    assert remove_stale_temporaries(tmp_path) == 1
    assert not stale.exists() and fresh.exists() and other.exists()
