"""Validation of the order letter, the beneficiary, the contracting interview and renewal."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta

from ...models.enums import ContractingResult
from .common import (
    CONTRACTING_DAYS,
    MAX_CASE_DAYS,
    PE_ID_RE,
    RENEWAL_MONTHS,
    Problem,
    TextField,
    current_end,
    fr_date,
    multiline_field,
    needs_signature,
    signed,
    text_problems,
)

#: The texts of the order letter and of the beneficiary, with their column sizes.
ORDER_TEXTS = (
    TextField("order_number", "le n° de lettre de commande", 50),
    TextField("agency", "l'agence", 200),
    TextField("counsellor", "le conseiller France Travail", 200),
)
BENEFICIARY_TEXTS = (
    TextField("last_name", "le nom", 100),
    TextField("first_name", "le prénom", 100),
    # The identifier has a shape rule of its own; this limit keeps an absurd text out.
    TextField("pe_id", "l'identifiant France Travail", 20),
    TextField("phone", "le téléphone", 40),
    TextField("email", "l'adresse e-mail", 200),
    multiline_field("address", "l'adresse"),
)


def check_order(case: Any) -> list[Problem]:
    """The order letter: number, S and E (180 days at most), and the beneficiary."""
    problems = text_problems(case, "", ORDER_TEXTS)
    if not (case.order_number or "").strip():
        problems.append(Problem("order_number", "le n° de lettre de commande est obligatoire."))
    start, end = case.start_date, case.end_date
    if end < start:
        problems.append(
            Problem(
                "end_date",
                f"la date de fin E ({fr_date(end)}) précède la date de début S ({fr_date(start)}).",
            )
        )
    elif (end - start).days + 1 > MAX_CASE_DAYS:
        problems.append(
            Problem(
                "end_date",
                f"la prestation dure au plus 180 jours : E doit être au plus S + 179 jours "
                f"({fr_date(start + timedelta(days=MAX_CASE_DAYS - 1))}) ; ici "
                f"{(end - start).days + 1} jours.",
            )
        )
    problems += check_beneficiary(case.beneficiary, case.start_date)
    return problems


def check_beneficiary(beneficiary: Any, start: date | None = None) -> list[Problem]:
    """Names, identifier shape (7 digits + a digit or letter), category 1 to 3."""
    if beneficiary is None:
        return [Problem("beneficiary", "le bénéficiaire est obligatoire.")]
    problems = text_problems(beneficiary, "beneficiary.", BENEFICIARY_TEXTS)
    for key, label in (("last_name", "le nom"), ("first_name", "le prénom")):
        if not (getattr(beneficiary, key) or "").strip():
            problems.append(Problem(f"beneficiary.{key}", f"{label} est obligatoire."))
    pe_id = beneficiary.pe_id or ""
    if any(p.field == "beneficiary.pe_id" for p in problems):
        pass  # too long or unprintable: the shape rule would only repeat it
    elif not pe_id.strip():
        problems.append(
            Problem(
                "beneficiary.pe_id",
                "l'identifiant France Travail est obligatoire : 7 chiffres suivis d'un "
                "chiffre ou d'une lettre (ex. 1234567A).",
            )
        )
    elif not PE_ID_RE.match(pe_id):
        problems.append(
            Problem(
                "beneficiary.pe_id",
                f"l'identifiant France Travail « {pe_id} » doit compter 7 chiffres suivis "
                "d'un chiffre ou d'une lettre majuscule (ex. 1234567A).",
            )
        )
    if beneficiary.category is not None and beneficiary.category not in (1, 2, 3):
        problems.append(
            Problem(
                "beneficiary.category",
                f"la catégorie d'inscription est 1, 2 ou 3 (ici {beneficiary.category}).",
            )
        )
    birth = beneficiary.birth_date
    if birth is not None and start is not None and birth >= start:
        problems.append(
            Problem(
                "beneficiary.birth_date",
                f"la date de naissance ({fr_date(birth)}) doit précéder le début de la "
                f"prestation ({fr_date(start)}).",
            )
        )
    return problems


def check_contracting(case: Any) -> list[Problem]:
    """The contracting interview, what PE was sent, and what needs a signed contract."""
    problems: list[Problem] = []
    when, result = case.contracting_date, case.contracting_result
    start, end = case.start_date, current_end(case)
    if result is not None and when is None:
        problems.append(
            Problem(
                "contracting.date",
                "un résultat d'entretien de contractualisation demande la date de l'entretien.",
            )
        )
    if when is not None:
        deadline = start + timedelta(days=CONTRACTING_DAYS)
        if when < start or when > end:
            problems.append(
                Problem(
                    "contracting.date",
                    f"l'entretien de contractualisation a lieu entre le début S "
                    f"({fr_date(start)}) et la fin ({fr_date(end)}) ; ici {fr_date(when)}.",
                )
            )
        elif when > deadline:
            problems.append(
                Problem(
                    "contracting.date",
                    f"l'entretien de contractualisation a lieu au plus tard à S + 7 jours "
                    f"({fr_date(deadline)}) ; ici S + {(when - start).days} jours.",
                    "warning",
                )
            )
    for field, sent, expected, what in (
        (
            "contracting.contract_sent_date",
            case.contract_sent_date,
            ContractingResult.SIGNED,
            "l'envoi du contrat signé",
        ),
        (
            "contracting.refusal_notice_date",
            case.refusal_notice_date,
            ContractingResult.REFUSED,
            "l'avis de non-signature",
        ),
    ):
        if sent is None:
            continue
        if result != expected:
            problems.append(
                Problem(
                    field,
                    f"{what} à France Travail suppose que l'entretien de contractualisation "
                    f"ait pour résultat « {expected.label} ».",
                )
            )
        elif when is not None and sent < when:
            problems.append(
                Problem(
                    field,
                    f"{what} ({fr_date(sent)}) ne peut précéder l'entretien de "
                    f"contractualisation ({fr_date(when)}).",
                )
            )
    if case.phase2_start is not None:
        if not signed(case):
            problems.append(needs_signature("phase2_start", "la phase 2"))
        elif when is not None and not when <= case.phase2_start <= end:
            problems.append(
                Problem(
                    "phase2_start",
                    f"la phase 2 commence entre l'entretien de contractualisation "
                    f"({fr_date(when)}) et la fin ({fr_date(end)}) ; ici "
                    f"{fr_date(case.phase2_start)}.",
                )
            )
    return problems


def check_renewal(case: Any) -> list[Problem]:
    """Renewal: once, on a PE decision, for 6 months at most (new end ≤ E + 6 months)."""
    problems: list[Problem] = []
    decided, new_end, e = case.renewal_decision_date, case.renewal_new_end_date, case.end_date
    if (decided is not None or new_end is not None) and not signed(case):
        problems.append(needs_signature("renewal", "un renouvellement"))
    if new_end is not None:
        if decided is None:
            problems.append(
                Problem(
                    "renewal.decision_date",
                    "un renouvellement n'existe que sur décision de France Travail : la date "
                    "de décision est obligatoire.",
                )
            )
        limit = e + relativedelta(months=RENEWAL_MONTHS)
        if new_end <= e:
            problems.append(
                Problem(
                    "renewal.new_end_date",
                    f"la nouvelle date de fin ({fr_date(new_end)}) doit être après la fin "
                    f"prévue E ({fr_date(e)}).",
                )
            )
        elif new_end > limit:
            problems.append(
                Problem(
                    "renewal.new_end_date",
                    f"le renouvellement est de 6 mois au plus : nouvelle fin au plus E + 6 "
                    f"mois ({fr_date(limit)}) ; ici {fr_date(new_end)}.",
                )
            )
    if decided is not None and decided < case.start_date:
        problems.append(
            Problem(
                "renewal.decision_date",
                f"la décision de renouvellement ({fr_date(decided)}) ne peut précéder le "
                f"début de la prestation S ({fr_date(case.start_date)}).",
            )
        )
    return problems
