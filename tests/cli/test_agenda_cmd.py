"""``movdesk agenda`` and the .ics export: parsed back it gives the same events, exporting
twice gives the same UIDs, Europe/Paris with its VTIMEZONE, cancelled ones marked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event
from sqlalchemy.orm import Session, sessionmaker

from movdesk.cli import EXIT_USAGE, EXIT_USER_ERROR, main
from movdesk.config import DatabaseLocation
from movdesk.errors import UserError
from movdesk.models import Interview, InterviewStatus
from movdesk.reports.agenda_ics import IcsEvent, agenda_ics
from movdesk.services.agenda_export import (
    agenda_events,
    default_range,
    export_agenda,
    write_agenda_file,
)
from movdesk.services.batches import Cancelled
from movdesk.services.context import Desk
from movdesk.services.office import save_office
from movdesk.services.rows import update_interview
from tests.agenda_office import MONDAY, TODAY, Office, desk, office

__all__ = ["desk", "office"]

PARIS = ZoneInfo("Europe/Paris")


def _events(data: bytes) -> dict[str, dict[str, object]]:
    calendar = Calendar.from_ical(data)
    return {
        str(e["uid"]): {
            "start": e.decoded("dtstart"),
            "end": e.decoded("dtend"),
            "summary": str(e["summary"]),
            "status": str(e["status"]),
        }
        for e in calendar.walk("VEVENT")
    }


def _interviews(factory: sessionmaker[Session], first: date, last: date) -> list[Interview]:
    with factory() as session:
        return [
            i for i in session.query(Interview).order_by(Interview.id) if first <= i.date <= last
        ]


def test_parsed_back_it_gives_the_same_events(desk: Desk, office: Office) -> None:
    save_office(
        desk,
        name="Bureau MOV Lille",
        address=None,
        siret=None,
        market_number=None,
        price_per_case_cents=0,
        alsace_moselle=False,
    )
    first, last = MONDAY, MONDAY + timedelta(days=13)
    export = export_agenda(desk.session_factory, first=first, last=last)
    events = _events(export.data)
    expected = _interviews(desk.session_factory, first, last)
    assert export.events == len(expected) == len(events) == 4
    by_start = {(e["start"], e["summary"]) for e in events.values()}
    assert (
        datetime(2026, 5, 12, 9, 30, tzinfo=PARIS),
        "Entretien individuel en face à face — DURAND Sophie",
    ) in by_start
    group = [e for e in events.values() if str(e["summary"]).startswith("Regroupement")]
    assert len(group) == 2
    assert {e["end"] for e in group} == {datetime(2026, 5, 15, 16, 0, tzinfo=PARIS)}
    calendar = Calendar.from_ical(export.data)
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Paris"
    assert b"DTSTART;TZID=Europe/Paris:20260512T093000" in export.data
    assert {str(e["status"]) for e in events.values()} == {"CONFIRMED"}


def test_exporting_twice_gives_the_same_uids_and_a_change_updates(
    desk: Desk, office: Office
) -> None:
    first, last = default_range(TODAY)
    once = export_agenda(desk.session_factory, first=first, last=last)
    again = export_agenda(desk.session_factory, first=first, last=last)
    assert once.data == again.data
    # Marked absent: the same UID comes back, cancelled.
    update_interview(
        desk,
        office.leroy_planned,
        on=TODAY,
        kind=_kind(desk, office.leroy_planned),
        at=time(9, 30),
        minutes=45,
        status=InterviewStatus.ABSENT,
        accept_warnings=True,
    )
    after = export_agenda(desk.session_factory, first=first, last=last)
    before_events, after_events = _events(once.data), _events(after.data)
    assert set(before_events) == set(after_events)
    changed = [uid for uid in after_events if after_events[uid] != before_events[uid]]
    (uid,) = changed
    assert f"entretien-{office.leroy_planned}-{office.leroy}." in uid
    assert after_events[uid]["status"] == "CANCELLED"


def _kind(desk: Desk, interview_id: int):  # type: ignore[no-untyped-def]
    with desk.session_factory() as session:
        row = session.get(Interview, interview_id)
        assert row is not None
        return row.kind


def test_one_referent_and_a_backwards_range(desk: Desk, office: Office) -> None:
    export = export_agenda(desk.session_factory, first=TODAY, last=TODAY, referent_id=office.karim)
    events = _events(export.data)
    assert [e["summary"] for e in events.values()] == [
        "Entretien individuel en face à face — LEROY Anne"
    ]
    assert b"X-WR-CALNAME:Agenda MOV \xe2\x80\x94 Karim Haddad" in export.data
    with pytest.raises(UserError, match="à l'envers"):
        export_agenda(desk.session_factory, first=TODAY, last=TODAY - timedelta(days=1))


def test_the_window_s_export_reports_progress_and_a_cancel_writes_nothing(
    desk: Desk, office: Office, tmp_path: Path
) -> None:
    target = tmp_path / "agenda.ics"
    seen: list[tuple[int, int]] = []
    export = write_agenda_file(
        desk.session_factory,
        target,
        first=MONDAY,
        last=MONDAY + timedelta(days=5),
        progress=lambda done, total: seen.append((done, total)),
        cancel=lambda: False,
    )
    assert export.events == 4 and seen[0] == (0, 4) and seen[-1] == (4, 4)
    assert _events(target.read_bytes()).keys() == _events(export.data).keys()
    stopped = tmp_path / "stopped.ics"
    with pytest.raises(Cancelled):
        write_agenda_file(
            desk.session_factory, stopped, first=MONDAY, last=MONDAY, cancel=lambda: True
        )
    assert not stopped.exists()


def test_each_event_is_written_as_it_is_handed_over(
    desk: Desk, office: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    # So that the export's progress and cancel follow the whole work, writing included.
    with desk.session_factory() as session:
        events = agenda_events(session, MONDAY, MONDAY + timedelta(days=5))
    written: list[bytes] = []
    to_ical = Event.to_ical
    monkeypatch.setattr(
        Event, "to_ical", lambda event, *a: written.append(to_ical(event, *a)) or written[-1]
    )
    seen: list[int] = []

    def handed() -> Iterator[IcsEvent]:
        for event in events:
            seen.append(len(written))
            yield event

    data = agenda_ics(handed(), token="t", name="Agenda")
    assert seen == list(range(len(events))) and len(written) == len(events) == 4
    assert data.endswith(b"END:VCALENDAR\r\n") and all(part in data for part in written)


def test_command_writes_the_file_and_refuses_bad_input(
    desk: Desk,
    office: Office,
    db_location: DatabaseLocation,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "agenda.ics"
    db = ["--db", str(db_location.path)]
    code = main(
        [
            *db,
            "agenda",
            "--referent",
            "Claire Martin",
            "--from",
            "2026-05-11",
            "--to",
            "2026-05-16",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    events = _events(out.read_bytes())
    assert len(events) == 3  # DURAND's planned interview and the two of the group session
    assert "3 rendez-vous écrits" in capsys.readouterr().err
    # Without --out: the file goes to the standard output; default range around --today.
    assert main([*db, "agenda", "--today", "2026-05-12"]) == 0
    assert capsys.readouterr().out.startswith("BEGIN:VCALENDAR")
    # Around the calendar's first and last days the range stops there.
    assert default_range(date(9999, 12, 31)) == (date(9999, 12, 24), date(9999, 12, 31))
    assert default_range(date(1, 1, 3)) == (date(1, 1, 1), date(1, 3, 4))
    # A date the program never works with is a usage error, in French.
    with pytest.raises(SystemExit) as far:
        main([*db, "agenda", "--today", "9999-12-31"])
    assert far.value.code == EXIT_USAGE
    assert "hors de la plage acceptée" in capsys.readouterr().err
    assert main([*db, "agenda", "--referent", "Personne"]) == EXIT_USER_ERROR
    assert "Référent inconnu : « Personne »" in capsys.readouterr().err
    assert main([*db, "agenda", "--from", "2026-05-20", "--to", "2026-05-10"]) == EXIT_USER_ERROR
    assert "à l'envers" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main([*db, "agenda", "--from", "20/05/2026"])
    assert usage.value.code == EXIT_USAGE
