"""Writing files so that a failure never leaves a half-written one, and saying why it failed.

Every file movdesk writes (exports, backups, documents) is first written to a temporary
file in the target's own folder, flushed and synced to the disk, and only then renamed
over the target with :func:`os.replace`, which is atomic on Windows and on POSIX when
both names are in one folder. On any failure (disk full, a folder that cannot be
written, an interruption) the temporary file is removed and the target is exactly as it
was: a valid export stays valid, a missing one stays missing. Handles are closed before
the rename, which Windows requires.

Temporary files are named ``.<target name>.<random>.partiel``: two programs writing the
same target at once never share one, and a crash leaves a file that no list of
backups or exports mistakes for a finished one.

:func:`os_error_cause` words an :class:`OSError` in French (disk full, access refused,
read-only medium, file open in another program…), so that messages name the real cause.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_SUFFIX = ".partiel"
#: What SQLite may leave beside a database file it wrote.
SQLITE_COMPANIONS = ("-journal", "-wal", "-shm")

# Windows error numbers (``OSError.winerror``) that have a cause of their own.
_WIN_ACCESS_DENIED = 5
_WIN_SHARING_VIOLATION = 32
_WIN_LOCK_VIOLATION = 33
_WIN_HANDLE_DISK_FULL = 39
_WIN_DISK_FULL = 112

_DISK_FULL = "le disque est plein"


def os_error_cause(error: OSError) -> str:
    """The cause of ``error`` in French words, for the end of a message."""
    winerror = getattr(error, "winerror", None)
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)) or winerror in (
        _WIN_DISK_FULL,
        _WIN_HANDLE_DISK_FULL,
    ):
        return _DISK_FULL
    if code == errno.EROFS:
        return "le support est en lecture seule"
    if winerror in (_WIN_SHARING_VIOLATION, _WIN_LOCK_VIOLATION):
        return (
            "le fichier est ouvert dans un autre programme (Excel, une visionneuse…) : "
            "fermez-le puis recommencez"
        )
    if isinstance(error, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return (
            "accès refusé : le dossier ou le fichier est en lecture seule, ou vous n'avez "
            "pas le droit d'y écrire (ou le fichier est ouvert dans un autre programme)"
        )
    if isinstance(error, FileExistsError):
        return "un fichier porte déjà ce nom (à la place d'un dossier ?)"
    if isinstance(error, FileNotFoundError):
        return "le dossier ou le fichier n'existe pas"
    if isinstance(error, IsADirectoryError):
        return "c'est un dossier, pas un fichier"
    if isinstance(error, NotADirectoryError):
        return "un élément du chemin n'est pas un dossier"
    if code == errno.ENAMETOOLONG:
        return "le nom du fichier est trop long"
    if code == errno.EIO:
        return "erreur de lecture ou d'écriture du disque (support retiré ou défectueux ?)"
    return error.strerror or str(error)


def is_disk_full(error: OSError) -> bool:
    return os_error_cause(error) == _DISK_FULL


def temporary_sibling(target: Path) -> Path:
    """A name for a temporary file beside ``target``, unique to this call."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def remove_quietly(path: Path, *, with_companions: bool = False) -> None:
    """Delete ``path`` (and SQLite's files beside it) if it exists; never raises."""
    names = [path]
    if with_companions:
        names += [Path(f"{path}{suffix}") for suffix in SQLITE_COMPANIONS]
    for name in names:
        try:
            name.unlink(missing_ok=True)
        except OSError:
            pass


def _sync_file(path: Path) -> None:
    """Make the bytes of ``path`` durable (Windows needs a handle open for writing)."""
    with open(path, "r+b") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Make a rename durable on POSIX; Windows cannot open a folder, nor needs to."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _keep_mode(temp: Path, target: Path) -> None:
    """A replaced file keeps its permissions (the temporary was made with the umask)."""
    try:
        shutil.copymode(target, temp)
    except OSError:
        pass


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed over it when the block ends normally.

    The block writes the temporary file (directly, or through SQLite) and closes it. On
    any exception the temporary file and SQLite's companions are removed and ``target``
    is left as it was. :class:`OSError` escapes as it is: callers word it with
    :func:`os_error_cause`.
    """
    temp = temporary_sibling(target)
    try:
        yield temp
        _sync_file(temp)
        if target.is_file():
            _keep_mode(temp, target)
        os.replace(temp, target)
    except BaseException:
        remove_quietly(temp, with_companions=True)
        raise
    _sync_folder(target.parent)


def write_atomically(target: Path, data: bytes) -> None:
    """Put ``data`` in ``target`` whole, or leave ``target`` as it was (module notes)."""
    with atomic_target(target) as temp:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(temp, flags, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def claim_new_name(temp: Path, wanted: Path) -> Path:
    """Rename the finished ``temp`` to ``wanted``, or ``wanted-2``… if the name is taken.

    Never replaces an existing file, even when another program claims the same name in
    the same instant: the name is taken with a hard link, which fails if it exists; a
    file system without hard links (a USB key in FAT32) gets the rename after a check.
    """
    n = 1
    candidate = wanted
    while True:
        try:
            os.link(temp, candidate)
        except FileExistsError:
            n += 1
            candidate = wanted.with_name(f"{wanted.stem}-{n}{wanted.suffix}")
            continue
        except OSError:
            if candidate.exists():
                n += 1
                candidate = wanted.with_name(f"{wanted.stem}-{n}{wanted.suffix}")
                continue
            os.replace(temp, candidate)
            return candidate
        remove_quietly(temp)
        return candidate


#: A temporary file untouched for this long belongs to a write that was killed.
STALE_AFTER_SECONDS = 6 * 3600


def remove_stale_temporaries(folder: Path, *, older_than: float = STALE_AFTER_SECONDS) -> int:
    """Delete the ``.partiel`` files a killed write left in ``folder``; how many.

    A copy of a large database can weigh hundreds of megabytes. Only files untouched
    for ``older_than`` seconds go: a write still running in another program is never
    taken from under it.
    """
    import time

    limit = time.time() - older_than
    removed = 0
    try:
        entries = list(folder.glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.is_file() and entry.stat().st_mtime < limit:
                entry.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def free_bytes(folder: Path) -> int | None:
    """Room left on the disk of ``folder``, None when the system does not say."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def megabytes(size: int) -> str:
    """``52,4 Mo``: a size as a French reader writes it."""
    return f"{size / 1_000_000:.1f}".replace(".", ",") + " Mo"


def file_size(path: Path) -> int:
    """Size of ``path`` in bytes, 0 when it does not exist."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def database_size(path: Path) -> int:
    """A database's bytes on disk with its write-ahead log (committed data may be there)."""
    return file_size(path) + file_size(Path(f"{path}-wal"))
