"""Pictures of the printing windows, for :mod:`movdesk.ui.screenshots`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDeadlineTimer
from PySide6.QtWidgets import QApplication


def _settle(milliseconds: int = 1500) -> None:
    """Let QtPdf render the visible pages (it does so in the background)."""
    limit = QDeadlineTimer(milliseconds)
    while not limit.hasExpired():
        QApplication.processEvents()


def document_shots(window: Any, case_id: int) -> list[tuple[str, Callable[[], Any]]]:
    """The case file's « Documents » section and the preview of an attendance sheet."""

    def section() -> Any:
        from ..casefile import open_case_file

        case_file = open_case_file(window.desk, case_id, window)
        case_file.show_section("Documents")
        return case_file

    def preview() -> Any:
        from ...services.documents.printing import DocumentRequest, PrintKind, render_for_desk
        from .preview import PreviewWindow

        document = render_for_desk(window.desk, DocumentRequest(PrintKind.ATTENDANCE, case_id))
        shown = PreviewWindow(window.desk, document, window)
        shown.show()
        _settle()
        return shown

    return [("dossier-documents", section), ("apercu-document", preview)]
