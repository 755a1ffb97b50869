"""Realistic fictitious cases in the ``movdesk-cases`` v1 shape (EXCHANGE.md).

:func:`generate_cases` is pure: no database, deterministic for a given ``seed`` and
``today``. The cases go through the one importer and its validation, so a demo case
can never break a rule by accident. About one case in ten is *late on purpose*
(contracting overdue, a 14-day gap, a report or notice not sent) so that the deadline
views have something to show; lateness is not a data error.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from faker import Faker

from ..rules.calendar import add_months, is_working_day, next_working_day, week_monday
from .catalog import AGENCIES, REFERENTS, Employer
from .exits import pick_interruption, pick_placement, placement_exit, plain_exit
from .identity import PeIdSource, make_beneficiary, make_employers
from .timeline import (
    Calendar,
    company_periods,
    follow_up_interviews,
    planned_interviews,
    suspensions,
    weekly_interviews,
)

#: Start dates spread over this many days before today, and a few in the coming days.
HISTORY_DAYS = 425
FUTURE_DAYS = 10
#: Share of cases made late on purpose.
LATE_SHARE = 0.10
#: Longest case on an order (MOV-RULES.md section 2.1): E ≤ S + 179.
MAX_CASE_DAYS = 179

_CONTRACTING_WEIGHTS = (1, 4, 4, 3, 2, 2, 1, 1)


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _within(rng: random.Random, first: date, last: date) -> date:
    """A day drawn uniformly in [first, last] (``first`` when the range is empty)."""
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _sent(rng: random.Random, event: date, within: int, today: date) -> date | None:
    """When a document owed ``within`` days after ``event`` was sent, if it was by today."""
    on = event + timedelta(days=rng.randint(0, within))
    return on if on <= today else None


def _sources(seed: int) -> tuple[random.Random, Faker]:
    """The two random sources of a demo, both seeded from ``seed``."""
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    return random.Random(seed), fake


def demo_employers(seed: int) -> list[Employer]:
    """The employers the cases of ``seed`` use (the loader completes their records)."""
    rng, fake = _sources(seed)
    return make_employers(fake, rng, AGENCIES)


class _CaseMaker:
    """Builds one case dict after another from shared random sources."""

    def __init__(self, seed: int, today: date) -> None:
        self.today = today
        self.rng, self.fake = _sources(seed)
        self.employers: list[Employer] = make_employers(self.fake, self.rng, AGENCIES)
        self.pe_ids = PeIdSource(self.rng)

    def start_dates(self, count: int) -> list[date]:
        first = self.today - timedelta(days=HISTORY_DAYS)
        span = HISTORY_DAYS + FUTURE_DAYS
        days = sorted(self.rng.randint(0, span) for _ in range(count))
        return [next_working_day(first + timedelta(days=d)) for d in days]

    def case(self, order_number: str, start: date) -> dict[str, Any]:
        rng = self.rng
        agency = rng.choice(AGENCIES)
        case: dict[str, Any] = {
            "order_number": order_number,
            "referent": rng.choice(REFERENTS),
            "beneficiary": make_beneficiary(self.fake, rng, self.pe_ids, agency, start),
            "agency": agency.name,
            "counsellor": rng.choice(agency.counsellors),
            "start_date": start.isoformat(),
            "end_date": (start + timedelta(days=MAX_CASE_DAYS)).isoformat(),
            "contracting": None,
            "phase2_start": None,
            "interviews": [],
            "suspensions": [],
            "company_periods": [],
            "online_obligations": {"offers_subscription": None, "online_profile": None},
            "renewal": {"envisaged": False, "decision_date": None, "new_end_date": None},
            "reports": {"intermediate_sent": None, "final_sent": None},
            "exit": None,
            "follow_up": None,
        }
        outcome = self._outcome(start)
        if outcome == "ordered":
            return case
        contracted = self._contracting_date(start)
        late = rng.random() < LATE_SHARE
        if outcome == "signed":
            _SignedCase(self, case, start, contracted, late).build()
            return case
        refusal_notice = None
        if outcome == "refused" and not (late and contracted + timedelta(days=2) < self.today):
            refusal_notice = _sent(rng, contracted, 2, self.today)
        case["contracting"] = {
            "date": contracted.isoformat(),
            "result": outcome,
            "contract_sent_date": None,
            "refusal_notice_date": _iso(refusal_notice),
        }
        return case

    def _outcome(self, start: date) -> str:
        elapsed = (self.today - start).days
        rng = self.rng
        if elapsed < 0:
            return "ordered"
        if elapsed <= 7:
            return rng.choices(("ordered", "no_show", "refused", "signed"), (35, 5, 5, 55))[0]
        if elapsed <= 30 and rng.random() < 0.25:
            return "ordered"  # late on purpose: contracting interview overdue
        return rng.choices(("no_show", "refused", "signed"), (7, 5, 88))[0]

    def _contracting_date(self, start: date) -> date:
        days = [
            (start + timedelta(days=k), w)
            for k, w in enumerate(_CONTRACTING_WEIGHTS)
            if start + timedelta(days=k) <= self.today and is_working_day(start + timedelta(days=k))
        ]
        if not days:
            return start
        return self.rng.choices([d for d, _ in days], [w for _, w in days])[0]


class _SignedCase:
    """The history of a case whose contract was signed: phases, periods, exit, reports."""

    def __init__(
        self, maker: _CaseMaker, case: dict[str, Any], start: date, contracted: date, late: bool
    ) -> None:
        self.maker = maker
        self.rng = maker.rng
        self.today = maker.today
        self.case = case
        self.start = start
        self.contracted = contracted
        self.late = late
        self.end = start + timedelta(days=MAX_CASE_DAYS)
        if self.rng.random() < 0.15:
            self.end = start + timedelta(days=self.rng.randint(120, MAX_CASE_DAYS - 1))
        self.current_end = self.end
        self.decision: date | None = None

    # -- fate -----------------------------------------------------------------------
    def _draw_exit(self, first: date) -> tuple[str, date, Any]:
        """(kind, date, detail): term on the end date, a placement or an interruption."""
        rng = self.rng
        fate = rng.choices(("term", "placement", "interruption"), (30, 45, 25))[0]
        if fate == "term" or first >= self.current_end - timedelta(days=1):
            return "term", self.current_end, None
        if fate == "placement":
            lo = max(first, self.contracted + timedelta(days=28))
            return "placement", _within(rng, lo, self.current_end - timedelta(days=1)), \
                pick_placement(rng)
        reason = pick_interruption(rng)
        lo = self.contracted + timedelta(days=16 if reason == "rule_14_days" else 8)
        return "interruption", _within(rng, max(first, lo), self.current_end - timedelta(days=1)), \
            reason

    def _renewal(self, exit_date: date) -> bool:
        """Maybe envisage a renewal; True when PE granted it (the exit is then redrawn)."""
        rng = self.rng
        contact = self.end - timedelta(days=15)
        if exit_date < contact - timedelta(days=5) or rng.random() > 0.3:
            return False
        renewal = self.case["renewal"]
        renewal["envisaged"] = True
        if contact > self.today or rng.random() < 0.15:
            return False
        self.decision = min(self.today, self.end - timedelta(days=rng.randint(1, 14)))
        renewal["decision_date"] = self.decision.isoformat()
        if rng.random() < 0.3:
            return False  # PE refused: the case ends on the order's end date
        self.current_end = add_months(self.end, 6)
        renewal["new_end_date"] = self.current_end.isoformat()
        return True

    # -- build ----------------------------------------------------------------------
    def build(self) -> None:
        rng, today, c = self.rng, self.today, self.contracted
        kind, exit_date, detail = self._draw_exit(c + timedelta(days=1))
        if self._renewal(exit_date):
            kind, exit_date, detail = self._draw_exit(self.decision + timedelta(days=1))
        elif self.decision is not None and exit_date <= self.decision:
            kind, exit_date, detail = "term", self.end, None
        ended = exit_date <= today
        self.case["end_date"] = self.end.isoformat()

        late_kind = self._late_kind(ended, kind, detail, exit_date)
        # The last day the beneficiary attends interviews, and the last day periods may take.
        attended_until = min(today, exit_date if kind == "term" else exit_date - timedelta(days=1))
        if detail == "rule_14_days":
            attended_until = max(c, exit_date - timedelta(days=rng.randint(15, 25)))
        elif late_kind == "gap14":
            attended_until = max(c, today - timedelta(days=rng.randint(10, 30)))

        phase2: date | None = next_working_day(c + timedelta(days=rng.randint(21, 60)))
        if phase2 > min(attended_until, exit_date - timedelta(days=7)):
            phase2 = None
        span_last = min(self.end, exit_date - timedelta(days=1) if ended else today + timedelta(35))
        if detail == "rule_14_days" or late_kind == "gap14":
            span_last = min(span_last, attended_until - timedelta(days=1))

        cal = Calendar()
        periods = []
        if phase2 is not None:
            periods = company_periods(rng, cal, self.maker.employers,
                                      phase2 + timedelta(days=7), span_last)
        stops = suspensions(rng, cal, c + timedelta(days=1), span_last)
        interviews = weekly_interviews(rng, cal, c + timedelta(days=1), attended_until)
        if not ended:
            interviews += self._planned(cal, interviews, attended_until, late_kind)

        case = self.case
        case["contracting"] = {
            "date": c.isoformat(),
            "result": "signed",
            "contract_sent_date": None if late_kind == "contract_copy" else
            _iso(_sent(rng, c, 2, today)),
            "refusal_notice_date": None,
        }
        case["phase2_start"] = _iso(phase2)
        case["suspensions"] = stops
        case["company_periods"] = periods
        if phase2 is not None:
            self._online(phase2, exit_date if ended else today)
        self._reports(ended, exit_date, late_kind)
        if ended:
            interviews += self._exit(kind, exit_date, detail, late_kind)
        interviews.sort(key=lambda i: (i["date"], i["time"]))
        case["interviews"] = interviews

    def _late_kind(self, ended: bool, kind: str, detail: Any, exit_date: date) -> str | None:
        if not self.late:
            return None
        today, c = self.today, self.contracted
        options: list[str] = []
        if c + timedelta(days=2) < today:
            options.append("contract_copy")
        due = add_months(self.start, 2)
        if due < today and (not ended or exit_date >= due):
            options.append("intermediate")
        if not ended and (today - c).days >= 21 and self.rng.random() < 0.6:
            return "gap14"  # the alert a scheduler most needs to show
        if ended and exit_date + timedelta(days=7) < today:
            options.append("final")
        if ended and kind == "interruption" and exit_date + timedelta(days=2) < today:
            options.append("interruption_notice")
        return self.rng.choice(options) if options else None

    def _planned(
        self, cal: Calendar, held: list[dict[str, Any]], last_held: date, late_kind: str | None
    ) -> list[dict[str, Any]]:
        """Booked appointments of an ongoing case."""
        rng, today = self.rng, self.today
        if late_kind == "gap14":
            latest = last_held + timedelta(days=14)
            if latest <= today:
                return []  # gap exceeded: nothing booked, the alert is overdue
            on = _within(rng, today + timedelta(days=1), latest)
            return [{"date": on.isoformat(), "time": "10:00", "minutes": 45,
                     "kind": "individual", "status": "planned", "notes": None}]
        this_week = week_monday(today).isoformat()
        seen = any(i["kind"] == "individual" and i["status"] == "attended"
                   and i["date"] >= this_week for i in held)
        after = week_monday(today) + timedelta(days=6) if seen else today
        return planned_interviews(rng, cal, after, self.current_end, rng.choice((1, 2)))

    def _online(self, phase2: date, limit: date) -> None:
        rng = self.rng
        last = min(limit, self.today)
        offers = phase2 + timedelta(days=rng.randint(0, 20))
        profile = phase2 + timedelta(days=rng.randint(0, 27))
        if rng.random() < 0.07:
            profile = last + timedelta(days=1)  # forgotten: the deadline view will say so
        self.case["online_obligations"] = {
            "offers_subscription": _iso(offers) if offers <= last else None,
            "online_profile": _iso(profile) if profile <= last else None,
        }

    def _reports(self, ended: bool, exit_date: date, late_kind: str | None) -> None:
        rng, today = self.rng, self.today
        reports = self.case["reports"]
        due = add_months(self.start, 2)
        if late_kind != "intermediate" and (not ended or exit_date >= due):
            sent = due - timedelta(days=rng.randint(0, 10))
            if self.contracted < sent <= today:
                reports["intermediate_sent"] = sent.isoformat()
        if ended and late_kind != "final":
            reports["final_sent"] = _iso(_sent(rng, exit_date + timedelta(days=1), 6, today))

    def _exit(
        self, kind: str, on: date, detail: Any, late_kind: str | None
    ) -> list[dict[str, Any]]:
        """Record the exit; returns the follow-up interviews it brings."""
        rng, today = self.rng, self.today
        if kind == "term":
            self.case["exit"] = plain_exit("term", on, None)
            return []
        if kind == "interruption":
            notice = None if late_kind == "interruption_notice" else _sent(rng, on, 2, today)
            self.case["exit"] = plain_exit(detail, on, notice)
            return []
        self.case["exit"] = placement_exit(detail, on)
        if not detail.positive:
            return []
        if detail.reason != "training" and add_months(on, 3) <= today and rng.random() < 0.9:
            self.case["follow_up"] = {"retained_at_3_months": rng.random() < 0.75}
        return follow_up_interviews(rng, on, today)


def generate_cases(count: int, *, seed: int, today: date) -> Iterator[dict[str, Any]]:
    """``count`` demo cases, in order of start date, each a ``movdesk-cases`` v1 case dict."""
    maker = _CaseMaker(seed, today)
    numbers: defaultdict[int, int] = defaultdict(int)
    for start in maker.start_dates(count):
        numbers[start.year] += 1
        yield maker.case(f"LC-{start.year}-{numbers[start.year]:06d}", start)
