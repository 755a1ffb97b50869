"""The job fields of the forms: a title searched among the ROME titles, and its code.

:class:`JobFields` makes the two fields and a hint: typing in the title proposes the
titles the office knows (the imported ROME referential, then the titles typed before),
accents and case ignored; choosing one fills the title and the code. Typing a code
shows what it is (« D1106 : Vente en alimentation »). Titles and codes may still be
typed freely; the service checks the code when the form is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QWidget

from ..services.context import Desk
from ..services.rome import RomeTitle, search_titles, titles_of_code

#: Pause after the last keystroke before searching the titles, in milliseconds.
SEARCH_DELAY_MS = 120
#: Titles proposed at most.
PROPOSED = 15
HINT_STYLE = "color: #4d4d4d;"


def proposal(found: RomeTitle) -> str:
    """``Vendeur en boulangerie — D1106`` (imported titles are the referential's)."""
    return f"{found.title} — {found.code}"


class JobFields:
    """A title field with its proposals, a ROME code field and a hint under them."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        self.desk = desk
        self.title = QLineEdit(parent)
        self.title.setPlaceholderText("tapez quelques lettres : les métiers connus sont proposés")
        self.title.setMaxLength(200)
        self.code = QLineEdit(parent)
        self.code.setMaxLength(5)
        self.code.setPlaceholderText("ex. D1106")
        self.hint = QLabel(parent)
        self.hint.setObjectName("romeHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self._found: dict[str, RomeTitle] = {}
        self._model = QStringListModel(self.title)
        self.completer = QCompleter(self._model, self.title)
        # The database chose the proposals: show them all, as they are.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(self.title)
        self.completer.activated[str].connect(self.pick)
        self._timer = QTimer(self.title)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.propose)
        self.title.textEdited.connect(lambda _text: self._timer.start())
        self.code.textChanged.connect(self.explain_code)

    def set_values(self, title: str | None, code: str | None) -> None:
        self.title.setText(title or "")
        self.code.setText(code or "")
        self.explain_code()

    def propose(self) -> list[RomeTitle]:
        """Search the titles for what is typed and show them under the field."""
        self._timer.stop()
        found = search_titles(self.desk, self.title.text(), limit=PROPOSED)
        self._found = {proposal(item): item for item in found}
        self._model.setStringList(list(self._found))
        if found and self.title.hasFocus():
            self.completer.complete()
        elif not found:
            self.completer.popup().hide()
        return found

    def pick(self, text: str) -> None:
        """A proposal was chosen: its title and its code go into the fields."""
        chosen = self._found.get(text)
        if chosen is None:
            return
        self.title.setText(chosen.title)
        self.code.setText(chosen.code)

    def explain_code(self) -> None:
        """« D1106 : Vente en alimentation » under the fields, for a known code."""
        code = self.code.text().strip().upper()
        titles = titles_of_code(self.desk, code, limit=2) if len(code) == 5 else []
        self.hint.setText(f"{code} : {' ; '.join(titles)}" if titles else "")
        self.hint.setVisible(bool(titles))
