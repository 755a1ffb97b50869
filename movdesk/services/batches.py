"""Long passes over many cases: slices of ids, progress and cancel callbacks (no Qt).

The daily passes (case summaries, deadline schedules) work in slices of
:data:`BATCH_SIZE` cases, each in its own short transaction, so other writers wait one
slice at most and a cancelled pass keeps what it wrote (:func:`write_in_batches`). A
worker thread passes its ``progress`` and ``cancel`` callbacks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from ..store.engine import unit_of_work

#: Cases per statement (``IN`` lists) and per transaction.
BATCH_SIZE = 1000

#: ``progress(done, total)`` after each batch.
Progress = Callable[[int, int], None]
#: Asked before each batch; True stops the pass (what is written stays written).
Cancel = Callable[[], bool]


class Cancelled(Exception):
    """The user (or the window closing) stopped the work; nothing is returned."""


def batches(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    """``ids`` in slices of :data:`BATCH_SIZE`."""
    for start in range(0, len(ids), BATCH_SIZE):
        yield ids[start : start + BATCH_SIZE]


def write_in_batches(
    factory: sessionmaker[Session],
    ids: Sequence[int],
    write: Callable[[Session, Sequence[int]], Any],
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> int:
    """``write(session, batch)`` for each slice of ``ids``, one transaction each.

    Returns how many ids were written: fewer than ``len(ids)`` when ``cancel()`` turned
    true before a batch (what was written stays written).
    """
    done = 0
    if progress is not None:
        progress(0, len(ids))
    for batch in batches(ids):
        if cancel is not None and cancel():
            break
        with unit_of_work(factory) as session:
            write(session, batch)
        done += len(batch)
        if progress is not None:
            progress(done, len(ids))
    return done
