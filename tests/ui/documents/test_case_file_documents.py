"""The case file's « Documents » section: print buttons, signed, sent, scans."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import Case
from movdesk.services.context import Desk
from movdesk.services.documents.printing import DocumentRequest, PrintKind, deliver, render_for_desk
from movdesk.ui.casefile import CaseFileWindow
from movdesk.ui.documents import section as section_module
from movdesk.ui.documents.section import DocumentDateDialog, DocumentsSection

pytestmark = pytest.mark.gui


@pytest.fixture
def printed(desk: Desk, followed: int) -> int:
    """The intermediate report printed: two documents recorded (report and its sheet)."""
    deliver(
        desk, render_for_desk(desk, DocumentRequest(PrintKind.INTERMEDIATE, followed)), "imprimé"
    )
    return followed


@pytest.fixture
def section(qtbot: QtBot, desk: Desk, printed: int) -> DocumentsSection:
    window = CaseFileWindow(desk, printed)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window.show_section("Documents")


def _select(section: DocumentsSection, label: str) -> None:
    model = section.documents
    for number, row in enumerate(model.rows()):
        if row.kind == label:
            section.document_view.selectRow(number)
            return
    raise AssertionError(label)


def _answer_dates(monkeypatch: pytest.MonkeyPatch, day: date | None) -> None:
    def exec_(dialog: DocumentDateDialog) -> int:
        if day is None:
            dialog.clear.setChecked(True)
        else:
            dialog.day.set_value(day)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(DocumentDateDialog, "exec", exec_)


def test_the_documents_printed_are_listed_with_period_and_who(section: DocumentsSection) -> None:
    rows = section.documents.rows()
    assert [r.kind for r in rows] == [
        "Bilan intermédiaire",
        "Feuille d'émargement du bilan intermédiaire",
    ]
    model = section.documents
    assert model.data(model.index(0, 1)) == "05/01/2026 – 02/03/2026"
    assert model.data(model.index(0, 2)) == "02/03/2026 (claire)"
    assert "SHA-256" in model.data(model.index(0, 2), 3)  # tooltip


def test_mark_signed_then_sent_closes_the_deadline(
    qtbot: QtBot,
    section: DocumentsSection,
    monkeypatch: pytest.MonkeyPatch,
    session_factory: sessionmaker[Session],
    printed: int,
) -> None:
    _select(section, "Bilan intermédiaire")
    assert section.signed_button.isEnabled()
    _answer_dates(monkeypatch, date(2026, 3, 1))
    section.signed_button.click()
    qtbot.waitUntil(lambda: section.documents.rows()[0].signed_on == date(2026, 3, 1))
    assert section.documents.rows()[1].signed_on == date(2026, 3, 1)
    _select(section, "Bilan intermédiaire")
    _answer_dates(monkeypatch, date(2026, 3, 2))
    section.document_sent_button.click()
    qtbot.waitUntil(lambda: section.documents.rows()[0].sent_on == date(2026, 3, 2))
    with session_factory() as session:
        assert session.get(Case, printed).intermediate_sent_date == date(2026, 3, 2)
    sent = [d for d in section.dispatches.rows() if d.label == "Bilan intermédiaire"]
    assert sent[0].state == "envoyé"
    _select(section, "Bilan intermédiaire")
    _answer_dates(monkeypatch, None)
    section.document_sent_button.click()
    qtbot.waitUntil(lambda: section.documents.rows()[0].sent_on is None)
    with session_factory() as session:
        assert session.get(Case, printed).intermediate_sent_date is None


def test_attach_open_and_remove_a_scan(
    qtbot: QtBot, section: DocumentsSection, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, boxes
) -> None:
    scan = tmp_path / "bilan signé.pdf"
    scan.write_bytes(b"%PDF-1.4 signed")
    _select(section, "Bilan intermédiaire")
    assert not section.open_scan_button.isEnabled()
    assert section.attach(str(scan))
    qtbot.waitUntil(lambda: section.documents.rows()[0].attachment_name == "bilan signé.pdf")
    _select(section, "Bilan intermédiaire")
    assert section.open_scan_button.isEnabled()
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    section.open_scan_button.click()
    assert Path(opened[0].toLocalFile()).read_bytes() == b"%PDF-1.4 signed"
    section.detach_button.click()  # confirmed by the noted question box
    qtbot.waitUntil(lambda: section.documents.rows()[0].attachment_name is None)
    bad = tmp_path / "scan.txt"
    bad.write_text("texte")
    _select(section, "Bilan intermédiaire")
    assert not section.attach(str(bad))
    assert "PDF, un JPEG ou un PNG" in boxes[-1][2]


def test_print_buttons_open_the_preview(
    qtbot: QtBot, section: DocumentsSection, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []
    monkeypatch.setattr(
        section_module, "preview_case_document", lambda *args: seen.append(args[3]) or None
    )
    for button in section.print_buttons.values():
        assert button.isEnabled()
        button.click()
    assert seen == list(section.print_buttons)
