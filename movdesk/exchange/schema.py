"""The shape of a ``movdesk-cases`` document (EXCHANGE.md) and its strict reader.

The shape is declared once, as data (:data:`CASE`), and walked by :func:`read`, which
turns JSON values into Python values (dates, times, enums) and reports every
departure from the shape: unknown keys at any level, wrong types, impossible dates
(``2026-02-30``), bad times, values outside a closed list, missing required keys.

Required keys (everything else may be absent or ``null``): a case needs
``order_number``, ``referent``, ``beneficiary`` (with ``last_name``, ``first_name`` and
``pe_id``) and ``start_date``; an interview needs ``date`` and ``kind``; a suspension
``kind``, ``start`` and ``end``; a company period ``start`` and ``end``; an exit
``date`` and ``reason``. These are the facts without which a row means nothing; every
other fact has a sensible absence (``end_date`` defaults to S + 179, an interview's
``status`` to ``planned``, its ``minutes`` to 45, ``renewal.envisaged`` to false).

Decision: an interview ``kind`` may also be ``contracting`` (a contracting attempt the
beneficiary missed, which the data model records as an interview), so that every
database can be exported and imported back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import Any

from ..models.enums import (
    Civility,
    ContractingResult,
    ContractType,
    ExitReason,
    InterviewKind,
    InterviewStatus,
    SuspensionKind,
)
from ..rules.dates import accepted_range_text, in_accepted_range
from ..rules.text import printable, text_problem
from ..rules.validation.activity import INTERVIEW_TEXTS
from ..rules.validation.common import EMPLOYER_NAME, REFERENT_NAME, TextField
from ..rules.validation.order import BENEFICIARY_TEXTS, ORDER_TEXTS
from ..rules.validation.periods import COMPANY_PERIOD_TEXTS

FORMAT = "movdesk-cases"
VERSION = 1

_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TIME_RE = re.compile(r"^[0-9]{2}:[0-9]{2}$")


@dataclass(frozen=True)
class Obj:
    """A JSON object: each key maps to (shape, required)."""

    fields: dict[str, tuple[Any, bool]]


@dataclass(frozen=True)
class ListOf:
    """A JSON array whose items all have one shape."""

    item: Any


@dataclass(frozen=True)
class Chars:
    """A JSON string held in a text column: ``spec`` says its French name, its longest
    length and whether it may hold line breaks (:mod:`movdesk.rules.text`);
    ``non_empty`` strings are stripped and may not be blank."""

    spec: TextField
    non_empty: bool = False


def _opt(shape: Any) -> tuple[Any, bool]:
    return shape, False


def _req(shape: Any) -> tuple[Any, bool]:
    return shape, True


def _spec(specs: tuple[TextField, ...], key: str) -> TextField:
    return next(spec for spec in specs if spec.key == key)


def _text(specs: tuple[TextField, ...], key: str) -> Chars:
    """A required, non-blank string checked like the rules check the same field."""
    return Chars(_spec(specs, key), non_empty=True)


def _str(specs: tuple[TextField, ...], key: str) -> Chars:
    return Chars(_spec(specs, key))


BENEFICIARY = Obj(
    {
        "civility": _opt(Civility),
        "last_name": _req(_text(BENEFICIARY_TEXTS, "last_name")),
        "first_name": _req(_text(BENEFICIARY_TEXTS, "first_name")),
        "birth_date": _opt("date"),
        "pe_id": _req(_text(BENEFICIARY_TEXTS, "pe_id")),
        "category": _opt("int"),
        "phone": _opt(_str(BENEFICIARY_TEXTS, "phone")),
        "email": _opt(_str(BENEFICIARY_TEXTS, "email")),
        "address": _opt(_str(BENEFICIARY_TEXTS, "address")),
    }
)
CONTRACTING = Obj(
    {
        "date": _opt("date"),
        "result": _opt(ContractingResult),
        "contract_sent_date": _opt("date"),
        "refusal_notice_date": _opt("date"),
    }
)
INTERVIEW = Obj(
    {
        "date": _req("date"),
        "time": _opt("time"),
        "minutes": _opt("int"),
        "kind": _req(InterviewKind),
        "status": _opt(InterviewStatus),
        "notes": _opt(_str(INTERVIEW_TEXTS, "notes")),
    }
)
SUSPENSION = Obj({"kind": _req(SuspensionKind), "start": _req("date"), "end": _req("date")})
COMPANY_PERIOD = Obj(
    {
        "start": _req("date"),
        "end": _req("date"),
        "employer": _opt(Chars(EMPLOYER_NAME, non_empty=True)),
        "job_title": _opt(_str(COMPANY_PERIOD_TEXTS, "job_title")),
        "rome": _opt(_str(COMPANY_PERIOD_TEXTS, "rome")),
    }
)
EMPLOYMENT = Obj(
    {
        "contract": _opt(ContractType),
        "start": _opt("date"),
        "end": _opt("date"),
        "full_time": _opt("bool"),
        "hours_per_month": _opt("number"),
    }
)
TRAINING = Obj(
    {
        "hours_total": _opt("number"),
        "hours_per_week": _opt("number"),
        "qualifying": _opt("bool"),
        "afpr": _opt("bool"),
        "start": _opt("date"),
        "end": _opt("date"),
    }
)
BUSINESS = Obj({"auto_entrepreneur": _opt("bool"), "start": _opt("date")})
EXIT = Obj(
    {
        "date": _req("date"),
        "reason": _req(ExitReason),
        "notice_sent_date": _opt("date"),
        "employment": _opt(EMPLOYMENT),
        "training": _opt(TRAINING),
        "business": _opt(BUSINESS),
    }
)
CASE = Obj(
    {
        "order_number": _req(_text(ORDER_TEXTS, "order_number")),
        "referent": _req(Chars(REFERENT_NAME, non_empty=True)),
        "beneficiary": _req(BENEFICIARY),
        "agency": _opt(_str(ORDER_TEXTS, "agency")),
        "counsellor": _opt(_str(ORDER_TEXTS, "counsellor")),
        "start_date": _req("date"),
        "end_date": _opt("date"),
        "contracting": _opt(CONTRACTING),
        "phase2_start": _opt("date"),
        "interviews": _opt(ListOf(INTERVIEW)),
        "suspensions": _opt(ListOf(SUSPENSION)),
        "company_periods": _opt(ListOf(COMPANY_PERIOD)),
        "online_obligations": _opt(
            Obj(
                {
                    "offers_subscription": _opt("date"),
                    "online_profile": _opt("date"),
                }
            )
        ),
        "renewal": _opt(
            Obj(
                {
                    "envisaged": _opt("bool"),
                    "decision_date": _opt("date"),
                    "new_end_date": _opt("date"),
                }
            )
        ),
        "reports": _opt(Obj({"intermediate_sent": _opt("date"), "final_sent": _opt("date")})),
        "exit": _opt(EXIT),
        "follow_up": _opt(Obj({"retained_at_3_months": _opt("bool")})),
    }
)

_KIND_NAMES = {
    "str": "une chaîne de caractères",
    "text": "une chaîne de caractères non vide",
    "int": "un nombre entier",
    "number": "un nombre",
    "bool": "true ou false",
    "date": "une date AAAA-MM-JJ",
    "time": "une heure HH:MM",
}


#: How much of a wrong value a message quotes.
_QUOTED_LENGTH = 60


def quote_value(value: Any) -> str:
    """A JSON value as a message quotes it: short, printable, objects and lists named."""
    if isinstance(value, str):
        shown = value if len(value) <= _QUOTED_LENGTH else value[:_QUOTED_LENGTH] + "…"
        return f"« {printable(shown, multiline=False)} »"
    if isinstance(value, dict):
        return "un objet"
    if isinstance(value, list):
        return "une liste"
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


class Reader:
    """Walks JSON values against a shape; ``errors`` collects ``(path, message)`` pairs."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def fail(self, path: str, message: str) -> None:
        self.errors.append((path, message))

    def read(self, value: Any, shape: Any, path: str) -> Any:
        """The converted value, or None after recording why it is not acceptable."""
        if isinstance(shape, Obj):
            return self._object(value, shape, path)
        if isinstance(shape, ListOf):
            if not isinstance(value, list):
                self.fail(path, f"valeur attendue : une liste (ici {quote_value(value)}).")
                return None
            return [self.read(item, shape.item, f"{path}[{i}]") for i, item in enumerate(value)]
        if isinstance(shape, type) and issubclass(shape, Enum):
            allowed = [str(m.value) for m in shape]
            if isinstance(value, str) and value in allowed:
                return shape(value)
            self.fail(
                path,
                f"valeur {quote_value(value)} inconnue ; valeurs permises : {', '.join(allowed)}.",
            )
            return None
        if isinstance(shape, Chars):
            return self._chars(value, shape, path)
        return self._scalar(value, shape, path)

    def _chars(self, value: Any, shape: Chars, path: str) -> str | None:
        kind = "text" if shape.non_empty else "str"
        if not isinstance(value, str) or (shape.non_empty and not value.strip()):
            self.fail(path, f"valeur attendue : {_KIND_NAMES[kind]} (ici {quote_value(value)}).")
            return None
        spec = shape.spec
        why = text_problem(
            value, max_length=spec.max_length, multiline=spec.multiline, label=spec.label
        )
        if why is not None:
            self.fail(path, why)
            return None
        return value.strip() if shape.non_empty else value

    def _object(self, value: Any, shape: Obj, path: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, f"valeur attendue : un objet (ici {quote_value(value)}).")
            return None
        prefix = f"{path}." if path else ""
        for key in value:
            if key not in shape.fields:
                self.fail(
                    f"{prefix}{key}",
                    f"clé inconnue ; clés permises ici : {', '.join(shape.fields)}.",
                )
        result: dict[str, Any] = {}
        for key, (field_shape, required) in shape.fields.items():
            raw = value.get(key)
            if raw is None:
                if required:
                    self.fail(f"{prefix}{key}", "valeur obligatoire manquante.")
                result[key] = None
            else:
                result[key] = self.read(raw, field_shape, f"{prefix}{key}")
        return result

    def _scalar(self, value: Any, kind: str, path: str) -> Any:
        converted = _convert(value, kind)
        if converted is None:
            self.fail(path, f"valeur attendue : {_KIND_NAMES[kind]} (ici {quote_value(value)}).")
        elif kind == "date" and not in_accepted_range(converted):
            self.fail(
                path,
                f"date hors de la plage acceptée ({accepted_range_text()}) : ici "
                f"{quote_value(value)}.",
            )
            return None
        return converted


def _convert(value: Any, kind: str) -> Any:
    """The Python value of a JSON scalar, or None when it has the wrong type or form."""
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if isinstance(value, bool):
        return None  # JSON true/false are never numbers or text here
    if kind == "int":
        return value if isinstance(value, int) else None
    if kind == "number":
        return float(value) if isinstance(value, int | float) else None
    if not isinstance(value, str):
        return None
    try:
        if kind == "date" and _DATE_RE.match(value):
            return date.fromisoformat(value)
        if kind == "time" and _TIME_RE.match(value):
            return time(int(value[:2]), int(value[3:]))
    except ValueError:
        return None
    return None
