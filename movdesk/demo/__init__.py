"""Demo data: realistic fictitious cases for trying movdesk (``movdesk demo``, ``--demo``).

:func:`generate_cases` produces cases in the exchange format, with no database;
:func:`fill_demo` loads them through the importer and adds what that format does not
carry (partners, barriers, action plans, documents, invoices).
"""

from .generator import generate_cases
from .loader import CHUNK_SIZE, fill_demo

__all__ = ["CHUNK_SIZE", "fill_demo", "generate_cases"]
