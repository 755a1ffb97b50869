"""Actions on a case's own milestones: contracting, documents sent to PE, phase 2,
online obligations, renewal, exit and retention at 3 months.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from enum import Enum

from dateutil.relativedelta import relativedelta
from sqlalchemy.orm import object_session

from ..models import Case, ContractingResult, ContractType, Exit, ExitReason
from ..rules.calendar import add_months
from ..rules.validation import Problem, fr_date
from .context import Desk
from .editing import edit_case
from .errors import ValidationFailed
from .rows import employer_for, log_new_employer

#: A renewal lasts six months (MOV-RULES.md 2.10).
RENEWAL_MONTHS = 6
#: Retention is seen at J + 3 months (MOV-RULES.md section 4).
RETENTION_MONTHS = 3


def record_contracting(
    desk: Desk,
    case_id: int,
    *,
    on: date | None,
    result: ContractingResult | None,
    accept_warnings: bool = False,
) -> list[Problem]:
    """The contracting interview: signed, refused, or the beneficiary did not come.

    A no-show may be followed by a new attempt while S + 7 has not passed: recording
    the new result replaces the old one (the history keeps both). ``result=None``
    takes a wrongly recorded interview back (its date with it), which the rules refuse
    while anything recorded since needs the signed contract.
    """

    def change(case: Case) -> str:
        if result is None:
            case.contracting_date = None
            case.contracting_result = None
            return "Entretien de contractualisation effacé"
        if on is None:
            raise ValidationFailed(
                [Problem("contracting.date", "la date de l'entretien est obligatoire.")]
            )
        case.contracting_date = on
        case.contracting_result = result
        return f"Entretien de contractualisation du {fr_date(on)} : {result.label}"

    return edit_case(
        desk,
        case_id,
        "Enregistrer l'entretien de contractualisation",
        change,
        accept_warnings=accept_warnings,
    )


class Dispatch(Enum):
    """What is sent to PE, and the case field that records it."""

    CONTRACT = ("contract_sent_date", "Copie du contrat envoyée à France Travail")
    REFUSAL_NOTICE = ("refusal_notice_date", "Non-signature signalée à France Travail")
    INTERMEDIATE_REPORT = ("intermediate_sent_date", "Bilan intermédiaire envoyé")
    FINAL_REPORT = ("final_sent_date", "Bilan final envoyé")
    INTERRUPTION_NOTICE = ("notice_sent_date", "Interruption signalée à France Travail")

    @property
    def label(self) -> str:
        return self.value[1]


def mark_sent(desk: Desk, case_id: int, what: Dispatch, *, on: date | None) -> None:
    """Record (or, with ``on=None``, clear) the date a document went to PE."""
    field, label = what.value

    def change(case: Case) -> str:
        target: object = case
        if what is Dispatch.INTERRUPTION_NOTICE:
            if case.exit is None or not ExitReason(case.exit.reason).is_interruption:
                raise ValidationFailed(
                    [Problem("exit.notice_sent_date", "aucune interruption n'est enregistrée.")]
                )
            target = case.exit
        if on is not None and on < case.start_date:
            raise ValidationFailed(
                [
                    Problem(
                        field,
                        f"la date d'envoi précède le début S ({fr_date(case.start_date)}).",
                    )
                ]
            )
        setattr(target, field, on)
        return f"{label} le {fr_date(on)}" if on else f"{label} : date effacée"

    edit_case(desk, case_id, label, change)


def start_phase2(desk: Desk, case_id: int, *, on: date) -> None:
    """Phase 2 (plan d'action) starts on the date the referent records."""

    def change(case: Case) -> str:
        if case.contracting_date and on < case.contracting_date:
            raise ValidationFailed(
                [Problem("phase2_start", "la phase 2 ne peut commencer avant la signature.")]
            )
        case.phase2_start = on
        return f"Début de la phase 2 le {fr_date(on)}"

    edit_case(desk, case_id, "Passer en phase 2", change)


def record_online_obligations(
    desk: Desk,
    case_id: int,
    *,
    offers_subscription: date | None,
    online_profile: date | None,
) -> None:
    """Offers subscription and online profile on the PE website (step 3), with dates."""

    def change(case: Case) -> str:
        case.offers_subscription_date = offers_subscription
        case.online_profile_date = online_profile
        parts = [
            f"abonnement aux offres {fr_date(offers_subscription) if offers_subscription else '—'}",
            f"profil en ligne {fr_date(online_profile) if online_profile else '—'}",
        ]
        return "Obligations en ligne : " + ", ".join(parts)

    edit_case(desk, case_id, "Enregistrer les obligations en ligne", change)


def envisage_renewal(desk: Desk, case_id: int, *, envisaged: bool = True) -> None:
    """Mark that a renewal is envisaged: PE is to be contacted from E − 15."""

    def change(case: Case) -> str:
        if case.renewal_decision_date is not None:
            raise ValidationFailed(
                [Problem("renewal.envisaged", "la décision de renouvellement est déjà connue.")]
            )
        case.renewal_envisaged = envisaged
        return "Renouvellement envisagé" if envisaged else "Renouvellement non envisagé"

    edit_case(desk, case_id, "Envisager un renouvellement", change)


def record_renewal_decision(desk: Desk, case_id: int, *, decided_on: date, granted: bool) -> None:
    """PE's decision. Granted: new end = E + 6 months, once; refused: E stays."""

    def change(case: Case) -> str:
        if case.renewal_decision_date is not None:
            raise ValidationFailed(
                [
                    Problem(
                        "renewal.decision_date",
                        "la prestation ne peut être renouvelée qu'une seule fois ; "
                        "une décision est déjà enregistrée.",
                    )
                ]
            )
        case.renewal_envisaged = True
        case.renewal_decision_date = decided_on
        if granted:
            case.renewal_new_end_date = case.end_date + relativedelta(months=RENEWAL_MONTHS)
            return f"Renouvellement accordé jusqu'au {fr_date(case.renewal_new_end_date)}"
        case.renewal_new_end_date = None
        return f"Renouvellement refusé le {fr_date(decided_on)}"

    edit_case(desk, case_id, "Enregistrer la décision de renouvellement", change)


@dataclass(frozen=True)
class ExitInput:
    """An exit as the form collects it; only the block matching ``reason`` is read."""

    date: date
    reason: ExitReason
    employment_contract: ContractType | None = None
    employment_start: date | None = None
    employment_end: date | None = None
    employment_full_time: bool | None = None
    employment_hours_per_month: float | None = None
    employment_employer_id: int | None = None
    #: A company typed by name, not in the directory yet: it is added to it.
    employment_employer_name: str | None = None
    employment_job_title: str | None = None
    training_hours_total: float | None = None
    training_hours_per_week: float | None = None
    training_qualifying: bool | None = None
    training_afpr: bool | None = None
    training_start: date | None = None
    training_end: date | None = None
    training_title: str | None = None
    training_organisation: str | None = None
    business_auto_entrepreneur: bool | None = None
    business_start: date | None = None
    business_name: str | None = None

    def values(self) -> dict[str, object]:
        """The fields that belong to this reason; the other blocks are left empty."""
        prefix = {
            ExitReason.EMPLOYMENT: "employment_",
            ExitReason.TRAINING: "training_",
            ExitReason.BUSINESS: "business_",
        }.get(self.reason)
        out: dict[str, object] = {}
        for f in fields(self):
            if f.name == "employment_employer_name":
                continue  # not a column: the employer is found or added by name
            if f.name in ("date", "reason"):
                out[f.name] = getattr(self, f.name)
            elif prefix and f.name.startswith(prefix):
                out[f.name] = getattr(self, f.name)
            else:
                out[f.name] = None
        return out


def record_exit(
    desk: Desk, case_id: int, data: ExitInput, *, accept_warnings: bool = False
) -> list[Problem]:
    """End the case: a placement, the term, or an interruption (PE told within 48 h).

    Recording again replaces the previous exit (a correction); the history keeps it.
    An exit is recorded once it has happened: a date after today is refused (a case
    with a future exit would read « Clôturée » before its end). A company typed by
    name joins the directory.
    """
    today = desk.today()
    if data.date > today:
        raise ValidationFailed(
            [
                Problem(
                    "exit.date",
                    f"la date de sortie ({fr_date(data.date)}) est à venir : une sortie "
                    f"s'enregistre le jour venu (nous sommes le {fr_date(today)}). En "
                    "attendant, le dossier reste en cours.",
                )
            ]
        )

    def change(case: Case) -> str:
        if case.exit is None:
            case.exit = Exit(date=data.date, reason=data.reason)
        for name, value in data.values().items():
            setattr(case.exit, name, value)
        if data.reason is ExitReason.EMPLOYMENT and data.employment_employer_name:
            session = object_session(case)
            assert session is not None
            with session.no_autoflush:
                case.exit.employment_employer = employer_for(
                    session, None, data.employment_employer_name
                )
            log_new_employer(session, desk.user, case.exit.employment_employer, case.id)
        return f"Sortie du {fr_date(data.date)} : {data.reason.label}"

    return edit_case(
        desk, case_id, "Enregistrer la sortie", change, accept_warnings=accept_warnings
    )


def cancel_exit(desk: Desk, case_id: int) -> None:
    """Remove a wrongly recorded exit; the case becomes active again."""

    def change(case: Case) -> str:
        if case.exit is None:
            raise ValidationFailed([Problem("exit", "aucune sortie n'est enregistrée.")])
        case.exit = None
        return "Sortie annulée"

    edit_case(desk, case_id, "Annuler la sortie", change)


def record_retention(desk: Desk, case_id: int, *, retained: bool, on: date) -> None:
    """Still in the job (or the business still alive) at J + 3 months?

    « Oui » is what J + 3 months shows, so it is refused before that day: recorded early
    it would close the case and drop the follow-up interviews still owed. « Non » may be
    recorded as soon as the person has left the job. Nothing is observed after today.
    """
    today = desk.today()

    def change(case: Case) -> str:
        exit = case.exit
        if exit is None or ExitReason(exit.reason) not in (
            ExitReason.EMPLOYMENT,
            ExitReason.BUSINESS,
        ):
            raise ValidationFailed(
                [
                    Problem(
                        "follow_up.retained_at_3_months",
                        "le maintien à 3 mois ne se constate qu'après une reprise d'emploi "
                        "ou une création d'entreprise.",
                    )
                ]
            )
        if on < exit.date:
            raise ValidationFailed(
                [Problem("follow_up.retained_at_3_months", "la date précède la sortie.")]
            )
        if on > today:
            raise ValidationFailed(
                [
                    Problem(
                        "follow_up.retention_recorded_on",
                        f"le maintien se constate au plus tard aujourd'hui ({fr_date(today)}) : "
                        f"le {fr_date(on)} est après aujourd'hui.",
                    )
                ]
            )
        due = add_months(exit.date, RETENTION_MONTHS)
        if retained and on < due:
            raise ValidationFailed(
                [
                    Problem(
                        "follow_up.retained_at_3_months",
                        f"« Oui » se constate à partir du {fr_date(due)} (J + 3 mois) ; ici le "
                        f"{fr_date(on)}. D'ici là, le suivi dans l'emploi continue ; une "
                        "personne qui a déjà quitté son poste se note « Non ».",
                    )
                ]
            )
        exit.retained_at_3_months = retained
        exit.retention_recorded_on = on
        return "Maintien dans l'emploi à 3 mois : " + ("oui" if retained else "non")

    edit_case(desk, case_id, "Enregistrer le maintien à 3 mois", change)
