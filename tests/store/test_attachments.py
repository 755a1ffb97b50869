"""Attached scans: taken into a folder beside the database, copied by backups and restores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from movdesk.errors import UserError
from movdesk.store import attachments
from movdesk.store.attachments import (
    ATTACHMENTS_DIRNAME,
    attachment_path,
    attachments_dir,
    store_attachment,
)
from movdesk.store.backup import backup_database
from movdesk.store.migrate import open_database
from movdesk.store.restore import restore_database

from ..disk import os_write_fails, read_only_folder
from .conftest import location_at

PDF = b"%PDF-1.4\n% scan\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


@pytest.fixture
def location(tmp_path: Path):
    place = location_at(tmp_path / "office" / "movdesk.sqlite")
    place.path.parent.mkdir(parents=True)
    open_database(place, daily_backup=False).dispose()
    return place


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def test_a_scan_is_stored_once_under_its_own_hash(location, tmp_path: Path) -> None:
    first = store_attachment(location, _file(tmp_path, "Contrat signé.PDF", PDF))
    again = store_attachment(location, _file(tmp_path, "copie.pdf", PDF))
    assert first == again
    assert first.file_name == f"{first.sha256}.pdf"
    stored = attachment_path(location, first.file_name)
    assert stored.parent == location.path.parent / ATTACHMENTS_DIRNAME
    assert stored.read_bytes() == PDF
    assert os.listdir(attachments_dir(location)) == [first.file_name]
    assert store_attachment(
        location, _file(tmp_path, "photo.jpeg", b"\xff\xd8\xff\xe0x")
    ).file_name.endswith(".jpg")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("note.docx", PDF, "n'est pas un PDF, un JPEG ou un PNG"),
        ("scan.pdf", PNG, "n'est pas celui d'un fichier PDF"),
        ("scan.png", PDF, "n'est pas celui d'un fichier PNG"),
        ("vide.pdf", b"", "est vide"),
    ],
)
def test_other_files_are_refused_in_french(location, tmp_path: Path, name, data, message) -> None:
    with pytest.raises(UserError, match=message):
        store_attachment(location, _file(tmp_path, name, data))
    assert not attachments_dir(location).exists()


def test_too_large_and_missing_files(location, tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(UserError, match="impossible de lire .*n'existe pas"):
        store_attachment(location, tmp_path / "absent.pdf")
    with pytest.raises(UserError, match="impossible de lire .*c'est un dossier"):
        store_attachment(location, tmp_path)
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 10)
    with pytest.raises(UserError, match="la limite est de"):
        store_attachment(location, _file(tmp_path, "gros.pdf", PDF))
    # Just over 50 Mo reads as over it, not as « 50 Mo ; la limite est de 50 Mo ».
    monkeypatch.setattr(attachments, "MAX_ATTACHMENT_BYTES", 50 * 1024 * 1024)
    big = tmp_path / "scan-lourd.pdf"
    with open(big, "wb") as handle:
        handle.write(PDF)
        handle.truncate(50 * 1024 * 1024 + 400 * 1024)
    with pytest.raises(UserError, match="pèse 50,4 Mo ; la limite est de 50 Mo"):
        store_attachment(location, big)


def test_a_missing_or_strange_name_is_an_error(location) -> None:
    with pytest.raises(UserError, match="introuvable"):
        attachment_path(location, "a" * 64 + ".pdf")
    with pytest.raises(UserError, match="nom de fichier inattendu"):
        attachment_path(location, "../movdesk.sqlite")


def test_an_unwritable_folder_attaches_nothing(location, tmp_path: Path) -> None:
    folder = attachments_dir(location)
    folder.mkdir(parents=True)
    scan = _file(tmp_path, "scan.pdf", PDF)
    with read_only_folder(folder):
        with pytest.raises(UserError, match="Rien n'a été joint"):
            store_attachment(location, scan)
    assert list(folder.iterdir()) == []


def test_a_full_disk_attaches_nothing_and_says_so(
    location, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = _file(tmp_path, "scan.pdf", PDF)
    os_write_fails(monkeypatch)
    with pytest.raises(UserError, match="le disque est plein.*Rien n'a été joint"):
        store_attachment(location, scan)
    folder = attachments_dir(location)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_a_folder_that_cannot_hold_the_copy_attaches_nothing(location, tmp_path: Path) -> None:
    # Something other than a folder stands where the attachments go (any user can meet
    # this one, unlike a read-only folder): a French refusal, nothing half-written.
    blocker = attachments_dir(location)
    blocker.write_text("pas un dossier")
    with pytest.raises(UserError, match="Rien n'a été joint") as refusal:
        store_attachment(location, _file(tmp_path, "scan.pdf", PDF))
    assert "n'est pas un dossier" in str(refusal.value)
    assert blocker.read_text() == "pas un dossier"


def test_backups_carry_the_attachments_and_restores_bring_them_back(
    location, tmp_path: Path
) -> None:
    stored = store_attachment(location, _file(tmp_path, "scan.pdf", PDF))
    backup = backup_database(location)
    copy = backup.parent / ATTACHMENTS_DIRNAME / stored.file_name
    assert copy.read_bytes() == PDF
    # A second backup copies nothing new and keeps the file.
    second = backup_database(location, tmp_path / "usb" / "copie.sqlite")
    assert (second.parent / ATTACHMENTS_DIRNAME / stored.file_name).is_file()
    # The office loses its folder; restoring the backup brings the scan back.
    attachment_path(location, stored.file_name).unlink()
    restore_database(location, second)
    assert attachment_path(location, stored.file_name).read_bytes() == PDF
