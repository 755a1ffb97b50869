"""The report editor: the free texts of an intermediate or a final report.

Each text opens on what was saved, or on its draft from the case file (the plan's
actions, job targets, company periods, barriers) until something is saved;
« Reprendre du dossier » puts a field's draft back. A line starting with « - » prints
as a bullet. Saving is one audited action of the case.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from ...models import ReportKind
from ...services.context import Desk
from ...services.documents.report_texts import (
    TEXT_FIELDS,
    ReportTexts,
    load_report_texts,
    save_report_texts,
)
from ..widgets import FormDialog


class _TextField(QWidget):
    """A multi-line text with the button that takes its draft from the case file."""

    def __init__(self, text: str, draft: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.edit = QPlainTextEdit(text, self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(110)
        self.reset = QPushButton("Reprendre du dossier", self)
        self.reset.setToolTip("Remplacer ce texte par ce que le dossier contient aujourd'hui")
        self.reset.setEnabled(bool(draft))
        self.reset.clicked.connect(lambda: self.edit.setPlainText(self.draft))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.reset)
        layout.addLayout(row)

    def text(self) -> str:
        return self.edit.toPlainText()


class ReportEditorDialog(FormDialog):
    """The texts of one report of one case."""

    def __init__(
        self, desk: Desk, case_id: int, kind: ReportKind, parent: QWidget | None = None
    ) -> None:
        self.kind = ReportKind(kind)
        self.texts: ReportTexts = load_report_texts(desk, case_id, self.kind)
        super().__init__(desk, f"Textes du {self.kind.label.lower()}", parent)
        self.case_id = case_id
        self.fields: dict[str, _TextField] = {}
        for field, title in TEXT_FIELDS[self.kind]:
            widget = _TextField(self.texts.text(field), self.texts.drafts.get(field, ""), self)
            self.add_field(field, f"{title} :", widget)
            self.fields[field] = widget
        if not self.texts.saved:
            self.set_advice(
                [
                    "Ces textes sont repris du dossier (actions, pistes, périodes en "
                    "entreprise, freins) : complétez-les, puis enregistrez.",
                    "Une ligne qui commence par « - » s'imprime comme une puce.",
                ],
                "Premier bilan",
            )
        self.resize(760, self.sizeHint().height())

    def text(self, field: str) -> str:
        return self.fields[field].text()

    def set_text(self, field: str, text: str) -> None:
        self.fields[field].edit.setPlainText(text)

    def save(self, accept_warnings: bool) -> int | None:
        save_report_texts(
            self.desk, self.case_id, self.kind, {f: w.text() for f, w in self.fields.items()}
        )
        return None
