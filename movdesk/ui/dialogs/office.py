"""The office's settings (paramètres du bureau): the first-run assistant and the
settings dialog share one form, so both check the same things the same way."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...errors import UserError
from ...rules.validation import Problem
from ...services.context import Desk
from ...services.dashboard import OfficeSummary, count_cases
from ...services.lookups import referent_choices
from ...services.office import check_office, read_office, save_office
from ...services.referents import add_referent, name_problems, tidy_name
from ..widgets import FormDialog, MoneyField, ProblemForm
from ..widgets.form import DiscardGuard, widget_state
from ..worker import Worker

DEMO_LABEL = "Charger des données de démonstration"


class OfficeForm(ProblemForm):
    """Name, address, SIRET, market number, price per case, Alsace-Moselle holidays."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.address = QPlainTextEdit()
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(60)
        self.siret = QLineEdit()
        self.siret.setPlaceholderText("14 chiffres")
        self.market_number = QLineEdit()
        self.price = MoneyField()
        self.alsace_moselle = QCheckBox(
            "Jours fériés d'&Alsace-Moselle (Vendredi saint, 26 décembre)"
        )
        self.add_field("name", "&Nom du bureau :", self.name)
        self.add_field("address", "A&dresse :", self.address)
        self.add_field("siret", "&SIRET :", self.siret)
        self.add_field("market_number", "N° de &marché / lot :", self.market_number)
        self.add_field(
            "price", "&Prix de la prestation (HT) :", self.price, aliases=["price_per_case_cents"]
        )
        self.add_field("alsace_moselle", "", self.alsace_moselle)

    def load(self, office: OfficeSummary) -> None:
        self.name.setText(office.name)
        self.address.setPlainText(office.address or "")
        self.siret.setText(office.siret or "")
        self.market_number.setText(office.market_number or "")
        self.price.set_cents(office.price_per_case_cents)
        self.alsace_moselle.setChecked(office.alsace_moselle)

    def values(self) -> dict[str, object]:
        """The keyword arguments of :func:`~movdesk.services.office.save_office`."""
        return {
            "name": self.name.text(),
            "address": self.address.toPlainText(),
            "siret": self.siret.text(),
            "market_number": self.market_number.text(),
            "price_per_case_cents": self.price.cents(),
            "alsace_moselle": self.alsace_moselle.isChecked(),
        }

    def problems(self) -> list[Problem]:
        return check_office(
            name=self.name.text(),
            siret=self.siret.text(),
            price_per_case_cents=self.price.cents(),
        )


class OfficeSettingsDialog(FormDialog):
    """Edit the office's settings (Paramètres › Modifier)."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        self.office_form = OfficeForm()
        super().__init__(desk, "Paramètres du bureau", parent, form=self.office_form)
        self.office_form.load(read_office(desk))
        self.order_tabs()
        self.resize(560, self.sizeHint().height())

    def check(self) -> list[Problem]:
        return self.office_form.problems()

    def save(self, accept_warnings: bool) -> int | None:
        save_office(self.desk, **self.office_form.values())  # type: ignore[arg-type]
        return 1


class OfficePage(QWizardPage):
    """Assistant, page 1: the office."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Votre bureau")
        self.setSubTitle(
            "Ces informations figurent sur les documents envoyés à France Travail ; "
            "le prix de la prestation sert au calcul des paiements."
        )
        self.form = OfficeForm(self)
        self.form.load(read_office(desk))
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        # The page is taller than the form: keep the rows together at the top.
        layout.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        self.form.clear_problems()
        problems = self.form.problems()
        self.form.show_problems(problems)
        return not problems


class NameLine(QLineEdit):
    """A line whose Enter adds what is typed instead of moving the assistant on."""

    #: Emitted with the text when Enter is pressed on a non-empty line.
    submitted = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            self.submitted.emit(self.text())
            event.accept()
            return
        super().keyPressEvent(event)


class ReferentsPage(QWizardPage):
    """Assistant, page 2: the referents (référents dédiés), one name at a time."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Les référents")
        self.setSubTitle(
            "Saisissez le prénom et le nom de chaque référent, puis Entrée. "
            "Chaque dossier est suivi par un référent ; la liste se complète ensuite "
            "dans Paramètres › Référents."
        )
        self.known = [c.label for c in referent_choices(desk, active_only=False)]
        self.form = ProblemForm(self)
        self.line = NameLine()
        self.line.setPlaceholderText("ex. Claire Martin")
        self.form.add_field("full_name", "&Référent :", self.line)
        self.add_button = QPushButton("&Ajouter")
        self.remove_button = QPushButton("Re&tirer")
        self.names = QListWidget()
        self.names.setObjectName("referentNames")
        for name in self.known:
            self.names.addItem(f"{name} (déjà enregistré)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.names)
        #: The names typed on this page, to be saved when the assistant finishes.
        self.new_names: list[str] = []
        self.line.submitted.connect(self.add_name)
        self.add_button.clicked.connect(lambda: self.add_name(self.line.text()))
        self.remove_button.clicked.connect(self.remove_selected)

    def add_name(self, raw: str) -> None:
        self.form.clear_problems()
        name = tidy_name(raw)
        problems = name_problems(name, {*self.known, *self.new_names})
        if problems:
            self.form.show_problems(problems)
            return
        self.new_names.append(name)
        self.names.addItem(name)
        self.line.clear()
        self.line.setFocus()
        self.completeChanged.emit()

    def remove_selected(self) -> None:
        item = self.names.currentItem()
        if item is None or item.text() not in self.new_names:
            return
        self.new_names.remove(item.text())
        self.names.takeItem(self.names.row(item))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.known or self.new_names)


class DemoPage(QWizardPage):
    """Assistant, page 3 (demo database only): fictitious cases to discover movdesk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Données de démonstration")
        self.setSubTitle(
            "Cette base est la base de démonstration : elle ne contient que des personnes fictives."
        )
        self.load = QCheckBox(f"&{DEMO_LABEL}")
        self.load.setChecked(True)
        note = QLabel(
            "Environ 200 dossiers fictifs, avec leurs entretiens, suspensions, sorties et "
            "paiements, pour essayer chaque écran sans risque. Les données réelles du bureau "
            "sont dans une autre base."
        )
        note.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m dossiers")
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.load)
        layout.addWidget(note)
        layout.addWidget(self.progress)
        layout.addStretch(1)

    def show_progress(self, done: int, total: int) -> None:
        """The loading of the demo cases, as the loader reports it."""
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.show()


class FirstRunWizard(DiscardGuard, QWizard):
    """The first-run assistant: office, referents and, on the demo database, demo data.

    Cancelled with something typed, it asks first (« Abandonner la saisie ? »).
    """

    #: Emitted once the office is saved and marked configured.
    configured = Signal()

    #: How many demo cases « Charger des données de démonstration » creates.
    DEMO_CASES = 200

    def __init__(self, desk: Desk, *, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.demo = demo
        self.setObjectName("FirstRunWizard")
        self.setWindowTitle("Assistant de première utilisation")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        for button, text in (
            (QWizard.WizardButton.BackButton, "< &Précédent"),
            (QWizard.WizardButton.NextButton, "&Suivant >"),
            (QWizard.WizardButton.FinishButton, "&Terminer"),
            (QWizard.WizardButton.CancelButton, "Annuler"),
        ):
            self.setButtonText(button, text)
        self.office_page = OfficePage(desk)
        self.referents_page = ReferentsPage(desk)
        self.addPage(self.office_page)
        self.addPage(self.referents_page)
        # Demo data never goes into an office's real database: the page is not offered.
        self.demo_page = DemoPage() if demo else None
        if self.demo_page is not None:
            self.addPage(self.demo_page)
        self._worker: Worker | None = None
        self.resize(620, 480)

    def typed_state(self) -> list[object]:
        fields = self.office_page.form.input_widgets() + [self.referents_page.line]
        return [*(widget_state(w) for w in fields), tuple(self.referents_page.new_names)]

    def wants_demo_data(self) -> bool:
        return self.demo_page is not None and self.demo_page.load.isChecked()

    def is_busy(self) -> bool:
        """True while the demo data are being loaded."""
        return self._worker is not None and self._worker.is_running()

    def accept(self) -> None:
        """Load the demo data if asked (off the UI thread), then save the office."""
        if self.is_busy():
            return
        # The demo data come first: they bring their own office, which the office typed
        # on the first page then replaces.
        if self.wants_demo_data() and count_cases(self.desk.session_factory) == 0:
            self._load_demo()
            return
        self._finish_setup()

    def reject(self) -> None:
        # Half-loaded demo data would be worse than waiting a few seconds.
        if not self.is_busy():
            super().reject()

    def _load_demo(self) -> None:
        assert self.demo_page is not None
        # Imported here: the generator loads Faker, which the office's own base never needs.
        from ...demo import fill_demo

        factory, cases, today = self.desk.session_factory, self.DEMO_CASES, self.desk.today()

        def job(progress: Callable[[int, int], None], _cancel: Callable[[], bool]) -> int:
            return fill_demo(factory, cases=cases, today=today, progress=progress)

        self._worker = Worker(job, self)
        self._worker.progress.connect(self.demo_page.show_progress)
        self._worker.finished.connect(lambda _count: self._finish_setup())
        self._worker.failed.connect(self._demo_failed)
        self._set_busy(True)
        self._worker.start()

    def _set_busy(self, busy: bool) -> None:
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ):
            self.button(which).setEnabled(not busy)
        if self.demo_page is not None:
            self.demo_page.load.setEnabled(not busy)

    def _demo_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        text = (
            str(error)
            if isinstance(error, UserError)
            else (f"Le chargement des données de démonstration a échoué ({error}).")
        )
        QMessageBox.warning(self, "Données de démonstration", text)

    def _finish_setup(self) -> None:
        """Save the referents and the office; on a refusal say why and stay open."""
        self._set_busy(False)
        try:
            known = {c.label.casefold() for c in referent_choices(self.desk, active_only=False)}
            for name in self.referents_page.new_names:
                if name.casefold() not in known:
                    add_referent(self.desk, name)
            save_office(self.desk, **self.office_page.form.values())  # type: ignore[arg-type]
        except UserError as error:
            QMessageBox.warning(self, "Configuration impossible", str(error))
            return
        self.configured.emit()
        super().accept()
