"""A demo interrupted half-way leaves an empty database that ``demo`` fills again.

It used to leave the chunks already written (2,000 cases after a kill during
``demo --cases 3000``), and ``demo`` then refused to run on a database "with cases".
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.demo import loader
from movdesk.models import Case, Referent

TODAY = date(2026, 11, 27)


class Stop(Exception):
    """The window's Annuler, or anything else that ends the job half-way."""


def _count(factory: sessionmaker[Session], entity: type) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(entity)) or 0


def test_an_interrupted_demo_writes_nothing_and_runs_again(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "CHUNK_SIZE", 5)

    def stop_after_first_chunk(done: int, _total: int) -> None:
        if done >= 5:
            raise Stop

    with pytest.raises(Stop):
        loader.fill_demo(session_factory, cases=12, today=TODAY, progress=stop_after_first_chunk)
    assert _count(session_factory, Case) == 0
    assert _count(session_factory, Referent) == 0
    assert loader.fill_demo(session_factory, cases=12, today=TODAY) == 12
    assert _count(session_factory, Case) == 12


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL n'existe pas sous Windows")
def test_a_killed_demo_leaves_an_empty_database(tmp_path: Path) -> None:
    """The process is killed for real (SIGKILL) once a second chunk is being written."""
    db = tmp_path / "demo.sqlite"
    code = (
        "import sys\n"
        "import movdesk.demo.loader as loader\n"
        "loader.CHUNK_SIZE = 20\n"
        "real = loader.enrich_cases\n"
        "def enrich(*args, **kwargs):\n"
        "    real(*args, **kwargs)\n"
        "    print('lot', flush=True)\n"
        "loader.enrich_cases = enrich\n"
        "from movdesk.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, "--db", str(db), "demo", "--cases", "200",
         "--today", TODAY.isoformat()],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    for _ in range(2):
        assert child.stdout.readline().strip() == "lot"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM mov_case").fetchone()[0] == 0
    done = subprocess.run(
        [sys.executable, "-m", "movdesk", "--db", str(db), "demo", "--cases", "30",
         "--today", TODAY.isoformat()],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM mov_case").fetchone()[0] == 30
