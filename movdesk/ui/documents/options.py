"""The print dialog of one case document: its options, then the preview.

Each kind asks what it needs: the period of an attendance sheet, the date of an
intermediate report, whether a final report goes without the beneficiary's signature
(an interrupted case only), which planned interview a convocation is for and where,
how many copies of the contract, and the blank rows of the sheets. « Aperçu » builds
the PDF; a refusal (no planned interview, a period that ends before it starts) is
shown in the dialog, which stays open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ...errors import UserError
from ...models import ReportKind
from ...rules.validation import Problem
from ...services.context import Desk
from ...services.documents.printing import (
    DocumentRequest,
    PrintFacts,
    PrintKind,
    RenderedDocument,
    print_facts,
    render_for_desk,
)
from ..widgets import DateField, FormDialog

#: Titles of the dialog, by kind.
TITLES = {
    PrintKind.CONTRACT: "Imprimer le contrat d'accompagnement",
    PrintKind.ATTENDANCE: "Imprimer une feuille d'émargement",
    PrintKind.INTERMEDIATE: "Imprimer le bilan intermédiaire",
    PrintKind.FINAL: "Imprimer le bilan final",
    PrintKind.CONVOCATION: "Imprimer une convocation",
}
OTHER_PLACE = "Autre lieu :"


class DocumentOptionsDialog(FormDialog):
    """The options of one document of one case; ``rendered`` holds the PDF once built."""

    def __init__(
        self, desk: Desk, case_id: int, kind: PrintKind, parent: QWidget | None = None
    ) -> None:
        self.facts: PrintFacts = print_facts(desk, case_id)
        self.kind = PrintKind(kind)
        super().__init__(
            desk, f"{TITLES[self.kind]} — {self.facts.title}", parent, save_text="A&perçu"
        )
        self.case_id = case_id
        self.rendered: RenderedDocument | None = None
        getattr(self, f"_build_{self.kind.value}")()
        self.order_tabs()
        self.resize(520, self.sizeHint().height())

    # -- fields by kind -----------------------------------------------------------

    def _blank_rows(self) -> None:
        self.blank_rows = QSpinBox(self)
        self.blank_rows.setRange(0, 30)
        self.blank_rows.setValue(self.facts.blank_rows)
        self.blank_rows.setSuffix(" ligne(s)")
        self.blank_rows.setToolTip("Lignes à remplir à la main à la fin de la feuille")
        self.add_field("blank_rows", "Lignes vierges :", self.blank_rows)

    def _build_attendance(self) -> None:
        self.start = DateField(self.facts.start)
        self.end = DateField(self.facts.today)
        self.add_field("start", "Du :", self.start, aliases=("period",))
        self.add_field("end", "Au :", self.end)
        self._blank_rows()
        self.set_advice(
            [
                "Une ligne par entretien réalisé ou prévu de la période ; les absences et "
                "les entretiens excusés ne figurent pas sur la feuille."
            ],
            "La feuille",
        )

    def _report_texts_button(self, kind: ReportKind) -> None:
        button = QPushButton("Compléter les textes du bilan…", self)
        button.setObjectName("editReportTexts")
        button.clicked.connect(lambda: self._edit_texts(kind))
        self.form.add_row("", button)

    def _edit_texts(self, kind: ReportKind) -> None:
        from .report_editor import ReportEditorDialog

        ReportEditorDialog(self.desk, self.case_id, kind, self).exec()

    def _build_intermediate(self) -> None:
        self.report_date = DateField(self.facts.report_date)
        self.add_field("report_date", "Date du bilan :", self.report_date, aliases=("period",))
        self._blank_rows()
        self._report_texts_button(ReportKind.INTERMEDIATE)
        self.set_advice(
            [
                "Le bilan couvre la prestation du début à sa date ; la feuille d'émargement "
                "de la même période le suit."
            ],
            "Le bilan",
        )

    def _build_final(self) -> None:
        self.without_signature = QCheckBox(
            "Transmettre sans la signature du bénéficiaire (prestation interrompue)", self
        )
        self.without_signature.setEnabled(self.facts.interrupted)
        self.without_signature.setChecked(self.facts.interrupted)
        if not self.facts.interrupted:
            self.without_signature.setToolTip(
                "Seul le bilan d'une prestation interrompue peut se passer de la signature."
            )
        self.add_field("without_signature", "Signature :", self.without_signature)
        self._blank_rows()
        self._report_texts_button(ReportKind.FINAL)
        self.set_advice(
            [
                "Deux exemplaires (bénéficiaire, France Travail), puis la feuille "
                "d'émargement de toute la prestation."
            ],
            "Le bilan",
        )

    def _build_convocation(self) -> None:
        self.interview = QComboBox(self)
        for planned in self.facts.planned:
            self.interview.addItem(planned.label, planned.day)
        if not self.facts.planned:
            self.interview.addItem("Aucun entretien prévu")
            self.interview.setEnabled(False)
        self.add_field("interview", "Entretien :", self.interview, aliases=("on", "date"))
        self.place = QComboBox(self)
        usual = self.facts.usual_place or "Adresse du bureau (non renseignée)"
        self.place.addItems([usual, OTHER_PLACE])
        self.add_field("place", "Lieu :", self.place)
        self.other_place = QLineEdit(self)
        self.other_place.setPlaceholderText("Adresse du rendez-vous")
        self.other_place.setEnabled(False)
        self.place.currentIndexChanged.connect(
            lambda index: self.other_place.setEnabled(index == 1)
        )
        self.add_field("other_place", "Autre lieu :", self.other_place)
        if not self.facts.planned:
            self.show_banner(
                "Aucun entretien n'est prévu pour ce dossier à partir d'aujourd'hui : "
                "planifiez le prochain entretien avant d'imprimer la convocation."
            )
            self.save_button.setEnabled(False)

    def _build_contract(self) -> None:
        self.copies = QSpinBox(self)
        self.copies.setRange(1, 2)
        self.copies.setValue(2)
        self.copies.setToolTip("Un exemplaire pour le bénéficiaire, un pour le bureau")
        self.add_field("copies", "Exemplaires :", self.copies)

    # -- the request --------------------------------------------------------------

    def request(self) -> DocumentRequest:
        """The document asked for, from the fields."""
        kind = self.kind
        blank = self.blank_rows.value() if hasattr(self, "blank_rows") else None
        if kind is PrintKind.ATTENDANCE:
            return DocumentRequest(
                kind, self.case_id, start=self.start.value(), end=self.end.value(), blank_rows=blank
            )
        if kind is PrintKind.INTERMEDIATE:
            return DocumentRequest(
                kind, self.case_id, end=self.report_date.value(), blank_rows=blank
            )
        if kind is PrintKind.FINAL:
            return DocumentRequest(
                kind,
                self.case_id,
                without_beneficiary_signature=self.without_signature.isChecked(),
                blank_rows=blank,
            )
        if kind is PrintKind.CONVOCATION:
            place = self.other_place.text().strip() if self.place.currentIndex() == 1 else None
            return DocumentRequest(
                kind, self.case_id, on=self.interview.currentData(), place=place or None
            )
        return DocumentRequest(kind, self.case_id, copies=self.copies.value())

    def check(self) -> list[Problem]:
        if (
            self.kind is PrintKind.CONVOCATION
            and self.place.currentIndex() == 1
            and not self.other_place.text().strip()
        ):
            return [Problem("other_place", "indiquez l'adresse du rendez-vous.")]
        return []

    def save(self, accept_warnings: bool) -> int | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.rendered = render_for_desk(self.desk, self.request())
        finally:
            QApplication.restoreOverrideCursor()
        return None


def preview_case_document(
    parent: QWidget | None,
    desk: Desk,
    case_id: int,
    kind: PrintKind | str,
    *,
    ask: bool = True,
) -> QWidget | None:
    """Print a document of a case from anywhere: its dialog (unless ``ask`` is False),
    then the preview window. Returns the preview window, or None when nothing opened.

    The one entry point for every page (case file, dashboard…) that offers to print.
    """
    from PySide6.QtWidgets import QDialog, QMessageBox

    from .preview import show_preview

    kind = PrintKind(kind)
    if ask:
        try:
            dialog = DocumentOptionsDialog(desk, case_id, kind, parent)
        except UserError as error:
            QMessageBox.warning(parent, "Impression impossible", str(error))
            return None
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.rendered is None:
                return None
            document = dialog.rendered
        finally:
            dialog.deleteLater()
    else:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            document = render_for_desk(desk, DocumentRequest(kind, case_id))
        except UserError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(parent, "Impression impossible", str(error))
            return None
        QApplication.restoreOverrideCursor()
    return show_preview(desk, document, parent)
