"""The case file's timeline strip on a known case: phases, 14-day windows in their three
colours, periods, interviews, reports, exit and follow-up windows."""

from __future__ import annotations

from datetime import date

from movdesk.rules.case_strip import case_strip

from .test_timeline import D, interview, make_case, make_exit

TODAY = D("2026-03-02")


def _bands(strip, lane: str) -> list[tuple[str, date, date]]:  # type: ignore[no-untyped-def]
    return [(b.state, b.start, b.end) for b in strip.bands if b.lane == lane]


def test_phases_windows_and_marks_of_a_running_case() -> None:
    case = make_case(
        "2026-01-05",
        contracting="2026-01-07",
        phase2_start=D("2026-02-16"),
        interviews=[
            interview("2026-01-14"),
            interview("2026-01-30"),  # 16 days after: broken on 29/01
            interview("2026-02-12", status="absent"),
            interview("2026-02-13"),  # 14 days after 30/01: in the last three days
            interview("2026-03-05", status="planned"),
        ],
        suspensions=[("2026-02-20", "2026-02-24")],
    )
    strip = case_strip(case, TODAY)
    assert (strip.first, strip.end, strip.last) == (
        D("2026-01-05"),
        D("2026-07-03"),
        D("2026-07-10"),
    )
    assert _bands(strip, "phases") == [
        ("before", D("2026-01-05"), D("2026-01-06")),
        ("phase1", D("2026-01-07"), D("2026-02-15")),
        ("phase2", D("2026-02-16"), D("2026-07-03")),
    ]
    assert _bands(strip, "clock") == [
        ("ok", D("2026-01-07"), D("2026-01-14")),  # contracting → 14/01, well in time
        ("ok", D("2026-01-14"), D("2026-01-25")),
        ("warn", D("2026-01-26"), D("2026-01-28")),
        ("broken", D("2026-01-29"), D("2026-01-29")),  # limit 28/01, next on 30/01
        ("ok", D("2026-01-30"), D("2026-02-10")),
        ("warn", D("2026-02-11"), D("2026-02-13")),  # held on 13/02, the last day
        # The window running today: its limit moves by the five suspended days.
        ("ok", D("2026-02-13"), D("2026-03-01")),
        ("warn", D("2026-03-02"), D("2026-03-04")),
    ]
    assert _bands(strip, "periods") == [("suspension", D("2026-02-20"), D("2026-02-24"))]
    kinds = [(m.kind, m.state, m.day) for m in strip.marks]
    assert ("interview", "missed", D("2026-02-12")) in kinds
    assert ("interview", "planned", D("2026-03-05")) in kinds
    assert ("contracting", "held", D("2026-01-07")) in kinds
    assert ("report", "due", D("2026-03-05")) in kinds  # intermediate report, S + 2 months
    assert ("report", "due", D("2026-07-10")) in kinds  # final report, E + 7
    broken = next(b for b in strip.bands if b.state == "broken")
    assert (
        broken.label
        == "Règle des 14 jours rompue du 29/01/2026 au 29/01/2026 (limite le 28/01/2026)"
    )
    assert broken.target.section == "InterviewsSection"


def test_a_window_broken_until_today_and_the_renewed_length() -> None:
    case = make_case(
        "2026-01-05",
        interviews=[interview("2026-02-02")],
        renewal_decision_date=D("2026-06-01"),
        renewal_new_end_date=D("2027-01-03"),
    )
    strip = case_strip(case, TODAY)
    assert strip.renewed and strip.end == D("2027-01-03")
    assert _bands(strip, "clock")[-1] == ("broken", D("2026-02-17"), TODAY)


def test_exit_and_follow_up_windows_after_a_positive_exit() -> None:
    case = make_case(
        "2026-01-05",
        interviews=[interview("2026-02-02"), interview("2026-03-03", kind="follow_up")],
        exit=make_exit("2026-02-23"),
        status="follow_up",
    )
    strip = case_strip(case, D("2026-04-10"))
    assert _bands(strip, "follow") == [
        ("missed", D("2026-02-23"), D("2026-03-01")),
        ("done", D("2026-03-02"), D("2026-03-23")),
        ("open", D("2026-03-24"), D("2026-04-23")),
        ("open", D("2026-04-24"), D("2026-05-23")),
    ]
    (exit_mark,) = [m for m in strip.marks if m.kind == "exit"]
    assert exit_mark.day == D("2026-02-23") and exit_mark.target.section == "ExitSection"
    # The case ended with the exit: no 14-day window runs after it.
    assert all(b.end <= D("2026-02-23") for b in strip.bands if b.lane == "clock")
    # The strip runs to the end of the follow-up, past E.
    assert strip.last >= D("2026-07-03")
