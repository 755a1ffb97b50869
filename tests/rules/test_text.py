"""What a text may hold (rules/text.py) and the text limits of the validation rules."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import String

from movdesk.models import Beneficiary, Case, CompanyPeriod, Employer, Exit, Referent
from movdesk.rules.text import (
    describe_character,
    forbidden_character,
    json_safe,
    printable,
    text_problem,
)
from movdesk.rules.validation import check_beneficiary
from movdesk.rules.validation.activity import EXIT_TEXTS
from movdesk.rules.validation.common import EMPLOYER_NAME, REFERENT_NAME
from movdesk.rules.validation.order import BENEFICIARY_TEXTS, ORDER_TEXTS
from movdesk.rules.validation.periods import COMPANY_PERIOD_TEXTS

from .test_timeline import make_case


@pytest.mark.parametrize(
    "text", ["a\x00", "\x1b[0m", "\x07", "a\u202eb", "\u2066x", "\x85", "\x7f", "\ud800", "a\u2028"]
)
def test_refused_everywhere(text: str) -> None:
    assert forbidden_character(text) is not None
    assert forbidden_character(text, multiline=True) is not None


@pytest.mark.parametrize("text", ["Lefèvre", "N'Diaye", "Ødegård", "Çelik", "Jean-Pierre", "李"])
def test_names_of_every_language_pass(text: str) -> None:
    assert forbidden_character(text) is None


def test_line_breaks_only_in_multi_line_texts() -> None:
    for text in ("3 rue des Lilas\n59000 Lille", "a\r\nb", "col\tcol"):
        assert forbidden_character(text) is not None
        assert forbidden_character(text, multiline=True) is None


def test_descriptions_in_french() -> None:
    assert describe_character("\x1b") == "le caractère de contrôle U+001B (ESC)"
    assert "sens d'écriture (U+202E)" in describe_character("\u202e")
    assert "demi-caractère Unicode isolé (U+D800)" in describe_character("\ud800")


def test_problem_sentences() -> None:
    assert text_problem("ok", max_length=10) is None
    assert text_problem("x" * 12, max_length=10, label="le nom") == (
        "trop de caractères dans le nom : 12 pour 10 au plus."
    )
    assert text_problem("ab\x07", max_length=10, label="le nom").startswith(
        "caractère interdit dans le nom, en position 3 : le caractère de contrôle U+0007 (BEL)"
    )


def test_printable_escapes_and_keeps_what_is_harmless() -> None:
    assert printable("a\x1b[31mb\u202ec\nd") == "a\\x1b[31mb\\u202ec\nd"
    assert printable("a\nb\tc", multiline=False) == "a\\x0ab\\x09c"
    assert printable("Éloïse") == "Éloïse"


def test_json_safe_keeps_the_data() -> None:
    data = ["a\u202eb", "\x85", "\u2028", "Noël"]
    text = json_safe(json.dumps(data, ensure_ascii=False))
    assert json.loads(text) == data
    assert "\u202e" not in text and "\x85" not in text and "Noël" in text


def _length(entity: type, key: str) -> int | None:
    column = entity.__table__.c[key]  # type: ignore[attr-defined]
    return column.type.length if isinstance(column.type, String) else None


@pytest.mark.parametrize(
    ("entity", "fields"),
    [
        (Case, ORDER_TEXTS),
        (Beneficiary, BENEFICIARY_TEXTS),
        (CompanyPeriod, COMPANY_PERIOD_TEXTS),
        (Exit, EXIT_TEXTS),
        (Referent, (REFERENT_NAME,)),
        (Employer, (EMPLOYER_NAME,)),
    ],
)
def test_text_limits_are_the_column_sizes(entity: type, fields: tuple) -> None:  # type: ignore[type-arg]
    for spec in fields:
        size = _length(entity, spec.key)
        if spec.key in ("pe_id", "rome"):  # shape rules of their own keep them exact
            assert size is not None and spec.max_length >= size
        elif size is None:
            assert spec.multiline, spec.key
        else:
            assert spec.max_length == size and not spec.multiline, spec.key


def test_a_form_is_refused_with_the_field_named() -> None:
    case = make_case("2026-01-05")
    person = case.beneficiary
    person.last_name = "Du\x1brand"
    person.phone = "06" * 30
    problems = {p.field: p.message for p in check_beneficiary(person)}
    assert problems["beneficiary.last_name"].startswith("caractère interdit dans le nom")
    assert problems["beneficiary.phone"] == (
        "trop de caractères dans le téléphone : 60 pour 40 au plus."
    )
