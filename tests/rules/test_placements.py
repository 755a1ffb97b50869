"""How the placements list reads the in-job follow-up windows of a positive exit."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from movdesk.models import InterviewKind, InterviewStatus
from movdesk.rules.placements import follow_up_summary
from movdesk.rules.timeline import Window, windows_after

#: A job started on Sunday 8 November 2026: windows due 14/11, 08/12, 08/01 and 08/02.
J = date(2026, 11, 8)
#: A day inside each window.
INSIDE = (date(2026, 11, 10), date(2026, 11, 20), date(2026, 12, 15), date(2027, 1, 20))


def _windows(*done: bool) -> list[Window]:
    held = [
        SimpleNamespace(date=day, kind=InterviewKind.FOLLOW_UP, status=InterviewStatus.ATTENDED)
        for day, was_held in zip(INSIDE, done, strict=True)
        if was_held
    ]
    return windows_after(J, held)


@pytest.mark.parametrize(
    ("done", "today", "text"),
    [
        # The second window is open and not held: it is the one to hold.
        ((False, False, False, False), date(2026, 11, 29),
         "0 fait · 1 manqué · 2e au plus tard le 08/12/2026"),
        # Held early in its window: the next one still has to come, and says when.
        ((False, True, False, False), date(2026, 11, 29),
         "1 fait · 1 manqué · 3e du 09/12/2026 au 08/01/2027"),
        ((True, True, False, False), date(2026, 12, 20), "2 faits · 3e au plus tard le 08/01/2027"),
        # Everything held: nothing more to say.
        ((True, True, True, True), date(2027, 3, 1), "4 faits"),
        # The last window passed without an interview.
        ((True, True, True, False), date(2027, 3, 1), "3 faits · 1 manqué"),
    ],
)  # fmt: skip
def test_the_summary_names_the_next_window_to_hold(
    done: tuple[bool, ...], today: date, text: str
) -> None:
    assert follow_up_summary(_windows(*done), today).text == text
