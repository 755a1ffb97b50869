"""The month summary and the payment request from plain data: one page, fonts embedded,
and the edges an office meets in its first months (a rate known for one month only,
no case at all, a long invoice)."""

from __future__ import annotations

from datetime import date

from movdesk.models import Tranche
from movdesk.reports.month_summary import MonthSummary, render_month_summary, table_rows
from movdesk.reports.page import OfficeIdentity
from movdesk.reports.payment_request import PaymentRequest, RequestLine, render_payment_request
from movdesk.rules.indicators import CUMUL, IndicatorRow
from tests.reports.pdf_checks import all_text, assert_fonts_embedded, page_texts

OFFICE = OfficeIdentity("Bureau Œuvre & Emploi", "3 rue de l'Église\n59000 Lille",
                        "12345678901234", "MOV-59 « LOT 2 »")  # fmt: skip


def months(first: int, count: int) -> list[str]:
    return [f"{2025 + (first + i - 1) // 12}-{(first + i - 1) % 12 + 1:02d}" for i in range(count)]


def test_a_rate_known_for_one_month_only_is_drawn() -> None:
    last = len(months(11, 12)) - 1
    series = [IndicatorRow(m, entres=10, sortis=4, sorties_positives=2,
                           maintien_mesures=int(i == last), maintien_emploi=int(i == last))
              for i, m in enumerate(months(11, 12))]  # fmt: skip
    rows = [*series, IndicatorRow(CUMUL, entres=120)]
    data = render_month_summary(MonthSummary(OFFICE, "2026-10", date(2026, 11, 2), rows, series))
    texts = page_texts(data)
    assert len(texts) == 1 and "Indicateurs de la prestation MOV — octobre 2026" in texts[0]
    assert "Bureau Œuvre & Emploi" in texts[0] and "Maintien dans l'emploi" in texts[0]
    assert_fonts_embedded(data)


def test_an_office_without_cases() -> None:
    empty = [IndicatorRow(CUMUL)]
    data = render_month_summary(MonthSummary(OfficeIdentity(""), "2026-10", date(2026, 11, 2),
                                             empty, [IndicatorRow(m) for m in months(11, 12)]))
    assert "Bureau non configuré" in all_text(data)
    assert_fonts_embedded(data)


def test_older_cohorts_share_one_line() -> None:
    cohorts = [IndicatorRow(m, entres=1) for m in months(1, 20)]
    printed = table_rows([*cohorts, IndicatorRow(CUMUL, entres=20)])
    assert [r.cohorte for r in printed][:2] == ["avant 2025-09", "2025-09"]
    assert printed[0].entres == 8 and len(printed) == 14


def test_a_long_invoice_runs_over_pages_with_its_total() -> None:
    lines = [RequestLine(f"LC-2026-{n:06d}", f"NOM{n} Prénom", date(2026, 1, 5), Tranche.T2,
                         111_000) for n in range(120)]  # fmt: skip
    data = render_payment_request(
        PaymentRequest(OFFICE, "FA-2026-10", date(2026, 10, 31), date(2026, 11, 2), 185_000, lines)
    )
    texts = page_texts(data)
    assert len(texts) > 2
    assert all(f"Page {i} / {len(texts)}" in text for i, text in enumerate(texts, start=1))
    assert "LC-2026-000119" in texts[-1] and "133 200,00" in " ".join(texts[-1].split())
    assert "Facture n° FA-2026-10 du 31/10/2026" in texts[0]
    assert_fonts_embedded(data)
