"""What each line of the scheduler can do: the obvious action of its deadline's kind.

A table, kind → actions (the first is the line's button; all are in its context
menu), so that a new kind or a new action is one entry. Each action opens the form that
records what the deadline asks for — the interview, the contracting result, the date a
document went to France Travail — on the deadline's case.

Printing a document comes from the printed documents' window when it is part of the
program (:func:`print_document`); until then its entry is shown disabled, with a
tooltip that says so.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from ...models import ExitReason, InterviewKind
from ...services.context import Desk
from ...services.lookups import request_to_follow_up
from ...services.milestones import Dispatch
from ...services.schedule import DeadlineItem
from .sent_dialog import SentDateDialog

#: Run an action on a deadline from a parent widget; True when something was saved.
Runner = Callable[[QWidget, Desk, DeadlineItem], bool]

NOT_YET = "L'impression des documents n'est pas encore disponible dans cette version."
#: Where printing will come from, and its function: ``(parent, desk, case_id, kind)``.
PRINT_MODULE = "movdesk.ui.documents"
PRINT_FUNCTION = "preview_case_document"


@dataclass(frozen=True)
class DeadlineAction:
    """One thing a line can do: its text, its tooltip, and how (None: not available)."""

    text: str
    tip: str
    run: Runner | None
    #: Why it is disabled when ``run`` is None.
    unavailable: str = ""


def _exec(dialog: QDialog) -> bool:
    try:
        return bool(dialog.exec() == QDialog.DialogCode.Accepted)
    finally:
        dialog.deleteLater()


def _form(name: str, **values: Any) -> Runner:
    """Open the case form ``name`` of :mod:`movdesk.ui.dialogs` on the deadline's case."""

    def run(parent: QWidget, desk: Desk, item: DeadlineItem) -> bool:
        from .. import dialogs

        dialog = getattr(dialogs, name)(desk, item.case_id, parent=parent)
        for field, value in values.items():
            getattr(dialog, field).set_value(value)
        return _exec(dialog)

    return run


def _partner_answer(parent: QWidget, desk: Desk, item: DeadlineItem) -> bool:
    """The barrier's form of the request to follow up, where the answer closes it."""
    from .. import dialogs

    barrier_id = request_to_follow_up(desk, item.case_id, item.due)
    if barrier_id is None:  # answered meanwhile, in another window
        return False
    return _exec(dialogs.BarrierDialog(desk, item.case_id, barrier_id, parent=parent))


def _sent(what: Dispatch) -> Runner:
    def run(parent: QWidget, desk: Desk, item: DeadlineItem) -> bool:
        return _exec(SentDateDialog(desk, item.case_id, what, parent=parent))

    return run


def print_document() -> Callable[..., Any] | None:
    """The printed documents' preview function, when that part of the program exists."""
    try:
        module = importlib.import_module(PRINT_MODULE)
    except ImportError:
        return None
    found = getattr(module, PRINT_FUNCTION, None)
    return found if callable(found) else None


def _print(kind: str, what: str) -> DeadlineAction:
    preview = print_document()
    if preview is None:
        return DeadlineAction(f"Imprimer {what}…", NOT_YET, None, NOT_YET)

    def run(parent: QWidget, desk: Desk, item: DeadlineItem) -> bool:
        preview(parent, desk, item.case_id, kind)
        return False

    return DeadlineAction(f"Imprimer {what}…", f"Aperçu et impression {what}", run)


_INTERVIEW = DeadlineAction(
    "Saisir l'entretien…", "Enregistrer ou planifier l'entretien", _form("InterviewDialog")
)
#: The 14-day limit has passed: the rule is broken and the case ends (MOV-RULES.md 2.6,
#: « movdesk offers to record the interruption »).
_INTERRUPTION = DeadlineAction(
    "Enregistrer l'interruption…",
    "La règle des 14 jours est rompue : enregistrer la fin du parcours "
    "(interruption, motif « règle des 14 jours »)",
    _form("ExitDialog", reason=ExitReason.RULE_14_DAYS),
)

#: Kind → the line's actions, the obvious one first.
ACTIONS: dict[str, list[DeadlineAction]] = {
    "contracting_interview": [
        DeadlineAction(
            "Contractualisation…",
            "Enregistrer l'entretien de contractualisation et son résultat",
            _form("ContractingDialog"),
        )
    ],
    "contract_to_pe": [
        DeadlineAction(
            "Marquer envoyé…",
            "Enregistrer la date d'envoi de la copie du contrat à France Travail",
            _sent(Dispatch.CONTRACT),
        )
    ],
    "refusal_notice": [
        DeadlineAction(
            "Marquer envoyé…",
            "Enregistrer la date où France Travail a été informé de la non-signature",
            _sent(Dispatch.REFUSAL_NOTICE),
        )
    ],
    "weekly_interview": [_INTERVIEW],
    "next_interview": [_INTERVIEW],
    "intermediate_report": [
        DeadlineAction(
            "Marquer envoyé…",
            "Enregistrer la date d'envoi du bilan intermédiaire à France Travail",
            _sent(Dispatch.INTERMEDIATE_REPORT),
        )
    ],
    "company_period": [
        DeadlineAction(
            "Ajouter une période…",
            "Enregistrer une période en entreprise",
            _form("CompanyPeriodDialog"),
        )
    ],
    "online_obligations": [
        DeadlineAction(
            "Saisir les obligations…",
            "Enregistrer l'abonnement aux offres et le profil en ligne",
            _form("OnlineObligationsDialog"),
        )
    ],
    "renewal_contact": [
        DeadlineAction(
            "Renouvellement…",
            "Enregistrer la décision de France Travail sur le renouvellement",
            _form("RenewalDialog"),
        )
    ],
    "final_report": [
        DeadlineAction(
            "Marquer envoyé…",
            "Enregistrer la date d'envoi du bilan final à France Travail",
            _sent(Dispatch.FINAL_REPORT),
        )
    ],
    "interruption_notice": [
        DeadlineAction(
            "Marquer envoyé…",
            "Enregistrer la date où France Travail a été informé de l'interruption",
            _sent(Dispatch.INTERRUPTION_NOTICE),
        )
    ],
    "follow_up_interview": [
        DeadlineAction(
            "Saisir le suivi…",
            "Enregistrer l'entretien de suivi dans l'emploi ou la formation",
            _form("InterviewDialog", kind=InterviewKind.FOLLOW_UP),
        )
    ],
    "retention_check": [
        DeadlineAction(
            "Saisir le maintien…",
            "Enregistrer si la personne est toujours en poste à 3 mois",
            _form("RetentionDialog"),
        )
    ],
    "partner_follow_up": [
        DeadlineAction(
            "Saisir la réponse…",
            "Ouvrir le frein confié au partenaire : noter sa réponse, ou une nouvelle date "
            "de relance",
            _partner_answer,
        )
    ],
}

#: Documents printed from a deadline: kind → (document kind of ``movdesk print``, its name).
PRINTS = {
    "contract_to_pe": ("contract", "le contrat"),
    "intermediate_report": ("intermediate", "le bilan intermédiaire"),
    "final_report": ("final", "le bilan final"),
}


def actions_for(kind: str, status: str | None = None) -> list[DeadlineAction]:
    """Everything a line of ``kind`` (and ``status``) can do, the obvious action first.

    A 14-day limit passed is a broken rule: recording the interruption comes first.
    """
    found = list(ACTIONS.get(kind, []))
    if kind == "next_interview" and status == "overdue":
        found.insert(0, _INTERRUPTION)
    if kind in PRINTS:
        document, what = PRINTS[kind]
        found.append(_print(document, what))
    return found


def primary(kind: str, status: str | None = None) -> DeadlineAction | None:
    """The line's button."""
    found = actions_for(kind, status)
    return found[0] if found else None


#: The case file's section that holds what each kind of deadline is about.
SECTIONS = {
    "contracting_interview": "OrderSection",
    "contract_to_pe": "DocumentsSection",
    "refusal_notice": "DocumentsSection",
    "weekly_interview": "InterviewsSection",
    "next_interview": "InterviewsSection",
    "intermediate_report": "DocumentsSection",
    "company_period": "CompanyPeriodsSection",
    "online_obligations": "PlanSection",
    "renewal_contact": "OrderSection",
    "final_report": "DocumentsSection",
    "interruption_notice": "DocumentsSection",
    "follow_up_interview": "ExitSection",
    "retention_check": "ExitSection",
    "partner_follow_up": "DiagnosticSection",
}
