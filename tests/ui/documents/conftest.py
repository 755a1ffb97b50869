"""A desk with a fixed today and a followed case, for the printing windows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.services.conftest import TODAY, case_id, desk, referent_id
from tests.services.documents.conftest import followed, signed

__all__ = ["TODAY", "case_id", "desk", "followed", "referent_id", "signed"]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str, str]]]:
    """Message boxes are noted (kind, title, text) and never block."""
    seen: list[tuple[str, str, str]] = []

    def note(kind: str) -> Any:
        def show(*args: Any, **_kw: Any) -> QMessageBox.StandardButton:
            seen.append((kind, args[1], args[2]))
            return QMessageBox.StandardButton.Yes

        return show

    for kind in ("warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, note(kind))
    yield seen
