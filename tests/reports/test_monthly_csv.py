"""The CSV dialects and the monthly CSV, read back byte by byte and as Excel would."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from movdesk.errors import UserError
from movdesk.models.enums import ExitReason
from movdesk.reports.csv_export import (
    EXCEL,
    MACHINE,
    dialect_named,
    format_cell,
    money,
    write_csv,
)
from movdesk.reports.monthly import DETAIL_COLUMNS, detail_csv, monthly_csv
from movdesk.rules.indicators import INDICATOR_COLUMNS
from tests.rules.test_indicators import case
from tests.rules.test_payments import cdi, make_exit

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("value", "excel", "machine"),
    [
        (None, "", ""),
        (Decimal("45.5"), "45,5", "45.5"),
        (Decimal("100.0"), "100,0", "100.0"),
        (money(185_000), "1850,00", "1850.00"),
        (money(5), "0,05", "0.05"),
        (date(2026, 3, 1), "01/03/2026", "2026-03-01"),
        (True, "oui", "true"),
        (False, "non", "false"),
        (0, "0", "0"),
        (ExitReason.TERM, "term", "term"),
        ("Fin à terme", "Fin à terme", "Fin à terme"),
    ],
)
def test_cells(value: object, excel: str, machine: str) -> None:
    assert format_cell(value, EXCEL) == excel  # type: ignore[arg-type]
    assert format_cell(value, MACHINE) == machine  # type: ignore[arg-type]


def test_excel_dialect_bytes() -> None:
    data = write_csv(["a", "b"], [[Decimal("45.5"), "x;y"], [date(2026, 1, 31), None]], EXCEL)
    assert data.startswith(BOM)
    assert data == BOM + b'a;b\r\n45,5;"x;y"\r\n31/01/2026;\r\n'


def test_machine_dialect_bytes() -> None:
    data = write_csv(["a", "b"], [[Decimal("45.5"), "x,y"], [date(2026, 1, 31), None]], MACHINE)
    assert not data.startswith(BOM)
    assert data == b'a,b\n45.5,"x,y"\n2026-01-31,\n'


def test_unknown_dialect_is_a_french_user_error() -> None:
    with pytest.raises(UserError, match="Format CSV inconnu"):
        dialect_named("tsv")


def _cases() -> list[object]:
    # January 2026: 11 entered; 5 job exits (4 positive), 1 interruption → rate 45,5 %.
    cases = [case(exit=cdi(when=date(2026, 2, 2))) for _ in range(4)]
    cases.append(
        case(exit=make_exit(ExitReason.EMPLOYMENT, date(2026, 2, 2), employment_contract="CDD",
                            employment_full_time=True, employment_end=date(2026, 3, 1)))
    )  # fmt: skip
    cases.append(case(exit=make_exit(ExitReason.ABANDON, date(2026, 2, 20))))
    cases += [case() for _ in range(5)]
    cases.append(case(date(2025, 12, 1), None))  # no-show cohort 2025-12
    for i, c in enumerate(cases):
        c.order_number = f"LC-{i:03d}"
    return cases


def test_monthly_csv_opened_as_excel_would() -> None:
    data = monthly_csv(_cases(), "2026-03", EXCEL)
    assert data[:3] == BOM
    text = data[3:].decode("utf-8")
    assert text.count("\r\n") == text.count("\n") == 6  # header, 4 months, cumul
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == list(INDICATOR_COLUMNS)
    assert [r[0] for r in rows[1:]] == ["2025-12", "2026-01", "2026-02", "2026-03", "cumul"]
    jan = dict(zip(rows[0], rows[2], strict=True))
    assert jan["entres"] == "11" and jan["reprises_emploi_en_cours"] == "5"
    assert jan["taux_reprise_emploi"] == "45,5"
    assert jan["taux_sorties_positives"] == "66,7" and jan["taux_maintien_emploi"] == ""
    dec = dict(zip(rows[0], rows[1], strict=True))
    assert dec["non_presentes"] == "1" and dec["taux_reprise_emploi"] == ""
    assert rows[3][1:] == ["0"] * 8 + [""] + ["0", "", "0", "", "0", "0", ""]


def test_monthly_csv_machine_dialect() -> None:
    data = monthly_csv(_cases(), "2026-03", MACHINE)
    assert not data.startswith(BOM) and b"\r" not in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    jan = dict(zip(rows[0], rows[2], strict=True))
    assert jan["taux_reprise_emploi"] == "45.5"


def test_detail_csv() -> None:
    data = detail_csv(_cases(), "2026-02", EXCEL)
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[0] == list(DETAIL_COLUMNS)
    assert len(rows) == 1 + 11  # every entered case was active in February
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["date_debut"] == "05/01/2026" and first["date_sortie"] == "02/02/2026"
    assert first["statut"] == "Suivi dans l'emploi" and first["sortie_positive"] == "oui"
    assert first["motif_sortie"] == "Reprise d'emploi"
