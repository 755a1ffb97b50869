"""The preview window: pages, zoom, printing to a PDF printer, saving, the system viewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from movdesk.models import AuditEntry, CaseDocument, DocumentKind
from movdesk.services.context import Desk
from movdesk.services.documents.printing import DocumentRequest, PrintKind, render_for_desk
from movdesk.ui.documents import preview as preview_module
from movdesk.ui.documents.preview import PreviewWindow

from ...reports.pdf_checks import all_text, page_texts

pytestmark = pytest.mark.gui


@pytest.fixture
def document(desk: Desk, followed: int):
    return render_for_desk(desk, DocumentRequest(PrintKind.INTERMEDIATE, followed))


@pytest.fixture
def window(qtbot: QtBot, desk: Desk, document) -> PreviewWindow:
    win = PreviewWindow(desk, document)
    qtbot.addWidget(win)
    with qtbot.waitExposed(win):
        win.show()
    return win


def _recorded(factory: sessionmaker[Session]) -> list[tuple[DocumentKind, str | None]]:
    with factory() as session:
        rows = session.execute(select(CaseDocument.kind, CaseDocument.sha256)).all()
    return [(DocumentKind(kind), sha) for kind, sha in rows]


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(100)  # enough to read back; keeps the test fast
    return printer


def test_pages_and_navigation(qtbot: QtBot, window: PreviewWindow, document) -> None:
    assert window.page_count() == document.pages == len(page_texts(document.data)) >= 2
    assert window.page_total.text().strip() == f"/ {document.pages}"
    assert not window.previous_action.isEnabled() and window.next_action.isEnabled()
    window.next_action.trigger()
    qtbot.waitUntil(lambda: window.current_page() == 1)
    assert window.page_box.value() == 2 and window.previous_action.isEnabled()
    window.page_box.setValue(document.pages)
    qtbot.waitUntil(lambda: window.current_page() == document.pages - 1)
    assert not window.next_action.isEnabled()
    window.go_to_page(99)
    assert window.current_page() == document.pages - 1
    before = window.view.zoomFactor()
    window.zoom_in_action.trigger()
    assert window.view.zoomFactor() > before
    window.zoom_out_action.trigger()
    window.zoom_out_action.trigger()
    assert window.view.zoomFactor() < before


def test_previewing_records_nothing(window: PreviewWindow, session_factory) -> None:
    assert _recorded(session_factory) == []


def test_print_to_a_pdf_printer_renders_every_page_and_records_it(
    window: PreviewWindow, document, session_factory, tmp_path: Path
) -> None:
    target = tmp_path / "imprimé.pdf"
    assert window.print_to(_pdf_printer(target)) == document.pages
    # The printed file holds one page per page (images, at the printer's resolution).
    assert len(page_texts(target.read_bytes())) == document.pages
    assert _recorded(session_factory) == [
        (DocumentKind.INTERMEDIATE_REPORT, document.sha256),
        (DocumentKind.INTERMEDIATE_ATTENDANCE, document.sha256),
    ]
    with session_factory() as session:
        summaries = session.scalars(select(AuditEntry.summary)).all()
    assert any(s.endswith(": imprimé") for s in summaries)


def test_the_print_dialog_page_range_is_honoured(
    window: PreviewWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "pages.pdf"

    def choose(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        printer.setResolution(72)
        printer.setFromTo(2, 2)
        return int(QPrintDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", choose)
    window.print_action.trigger()
    assert len(page_texts(target.read_bytes())) == 1


def test_a_cancelled_print_dialog_prints_and_records_nothing(
    window: PreviewWindow, monkeypatch: pytest.MonkeyPatch, session_factory
) -> None:
    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: int(QPrintDialog.DialogCode.Rejected))
    window.print_action.trigger()
    assert _recorded(session_factory) == []


def test_save_as_pdf(
    window: PreviewWindow, document, session_factory, monkeypatch, tmp_path: Path, boxes
) -> None:
    target = tmp_path / "bilan"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.save_action.trigger()
    saved = tmp_path / "bilan.pdf"
    assert saved.read_bytes() == document.data
    assert "LC-2026-000123" in all_text(saved.read_bytes())
    assert len(_recorded(session_factory)) == 2
    assert window.save_as(str(tmp_path / "absent" / "x.pdf")) is False
    assert boxes and "Impossible d'écrire" in boxes[-1][2]


def test_saving_under_a_name_given_without_pdf_asks_before_replacing(
    window: PreviewWindow, document, monkeypatch, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    kept = tmp_path / "bilan.pdf"
    kept.write_bytes(b"%PDF-1.4 copie signee")
    typed = str(tmp_path / "bilan")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (typed, ""))
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert window.save_as() is False
    assert kept.read_bytes() == b"%PDF-1.4 copie signee" and "existe déjà" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    assert window.save_as() is True and kept.read_bytes() == document.data


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[QUrl]:
    """What the system's viewer was asked to open; copies go to ``tmp_path``."""
    urls: list[QUrl] = []
    monkeypatch.setattr(preview_module.tempfile, "gettempdir", lambda: str(tmp_path))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def test_open_in_the_system_viewer(
    window: PreviewWindow, document, session_factory, monkeypatch, opened, boxes
) -> None:
    assert window.open_in_viewer()
    path = Path(opened[0].toLocalFile())
    assert path.read_bytes() == document.data and path.name == document.file_name
    assert len(_recorded(session_factory)) == 2
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    assert not window.open_in_viewer()
    assert "Aucune visionneuse PDF" in boxes[-1][2]


def test_printing_shows_its_progress_and_keeps_the_window_alive(
    qtbot: QtBot, window: PreviewWindow, document, session_factory, tmp_path: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    seen: list[tuple[int, int, bool]] = []

    tries = iter(range(200))

    def look() -> None:
        progress = window.findChild(QProgressDialog)
        if progress is not None:
            seen.append((progress.value(), progress.maximum(), progress.isVisible()))
        elif next(tries, None) is not None:
            QTimer.singleShot(5, look)

    QTimer.singleShot(0, look)
    assert window.print_to(_pdf_printer(tmp_path / "p.pdf")) == document.pages
    # The events went on while the pages were rendered: the progress was seen, shown.
    assert seen and seen[0][1] == document.pages and seen[0][2]
    assert window.findChild(QProgressDialog) is None
    assert len(_recorded(session_factory)) == 2


def test_printing_can_be_cancelled_and_then_records_nothing(
    qtbot: QtBot, window: PreviewWindow, session_factory, tmp_path: Path
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    tries = iter(range(200))

    def cancel() -> None:
        progress = window.findChild(QProgressDialog)
        if progress is not None:
            progress.cancel()
        elif next(tries, None) is not None:
            QTimer.singleShot(5, cancel)

    QTimer.singleShot(0, cancel)
    assert window.print_to(_pdf_printer(tmp_path / "p.pdf")) == 0
    assert _recorded(session_factory) == []
    assert "annulée" in window.statusBar().currentMessage()


def test_the_viewer_copy_takes_another_name_when_the_last_one_is_held_open(
    window: PreviewWindow, document, opened, tmp_path: Path, boxes
) -> None:
    # The PC's viewer holds the previous copy open (Windows then refuses to rewrite it):
    # here, something that cannot be written stands under that name.
    held = tmp_path / preview_module.VIEWER_FOLDER / document.file_name
    held.mkdir(parents=True)
    assert window.open_in_viewer(), boxes
    path = Path(opened[0].toLocalFile())
    assert path.read_bytes() == document.data and path != held
    assert path.parent == held.parent and path.suffix == ".pdf"
