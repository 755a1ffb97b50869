"""Attached files (scanned signed documents): a folder beside the database, in backups.

A scan attached to a case's document is copied into the ``pieces-jointes`` folder
next to the database file, under a name made of its own SHA-256 and its extension
(``3f2a….pdf``). A file is therefore written once and never changed: attaching the
same scan twice stores it once, and a backup copies only the files its folder does
not hold yet. Every backup of the database copies the attachments into the
``pieces-jointes`` folder beside the backup file; a restore brings back those the
current folder lacks. The database keeps the file name; :func:`attachment_path` finds
it again.

Only PDF, JPEG and PNG files are taken (checked by their first bytes, not only their
extension), up to :data:`MAX_ATTACHMENT_BYTES`.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..config import DatabaseLocation
from ..errors import UserError
from .files import atomic_target, os_error_cause, write_atomically
from .guard import ATTACHMENTS_DIRNAME

#: Largest file accepted (a scanned multi-page PDF stays well under it).
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024

#: Accepted types: extension written in the pool, and the first bytes of such a file.
_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
_EXTENSIONS = {".pdf": ".pdf", ".jpg": ".jpg", ".jpeg": ".jpg", ".png": ".png"}
_POOL_NAME = re.compile(r"^[0-9a-f]{64}\.(pdf|jpg|png)$")


@dataclass(frozen=True)
class StoredFile:
    """A file taken into the attachments folder."""

    file_name: str
    sha256: str
    size: int


def attachments_dir(location: DatabaseLocation) -> Path:
    """The ``pieces-jointes`` folder beside the database file."""
    if location.path is None:
        raise UserError(
            f"Pièces jointes impossibles : la base « {location.url} » n'est pas un fichier "
            "SQLite local."
        )
    return location.path.parent / ATTACHMENTS_DIRNAME


def attachment_type(name: str, head: bytes) -> str:
    """The pool extension of a file called ``name`` starting with ``head``, or a French
    error naming the accepted types."""
    extension = _EXTENSIONS.get(Path(name).suffix.lower())
    if extension is None:
        raise UserError(
            f"Pièce jointe : « {Path(name).name} » n'est pas un PDF, un JPEG ou un PNG "
            "(types acceptés : .pdf, .jpg, .jpeg, .png)."
        )
    if not head.startswith(_SIGNATURES[extension]):
        raise UserError(
            f"Pièce jointe : le contenu de « {Path(name).name} » n'est pas celui d'un fichier "
            f"{extension[1:].upper()} (fichier endommagé ou mal nommé)."
        )
    return extension


def _megabytes(size: int) -> str:
    """``50,3 Mo``: a size said so that a file just over the limit does not read as at it."""
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",").replace(",0 Mo", " Mo")


def store_attachment(location: DatabaseLocation, source: Path) -> StoredFile:
    """Copy ``source`` into the attachments folder (once) and say under which name."""
    source = Path(source)
    try:
        size = source.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise UserError(
                f"Pièce jointe : « {source.name} » pèse {_megabytes(size)} ; "
                f"la limite est de {_megabytes(MAX_ATTACHMENT_BYTES)}."
            )
        data = source.read_bytes()
    except OSError as error:
        raise UserError(
            f"Pièce jointe : impossible de lire « {source} » ({os_error_cause(error)})."
        ) from None
    if not data:
        raise UserError(f"Pièce jointe : « {source.name} » est vide.")
    extension = attachment_type(source.name, data[:16])
    digest = hashlib.sha256(data).hexdigest()
    name = f"{digest}{extension}"
    folder = attachments_dir(location)
    target = folder / name
    if not target.is_file():
        try:
            if folder.exists() and not folder.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
            folder.mkdir(parents=True, exist_ok=True)
            # Synced before it takes its name: a file named by its hash is never
            # written again, so it must never be left short by a power cut.
            write_atomically(target, data)
        except OSError as error:
            raise UserError(
                f"Pièce jointe : impossible d'enregistrer la copie dans « {folder} » "
                f"({os_error_cause(error)}). Rien n'a été joint."
            ) from None
    return StoredFile(name, digest, len(data))


def attachment_path(location: DatabaseLocation, file_name: str) -> Path:
    """Where the attached file ``file_name`` is; a French error if it is missing."""
    if not _POOL_NAME.match(file_name):
        raise UserError(f"Pièce jointe : nom de fichier inattendu « {file_name} ».")
    path = attachments_dir(location) / file_name
    if not path.is_file():
        raise UserError(
            f"Pièce jointe introuvable : « {path} » n'existe plus. Restaurez une sauvegarde "
            "qui la contient, ou joignez la copie à nouveau."
        )
    return path


def copy_attachments(source_dir: Path, target_dir: Path) -> int:
    """Copy the attached files of ``source_dir`` that ``target_dir`` lacks; how many.

    Files are named by their content, so a name already present is the same file.
    Raises :class:`OSError` when a file cannot be written.
    """
    if not source_dir.is_dir() or source_dir.resolve() == target_dir.resolve():
        return 0
    present = set(os.listdir(target_dir)) if target_dir.is_dir() else set()
    copied = 0
    for entry in sorted(os.listdir(source_dir)):
        if entry in present or not _POOL_NAME.match(entry):
            continue
        target_dir.mkdir(parents=True, exist_ok=True)
        with atomic_target(target_dir / entry) as partial:
            shutil.copyfile(source_dir / entry, partial)
        copied += 1
    return copied


def carry_attachments(source_dir: Path, target_dir: Path, failure: str) -> None:
    """:func:`copy_attachments`, a failure told in French: ``failure`` then the cause."""
    try:
        copy_attachments(source_dir, target_dir)
    except OSError as error:
        raise UserError(f"{failure} ({os_error_cause(error)}).") from None
