"""The agenda (day, week and month views), the planning help, the printed week and the
.ics export; the layout itself is pure (:mod:`movdesk.rules.agenda_layout`)."""

# The pages package lists this page and this page derives from the pages' base: import
# the pages first, so that whichever of the two is imported first, both complete.
from .. import pages as _pages  # noqa: F401  isort: skip
from .page import AgendaPage

__all__ = ["AgendaPage"]
