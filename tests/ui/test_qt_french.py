"""Qt's own dialogs, buttons and key names speak French once the application is prepared.

A spy translator, asked before every other, looks each string Qt asks for up in the
translators the program installed; a string none of them translates is recorded. Every
standard dialog movdesk can show is then built and shown: none may record a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTreeView,
    QWizard,
    QWizardPage,
)
from pytestqt.qtbot import QtBot

from movdesk.app import prepare_application
from movdesk.ui.translations import with_mnemonic, without_mnemonic

pytestmark = pytest.mark.gui


class Spy(QTranslator):
    """Records what no installed translator translates; answers nothing itself."""

    def __init__(self, chain: list[QTranslator]) -> None:
        super().__init__()
        self.chain = chain
        self.missing: set[tuple[str, str]] = set()

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[override]
        for translator in self.chain:
            if translator.translate(context, source, disambiguation, n):
                return None
        # Words only: « %p% » (a progress bar's format) is not a word to translate. The
        # kinds of files (« TOML document ») come with the system's MIME database, in the
        # system's language (Windows names them itself), not from Qt's catalogue.
        if context != "QMimeType" and re.search(r"[A-Za-z]{2,}", source.replace("%p", "")):
            self.missing.add((context, source))
        return None


@pytest.fixture
def spy(qapp: QApplication) -> Iterator[Spy]:
    app = prepare_application()
    chain = list(reversed(app._movdesk_translators))  # type: ignore[attr-defined]
    recorder = Spy(chain)
    QCoreApplication.installTranslator(recorder)
    yield recorder
    QCoreApplication.removeTranslator(recorder)


def settle(qtbot: QtBot, widget) -> None:
    qtbot.addWidget(widget)
    with qtbot.waitExposed(widget):
        widget.show()
    widget.grab()  # painted: every header and label was asked for


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sauvegardes").mkdir()
    (tmp_path / "dossiers.json").write_text("[]", encoding="utf-8")
    return tmp_path


def qt_file_dialog(folder: Path, mode: QFileDialog.AcceptMode) -> QFileDialog:
    """The dialog Qt draws itself (not the system's): the one that said « Look in »."""
    dialog = QFileDialog(None, "Importer des dossiers", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    dialog.setNameFilters(["Fichiers d'échange JSON (*.json)", "Tous (*)"])
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    return dialog


def test_the_file_dialog_is_french(qtbot: QtBot, spy: Spy, folder: Path) -> None:
    dialog = qt_file_dialog(folder, QFileDialog.AcceptMode.AcceptOpen)
    settle(qtbot, dialog)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Voir dans\xa0:"
    assert labels["fileTypeLabel"] == "Fichiers de &type\xa0:"
    assert labels["fileNameLabel"] == "&Nom de fichier\xa0:"
    view = dialog.findChild(QTreeView, "treeView")
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Nom", "Taille", "Type", "Dernière modification"]
    # The folder's kind, in the detail view, once the folder has been read.
    def kinds() -> list[str]:
        root = view.rootIndex()
        return [model.index(row, 2, root).data() for row in range(model.rowCount(root))]

    qtbot.waitUntil(lambda: "Dossier" in kinds())
    view.customContextMenuRequested.emit(QPoint(4, 4))
    menus = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible()]
    assert menus, "the context menu of the file list did not open"
    texts = [a.text() for a in menus[0].actions() if a.text()]
    assert "&Nouveau dossier" in texts and "Afficher les fic&hiers cachés" in texts
    for menu in menus:
        menu.close()
    assert spy.missing == set()


def test_the_save_and_folder_dialogs_are_french(qtbot: QtBot, spy: Spy, folder: Path) -> None:
    save = qt_file_dialog(folder, QFileDialog.AcceptMode.AcceptSave)
    settle(qtbot, save)
    choose = qt_file_dialog(folder, QFileDialog.AcceptMode.AcceptOpen)
    choose.setFileMode(QFileDialog.FileMode.Directory)
    settle(qtbot, choose)
    assert "&Enregistrer" in [b.text() for b in save.findChildren(QPushButton)]
    assert spy.missing == set()


def test_message_input_progress_wizard_and_calendar_are_french(
    qtbot: QtBot, spy: Spy
) -> None:
    buttons = QMessageBox.StandardButton
    every = buttons.NoButton
    for button in (
        buttons.Ok, buttons.Save, buttons.SaveAll, buttons.Open, buttons.Yes, buttons.YesToAll,
        buttons.No, buttons.NoToAll, buttons.Abort, buttons.Retry, buttons.Ignore,
        buttons.Close, buttons.Cancel, buttons.Discard, buttons.Help, buttons.Apply,
        buttons.Reset, buttons.RestoreDefaults,
    ):  # fmt: skip
        every |= button
    box = QMessageBox(QMessageBox.Icon.Warning, "movdesk", "Texte", every)
    box.setDetailedText("Détails")
    settle(qtbot, box)
    shown = {b.text() for b in box.buttons()}
    assert {"&Oui", "&Non", "Annuler", "Enregistrer", "Montrer les détails…"} <= shown
    for widget in (QInputDialog(), QProgressDialog(), QCalendarWidget()):
        settle(qtbot, widget)
    wizard = QWizard()
    wizard.addPage(QWizardPage())
    wizard.addPage(QWizardPage())
    settle(qtbot, wizard)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Suivant >"
    fields = [QLineEdit(), QPlainTextEdit()]
    for field in fields:
        qtbot.addWidget(field)
        menu = field.createStandardContextMenu()
        texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
        assert texts == ["&Annuler", "&Rétablir", "Co&uper", "Cop&ier", "Co&ller", "Supprimer",
                         "Tout sélectionner"]  # fmt: skip
    assert spy.missing == set()


def test_the_return_key_is_entree(spy: Spy) -> None:
    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence("Return").toString(native) == "Entrée"
    assert QKeySequence("Ctrl+Return").toString(native) == "Ctrl+Entrée"
    assert QKeySequence("Del").toString(native) == "Suppr"
    assert QKeySequence("Esc").toString(native) == "Échap"


def test_mnemonics_are_moved_to_the_french_word() -> None:
    assert without_mnemonic("Files of &type:") == ("Files of type:", "t")
    assert without_mnemonic("&Look in:") == ("Look in:", "L")
    assert without_mnemonic("Save && quit") == ("Save && quit", "")
    assert with_mnemonic("Fichiers de type :", "t") == "Fichiers de &type :"
    assert with_mnemonic("Voir dans :", "L") == "&Voir dans :"
