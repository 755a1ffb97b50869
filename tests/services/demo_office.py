"""A small demo office shared by the tests of the reporting pages (one per test module).

Built once per module with the demo generator (every lifecycle state, exit kind,
document and invoice appears), on a copy of the migrated template; tests that write
take their own copy with :func:`fresh_copy`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from movdesk.config import DatabaseLocation, resolve_database
from movdesk.demo import fill_demo
from movdesk.store.engine import make_session_factory
from movdesk.store.migrate import open_database

#: The day the demo office is filled on and looked at.
DEMO_TODAY = date(2026, 11, 29)
DEMO_CASES = 240


def build_demo_office(folder: Path, template: Path, cases: int = DEMO_CASES) -> Path:
    """A demo database of ``cases`` cases in ``folder``; returns its path."""
    path = folder / "office.sqlite"
    shutil.copyfile(template, path)
    engine = open_database(resolve_database(str(path)), daily_backup=False)
    try:
        fill_demo(make_session_factory(engine), cases=cases, seed=2026, today=DEMO_TODAY)
    finally:
        engine.dispose()
    return path


def fresh_copy(source: Path, folder: Path) -> DatabaseLocation:
    """A copy of the demo database that a test may write to."""
    target = folder / "copy.sqlite"
    shutil.copyfile(source, target)
    return resolve_database(str(target))


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory, migrated_template: Path) -> Path:
    return build_demo_office(tmp_path_factory.mktemp("demo-office"), migrated_template)


@pytest.fixture(scope="module")
def demo_engine(demo_path: Path) -> Iterator[Engine]:
    engine = open_database(resolve_database(str(demo_path)), daily_backup=False)
    yield engine
    engine.dispose()
