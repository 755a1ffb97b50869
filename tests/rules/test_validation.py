"""Validation of a case (movdesk.rules.validation): one row per rule and per edge."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from movdesk.models import (
    Beneficiary,
    Case,
    CompanyPeriod,
    Exit,
    Interview,
    Referent,
    Suspension,
)
from movdesk.models.enums import (
    ContractingResult,
    ContractType,
    ExitReason,
    InterviewKind,
    InterviewStatus,
    SuspensionKind,
)
from movdesk.rules.validation import (
    Problem,
    check_company_period,
    check_suspension,
    errors_only,
    validate_case,
)

S = date(2026, 1, 5)
E = S + timedelta(days=179)  # 2026-07-03


def d(text: str) -> date:
    return date.fromisoformat(text)


def make_case() -> Case:
    """A valid active case in phase 2, with one interview and nothing else."""
    return Case(
        order_number="LC-2026-000123",
        referent=Referent(full_name="Claire Martin"),
        beneficiary=Beneficiary(
            last_name="Durand", first_name="Sophie", pe_id="1234567A", category=1,
            birth_date=d("1985-04-12"),
        ),
        start_date=S,
        end_date=E,
        contracting_date=d("2026-01-07"),
        contracting_result=ContractingResult.SIGNED,
        contract_sent_date=d("2026-01-08"),
        phase2_start=d("2026-02-16"),
        renewal_envisaged=False,
        interviews=[
            Interview(date=d("2026-01-14"), minutes=45, kind=InterviewKind.INDIVIDUAL,
                      status=InterviewStatus.ATTENDED),
        ],
    )


def suspension(kind: SuspensionKind, start: str, end: str) -> Suspension:
    return Suspension(kind=kind, start_date=d(start), end_date=d(end))


def period(start: str, end: str, rome: str | None = "D1106") -> CompanyPeriod:
    return CompanyPeriod(start_date=d(start), end_date=d(end), rome=rome)


def job_exit(when: str = "2026-05-04", **fields: object) -> Exit:
    values: dict[str, object] = {
        "employment_contract": ContractType.CDI, "employment_start": d(when),
        "employment_full_time": True,
    }
    return Exit(date=d(when), reason=ExitReason.EMPLOYMENT, **{**values, **fields})


SICK = SuspensionKind.SICKNESS
LEAVE = SuspensionKind.LEAVE
Mutation = Callable[[Case], object]


def _set(**values: object) -> Mutation:
    return lambda case: [setattr(case, k, v) for k, v in values.items()]


def _beneficiary(**values: object) -> Mutation:
    return lambda case: [setattr(case.beneficiary, k, v) for k, v in values.items()]


def _add(collection: str, *items: object) -> Mutation:
    return lambda case: getattr(case, collection).extend(items)


def _interview(when: str, kind: InterviewKind = InterviewKind.INDIVIDUAL,
               status: InterviewStatus = InterviewStatus.ATTENDED, minutes: int = 45) -> Mutation:
    return _add("interviews", Interview(date=d(when), minutes=minutes, kind=kind, status=status))


def _exit(exit: Exit) -> Mutation:
    return _set(exit=exit)


def _both(*mutations: Mutation) -> Mutation:
    return lambda case: [m(case) for m in mutations]


# id, mutation, field, words in the message, severity
ROWS: list[tuple[str, Mutation, str, str, str]] = [
    ("order-number-empty", _set(order_number=" "), "order_number", "obligatoire", "error"),
    ("end-before-start", _set(end_date=S - timedelta(days=1)), "end_date",
     "précède la date de début S", "error"),
    ("181-days", _set(end_date=E + timedelta(days=1)), "end_date",
     "la prestation dure au plus 180 jours", "error"),
    ("pe-id-short", _beneficiary(pe_id="123456A"), "beneficiary.pe_id", "7 chiffres", "error"),
    ("pe-id-lowercase", _beneficiary(pe_id="1234567a"), "beneficiary.pe_id",
     "« 1234567a »", "error"),
    ("category-4", _beneficiary(category=4), "beneficiary.category", "1, 2 ou 3 (ici 4)",
     "error"),
    ("last-name-empty", _beneficiary(last_name=""), "beneficiary.last_name", "le nom", "error"),
    ("birth-after-start", _beneficiary(birth_date=S), "beneficiary.birth_date",
     "doit précéder", "error"),
    ("contracting-result-without-date", _set(contracting_date=None), "contracting.date",
     "demande la date", "error"),
    ("contracting-before-s", _set(contracting_date=S - timedelta(days=1)), "contracting.date",
     "entre le début S", "error"),
    ("contracting-after-s-plus-7", _set(contracting_date=S + timedelta(days=8)),
     "contracting.date", "au plus tard à S + 7 jours (12/01/2026) ; ici S + 8 jours", "warning"),
    ("contract-sent-but-refused",
     _set(contracting_result=ContractingResult.REFUSED, phase2_start=None, interviews=[]),
     "contracting.contract_sent_date", "ait pour résultat « Contrat signé »", "error"),
    ("contract-sent-before-interview", _set(contract_sent_date=d("2026-01-06")),
     "contracting.contract_sent_date", "ne peut précéder", "error"),
    ("refusal-notice-but-signed", _set(refusal_notice_date=d("2026-01-08")),
     "contracting.refusal_notice_date", "ait pour résultat « Non-signature »", "error"),
    ("phase2-without-signature",
     _set(contracting_result=ContractingResult.NO_SHOW, contract_sent_date=None, interviews=[]),
     "phase2_start", "contrat d'accompagnement signé", "error"),
    ("phase2-before-contracting", _set(phase2_start=d("2026-01-06")), "phase2_start",
     "la phase 2 commence entre", "error"),
    ("renewal-without-decision", _set(renewal_new_end_date=E + timedelta(days=30)),
     "renewal.decision_date", "la date de décision est obligatoire", "error"),
    ("renewal-over-6-months",
     _set(renewal_decision_date=d("2026-06-15"), renewal_new_end_date=d("2027-01-04")),
     "renewal.new_end_date", "6 mois au plus : nouvelle fin au plus E + 6 mois (03/01/2027)",
     "error"),
    ("renewal-not-after-e", _set(renewal_decision_date=d("2026-06-15"), renewal_new_end_date=E),
     "renewal.new_end_date", "doit être après la fin prévue E", "error"),
    ("renewal-decision-before-s", _set(renewal_decision_date=S - timedelta(days=1)),
     "renewal.decision_date", "ne peut précéder le début de la prestation S", "error"),
    ("sickness-15-days", _add("suspensions", suspension(SICK, "2026-03-02", "2026-03-16")),
     "suspensions[0].end", "maladie dure au plus 14 jours consécutifs (ici 15 jours)", "error"),
    ("suspension-end-before-start",
     _add("suspensions", suspension(SICK, "2026-03-02", "2026-03-01")),
     "suspensions[0].end", "précède la date de début", "error"),
    ("leave-total-36",
     _add("suspensions", suspension(LEAVE, "2026-03-02", "2026-03-21"),
          suspension(LEAVE, "2026-04-01", "2026-04-16")),
     "suspensions[1].end", "au plus 35 jours sur la prestation (ici 36 jours)", "error"),
    ("suspensions-overlap",
     _add("suspensions", suspension(SICK, "2026-03-02", "2026-03-10"),
          suspension(LEAVE, "2026-03-10", "2026-03-12")),
     "suspensions[1].start",
     "chevauche la suspension pour maladie du 02/03/2026 au 10/03/2026", "error"),
    ("suspension-after-end", _add("suspensions", suspension(SICK, "2026-07-01", "2026-07-04")),
     "suspensions[0].end", "entre le début S (05/01/2026) et la fin (03/07/2026)", "error"),
    ("suspension-before-start",
     _add("suspensions", suspension(SICK, "2026-01-04", "2026-01-06")),
     "suspensions[0].start", "une suspension se situe dans la prestation", "error"),
    ("company-43-days", _add("company_periods", period("2026-03-02", "2026-04-13")),
     "company_periods[0].end", "au plus 42 jours (6 semaines) (ici 43 jours)", "error"),
    ("company-6-days", _add("company_periods", period("2026-03-02", "2026-03-07")),
     "company_periods[0].end", "ne satisfait pas l'obligation", "warning"),
    ("company-outside", _add("company_periods", period("2026-06-29", "2026-07-10")),
     "company_periods[0].end", "dans la prestation", "error"),
    ("company-overlapping-suspension",
     _both(_add("company_periods", period("2026-03-02", "2026-03-13")),
           _add("suspensions", suspension(SICK, "2026-03-05", "2026-03-06"))),
     "company_periods[0].start",
     "chevauche la suspension pour maladie du 05/03/2026 au 06/03/2026", "warning"),
    ("company-overlap",
     _add("company_periods", period("2026-03-02", "2026-03-13"),
          period("2026-03-13", "2026-03-20")),
     "company_periods[1].start",
     "chevauche la période en entreprise du 02/03/2026 au 13/03/2026", "error"),
    ("company-bad-rome", _add("company_periods", period("2026-03-02", "2026-03-13", "d1106")),
     "company_periods[0].rome", "code ROME", "error"),
    ("interview-0-minutes", _interview("2026-01-21", minutes=0), "interviews[1].minutes",
     "durée de l'entretien est obligatoire", "error"),
    ("interview-601-minutes", _interview("2026-01-21", minutes=601), "interviews[1].minutes",
     "ici 601", "error"),
    ("interview-after-end", _interview("2026-07-04"), "interviews[1].date",
     "entre le début S", "error"),
    ("interview-after-exit", _both(_exit(job_exit()), _interview("2026-05-05")),
     "interviews[1].date", "l'entretien du 05/05/2026 tombe après la sortie (04/05/2026)",
     "error"),
    ("interview-before-contracting", _interview("2026-01-06"), "interviews[1].date",
     "suit l'entretien de contractualisation", "error"),
    ("attended-without-signature",
     _set(contracting_result=None, contracting_date=None, contract_sent_date=None,
          phase2_start=None),
     "interviews[0].status", "contrat d'accompagnement signé", "error"),
    ("follow-up-without-exit", _interview("2026-05-05", InterviewKind.FOLLOW_UP),
     "interviews[1].kind", "suppose une sortie positive", "error"),
    ("follow-up-before-exit", _both(_exit(job_exit()),
                                    _interview("2026-05-03", InterviewKind.FOLLOW_UP)),
     "interviews[1].date", "à partir de la sortie positive", "error"),
    ("exit-before-contracting", _exit(job_exit("2026-01-06")), "exit.date",
     "entre l'entretien de contractualisation (07/01/2026)", "error"),
    ("exit-after-end", _exit(job_exit("2026-07-04")), "exit.date",
     "la fin de la prestation (03/07/2026)", "error"),
    ("exit-without-signature",
     _set(contracting_result=ContractingResult.REFUSED, contract_sent_date=None,
          phase2_start=None, interviews=[], exit=Exit(date=E, reason=ExitReason.TERM)),
     "exit", "une sortie suppose", "error"),
    ("term-not-on-end", _exit(Exit(date=d("2026-06-01"), reason=ExitReason.TERM)),
     "exit.date", "une fin à terme a lieu à la date de fin", "error"),
    ("block-not-matching-reason",
     _exit(Exit(date=E, reason=ExitReason.TERM, training_hours_total=200)),
     "exit.training",
     "« Formation » ne valent que pour le motif de sortie « Entrée en formation »", "error"),
    ("employment-without-contract",
     _exit(job_exit(employment_contract=None)), "exit.employment.contract", "obligatoire",
     "error"),
    ("employment-end-before-start",
     _exit(job_exit(employment_contract=ContractType.CDD, employment_end=d("2026-05-01"))),
     "exit.employment.end", "précède son début", "error"),
    ("cdd-without-end", _exit(job_exit(employment_contract=ContractType.CDD)),
     "exit.employment.end", "sans date de fin", "warning"),
    ("employment-start-not-exit-date", _exit(job_exit(employment_start=d("2026-05-11"))),
     "exit.employment.start", "n'est pas la date de sortie (04/05/2026)", "warning"),
    ("hours-per-month-zero", _exit(job_exit(employment_hours_per_month=0)),
     "exit.employment.hours_per_month", "positif", "error"),
    ("training-hours-negative",
     _exit(Exit(date=d("2026-05-04"), reason=ExitReason.TRAINING, training_hours_total=-1,
                training_hours_per_week=35)),
     "exit.training.hours_total", "positif", "error"),
    ("training-200-hours-a-week",
     _exit(Exit(date=d("2026-05-04"), reason=ExitReason.TRAINING, training_hours_total=400,
                training_hours_per_week=200)),
     "exit.training.hours_per_week", "au plus 168", "error"),
    ("retention-after-term",
     _exit(Exit(date=E, reason=ExitReason.TERM, retained_at_3_months=True)),
     "follow_up.retained_at_3_months", "qu'après une sortie positive", "error"),
    ("notice-before-exit",
     _exit(Exit(date=d("2026-04-01"), reason=ExitReason.ABANDON,
                notice_sent_date=d("2026-03-31"))),
     "exit.notice_sent_date", "ne peut précéder la sortie", "error"),
]


@pytest.mark.parametrize(
    ("mutate", "field", "words", "severity"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS]
)
def test_rule(mutate: Mutation, field: str, words: str, severity: str) -> None:
    case = make_case()
    mutate(case)
    problems = validate_case(case)
    matching = [p for p in problems if p.field == field and words in p.message]
    assert matching, f"no problem on {field} with « {words} » in {problems}"
    assert matching[0].severity == severity


VALID_EDGES: list[tuple[str, Mutation]] = [
    ("exactly-180-days", lambda case: None),
    ("sickness-14-days", _add("suspensions", suspension(SICK, "2026-03-02", "2026-03-15"))),
    ("leave-total-35",
     _add("suspensions", suspension(LEAVE, "2026-03-02", "2026-03-21"),
          suspension(LEAVE, "2026-04-01", "2026-04-15"))),
    ("suspensions-touching",
     _add("suspensions", suspension(SICK, "2026-03-02", "2026-03-10"),
          suspension(LEAVE, "2026-03-11", "2026-03-12"))),
    ("company-42-days", _add("company_periods", period("2026-03-02", "2026-04-12"))),
    ("company-7-days", _add("company_periods", period("2026-03-02", "2026-03-08"))),
    ("renewal-exactly-6-months",
     _set(renewal_decision_date=d("2026-06-15"), renewal_new_end_date=d("2027-01-03"))),
    ("renewal-refused-by-pe", _set(renewal_envisaged=True, renewal_decision_date=d("2026-06-15"))),
    ("suspension-inside-renewal",
     _both(_set(renewal_decision_date=d("2026-06-15"), renewal_new_end_date=d("2026-10-01")),
           _add("suspensions", suspension(SICK, "2026-08-01", "2026-08-05")))),
    ("interview-600-minutes", _interview("2026-01-21", minutes=600)),
    ("planned-interview-before-signature",
     _set(contracting_result=None, contracting_date=None, contract_sent_date=None,
          phase2_start=None, interviews=[
              Interview(date=d("2026-01-06"), minutes=45, kind=InterviewKind.INDIVIDUAL,
                        status=InterviewStatus.PLANNED)])),
    ("exit-on-contracting-day",
     _both(_set(interviews=[], phase2_start=None), _exit(job_exit("2026-01-07")))),
    ("term-on-e", _exit(Exit(date=E, reason=ExitReason.TERM))),
    ("follow-up-after-positive-exit",
     _both(_exit(job_exit(retained_at_3_months=True)),
           _interview("2026-05-08", InterviewKind.FOLLOW_UP))),
    ("no-birth-date-no-category", _beneficiary(birth_date=None, category=None)),
]


@pytest.mark.parametrize("mutate", [r[1] for r in VALID_EDGES], ids=[r[0] for r in VALID_EDGES])
def test_valid_edges(mutate: Mutation) -> None:
    case = make_case()
    mutate(case)
    assert validate_case(case) == []


def test_problem_line_names_case_field_and_rule() -> None:
    problem = Problem("suspensions[0].end", "une suspension pour maladie dure au plus 14 jours.")
    assert problem.line("LC-2026-000123") == (
        "Dossier LC-2026-000123, suspensions[0].end : une suspension pour maladie dure au plus "
        "14 jours."
    )
    assert problem.is_error


def test_errors_only_drops_warnings() -> None:
    case = make_case()
    case.company_periods.append(period("2026-03-02", "2026-03-04"))
    assert validate_case(case) and errors_only(validate_case(case)) == []


def test_overlap_reported_once_by_validate_case() -> None:
    case = make_case()
    _add("suspensions", suspension(SICK, "2026-03-02", "2026-03-10"),
         suspension(SICK, "2026-03-05", "2026-03-12"))(case)
    overlaps = [p for p in validate_case(case) if "chevauche" in p.message]
    assert len(overlaps) == 1


def test_check_suspension_for_a_new_item_from_a_form() -> None:
    """A form checks a suspension not yet in the case against the existing ones."""
    case = make_case()
    existing = suspension(LEAVE, "2026-03-02", "2026-03-31")
    case.suspensions.append(existing)
    new = suspension(LEAVE, "2026-03-31", "2026-04-06")
    problems = check_suspension(case, new, case.suspensions)
    fields = {p.field for p in problems}
    assert fields == {"suspensions[1].start", "suspensions[1].end"}
    assert any("ici 37 jours" in p.message for p in problems)
    # Passing the item itself among the others changes nothing.
    assert check_suspension(case, existing, case.suspensions) == []


def test_check_company_period_alone() -> None:
    case = make_case()
    problems = check_company_period(case, period("2026-03-02", "2026-04-13"), [])
    assert [p.field for p in problems] == ["company_periods[0].end"]
