"""Qt's own words in French: the catalogues shipped with Qt, and what they lack.

**Why the file dialogs said « Look in » and « Files of type ».** ``app.py`` did load
``qtbase_fr`` (and ``qt_fr``), and the catalogues were found. But Qt 6 gave two labels of
its own file dialog a keyboard mnemonic after the French catalogue was written: the
dialog asks, in the ``QFileDialog`` context, for « &Look in: » and « Files of &type: »,
while the catalogue only knows « Look in: » and « Files of type: ». A translation is
looked up by its exact source text, so those two labels stayed in English. The same
goes for the folder and drive kinds of its detail view (``QAbstractFileIconProvider``:
« Folder », « Drive »), which the catalogue lacks altogether. Every other string of
Qt's dialogs (message boxes, input and progress dialogs, the wizard, the calendar, the
context menus of the text fields) is in the catalogue.

**What is done.** :func:`install_french` loads the catalogues and two small
translators of ours around them. Qt asks the translator installed last first and stops
at the first answer, so:

* :class:`GapTranslator`, installed *before* the catalogues, is asked only when they
  have no answer: for a text with a mnemonic it asks them for the text without its
  « & » and puts a mnemonic back (« &Voir dans : », « Fichiers de &type : »); for a
  few words they lack it has a table (:data:`GAPS`).
* :class:`KeyNameTranslator`, installed *after* them, answers one word where the
  catalogue is wrong for an office in France: the Return key is printed « Entrée » on a
  French keyboard, and menus must show « Entrée », not « Retour ».

Both answer ``None`` (no translation, as Qt expects) for everything else, at the cost of
a dictionary lookup.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

#: The catalogues of Qt's own strings, in the order they are installed.
CATALOGUES = ("qtbase_fr", "qt_fr")

#: Words Qt's French catalogue lacks: (context, source text) → French.
GAPS: dict[tuple[str, str], str] = {
    ("QAbstractFileIconProvider", "Folder"): "Dossier",
    ("QAbstractFileIconProvider", "File Folder"): "Dossier de fichiers",
    ("QAbstractFileIconProvider", "Drive"): "Lecteur",
    ("QAbstractFileIconProvider", "Shortcut"): "Raccourci",
    ("QAbstractFileIconProvider", "Alias"): "Alias",
    ("QAbstractFileIconProvider", "Unknown"): "Inconnu",
}

#: Where the catalogue's word is not the one printed on a French keyboard.
KEY_NAMES: dict[tuple[str, str], str] = {
    ("QShortcut", "Return"): "Entrée",
}


def with_mnemonic(text: str, letter: str) -> str:
    """``text`` with a mnemonic « & », on ``letter`` when it has one, else on its first
    letter: (« Fichiers de type : », "t") → « Fichiers de &type : »."""
    lowered = text.casefold()
    at = lowered.find(letter.casefold()) if letter else -1
    if at < 0:
        at = next((i for i, char in enumerate(text) if char.isalpha()), 0)
    return f"{text[:at]}&{text[at:]}"


def without_mnemonic(text: str) -> tuple[str, str]:
    """« Files of &type: » → (« Files of type: », "t"); « && » stays a plain « & »."""
    plain, letter, index = [], "", 0
    while index < len(text):
        char = text[index]
        if char == "&" and index + 1 < len(text):
            following = text[index + 1]
            if following == "&":
                plain.append("&&")
                index += 2
                continue
            letter = letter or following
            index += 1
            continue
        plain.append(char)
        index += 1
    return "".join(plain), letter


class GapTranslator(QTranslator):
    """Asked when the catalogues have no answer (see the module notes)."""

    def __init__(self, catalogues: list[QTranslator], parent: QCoreApplication) -> None:
        super().__init__(parent)
        self._catalogues = catalogues

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        found = GAPS.get((context, source))
        if found is not None or "&" not in source:
            return found
        plain, letter = without_mnemonic(source)
        for catalogue in self._catalogues:
            text = catalogue.translate(context, plain, disambiguation, n)
            if text:
                return with_mnemonic(text, letter)
        return None


class KeyNameTranslator(QTranslator):
    """Asked first: the names of keys as a French keyboard prints them."""

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return KEY_NAMES.get((context, source))


def install_french(app: QCoreApplication) -> list[QTranslator]:
    """Qt's own buttons, dialogs and key names in French (module notes); once per app."""
    installed: list[QTranslator] | None = getattr(app, "_movdesk_translators", None)
    if installed:
        return installed
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    catalogues = []
    for name in CATALOGUES:
        catalogue = QTranslator(app)
        if catalogue.load(name, folder):
            catalogues.append(catalogue)
    gaps = GapTranslator(catalogues, app)
    keys = KeyNameTranslator(app)
    # Asked in the reverse order: key names, then the catalogues, then the gaps.
    installed = [gaps, *catalogues, keys]
    for translator in installed:
        QCoreApplication.installTranslator(translator)
    app._movdesk_translators = installed  # type: ignore[attr-defined]
    return installed
