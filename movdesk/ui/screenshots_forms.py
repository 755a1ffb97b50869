"""Pictures of every form with its refusals shown, for :mod:`movdesk.ui.screenshots`.

Each form is opened on a case of the database, given what a hurried referent might
type (a 20-day sickness, a day that does not exist, an empty name…) and saved once:
the picture shows the form as it stays open, each refusal under its field and the
rule notes above the buttons. Nothing is written: every one of these saves is refused.
The questions the program asks (abandon the typing, no referent yet) and the month
picker come last.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QWidget

#: What is typed into each form before its save, by the form's class name.
Spoiler = Callable[[Any], None]


def _order(dialog: Any) -> None:
    dialog.order_number.clear()
    dialog.pe_id.setText("12345")
    dialog.birth_date.setText("31/04/1985")


def _order_edit(dialog: Any) -> None:
    dialog.order_number.clear()
    start = dialog.start.value()
    if start is not None:
        dialog.end.set_value(date.fromordinal(start.toordinal() + 199))


def _beneficiary(dialog: Any) -> None:
    dialog.person.last_name.clear()
    dialog.pe_id.setText("123456")
    dialog.person.phone.setText("03 20 00 00 00")


def _interview(dialog: Any) -> None:
    dialog.date_field.setText("31/06/2026")
    dialog.time_field.setText("25h30")
    dialog.minutes.setValue(20)


def _exit(dialog: Any) -> None:
    from ..models import ExitReason

    dialog.reason.set_value(ExitReason.EMPLOYMENT)
    dialog.date_field.set_value(date.fromordinal(dialog.today.toordinal() + 10))


def _contracting(dialog: Any) -> None:
    dialog.date_field.set_value(date(2000, 1, 3))


def _online(dialog: Any) -> None:
    dialog.offers.set_value(date(2000, 1, 3))
    dialog.profile.setText("30/02/2026")


def _renewal(dialog: Any) -> None:
    dialog.choice.setCurrentIndex(1)
    dialog.decision_date.setText("31/11/2026")


def _retention(dialog: Any) -> None:
    dialog.date_field.setText("29/02/2027")


def _referent(dialog: Any) -> None:
    dialog.date_field.set_value(date(2000, 1, 3))


def _suspension(dialog: Any) -> None:
    from ..models import SuspensionKind

    dialog.kind.set_value(SuspensionKind.SICKNESS)
    start = dialog.start.value()
    if start is not None:
        dialog.end.set_value(date.fromordinal(start.toordinal() + 19))


def _period(dialog: Any) -> None:
    start = dialog.start.value()
    if start is not None:
        dialog.end.set_value(date.fromordinal(start.toordinal() + 50))
    dialog.employer.setEditText("Boulangerie du Centre")
    dialog.rome.setText("1106")


def _action(dialog: Any) -> None:
    dialog.description.clear()
    dialog.due.setText("32/01/2026")


def _job_target(dialog: Any) -> None:
    dialog.title_field.clear()
    dialog.rome.setText("AB12")


def _office(dialog: Any) -> None:
    dialog.office_form.name.clear()
    dialog.office_form.siret.setText("732 829 320 00075")


def _referent_name(dialog: Any) -> None:
    dialog.first_name.clear()
    dialog.last_name.setText("Martin")


#: The forms of a case, in the order of the case file's sections.
CASE_FORMS: tuple[tuple[str, str, Spoiler], ...] = (
    ("BeneficiaryDialog", "beneficiaire", _beneficiary),
    ("OrderEditDialog", "commande-corrigee", _order_edit),
    ("ContractingDialog", "contractualisation", _contracting),
    ("ReferentDialog", "changement-referent", _referent),
    ("RenewalDialog", "renouvellement", _renewal),
    ("InterviewDialog", "entretien", _interview),
    ("ActionDialog", "action", _action),
    ("JobTargetDialog", "piste", _job_target),
    ("OnlineObligationsDialog", "obligations-en-ligne", _online),
    ("CompanyPeriodDialog", "periode-entreprise", _period),
    ("SuspensionDialog", "suspension", _suspension),
    ("ExitDialog", "sortie", _exit),
    ("RetentionDialog", "maintien", _retention),
)


def _shoot(widget: QWidget, app: QApplication, target: Path) -> Path:
    widget.show()
    app.processEvents()
    if not widget.grab().save(str(target)):
        from ..errors import UserError

        raise UserError(f"Impossible d'enregistrer l'image « {target} ».")
    widget.close()
    widget.deleteLater()
    app.processEvents()
    return target


def _refused(dialog: Any, spoil: Spoiler, app: QApplication) -> Any:
    """The form after a save with ``spoil`` typed: refused, shown as it stays open."""
    dialog.show()
    app.processEvents()
    spoil(dialog)
    # A warning would ask « Enregistrer quand même ? »: the picture is of the form.
    dialog.confirm_warnings = lambda _messages: False
    dialog.accept()
    app.processEvents()
    return dialog


def _future_month(dialog: Any, app: QApplication) -> Any:
    """The month picker after a month not begun yet was chosen."""
    dialog.show()
    app.processEvents()
    dialog.year.setValue(dialog.year.maximum())
    dialog.month.setCurrentIndex(dialog.month.count() - 1)
    if dialog.today.month == 12:  # December: every month of the year has begun
        dialog.year.setMaximum(dialog.today.year + 1)
        dialog.year.setValue(dialog.today.year + 1)
    dialog.accept()
    return dialog


def form_views(window: Any, app: QApplication, outdir: Path, first: int) -> list[Path]:
    """Every form with its refusals, then the questions and the month picker."""
    from . import dialogs
    from .dialogs.month import MonthDialog
    from .dialogs.referents import ReferentNameDialog
    from .pages.referents import no_referent_box
    from .widgets.form import discard_box

    desk = window.desk
    overview = window.scheduler.overview
    case_id = overview.items[0].case_id if overview and overview.items else None
    shots: list[tuple[str, Callable[[], QWidget]]] = [
        (
            "formulaire-commande",
            lambda: _refused(dialogs.OrderDialog(desk, window), _order, app),
        ),
    ]
    if case_id is not None:
        for name, slug, spoil in CASE_FORMS:
            cls = getattr(dialogs, name)
            shots.append(
                (
                    f"formulaire-{slug}",
                    lambda cls=cls, spoil=spoil: _refused(
                        cls(desk, case_id, parent=window), spoil, app
                    ),
                )
            )
    shots += [
        (
            "formulaire-bureau",
            lambda: _refused(dialogs.OfficeSettingsDialog(desk, window), _office, app),
        ),
        (
            "formulaire-referent",
            lambda: _refused(ReferentNameDialog(desk, parent=window), _referent_name, app),
        ),
        ("question-abandon", lambda: discard_box(window)),
        ("question-aucun-referent", lambda: no_referent_box(window)),
        ("choix-du-mois", lambda: _future_month(MonthDialog(desk.today(), window), app)),
    ]
    return [
        _shoot(make(), app, outdir / f"{number:02d}-{name}.png")
        for number, (name, make) in enumerate(shots, start=first)
    ]
