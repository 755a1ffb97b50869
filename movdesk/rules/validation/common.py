"""Shared pieces of validation: the Problem type, limits of the contract, date helpers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from ...models.enums import ContractingResult
from ..text import LINE_MAX_LENGTH, MULTILINE_MAX_LENGTH, text_problem

Severity = Literal["error", "warning"]

#: Longest case: E ≤ S + 179 (180 days counting S).
MAX_CASE_DAYS = 180
#: Contracting interview no later than S + 7.
CONTRACTING_DAYS = 7
MAX_SICKNESS_DAYS = 14
MAX_LEAVE_DAYS_TOTAL = 35
MIN_COMPANY_DAYS = 7
MAX_COMPANY_DAYS = 42
RENEWAL_MONTHS = 6
MAX_INTERVIEW_MINUTES = 600
#: No month holds more hours than 31 × 24.
MAX_HOURS_PER_MONTH = 744.0

PE_ID_RE = re.compile(r"^[0-9]{7}[0-9A-Z]$")
ROME_RE = re.compile(r"^[A-Z][0-9]{4}$")


@dataclass(frozen=True)
class TextField:
    """A text attribute, its French name for messages, and what it may hold.

    ``max_length`` is the size of the column that stores it (``tests/rules`` checks
    that they agree); multi-line texts (addresses, notes) may hold line breaks.
    """

    key: str
    label: str
    max_length: int = LINE_MAX_LENGTH
    multiline: bool = False


def multiline_field(key: str, label: str) -> TextField:
    return TextField(key, label, MULTILINE_MAX_LENGTH, multiline=True)


#: Names of the directories, as the exchange file gives them.
REFERENT_NAME = TextField("full_name", "le nom du référent", 200)
EMPLOYER_NAME = TextField("name", "le nom de l'entreprise", 200)


@dataclass(frozen=True)
class Problem:
    """One broken rule: the field (exchange-format path), the rule in French, its weight."""

    field: str
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def line(self, order_number: str) -> str:
        """The full sentence for a list: case, field and rule."""
        return f"Dossier {order_number or '(sans numéro)'}, {self.field} : {self.message}"


def text_problems(item: Any, path: str, fields: Sequence[TextField]) -> list[Problem]:
    """Control characters, direction marks and absurd lengths in ``item``'s texts.

    ``path`` prefixes each field (``beneficiary.``, ``interviews[2].``).
    """
    problems: list[Problem] = []
    for spec in fields:
        value = getattr(item, spec.key, None)
        if not isinstance(value, str):
            continue
        why = text_problem(
            value, max_length=spec.max_length, multiline=spec.multiline, label=spec.label
        )
        if why is not None:
            problems.append(Problem(f"{path}{spec.key}", why))
    return problems


def fr_date(day: date) -> str:
    """Dates in messages, as a French reader writes them."""
    return day.strftime("%d/%m/%Y")


def days_text(n: int) -> str:
    return f"{n} jour{'s' if abs(n) > 1 else ''}"


def current_end(case: Any) -> date:
    """E, or the renewed end date when PE granted a renewal."""
    return case.renewal_new_end_date or case.end_date


def signed(case: Any) -> bool:
    return case.contracting_result == ContractingResult.SIGNED


def path_of(collection: str, items: Sequence[Any], item: Any) -> str:
    """``collection[i]`` for ``item`` by identity; a new item gets the next index."""
    for index, other in enumerate(items):
        if other is item:
            return f"{collection}[{index}]"
    return f"{collection}[{len(items)}]"


def span(start: date, end: date) -> str:
    return f"du {fr_date(start)} au {fr_date(end)}"


def inside_case(case: Any, start: date, end: date, path: str, what: str) -> list[Problem]:
    lo, hi = case.start_date, current_end(case)
    if start < lo or end > hi:
        field = f"{path}.start" if start < lo else f"{path}.end"
        return [
            Problem(
                field,
                f"{what} se situe dans la prestation, entre le début S ({fr_date(lo)}) et la "
                f"fin ({fr_date(hi)}) ; ici {span(start, end)}.",
            )
        ]
    return []


def dates_in_order(start: date, end: date, path: str) -> list[Problem]:
    if end < start:
        return [
            Problem(
                f"{path}.end",
                f"la date de fin ({fr_date(end)}) précède la date de début ({fr_date(start)}).",
            )
        ]
    return []


def needs_signature(field: str, what: str) -> Problem:
    return Problem(
        field,
        f"{what} suppose un contrat d'accompagnement signé à l'entretien de "
        "contractualisation.",
    )
