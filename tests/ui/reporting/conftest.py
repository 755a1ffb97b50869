"""Fixtures of the reporting pages' tests: the demo office, a desk on it, files chosen
without a dialog and message boxes answered without blocking."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import Engine

from movdesk.services.context import Desk
from movdesk.store.engine import make_session_factory
from movdesk.ui.pages.base import PageContext
from tests.services.demo_office import DEMO_TODAY, demo_engine, demo_path  # noqa: F401

__all__ = ["demo_engine", "demo_path"]


@pytest.fixture
def demo_context(demo_engine: Engine, demo_path: Path) -> PageContext:  # noqa: F811
    from movdesk.config import resolve_database

    factory = make_session_factory(demo_engine)
    desk = Desk(factory, user="test", clock=lambda: DEMO_TODAY)
    return PageContext(factory, resolve_database(str(demo_path)), False, desk)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every information or warning box, as (kind, text), answered at once."""
    shown: list[tuple[str, str]] = []
    for kind in ("information", "warning"):
        monkeypatch.setattr(
            QMessageBox, kind,
            lambda _parent, _title, text, *_a, kind=kind, **_k: shown.append((kind, text)),
        )  # fmt: skip
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_a, **_k: QMessageBox.StandardButton.Yes)  # fmt: skip
    return shown


@pytest.fixture
def save_to(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[str], Path]:
    """``save_to("x.csv")``: the next file asked for goes to ``tmp_path / "x.csv"``."""
    import movdesk.ui.reporting.files as files

    target: dict[str, Path] = {}

    def choose(name: str) -> Path:
        target["path"] = tmp_path / name
        return target["path"]

    def ask(_parent: object, _title: str, _name: str, _filter: str) -> str:
        return str(target["path"])

    for module in ("movdesk.ui.indicators.view", "movdesk.ui.indicators.compliance",
                   "movdesk.ui.payments.page"):  # fmt: skip
        monkeypatch.setattr(f"{module}.ask_save_path", ask)
    assert files.FOLDER_KEY
    return choose
