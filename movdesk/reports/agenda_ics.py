"""The appointments as an iCalendar file (.ics) for Outlook or a phone (EXCHANGE.md ``agenda``).

A pure renderer: plain :class:`IcsEvent` values in, bytes out, built with the
``icalendar`` package. One ``VEVENT`` per interview:

* ``UID`` stable for an interview across exports (its id, its case's id and a token of
  the database), so that importing the file again updates the events rather than
  duplicating them;
* ``DTSTART``/``DTEND`` in local time with ``TZID=Europe/Paris``, and the calendar
  carries that ``VTIMEZONE`` (the European summer-time rule, as Outlook writes it), so
  that the file reads the same on any computer; an interview without a time is an
  all-day event on its date;
* ``SUMMARY`` with the kind and the beneficiary's name; ``STATUS:CONFIRMED``, or
  ``CANCELLED`` for an interview marked absent or excused;
* ``DTSTAMP`` and ``LAST-MODIFIED`` are the interview's last change and ``SEQUENCE``
  grows with it, so that exporting twice the same data gives the same file, and a
  changed interview replaces its older copy.

**Decisions:** the events are ``CLASS:PRIVATE`` — they name a beneficiary, and a shared
calendar then shows only that the referent is busy; the description holds the order
number, the referent, the status and the length, never notes or contact details.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

TZID = "Europe/Paris"
PRODID = "-//movdesk//Agenda MOV//FR"
#: SEQUENCE counts seconds of change since this moment, so it only ever grows.
_SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)

#: The last line of the calendar, after its events.
_END = b"END:VCALENDAR\r\n"

#: Interview statuses that make an event cancelled.
CANCELLED_STATUSES = frozenset({"absent", "excused"})


@dataclass(frozen=True)
class IcsEvent:
    """One interview, as the calendar file writes it."""

    interview_id: int
    case_id: int
    day: date
    start: time | None
    minutes: int
    kind_label: str
    #: Code of :class:`~movdesk.models.InterviewStatus` and its French label.
    status: str
    status_label: str
    beneficiary: str
    order_number: str
    referent: str
    #: The interview's last change, in UTC (SQLite's ``CURRENT_TIMESTAMP``).
    changed_at: datetime


def event_uid(interview_id: int, case_id: int, token: str) -> str:
    """The UID of an interview's event: the same at every export of the same database."""
    return f"entretien-{interview_id}-{case_id}.{token}@movdesk"


def paris_timezone() -> Timezone:
    """Europe/Paris with the European summer-time rule, as Outlook and phones read it."""
    zone = Timezone()
    zone.add("tzid", TZID)
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 10, 25, 3, 0))
    standard.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    standard.add("tzoffsetfrom", timedelta(hours=2))
    standard.add("tzoffsetto", timedelta(hours=1))
    standard.add("tzname", "CET")
    daylight = TimezoneDaylight()
    daylight.add("dtstart", datetime(1970, 3, 29, 2, 0))
    daylight.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    daylight.add("tzoffsetfrom", timedelta(hours=1))
    daylight.add("tzoffsetto", timedelta(hours=2))
    daylight.add("tzname", "CEST")
    zone.add_component(standard)
    zone.add_component(daylight)
    return zone


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _event(item: IcsEvent, token: str, paris: ZoneInfo) -> Event:
    event = Event()
    event.add("uid", event_uid(item.interview_id, item.case_id, token))
    changed = _utc(item.changed_at).replace(microsecond=0)
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("sequence", max(0, int((changed - _SEQUENCE_EPOCH).total_seconds())))
    if item.start is None:
        event.add("dtstart", item.day)
        event.add("dtend", item.day + timedelta(days=1))
    else:
        begin = datetime.combine(item.day, item.start, tzinfo=paris)
        event.add("dtstart", begin)
        event.add("dtend", begin + timedelta(minutes=item.minutes))
    event.add("summary", f"{item.kind_label} — {item.beneficiary}")
    length = f"{item.minutes} min" if item.start is not None else "horaire non précisé"
    event.add(
        "description",
        f"Dossier {item.order_number}\nRéférent : {item.referent}\n"
        f"Statut : {item.status_label}\nDurée : {length}",
    )
    cancelled = item.status in CANCELLED_STATUSES
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    event.add("class", "PRIVATE")
    event.add("categories", ["MOV"])
    return event


def agenda_ics(events: Iterable[IcsEvent], *, token: str, name: str) -> bytes:
    """The calendar file of ``events`` (in the order given), named ``name``.

    Each event is written out as soon as it is built — the same bytes as the whole
    calendar's ``to_ical()`` — so that whoever hands the events one by one (with a
    progress bar and a cancel button) sees the whole of the work go by, writing included.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(paris_timezone())
    head = bytes(calendar.to_ical())
    assert head.endswith(_END)
    paris = ZoneInfo(TZID)
    body = b"".join(bytes(_event(item, token, paris).to_ical()) for item in events)
    return head[: -len(_END)] + body + _END
