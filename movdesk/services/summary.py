"""Keep the per-case summary (:class:`~movdesk.models.CaseSummary`) in step with the rules.

The case list sorts and filters 50,000 cases by next deadline and alerts in SQL, so what
the rules find for each case is written down in ``case_summary``:

* :func:`refresh_summaries` recomputes the rows of some cases, in the caller's session;
* :func:`refresh_stale` recomputes every case whose row is missing or was computed on
  another day (start-up, and each new day), in batches with their own transactions, with
  progress and cancel callbacks so a worker thread can run it (no Qt here);
* :func:`keep_fresh` recomputes the cases of each committed user action.

The open deadlines come from the stored deadline schedules (:mod:`.schedule`); those
of cases changed since are worked out again on the way, in the same transaction.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session, sessionmaker

from ..models import Beneficiary, Case, CaseSummary, Interview, InterviewStatus
from ..rules.deadlines import KIND_ORDER
from ..store.engine import unit_of_work
from .batches import Cancel, Progress, batches, write_in_batches
from .context import Desk
from .events import Change
from .schedule import open_items_of

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})


def fold(text: str) -> str:
    """``« Hélène »`` → ``« helene »``: lower case, no accents, ligatures spelt out.

    Search keys and typed search text go through the same function, so that « hel »,
    « Hél » and « HEL » all find « Hélène ».
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _summary_rows(session: Session, ids: Sequence[int], today: date) -> list[dict[str, object]]:
    """The summary values of the cases ``ids`` as of ``today`` (missing cases left out)."""
    connection = session.connection()
    names = connection.execute(
        select(Case.id, Beneficiary.last_name, Beneficiary.first_name)
        .join(Beneficiary, Case.beneficiary_id == Beneficiary.id)
        .where(Case.id.in_(ids))
    ).all()
    last_interviews = dict(
        connection.execute(
            select(Interview.case_id, func.max(Interview.date))
            .where(
                Interview.case_id.in_(ids),
                Interview.status == InterviewStatus.ATTENDED,
                Interview.date <= today,
            )
            .group_by(Interview.case_id)
        ).all()
    )
    open_items = open_items_of(session, ids, today)
    rows: list[dict[str, object]] = []
    for case_id, last_name, first_name in names:
        items = open_items.get(case_id, [])
        # The soonest due date; on a tie, the kinds table's order (as the case file shows).
        soonest = min(items, key=lambda i: (i[1], KIND_ORDER[i[0]]), default=None)
        rows.append(
            {
                "case_id": case_id,
                "next_due": soonest[1] if soonest else None,
                "next_kind": soonest[0] if soonest else None,
                "next_label": soonest[2] if soonest else None,
                "last_interview": last_interviews.get(case_id),
                "alert_count": sum(due <= today for _kind, due, _label in items),
                "computed_on": today,
                "last_name_key": fold(last_name),
                "first_name_key": fold(first_name),
            }
        )
    return rows


def _write(session: Session, rows: list[dict[str, object]], *, only_if_other_day: bool) -> None:
    """Insert or replace the rows; optionally keep a row already computed that day.

    The daily pass keeps rows written today meanwhile by :func:`keep_fresh`: those saw a
    user's change that the pass may have read too early.
    """
    if not rows:
        return
    statement = insert(CaseSummary)
    columns = {key: statement.excluded[key] for key in rows[0] if key != "case_id"}
    where = CaseSummary.computed_on != statement.excluded.computed_on
    statement = statement.on_conflict_do_update(
        index_elements=[CaseSummary.case_id],
        set_=columns,
        where=where if only_if_other_day else None,
    )
    # On the connection: one executemany (the ORM would split the rows by their NULLs).
    session.connection().execute(statement, rows)


def refresh_summaries(session: Session, case_ids: Iterable[int], today: date) -> int:
    """Recompute the summaries of ``case_ids`` as of ``today``, in ``session`` (not committed).

    Returns how many rows were written; ids of cases that no longer exist are skipped
    (their row went with them, by cascade).
    """
    ids = sorted(set(case_ids))
    written = 0
    for batch in batches(ids):
        rows = _summary_rows(session, batch, today)
        _write(session, rows, only_if_other_day=False)
        written += len(rows)
    return written


def stale_case_ids(session: Session, today: date) -> list[int]:
    """The cases whose summary is missing or was computed on another day than ``today``."""
    query = (
        select(Case.id)
        .outerjoin(CaseSummary, CaseSummary.case_id == Case.id)
        .where(or_(CaseSummary.case_id.is_(None), CaseSummary.computed_on != today))
        .order_by(Case.id)
    )
    return list(session.connection().execute(query).scalars())


def refresh_stale(
    session_factory: sessionmaker[Session],
    today: date,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Recompute every summary missing or computed on another day; return how many.

    One transaction per batch, so the program stays usable (other writers wait one
    batch at most) and a cancelled pass keeps what it already wrote.
    """
    with session_factory() as session:
        ids = stale_case_ids(session, today)

    def write(session: Session, batch: Sequence[int]) -> None:
        _write(session, _summary_rows(session, batch, today), only_if_other_day=True)

    return write_in_batches(session_factory, ids, write, progress=progress, cancel=cancel)


def keep_fresh(desk: Desk) -> Callable[[], None]:
    """Recompute the summaries of the cases of every committed action; returns unsubscribe.

    Each change gets its own short transaction, after the action's own has committed.
    """

    def on_change(change: Change) -> None:
        if not change.case_ids:
            return
        with unit_of_work(desk.session_factory) as session:
            refresh_summaries(session, change.case_ids, desk.today())

    return desk.bus.subscribe(on_change)
