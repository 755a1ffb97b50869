"""The « Annuaire » page: employers, partners and referents, their forms and merges."""

# The pages package lists this page and this page derives from the pages' base: import
# the pages first, so that whichever of the two is imported first, both complete.
from .. import pages as _pages  # noqa: F401  isort: skip
from .dialogs import ContactDialog, EntryDialog, MergeDialog
from .page import DirectoryPage

__all__ = ["ContactDialog", "DirectoryPage", "EntryDialog", "MergeDialog"]
