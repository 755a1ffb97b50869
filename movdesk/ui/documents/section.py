"""The case file's « Documents » section: print, follow what went to France Travail, scans.

At the top, one button per document of the case (contract, attendance sheet, reports,
convocation) and the report texts. Then what is owed to France Travail with its due
date, and every document of the case: printed by movdesk (period, day, who, hash) or
recorded by hand. A selected document can be marked signed or sent (sending a
contract or a report closes its deadline), and its scanned signed copy attached,
opened again or removed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from ...errors import UserError
from ...models import ReportKind
from ...services import milestones
from ...services.case_file import LATE, SENT
from ...services.case_file_view import CaseFileView, DispatchRow, DocumentRow
from ...services.context import Desk
from ...services.documents import records
from ...services.documents.printing import PrintKind
from ..casefile.section import Host, Section
from ..casefile.table import Column, selected_row
from ..casefile.text import DASH, short_date
from ..widgets import DateField, FormDialog
from .options import preview_case_document

#: The print buttons, in the order of a case's life.
PRINT_BUTTONS = (
    (PrintKind.CONTRACT, "Contrat…"),
    (PrintKind.ATTENDANCE, "Feuille d'émargement…"),
    (PrintKind.CONVOCATION, "Convocation…"),
    (PrintKind.INTERMEDIATE, "Bilan intermédiaire…"),
    (PrintKind.FINAL, "Bilan final…"),
)


def _dispatch_tone(row: DispatchRow) -> str:
    return "ok" if row.state == SENT else "late" if row.state == LATE else "warn"


def _period(row: DocumentRow) -> str:
    if row.period_start is None or row.period_end is None:
        return DASH
    if row.period_start == row.period_end:
        return short_date(row.period_start)
    return f"{short_date(row.period_start)} – {short_date(row.period_end)}"


def _printed(row: DocumentRow) -> str:
    when = short_date(row.printed_on)
    return f"{when} ({row.generated_by})" if row.generated_by else when


def _scan(row: DocumentRow) -> str:
    if row.attachment_name is None:
        return DASH
    return f"{row.attachment_name} ({short_date(row.attached_on)})"


def _fingerprint(row: DocumentRow) -> str | None:
    if row.sha256 is None:
        return None
    pages = f", {row.pages} page{'s' if (row.pages or 0) > 1 else ''}" if row.pages else ""
    return f"Empreinte SHA-256 du PDF imprimé{pages} :\n{row.sha256}"


class DocumentDateDialog(FormDialog):
    """The day a document was signed or sent; « Effacer la date » takes it back."""

    def __init__(
        self,
        desk: Desk,
        title: str,
        label: str,
        current: date | None,
        apply: object,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(desk, title, parent)
        self._apply = apply
        self.day = DateField(current or desk.today())
        self.add_field("day", label, self.day, aliases=("signed_on", "sent_on"))
        self.clear = QCheckBox("Effacer la date enregistrée", self)
        self.clear.setVisible(current is not None)
        self.clear.toggled.connect(lambda on: self.day.setEnabled(not on))
        self.form.add_row("", self.clear)
        self.order_tabs(self.clear)
        self.resize(420, self.sizeHint().height())

    def chosen(self) -> date | None:
        return None if self.clear.isChecked() else self.day.value()

    def save(self, accept_warnings: bool) -> int | None:
        self._apply(self.chosen())  # type: ignore[operator]
        return None


class DocumentsSection(Section):
    """Documents: print, what went to France Travail, the documents of the case."""

    TITLE = "Documents"

    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(host, parent)
        self.print_buttons: dict[PrintKind, QPushButton] = {}
        self.body.addLayout(self._print_bar())
        self.add_heading("Envois à France Travail")
        self.dispatches, self.dispatch_view = self.add_table(
            [
                Column("Document", lambda d: d.label),
                Column("À envoyer au plus tard le", lambda d: short_date(d.due)),
                Column("Envoyé le", lambda d: short_date(d.sent_on)),
                Column("État", lambda d: d.state, tone=_dispatch_tone),
            ],
            "dispatchTable",
            stretch=0,
        )
        # As tall as a handful of rows: the documents below get the room.
        rows = self.dispatch_view.verticalHeader().defaultSectionSize()
        header = self.dispatch_view.horizontalHeader().sizeHint().height()
        self.dispatch_view.setMaximumHeight(header + 5 * rows + 4)
        self.dispatch_buttons = QHBoxLayout()
        self.body.addLayout(self.dispatch_buttons)
        self.add_heading("Documents du dossier")
        self.documents, self.document_view = self.add_table(
            [
                Column("Document", lambda d: d.kind, tip=lambda d: d.notes),
                Column("Période", _period),
                Column("Imprimé le", _printed, tip=_fingerprint),
                Column("Signé le", lambda d: short_date(d.signed_on)),
                Column("Envoyé le", lambda d: short_date(d.sent_on)),
                Column("Reçu le", lambda d: short_date(d.received_on)),
                Column("Copie signée", _scan),
            ],
            "documentTable",
        )
        self.document_view.doubleClicked.connect(lambda _index: self.open_scan(quiet=True))
        self.sent_button = self.add_button(
            "Envoi fait aujourd'hui",
            self.mark_dispatch_sent,
            name="markSentButton",
            tip="Enregistrer la date d'aujourd'hui comme date d'envoi à France Travail",
            needs=self.dispatch_view,
            when=lambda d: d.sent_on is None,
        )
        self.clear_sent_button = self.add_button(
            "Effacer la date d'envoi",
            self.clear_dispatch,
            name="clearSentButton",
            needs=self.dispatch_view,
            when=lambda d: d.sent_on is not None,
        )
        # These two act on the table of sendings: their buttons go under it.
        for button in (self.sent_button, self.clear_sent_button):
            self.buttons.removeWidget(button)
            self.dispatch_buttons.addWidget(button)
        self.dispatch_buttons.addStretch(1)
        self.signed_button = self.add_button(
            "Signé le…",
            self.mark_signed,
            name="documentSignedButton",
            tip="Noter le jour où le document a été signé",
            needs=self.document_view,
        )
        self.document_sent_button = self.add_button(
            "Envoyé le…",
            self.mark_sent,
            name="documentSentButton",
            tip="Noter le jour de l'envoi à France Travail (pour un contrat ou un bilan, "
            "l'échéance est close)",
            needs=self.document_view,
        )
        self.attach_button = self.add_button(
            "Joindre la copie signée…",
            lambda: self.attach(),
            name="attachScanButton",
            tip="Joindre la copie numérisée du document signé (PDF, JPEG ou PNG)",
            needs=self.document_view,
        )
        self.open_scan_button = self.add_button(
            "Ouvrir la copie",
            lambda: self.open_scan(),
            name="openScanButton",
            needs=self.document_view,
            when=lambda d: d.attachment_name is not None,
        )
        self.detach_button = self.add_button(
            "Retirer la copie",
            self.detach,
            name="detachScanButton",
            needs=self.document_view,
            when=lambda d: d.attachment_name is not None,
        )
        self.finish()

    def _print_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(6)
        for kind, text in PRINT_BUTTONS:
            button = QPushButton(text, self)
            button.setObjectName(f"print-{kind.value}")
            button.setToolTip(f"Aperçu, impression et enregistrement : {kind.label.lower()}")
            button.clicked.connect(lambda _checked=False, k=kind: self.print_document(k))
            bar.addWidget(button)
            self.print_buttons[kind] = button
        texts = QToolButton(self)
        texts.setObjectName("reportTextsButton")
        texts.setText("Textes des bilans")
        texts.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(texts)
        for kind in ReportKind:
            action = menu.addAction(f"{kind.label}…")
            action.triggered.connect(lambda _checked=False, k=kind: self.edit_texts(k))
        texts.setMenu(menu)
        self.texts_button = texts
        bar.addWidget(texts)
        bar.addStretch(1)
        return bar

    # -- showing ------------------------------------------------------------------

    def show_view(self, view: CaseFileView) -> None:
        self.fill(self.dispatches, self.dispatch_view, view.dispatches)
        self.fill(self.documents, self.document_view, view.documents)
        signed = view.header.phase is not None  # a phase once the contract is signed
        for kind in (PrintKind.CONTRACT, PrintKind.INTERMEDIATE, PrintKind.FINAL):
            self.print_buttons[kind].setEnabled(signed)
        self.texts_button.setEnabled(signed)

    # -- printing -----------------------------------------------------------------

    def print_document(self, kind: PrintKind) -> QWidget | None:
        return preview_case_document(self.window(), self.host.desk, self.host.case_id, kind)

    def edit_texts(self, kind: ReportKind) -> None:
        from .report_editor import ReportEditorDialog

        dialog = ReportEditorDialog(self.host.desk, self.host.case_id, kind, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    # -- what went to France Travail ----------------------------------------------

    def mark_dispatch_sent(self) -> None:
        row = selected_row(self.dispatch_view)
        if row is not None:
            today = self.host.today()
            self.host.perform(
                lambda: milestones.mark_sent(
                    self.host.desk, self.host.case_id, row.dispatch, on=today
                )
            )

    def clear_dispatch(self) -> None:
        row = selected_row(self.dispatch_view)
        if row is not None:
            self.confirm_then(
                "Effacer la date d'envoi",
                f"Effacer la date d'envoi ({short_date(row.sent_on)}) de « {row.label} » ?",
                lambda: milestones.mark_sent(
                    self.host.desk, self.host.case_id, row.dispatch, on=None
                ),
            )

    # -- the documents of the case ------------------------------------------------

    def _date_dialog(self, title: str, label: str, current: date | None, apply: object) -> None:
        dialog = DocumentDateDialog(self.host.desk, title, label, current, apply, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def mark_signed(self) -> None:
        row = selected_row(self.document_view)
        if row is None:
            return
        desk = self.host.desk
        self._date_dialog(
            f"Signature — {row.kind}",
            "Signé le :",
            row.signed_on,
            lambda on: records.mark_signed(desk, row.id, on=on),
        )

    def mark_sent(self) -> None:
        row = selected_row(self.document_view)
        if row is None:
            return
        desk = self.host.desk
        self._date_dialog(
            f"Envoi à France Travail — {row.kind}",
            "Envoyé le :",
            row.sent_on,
            lambda on: records.mark_sent(desk, row.id, on=on),
        )

    def attach(self, path: str | None = None) -> bool:
        """Joindre la copie signée…: a PDF, JPEG or PNG file (``path`` in tests)."""
        row = selected_row(self.document_view)
        if row is None:
            return False
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self,
                f"Copie signée — {row.kind}",
                str(Path.home()),
                "Copies numérisées (*.pdf *.jpg *.jpeg *.png);;Tous les fichiers (*)",
            )
            if not path:
                return False
        return self.host.perform(lambda: records.attach_scan(self.host.desk, row.id, Path(path)))

    def scan_location(self) -> Path | None:
        row = selected_row(self.document_view)
        if row is None or row.attachment_name is None:
            return None
        return records.scan_path(self.host.desk, row.id)

    def open_scan(self, *, quiet: bool = False) -> bool:
        """Ouvrir la copie: the attached file in the PC's own viewer."""
        row = selected_row(self.document_view)
        if row is None or row.attachment_name is None:
            return False
        try:
            path = records.scan_path(self.host.desk, row.id)
        except UserError as error:
            if not quiet:
                QMessageBox.warning(self, "Copie introuvable", str(error))
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            QMessageBox.warning(
                self, "Ouverture impossible", f"Aucun programme ne sait ouvrir « {path.name} »."
            )
            return False
        return True

    def detach(self) -> None:
        row = selected_row(self.document_view)
        if row is not None:
            self.confirm_then(
                "Retirer la copie",
                f"Retirer la copie jointe « {row.attachment_name} » de « {row.kind} » ? Le "
                "fichier reste dans les sauvegardes.",
                lambda: records.detach_scan(self.host.desk, row.id),
            )
