"""The timeline strip of a case file (frise): what happened and what is due, over the case.

A pure function (:func:`case_strip`) over a case's facts, drawn by the case file's
header (no Qt here). From S to the end of the case (E, or the renewed E), longer when a
positive exit's follow-up runs beyond it, it lays out, each on its lane:

* ``phases``: before the contract, phase 1 (diagnostic), phase 2 (action plan);
* ``clock``: the 14-day windows (MOV-RULES.md section 2 rule 6) from each attended
  interview to the latest allowed date of the next — green, orange in its last three
  days, then red from the day after when the next interview came too late (or has not
  come by today);
* ``periods``: suspensions and company periods;
* ``follow``: the four follow-up windows after a positive exit, done or not;
* ``marks``: the interviews (held, missed, planned), the contracting interview, the
  report due dates (sent or not), the exit.

Each piece says what a click on it opens: a section of the case file and, for a row of
a list, the row's id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..models.enums import ExitReason, InterviewKind, InterviewStatus, SuspensionKind
from .calendar import add_months, french_date
from .timeline import (
    CLOCK_KINDS,
    blocked_intervals,
    case_end_date,
    current_end,
    follow_up_windows,
    is_signed,
    latest_allowed_after,
)

#: The last days of a 14-day window shown in orange.
WARN_DAYS = 3
_ONE_DAY = timedelta(days=1)

LANES = ("phases", "clock", "periods", "follow")


@dataclass(frozen=True)
class Target:
    """What a click opens: the case file's section (class name) and a row id."""

    section: str
    row_id: int | None = None


@dataclass(frozen=True)
class StripBand:
    """A span of days on a lane, in a state, with its details."""

    lane: str
    start: date
    end: date
    state: str
    label: str
    target: Target


@dataclass(frozen=True)
class StripMark:
    """A day on the marks lane: an interview, the contracting, a report, the exit."""

    kind: str  # interview, contracting, report, exit
    day: date
    state: str
    label: str
    target: Target


@dataclass(frozen=True)
class CaseStrip:
    """Everything the strip draws, and its range."""

    first: date
    last: date
    today: date
    #: E, or the renewed E.
    end: date
    renewed: bool
    bands: tuple[StripBand, ...]
    marks: tuple[StripMark, ...]

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


_INTERVIEWS = Target("InterviewsSection")
_STATUS_WORDS = {
    InterviewStatus.ATTENDED: "réalisé",
    InterviewStatus.PLANNED: "prévu",
    InterviewStatus.ABSENT: "absent",
    InterviewStatus.EXCUSED: "excusé",
}
_INTERVIEW_STATES = {
    InterviewStatus.ATTENDED: "held",
    InterviewStatus.PLANNED: "planned",
    InterviewStatus.ABSENT: "missed",
    InterviewStatus.EXCUSED: "missed",
}


def _span(start: date, end: date) -> str:
    return f"du {french_date(start)} au {french_date(end)}"


def _phases(case: Any, end: date) -> list[StripBand]:
    bands = []
    signed_on = case.contracting_date if is_signed(case) else None
    first_phase = signed_on or case.start_date
    if signed_on is not None and signed_on > case.start_date:
        before = signed_on - _ONE_DAY
        bands.append(
            StripBand(
                "phases",
                case.start_date,
                before,
                "before",
                f"Avant la contractualisation, {_span(case.start_date, before)}",
                Target("OrderSection"),
            )
        )
    if signed_on is None:
        return bands
    phase2 = case.phase2_start
    one_end = min(end, phase2 - _ONE_DAY) if phase2 is not None else end
    if one_end >= first_phase:
        bands.append(
            StripBand(
                "phases",
                first_phase,
                one_end,
                "phase1",
                f"Phase 1 — diagnostic, {_span(first_phase, one_end)}",
                Target("DiagnosticSection"),
            )
        )
    if phase2 is not None and phase2 <= end:
        bands.append(
            StripBand(
                "phases",
                phase2,
                end,
                "phase2",
                f"Phase 2 — plan d'action, {_span(phase2, end)}",
                Target("PlanSection"),
            )
        )
    return bands


def _clock_anchors(case: Any, today: date) -> list[tuple[date, int | None]]:
    """The attended interviews of the 14-day clock (the signed contracting first), sorted."""
    anchors: list[tuple[date, int | None]] = []
    if is_signed(case) and case.contracting_date is not None:
        anchors.append((case.contracting_date, None))
    for interview in case.interviews:
        if (
            interview.status == InterviewStatus.ATTENDED
            and interview.kind in CLOCK_KINDS
            and interview.date <= today
        ):
            anchors.append((interview.date, getattr(interview, "id", None)))
    anchors.sort(key=lambda a: a[0])
    return anchors


def _clock(case: Any, today: date, end: date) -> list[StripBand]:
    """Each window from an attended interview to its limit, and the days it was broken."""
    bands: list[StripBand] = []
    blocked = blocked_intervals(case)
    anchors = _clock_anchors(case, today)
    for number, (anchor, row_id) in enumerate(anchors):
        if anchor > end:
            break
        limit = latest_allowed_after(anchor, blocked)
        following = anchors[number + 1][0] if number + 1 < len(anchors) else None
        target = Target("InterviewsSection", row_id)
        stop = min(limit, end, following or limit)
        warn_from = limit - timedelta(days=WARN_DAYS - 1)
        title = (
            f"Règle des 14 jours : entretien du {french_date(anchor)}, prochain au plus "
            f"tard le {french_date(limit)}"
        )
        if warn_from > anchor:
            bands.append(
                StripBand("clock", anchor, min(stop, warn_from - _ONE_DAY), "ok", title, target)
            )
        if stop >= max(warn_from, anchor) and (following is None or following > warn_from):
            bands.append(
                StripBand(
                    "clock",
                    max(warn_from, anchor),
                    stop,
                    "warn",
                    f"{title} — les 3 derniers jours",
                    target,
                )
            )
        broken_until = (following - _ONE_DAY) if following is not None else min(today, end)
        if broken_until > limit:
            since = limit + _ONE_DAY
            bands.append(
                StripBand(
                    "clock",
                    since,
                    broken_until,
                    "broken",
                    f"Règle des 14 jours rompue {_span(since, broken_until)} "
                    f"(limite le {french_date(limit)})",
                    target,
                )
            )
    return bands


def _periods(case: Any) -> list[StripBand]:
    bands = []
    for s in case.suspensions:
        kind = SuspensionKind(s.kind).label.lower()
        bands.append(
            StripBand(
                "periods",
                s.start_date,
                s.end_date,
                "suspension",
                f"Suspension ({kind}) {_span(s.start_date, s.end_date)}",
                Target("SuspensionsSection", getattr(s, "id", None)),
            )
        )
    for p in case.company_periods:
        employer = getattr(getattr(p, "employer", None), "name", None)
        where = f" chez {employer}" if employer else ""
        bands.append(
            StripBand(
                "periods",
                p.start_date,
                p.end_date,
                "company",
                f"Période en entreprise{where} {_span(p.start_date, p.end_date)}",
                Target("CompanyPeriodsSection", getattr(p, "id", None)),
            )
        )
    return bands


def _follow(case: Any, today: date) -> list[StripBand]:
    bands = []
    for window in follow_up_windows(case):
        state = "done" if window.done else ("missed" if window.due < today else "open")
        word = {"done": "fait", "missed": "manqué", "open": "à faire"}[state]
        bands.append(
            StripBand(
                "follow",
                window.start,
                window.due,
                state,
                f"Suivi dans l'emploi n° {window.number}, {_span(window.start, window.due)} "
                f"— {word}",
                Target("ExitSection"),
            )
        )
    return bands


def _marks(case: Any, today: date) -> list[StripMark]:
    marks = []
    if case.contracting_date is not None:
        result = case.contracting_result
        state = "held" if is_signed(case) else ("missed" if result is not None else "planned")
        marks.append(
            StripMark(
                "contracting",
                case.contracting_date,
                state,
                f"Entretien de contractualisation du {french_date(case.contracting_date)}",
                Target("OrderSection"),
            )
        )
    for interview in case.interviews:
        status = InterviewStatus(interview.status)
        kind = InterviewKind(interview.kind).label
        when = french_date(interview.date)
        at = getattr(interview, "time", None)
        if at is not None:
            when += f" à {at:%H:%M}"
        marks.append(
            StripMark(
                "interview",
                interview.date,
                _INTERVIEW_STATES[status],
                f"{kind} du {when} — {_STATUS_WORDS[status]}",
                Target("InterviewsSection", getattr(interview, "id", None)),
            )
        )
    if is_signed(case):
        ended = case_end_date(case, today)
        due = add_months(case.start_date, 2)
        if ended is None or ended >= due or case.intermediate_sent_date is not None:
            marks.append(_report("Bilan intermédiaire", due, case.intermediate_sent_date, today))
        final_due = (ended or current_end(case)) + timedelta(days=7)
        marks.append(_report("Bilan final", final_due, case.final_sent_date, today))
    if case.exit is not None:
        reason = ExitReason(case.exit.reason).label
        marks.append(
            StripMark(
                "exit",
                case.exit.date,
                "exit",
                f"Sortie le {french_date(case.exit.date)} : {reason}",
                Target("ExitSection"),
            )
        )
    return marks


def _report(name: str, due: date, sent: date | None, today: date) -> StripMark:
    if sent is not None:
        state, text = "sent", f"envoyé le {french_date(sent)}"
    elif due < today:
        state, text = "late", "en retard"
    else:
        state, text = "due", "à envoyer"
    return StripMark(
        "report",
        due,
        state,
        f"{name} à envoyer le {french_date(due)} — {text}",
        Target("DocumentsSection"),
    )


def case_strip(case: Any, today: date) -> CaseStrip:
    """The strip of ``case`` as of ``today`` (module notes)."""
    end = current_end(case)
    ended = case_end_date(case, today)
    last_day = ended if ended is not None and is_signed(case) else end
    follow = _follow(case, today)
    marks = _marks(case, today)
    bands = [*_phases(case, last_day), *_clock(case, today, last_day), *_periods(case), *follow]
    last = max([end, *(b.end for b in bands), *(m.day for m in marks)])
    return CaseStrip(
        first=case.start_date,
        last=last,
        today=today,
        end=end,
        renewed=case.renewal_new_end_date is not None,
        bands=tuple(bands),
        marks=tuple(sorted(marks, key=lambda m: m.day)),
    )
