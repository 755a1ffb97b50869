"""Hostile disks for the tests: full, read-only — simulated portably, real when possible.

* :func:`sqlite_cannot_grow` makes every SQLite connection to the matching files unable
  to grow (``PRAGMA max_page_count``): SQLite then fails exactly as on a full disk
  (``SQLITE_FULL``), on any system.
* :func:`os_write_fails` makes the program's own file writes fail with an ``OSError``
  (``ENOSPC`` by default) after the temporary file is created.
* :func:`tiny_disk` mounts a real, small tmpfs: only as root on Linux; skipped otherwise,
  with the reason.
* :func:`read_only_folder` makes a real read-only folder: ``chmod`` for a normal user;
  as root, whom permission bits do not stop, the immutable attribute (``chattr +i``);
  skipped when neither can work (Windows, or root without ``chattr``).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def sqlite_cannot_grow(
    monkeypatch: pytest.MonkeyPatch, matches: Callable[[str], bool]
) -> None:
    """From now on, connections to files whose name ``matches`` cannot grow."""
    real_connect = sqlite3.connect

    def connect(database, *args, **kwargs):  # type: ignore[no-untyped-def]
        conn = real_connect(database, *args, **kwargs)
        if matches(str(database)):
            current = conn.execute("PRAGMA page_count").fetchone()[0]
            conn.execute(f"PRAGMA max_page_count = {max(current, 1)}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    # SQLAlchemy's driver calls the same function through ``sqlite3.dbapi2``.
    monkeypatch.setattr(sqlite3.dbapi2, "connect", connect)


def os_write_fails(monkeypatch: pytest.MonkeyPatch, code: int = errno.ENOSPC) -> None:
    """The program's synced writes fail as on a full disk (or with ``code``)."""
    import movdesk.store.files as files

    def fsync(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.os, "fsync", fsync)


def _is_root_on_linux() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


@contextmanager
def tiny_disk(where: Path, size_kb: int) -> Iterator[Path]:
    """A real file system of ``size_kb`` kilobytes mounted at ``where``."""
    if not _is_root_on_linux():
        pytest.skip("un vrai disque plein (tmpfs) demande root sous Linux ; simulé ailleurs")
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"montage tmpfs impossible ici : {done.stderr.decode(errors='replace')}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """``folder`` made read-only for the program while the block runs (module notes)."""
    if os.name == "nt":
        pytest.skip("dossier en lecture seule : droits Windows non simulés ici")
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("root ignore les droits et chattr n'est pas disponible")
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("root ignore les droits et ce système de fichiers refuse chattr +i")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
