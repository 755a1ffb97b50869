"""The preview window of a printed document: pages, zoom, print, save, open elsewhere.

The PDF is shown by QtPdf's ``QPdfView`` (continuous pages, fit to width by default).
From the window the document can be printed (``QPrintDialog``: the office's printers,
pages rendered at the printer's resolution), saved as a PDF file, or opened in the
system's PDF viewer. Each of these is when the document leaves movdesk, and is
recorded with its case (:func:`movdesk.services.documents.printing.deliver`);
previewing alone records nothing.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QStyle,
    QToolBar,
    QWidget,
)

from ...errors import UserError
from ...services.context import Desk
from ...services.documents.printing import RenderedDocument, deliver, save_pdf
from ...store.files import os_error_cause
from ..actions import create_action
from .printer import page_range, print_pdf

log = logging.getLogger("movdesk")

#: Zoom steps of the « + » and « − » buttons.
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 5.0
#: Where « Ouvrir dans la visionneuse » writes its copies.
VIEWER_FOLDER = "movdesk-documents"
#: How many names a copy tries when the viewer holds the previous ones open.
VIEWER_NAMES = 20

PRINTED = "imprimé"
OPENED = "ouvert dans la visionneuse"


def documents_folder() -> str:
    """The user's Documents folder, where « Enregistrer en PDF » proposes to save."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


class PreviewWindow(QMainWindow):
    """One PDF on screen, with what the office does with it."""

    #: The document left the program: « imprimé », « enregistré en PDF (…) », « ouvert… ».
    delivered = Signal(str)

    def __init__(self, desk: Desk, document: RenderedDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("documentPreview")
        self.setWindowTitle(f"Aperçu — {document.title}")
        self.desk = desk
        self.document = document
        #: True while pages go to the printer: the window is not closed under them.
        self.printing = False
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(document.data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf = QPdfDocument(self)
        self.pdf.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.setCentralWidget(self.view)
        self._build_toolbar()
        self.view.pageNavigator().currentPageChanged.connect(self._on_page)
        self._on_page(0)
        pages = self.page_count()
        self.statusBar().showMessage(
            f"{pages} page{'s' if pages > 1 else ''} — aperçu : rien n'est enregistré tant que "
            "le document n'est ni imprimé, ni enregistré, ni ouvert ailleurs."
        )
        self.resize(1000, 980)

    # -- construction -------------------------------------------------------------

    def _build_toolbar(self) -> None:
        style = self.style()
        icon = style.standardIcon
        pixmap = QStyle.StandardPixmap
        self.print_action = create_action(
            self,
            "&Imprimer…",
            shortcut=QKeySequence.StandardKey.Print,
            tip="Imprimer le document sur une imprimante du bureau",
            triggered=self.print_document,
        )
        self.save_action = create_action(
            self,
            "&Enregistrer en PDF…",
            shortcut=QKeySequence.StandardKey.Save,
            icon=icon(pixmap.SP_DialogSaveButton),
            tip="Enregistrer le document dans un fichier PDF",
            triggered=lambda: self.save_as(),
        )
        self.open_action = create_action(
            self,
            "&Ouvrir dans la visionneuse",
            icon=icon(pixmap.SP_DirOpenIcon),
            tip="Ouvrir le PDF dans la visionneuse du poste",
            triggered=self.open_in_viewer,
        )
        self.previous_action = create_action(
            self,
            "&Précédente",
            shortcut="PgUp",
            icon=icon(pixmap.SP_ArrowUp),
            tip="Aller à la page précédente",
            triggered=lambda: self.go_to_page(self.current_page() - 1),
        )
        self.next_action = create_action(
            self,
            "&Suivante",
            shortcut="PgDown",
            icon=icon(pixmap.SP_ArrowDown),
            tip="Aller à la page suivante",
            triggered=lambda: self.go_to_page(self.current_page() + 1),
        )
        self.zoom_in_action = create_action(
            self,
            "+",
            shortcut=QKeySequence.StandardKey.ZoomIn,
            tip="Agrandir (zoom avant)",
            triggered=lambda: self.zoom_by(ZOOM_STEP),
        )
        self.zoom_out_action = create_action(
            self,
            "−",
            shortcut=QKeySequence.StandardKey.ZoomOut,
            tip="Réduire (zoom arrière)",
            triggered=lambda: self.zoom_by(1 / ZOOM_STEP),
        )
        self.fit_width_action = create_action(
            self,
            "&Largeur",
            tip="Ajuster à la largeur de la fenêtre",
            triggered=lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth),
        )
        self.fit_page_action = create_action(
            self,
            "Page &entière",
            tip="Voir la page entière",
            triggered=lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView),
        )
        self.close_action = create_action(
            self, "&Fermer", shortcut="Esc", tip="Fermer l'aperçu", triggered=self.close
        )
        self.page_box = QSpinBox(self)
        self.page_box.setObjectName("pageNumber")
        self.page_box.setRange(1, max(self.page_count(), 1))
        self.page_box.setAccessibleName("Page affichée")
        self.page_box.valueChanged.connect(lambda value: self.go_to_page(value - 1))
        self.page_total = QLabel(f" / {self.page_count()} ", self)
        self.page_total.setObjectName("pageTotal")

        bar = QToolBar("Aperçu", self)
        bar.setObjectName("previewToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addAction(self.print_action)
        bar.addAction(self.save_action)
        bar.addAction(self.open_action)
        bar.addSeparator()
        bar.addAction(self.previous_action)
        bar.addWidget(QLabel(" Page ", self))
        bar.addWidget(self.page_box)
        bar.addWidget(self.page_total)
        bar.addAction(self.next_action)
        bar.addSeparator()
        bar.addAction(self.zoom_out_action)
        bar.addAction(self.zoom_in_action)
        bar.addAction(self.fit_width_action)
        bar.addAction(self.fit_page_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.addActions([self.close_action, self.previous_action, self.next_action])

    # -- pages and zoom -----------------------------------------------------------

    def page_count(self) -> int:
        return self.pdf.pageCount()

    def current_page(self) -> int:
        """The page shown, from 0."""
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        """Show page ``page`` (from 0), kept within the document."""
        page = max(0, min(page, self.page_count() - 1))
        if page != self.current_page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def zoom_by(self, factor: float) -> None:
        zoom = min(max(self.view.zoomFactor() * factor, ZOOM_MIN), ZOOM_MAX)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(zoom)

    def _on_page(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.previous_action.setEnabled(page > 0)
        self.next_action.setEnabled(page < self.page_count() - 1)

    # -- leaving the program ------------------------------------------------------

    def _record(self, how: str) -> None:
        """Record the documents with their cases; a failure is said, not fatal."""
        try:
            deliver(self.desk, self.document, how)
        except UserError as error:
            QMessageBox.warning(
                self,
                "Document non enregistré dans le dossier",
                f"Le document est sorti ({how}), mais il n'a pas pu être noté dans le "
                f"dossier : {error}",
            )
            return
        self.delivered.emit(how)

    def print_document(self) -> None:
        """Imprimer…: the print dialog, then the pages at the printer's resolution."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.document.title)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Imprimer")
        dialog.setMinMax(1, max(self.page_count(), 1))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Send the pages the printer asks for; returns how many went out.

        Each page is rendered at the printer's resolution, seconds a page: a progress
        dialog says how far it is and can stop it, and the other windows are painted
        meanwhile. A stopped print records nothing."""
        pages = page_range(printer, self.page_count())
        total = len(pages)
        progress = QProgressDialog(
            "Préparation de l'impression…", "Annuler l'impression", 0, total, self
        )
        progress.setWindowTitle("Impression")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setValue(0)
        progress.show()

        def step(done: int) -> None:
            if progress.value() != done:
                progress.setValue(done)
                progress.setLabelText(f"Impression : page {min(done + 1, total)} sur {total}…")
            QApplication.processEvents()

        self.printing = True
        try:
            sent = print_pdf(self.pdf, printer, pages, cancel=progress.wasCanceled, step=step)
            cancelled = progress.wasCanceled()
        except OSError as error:
            QMessageBox.warning(self, "Impression impossible", f"Impression impossible : {error}.")
            return 0
        finally:
            self.printing = False
            # Closing the dialog counts as cancelling it: asked before, above.
            progress.close()
            progress.setParent(None)  # type: ignore[call-overload]
            progress.deleteLater()
        if cancelled:
            self.statusBar().showMessage(
                "Impression annulée : le document n'est pas noté comme imprimé.", 10_000
            )
            return 0
        if sent:
            self._record(PRINTED)
            self.statusBar().showMessage(
                f"{sent} page{'s' if sent > 1 else ''} envoyée(s) à l'imprimante.", 10_000
            )
        return sent

    def save_as(self, path: str | None = None) -> bool:
        """Enregistrer en PDF…: a file chosen by the user (``path`` in tests)."""
        if path is None:
            suggested = str(Path(documents_folder()) / self.document.file_name)
            path, _filter = QFileDialog.getSaveFileName(
                self, "Enregistrer le document", suggested, "Documents PDF (*.pdf)"
            )
            if not path:
                return False
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
                # The dialog asked about the name typed, not about this one.
                if Path(path).exists() and not self._may_replace(path):
                    return False
        try:
            save_pdf(self.desk, self.document, path)
        except UserError as error:
            QMessageBox.warning(self, "Enregistrement impossible", str(error))
            return False
        how = f"enregistré en PDF ({path})"
        self.delivered.emit(how)
        self.statusBar().showMessage(f"Document enregistré dans « {path} ».", 10_000)
        return True

    def _may_replace(self, path: str) -> bool:
        answer = QMessageBox.question(
            self,
            "Remplacer le fichier ?",
            f"« {path} » existe déjà. Le remplacer par ce document ?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def viewer_copy(self) -> Path:
        """The copy handed to the system's viewer, in a folder of the temporary files.

        The viewer may still hold the previous copy open (Windows then refuses to write
        it again): the same bytes are used as they are, else the copy takes the next
        free name, « contrat-… (2).pdf »."""
        folder = Path(tempfile.gettempdir()) / VIEWER_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        name = Path(self.document.file_name)
        failure: OSError | None = None
        for number in range(1, VIEWER_NAMES + 1):
            target = folder / (name.name if number == 1 else f"{name.stem} ({number}){name.suffix}")
            try:
                if target.is_file() and target.read_bytes() == self.document.data:
                    return target
                target.write_bytes(self.document.data)
                return target
            except OSError as error:
                failure = error
        assert failure is not None
        raise failure

    def open_in_viewer(self) -> bool:
        """Ouvrir dans la visionneuse: the PDF in the program the PC opens PDFs with."""
        try:
            copy = self.viewer_copy()
        except OSError as error:
            QMessageBox.warning(
                self,
                "Ouverture impossible",
                f"Copie pour la visionneuse impossible : {os_error_cause(error)}.",
            )
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
            QMessageBox.warning(
                self,
                "Ouverture impossible",
                "Aucune visionneuse PDF n'est installée sur ce poste. Utilisez « Enregistrer "
                "en PDF » ou « Imprimer ».",
            )
            return False
        self._record(OPENED)
        return True


    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.printing:
            # The pages are being rendered from this window's document.
            event.ignore()
            return
        super().closeEvent(event)


def show_preview(desk: Desk, document: RenderedDocument, parent: QWidget | None) -> PreviewWindow:
    """Open a preview window on ``document`` (closed for good when the user closes it)."""
    window = PreviewWindow(desk, document, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.setWindowFlag(Qt.WindowType.Window, True)
    window.show()
    log.info("Aperçu de « %s » (%d pages)", document.title, window.page_count())
    return window
