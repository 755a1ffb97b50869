"""Choosing an employer of the directory in a form, or typing a new one on the fly.

The combo lists the employers as « Nom (Ville) » and completes on any part of the
name; a hint under it says what saving will do: use the listed employer, use the one
whose name matches what was typed (accents and case ignored), or add a new employer
to the directory. Several employers of the same name in several towns are listed each
with its town, and the hint asks to choose one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QWidget

from ...services.context import Desk
from ...services.directory import EntryKind, EntryRow, list_entries, name_key
from ...services.summary import fold
from ..widgets.form import ERROR_COLOUR

HINT_STYLE = "color: #4d4d4d;"


class EmployerPicker(QComboBox):
    """An editable combo of the directory's employers, with :attr:`hint` to show."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._rows: list[EntryRow] = desk.read(
            lambda session: list_entries(session, EntryKind.EMPLOYER)
        )
        self.addItem("", None)
        for row in self._rows:
            self.addItem(row.label, row.id)
        self.lineEdit().setPlaceholderText("entreprise de l'annuaire ou nouveau nom")
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.hint = QLabel(parent)
        self.hint.setObjectName("employerHint")
        self.hint.setWordWrap(True)
        self.editTextChanged.connect(lambda _text: self.explain())
        self.explain()

    def set_employer(self, employer_id: int | None, name: str | None = None) -> None:
        """Show the employer ``employer_id`` (or the name typed before)."""
        index = self.findData(employer_id) if employer_id is not None else -1
        if index > 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(name or "")
        self.explain()

    def _typed(self) -> str:
        return " ".join(self.currentText().split())

    def _listed(self, text: str) -> int | None:
        """The id of the entry whose label is ``text``, accents and case ignored."""
        key = fold(text)
        for row in self._rows:
            if fold(row.label) == key:
                return row.id
        return None

    def _same_name(self, text: str) -> list[EntryRow]:
        """The entries the service will take for ``text`` (:func:`name_key`)."""
        key = name_key(text)
        return [row for row in self._rows if name_key(row.name) == key]

    def value(self) -> tuple[int | None, str | None]:
        """The directory id when a listed employer is meant, else the name typed."""
        text = self._typed()
        if not text:
            return None, None
        listed = self._listed(text)
        if listed is not None:
            return listed, None
        return None, text

    def explain(self) -> str:
        """Say under the field what saving will do with the employer typed."""
        text = self._typed()
        colour = HINT_STYLE
        if not text:
            message = ""
        elif self._listed(text) is not None:
            message = "Entreprise de l'annuaire."
        else:
            same = self._same_name(text)
            if len(same) == 1:
                message = f"« {same[0].label} », de l'annuaire, sera retenue."
            elif same:
                towns = ", ".join(row.town or "ville inconnue" for row in same)
                message = (
                    f"Plusieurs entreprises de l'annuaire portent ce nom ({towns}) : "
                    "choisissez la bonne dans la liste."
                )
                colour = f"color: {ERROR_COLOUR};"
            else:
                message = (
                    "Nouvelle entreprise : elle sera ajoutée à l'annuaire à l'enregistrement "
                    "(complétez ensuite sa fiche dans l'Annuaire : SIRET, adresse, contacts)."
                )
        self.hint.setText(message)
        self.hint.setStyleSheet(colour)
        self.hint.setVisible(bool(message))
        return message
