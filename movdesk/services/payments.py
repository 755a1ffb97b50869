"""The Paiements page's reads: every tranche of every signed case, the totals ready to
invoice, the invoices, and the three-month forecast (MOV-RULES.md section 5).

A :class:`PaymentBook` holds the tranches of the whole office, worked out once by the
rules of :mod:`movdesk.rules.payments` over :func:`.payment_data.payment_cases` — the
same rules and the same decisions as ``movdesk payments``. After an action on some cases
(a document ticked, tranches invoiced) :meth:`PaymentBook.reload_cases` works out those
cases again only, so the page follows each click at once.

Decisions:

* tranches are listed for signed cases only (a case never signed earns nothing), by
  start date then order number, as the command does;
* the forecast covers the current month and the next two
  (:mod:`movdesk.rules.forecast`), clearly apart from what is due;
* an invoice is the set of tranches recorded with the same invoice number; its date is
  the invoice date they share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy.orm import Session

from ..models import Case, OfficeSettings
from ..rules.calendar import add_months
from ..rules.forecast import ForecastTranche, forecast_end, forecast_tranches
from ..rules.payments import (
    ACTIONABLE,
    TrancheState,
    TrancheStatus,
    belongs_to_month,
    case_tranches,
)
from .bulk import collector_paused
from .context import Desk
from .payment_data import PaymentCase, payment_cases
from .summary import fold


class TrancheLine(NamedTuple):
    """One tranche of one case, as the page lists it (a tuple: 120,000 are made at once)."""

    case: PaymentCase
    state: TrancheState

    @property
    def key(self) -> tuple[int, str]:
        """Identifies the tranche across reloads: case id and tranche code."""
        return self.case.id, self.state.tranche.value


@dataclass(frozen=True)
class ForecastLine:
    """One tranche expected to fall due soon, with its case."""

    case: PaymentCase
    forecast: ForecastTranche


@dataclass(frozen=True)
class Invoice:
    """The tranches recorded under one invoice number."""

    number: str
    invoice_date: date | None
    lines: tuple[TrancheLine, ...]

    @property
    def total_cents(self) -> int:
        return sum(line.state.amount_cents for line in self.lines)

    @property
    def paid(self) -> bool:
        return all(line.state.status is TrancheStatus.PAID for line in self.lines)

    @property
    def paid_count(self) -> int:
        return sum(line.state.status is TrancheStatus.PAID for line in self.lines)


@dataclass(frozen=True)
class _Totals:
    ready_by_month: dict[str, int]
    months: list[str]
    ready: tuple[int, int]
    invoices: dict[str, list[TrancheLine]]


@dataclass
class _Entry:
    case: PaymentCase
    states: list[TrancheState]
    forecasts: list[ForecastTranche]


def office_price(session: Session) -> int:
    """The price per case of the office settings, in cents (0 when not set)."""
    settings = session.get(OfficeSettings, 1)
    return settings.price_per_case_cents if settings is not None else 0


class PaymentBook:
    """Every tranche of every signed case as of ``today`` (see the module notes)."""

    def __init__(self, price_cents: int, today: date, cases: Iterable[PaymentCase]) -> None:
        self.price_cents = price_cents
        self.today = today
        #: The last day the forecast covers.
        self.forecast_until = forecast_end(today)
        self._entries: dict[int, _Entry] = {}
        self._lines: list[TrancheLine] | None = None
        self._summed: _Totals | None = None
        self._forecast: list[ForecastLine] | None = None
        self._keys: dict[int, str] = {}
        for case in cases:
            self._entries[case.id] = self._entry(case)

    def _entry(self, case: PaymentCase) -> _Entry:
        states = case_tranches(case, self.price_cents, self.today, held=case.held)
        forecasts = forecast_tranches(case, states, self.today, self.forecast_until)
        return _Entry(case, states, forecasts)

    def reload_cases(self, desk: Desk, case_ids: Iterable[int]) -> None:
        """Work the tranches of ``case_ids`` out again from the database (after an action)."""
        wanted = set(case_ids)
        if not wanted:
            return
        fresh = desk.read(
            lambda session: payment_cases(session, self.today, Case.id.in_(sorted(wanted)))
        )
        known = set(self._entries)
        for case_id in wanted - {case.id for case in fresh}:
            self._entries.pop(case_id, None)
        for case in fresh:
            # An existing key keeps its place in the dictionary, hence in the list.
            self._entries[case.id] = self._entry(case)
        if not {case.id for case in fresh} <= known:
            # A newly signed case: the list goes by start date, then order number.
            self._entries = dict(
                sorted(self._entries.items(),
                       key=lambda item: (item[1].case.start_date, item[1].case.order_number))
            )  # fmt: skip
        self._lines = None
        self._summed = None
        self._forecast = None
        for case_id in wanted:
            self._keys.pop(case_id, None)

    # -- what the page shows -------------------------------------------------------------

    def cases(self) -> Iterator[PaymentCase]:
        return (entry.case for entry in self._entries.values())

    def case(self, case_id: int) -> PaymentCase | None:
        entry = self._entries.get(case_id)
        return entry.case if entry is not None else None

    def lines(self) -> list[TrancheLine]:
        """Every tranche of every signed case, case by case (built once per change)."""
        if self._lines is None:
            self._lines = [
                TrancheLine(entry.case, state)
                for entry in self._entries.values()
                for state in entry.states
            ]
        return self._lines

    def search_key(self, case: PaymentCase) -> str:
        """The folded order number and name a search looks in (worked out once a case)."""
        key = self._keys.get(case.id)
        if key is None:
            key = self._keys[case.id] = fold(f"{case.order_number} {case.beneficiary}")
        return key

    def _totals(self) -> _Totals:
        """What the page sums, in one pass over the tranches (kept until a change)."""
        if self._summed is not None:
            return self._summed
        ready_months: dict[str, int] = defaultdict(int)
        months: set[str] = set()
        invoices: dict[str, list[TrancheLine]] = defaultdict(list)
        count = cents = 0
        ready = TrancheStatus.READY_TO_INVOICE
        for line in self.lines():
            state = line.state
            if state.status in ACTIONABLE:
                month = state.month
                if month is not None:
                    months.add(month)
                    if state.status is ready:
                        ready_months[month] += state.amount_cents
                if state.status is ready:
                    count += 1
                    cents += state.amount_cents
            if state.invoice_number:
                invoices[state.invoice_number].append(line)
        self._summed = _Totals(dict(sorted(ready_months.items())),
                               sorted(months, reverse=True), (count, cents), invoices)
        return self._summed

    def prepare(self) -> None:
        """Build now what the page lists and sums (in the worker, not on the UI thread)."""
        self.lines()
        self._totals()
        self._forecast = self.forecast()

    def months(self) -> list[str]:
        """The months that have tranches to list (due, invoiced or paid), newest first."""
        return list(self._totals().months)

    def states(self, case_id: int) -> list[TrancheState]:
        entry = self._entries.get(case_id)
        return list(entry.states) if entry is not None else []

    def ready_by_month(self) -> dict[str, int]:
        """Total ready to invoice, in cents, by month of the due date (as
        :func:`~movdesk.rules.payments.ready_to_invoice_by_month`)."""
        return dict(self._totals().ready_by_month)

    def ready_total(self) -> tuple[int, int]:
        """(number of tranches, cents) ready to invoice today."""
        return self._totals().ready

    def forecast(self) -> list[ForecastLine]:
        """The tranches expected to fall due by :attr:`forecast_until`, soonest first."""
        if self._forecast is not None:
            return list(self._forecast)
        lines = [
            ForecastLine(entry.case, forecast)
            for entry in self._entries.values()
            for forecast in entry.forecasts
        ]
        lines.sort(key=lambda line: (line.forecast.expected, line.case.order_number))
        return lines

    def forecast_by_month(self) -> dict[str, tuple[int, int]]:
        """Month → (number of tranches, cents) of the forecast, every month listed."""
        months: dict[str, list[int]] = {}
        day = self.today.replace(day=1)
        while day <= self.forecast_until:
            months[f"{day.year:04d}-{day.month:02d}"] = [0, 0]
            day = add_months(day, 1)
        for entry in self._entries.values():
            for forecast in entry.forecasts:
                total = months.setdefault(forecast.month, [0, 0])
                total[0] += 1
                total[1] += forecast.amount_cents
        return {month: (count, cents) for month, (count, cents) in months.items()}

    def invoices(self) -> list[Invoice]:
        """Every invoice number recorded, newest invoice date first."""
        grouped = self._totals().invoices
        invoices = [_invoice(number, lines) for number, lines in grouped.items()]
        invoices.sort(key=lambda i: (i.invoice_date or date.min, i.number), reverse=True)
        return invoices

    def invoice(self, number: str) -> Invoice | None:
        """The tranches recorded under invoice ``number``, or None."""
        lines = self._totals().invoices.get(number)
        return _invoice(number, lines) if lines else None


def _invoice(number: str, lines: list[TrancheLine]) -> Invoice:
    dates = [line.state.invoice_date for line in lines if line.state.invoice_date]
    return Invoice(number, min(dates, default=None), tuple(lines))


@dataclass(frozen=True)
class TrancheFilter:
    """What the page lists: a status, a month (as ``movdesk payments --month``), a
    referent, and words to find in the order number or the beneficiary's name."""

    status: TrancheStatus | None = None
    month: str | None = None
    referent_id: int | None = None
    text: str = ""


def filter_lines(book: PaymentBook, wanted: TrancheFilter) -> list[TrancheLine]:
    """The lines of ``book`` that ``wanted`` keeps, in the book's order."""
    words = [fold(word) for word in wanted.text.split() if fold(word)]
    lines = book.lines()
    kept = []
    for line in lines:
        state = line.state
        if wanted.status is not None and state.status is not wanted.status:
            continue
        if not belongs_to_month(state, wanted.month):
            continue
        if wanted.referent_id is not None and line.case.referent_id != wanted.referent_id:
            continue
        if words:
            key = book.search_key(line.case)
            if not all(word in key for word in words):
                continue
        kept.append(line)
    return kept


def load_payment_book(desk: Desk) -> PaymentBook:
    """Every tranche of the office as of the desk's today, in one read."""
    today = desk.today()

    def read(session: Session) -> tuple[int, list[PaymentCase]]:
        return office_price(session), payment_cases(session, today)

    with collector_paused():
        price, cases = desk.read(read)
        book = PaymentBook(price, today, cases)
        book.prepare()
        return book
