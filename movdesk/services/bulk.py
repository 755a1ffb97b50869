"""Reading a whole office at once without Python's cyclic garbage collector in the way.

Building a hundred thousand small objects (the tranches of every case, the rows of
every case) sets off the cyclic collector every few hundred allocations, and each full
pass walks the whole heap: on 50,000 cases that took longer than the work itself (2 s
instead of 1.2 s for the Paiements page's read). These objects hold no reference
cycles, so nothing is lost by collecting later: :func:`collector_paused` switches
automatic collection off for the duration of the read and back on after, unless it was
already off (inside the window's background jobs the worker keeps it off and collects on
the UI thread itself; see :mod:`movdesk.ui.worker`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cyclic collection inside the block (restored as it was)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
