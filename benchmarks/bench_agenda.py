"""How fast the agenda builds and paints a month of 2,000 appointments, against a bare view.

Usage::

    python benchmarks/bench_agenda.py [--db PATH] [--today 2026-11-27] [--repeat 5]

Figures, each the best of ``--repeat`` runs, in milliseconds of CPU time:

* **month view**: the month of ``--today`` holding 2,000 appointments of three
  referents (groups, every state, bands and deadlines): the layout
  (:func:`~movdesk.rules.agenda_layout.layout_month`, through the widget's
  ``set_content``) and the painting of the whole widget (1,400 × 900 pixels) into an
  image, as a ``paintEvent`` does;
* **bare view** (the baseline): the same 2,000 items, each a filled rectangle and a
  line of text at a precomputed place, painted on an image of the same size — what
  any view showing them must at least do;
* **week view**: the same 2,000 appointments put in one week (overlaps side by side,
  the rest counted), built and painted;
* **from the database**: the month of one referent of the 50,000-case demo, read
  (:func:`~movdesk.services.agenda.read_agenda`), laid out and painted — the demo's
  referents hold about 1,500 active cases each, far more than an office's.

Target: the month view under 200 ms. Speed is measured here, never asserted in tests.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from datetime import date, time, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _agenda_bench import best, measured_copy, parser, verdict  # noqa: E402
from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from movdesk.config import resolve_database  # noqa: E402
from movdesk.rules.agenda_layout import Appointment, Band, DayDeadline, month_days  # noqa: E402
from movdesk.rules.working_hours import DEFAULT_HOURS  # noqa: E402
from movdesk.services.agenda import AgendaData, AgendaReferent, read_agenda  # noqa: E402
from movdesk.store.engine import make_session_factory  # noqa: E402
from movdesk.store.migrate import open_database  # noqa: E402
from movdesk.ui.agenda.canvas import MONTH, WEEK, AgendaCanvas  # noqa: E402

APPOINTMENTS = 2_000
SIZE = (1400, 900)
TARGET_MS = 200.0
STATES = ("planned", "attended", "attended", "absent", "excused")


def synthetic(today: date, count: int, *, week: bool = False) -> AgendaData:
    """``count`` appointments of three referents over the month (or the week) of ``today``."""
    rng = random.Random(2026)
    days = [d for d in month_days(today) if d.month == today.month and d.weekday() < 5]
    if week:
        monday = today - timedelta(days=today.weekday())
        days = [monday + timedelta(days=i) for i in range(5)]
    items = []
    for number in range(1, count + 1):
        day = rng.choice(days)
        group = number % 25 == 0
        items.append(
            Appointment(
                id=number,
                case_id=number,
                referent_id=rng.choice((1, 2, 3)),
                day=day,
                start=time(rng.randrange(8, 18), rng.choice((0, 15, 30, 45))),
                minutes=120 if group else rng.choice((30, 45, 60)),
                kind="group" if group else "individual",
                status=rng.choice(STATES),
                beneficiary=f"NOM{number} Prénom",
                order_number=f"LC-2026-{number:06d}",
            )
        )
    bands = [
        Band(
            "suspension",
            n,
            n,
            1 + n % 3,
            days[n % len(days)],
            days[n % len(days)] + timedelta(days=6),
            f"Suspension — NOM{n}",
        )
        for n in range(30)
    ]
    deadlines = [
        DayDeadline(
            n,
            1 + n % 3,
            days[n % len(days)],
            days[n % len(days)],
            "weekly_interview",
            "Tenir l'entretien individuel de la semaine",
            f"NOM{n} Prénom",
            "soon",
        )
        for n in range(60)
    ]
    referents = tuple(AgendaReferent(i, f"Référent {i}", True) for i in (1, 2, 3))
    return AgendaData(
        first=days[0],
        last=days[-1],
        today=today,
        referents=referents,
        appointments=tuple(items),
        bands=tuple(bands),
        deadlines=tuple(deadlines),
        hours={i: DEFAULT_HOURS for i in (1, 2, 3)},
        alsace_moselle=False,
    )


def build_and_paint(canvas: AgendaCanvas, mode: str, today: date, data: AgendaData) -> int:
    canvas.set_content(mode, today, data)
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        canvas.paint(painter)
    finally:
        painter.end()
    return len(data.appointments)


def bare_view(data: AgendaData) -> int:
    """2,000 rectangles and texts at places computed beforehand: the floor."""
    width, height = SIZE
    places = []
    for number, item in enumerate(data.appointments):
        column, row = number % 7, (number // 7) % 6
        y = 20 + (number // 42) % 12 * 14
        places.append(
            (
                QRectF(column * width / 7, row * height / 6 + y, width / 7 - 4, 13),
                f"{item.start:%H:%M} {item.beneficiary}",
            )
        )
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        image.fill(QColor("#ffffff"))
        colour = QColor("#d7ead3")
        for rect, text in places:
            painter.fillRect(rect, colour)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft), text)
    finally:
        painter.end()
    return len(places)


def main(argv: list[str] | None = None) -> int:
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    app = QApplication.instance() or QApplication([])
    canvas = AgendaCanvas()
    canvas.resize(*SIZE)
    today = args.today
    month = synthetic(today, APPOINTMENTS)
    week = synthetic(today, APPOINTMENTS, week=True)
    ours, _ = best(args.repeat, lambda: build_and_paint(canvas, MONTH, today, month))
    floor, _ = best(args.repeat, lambda: bare_view(month))
    weekly, _ = best(args.repeat, lambda: build_and_paint(canvas, WEEK, today, week))
    print(
        f"{APPOINTMENTS} rendez-vous, fenêtre {SIZE[0]} × {SIZE[1]}, "
        f"CPU ms (meilleur de {args.repeat})"
    )
    print(
        f"Vue du mois (mise en page + peinture)  : {ours:7.1f} ms  "
        f"(objectif {TARGET_MS:.0f} ms : {verdict(ours, TARGET_MS)})"
    )
    print(f"Vue nue, mêmes éléments (référence)    : {floor:7.1f} ms  soit {ours / floor:4.1f} ×")
    print(f"Vue de la semaine, mêmes rendez-vous   : {weekly:7.1f} ms")
    with tempfile.TemporaryDirectory(prefix="movdesk-bench-") as scratch:
        path = measured_copy(args, Path(scratch))
        engine = open_database(resolve_database(str(path)), daily_backup=False)
        factory = make_session_factory(engine)
        days = month_days(today)

        def from_database() -> int:
            data = read_agenda(factory, [1], days[0], days[-1], today)
            build_and_paint(canvas, MONTH, today, data)
            return len(data.appointments)

        read_ms, count = best(args.repeat, from_database)
        engine.dispose()
        print(
            f"Mois d'un référent de la base ({count} rendez-vous), lu, mis en page et peint : "
            f"{read_ms:7.1f} ms"
        )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
