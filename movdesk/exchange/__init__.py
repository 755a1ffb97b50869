"""The JSON exchange format ``movdesk-cases``, version 1 (EXCHANGE.md): import and export.

``import_cases`` is all or nothing and refuses a bad file with one French message that
names each case, field and rule; ``export_cases`` + ``dumps`` write every case back in
the same format, so that import(export(db)) gives the same data.
"""

from __future__ import annotations

from .files import load_file
from .importer import MAX_ERRORS, ImportSummary, import_cases
from .schema import FORMAT, VERSION
from .writer import case_to_dict, dumps, export_cases

__all__ = [
    "FORMAT",
    "MAX_ERRORS",
    "VERSION",
    "ImportSummary",
    "case_to_dict",
    "dumps",
    "export_cases",
    "import_cases",
    "load_file",
]
