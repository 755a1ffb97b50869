"""The Excel dialect never hands a spreadsheet a formula; numbers and dates stay numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from movdesk.models.enums import CaseStatus
from movdesk.reports.csv_export import EXCEL, MACHINE, spreadsheet_text, write_csv


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\uff1d1+2", "'\uff1d1+2"),
        ("Durand", "Durand"),
        ("a=b", "a=b"),
        ("Du\x1brand", "Du\\x1brand"),
    ],
)
def test_text_cells(text: str, written: str) -> None:
    assert spreadsheet_text(text) == written


def test_only_text_is_touched() -> None:
    rows = [("=Durand", Decimal("-12.50"), -3, date(2026, 1, 5), CaseStatus.ACTIVE, True)]
    excel = write_csv(("a", "b", "c", "d", "e", "f"), rows, EXCEL).decode("utf-8-sig")
    assert excel.splitlines()[1] == "'=Durand;-12,50;-3;05/01/2026;active;oui"
    machine = write_csv(("a", "b", "c", "d", "e", "f"), rows, MACHINE).decode("utf-8")
    assert machine.splitlines()[1] == "=Durand,-12.50,-3,2026-01-05,active,true"
