"""The two CSV dialects of every CSV movdesk writes, and how each cell is spelled.

* ``excel`` (the default, MOV-RULES.md section 7): what Excel in a French locale opens
  with a double click: ``;`` separator, UTF-8 with a byte-order mark (without it Excel
  reads the accents as Windows-1252), decimal comma (``45,5``), dates ``JJ/MM/AAAA``,
  CRLF line ends, yes/no written ``oui``/``non``.
* ``machine``: for scripts and other programs: ``,`` separator, UTF-8 without a BOM,
  decimal point (``45.5``), ISO dates (``2026-01-31``), ``true``/``false``. Lines end
  with LF (**decision**): every CSV reader accepts it, and line-based tools (``grep``,
  ``diff``, ``wc``) do not see a stray ``\\r`` at the end of the last column.

Both write an empty cell for a missing value (``None``), quote a cell only when it holds
the separator, a quote or a line break, and never depend on the PC's locale.

**Formulas** (**decision**): Excel runs a cell that starts with ``=``, ``+``, ``-`` or
``@`` (or a tab, a carriage return, or their full-width forms) as a formula, and a name
typed ``=HYPERLINK(…)`` would become a link or worse when the file is opened. In the
``excel`` dialect every *text* cell starting so is written with a leading apostrophe
(``'=Durand``), which Excel shows as text; numbers and dates are never touched (a
negative amount stays a number). Control characters left in old data are written as
their escape (``\x1b``). The ``machine`` dialect writes text exactly as stored: a
program reading it runs no formula. Money goes
through :func:`money` so that cents become ``1850,00`` / ``1850.00``, without a thousands
separator (Excel would read ``1 850,00`` as text).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum

from ..errors import UserError
from ..rules.text import printable

#: What a CSV cell may be given.
Cell = str | int | Decimal | date | bool | None


@dataclass(frozen=True)
class CsvDialect:
    """Separator, encoding and spelling of numbers and dates of one CSV flavour."""

    name: str
    delimiter: str
    bom: bool
    decimal_separator: str
    date_format: str
    line_terminator: str
    true_text: str
    false_text: str
    #: Text cells that a spreadsheet would run as a formula get a leading apostrophe.
    neutralise_formulas: bool = False


EXCEL = CsvDialect(
    name="excel",
    delimiter=";",
    bom=True,
    decimal_separator=",",
    date_format="%d/%m/%Y",
    line_terminator="\r\n",
    true_text="oui",
    false_text="non",
    neutralise_formulas=True,
)
MACHINE = CsvDialect(
    name="machine",
    delimiter=",",
    bom=False,
    decimal_separator=".",
    date_format="%Y-%m-%d",
    line_terminator="\n",
    true_text="true",
    false_text="false",
)
DIALECTS: dict[str, CsvDialect] = {d.name: d for d in (EXCEL, MACHINE)}


def dialect_named(name: str) -> CsvDialect:
    """The dialect called ``name`` (``excel`` or ``machine``)."""
    try:
        return DIALECTS[name]
    except KeyError:
        choices = ", ".join(DIALECTS)
        raise UserError(f"Format CSV inconnu « {name} » (choix : {choices}).") from None


def money(cents: int) -> Decimal:
    """Cents as a decimal number of euros with two decimals (``185000`` → ``1850.00``)."""
    return Decimal(cents).scaleb(-2)


def format_cell(value: Cell, dialect: CsvDialect) -> str:
    """One cell's text in ``dialect``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return dialect.true_text if value else dialect.false_text
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", dialect.decimal_separator)
    if isinstance(value, date):
        return value.strftime(dialect.date_format)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, str) and dialect.neutralise_formulas:
        return spreadsheet_text(value)
    return str(value)


#: What makes a spreadsheet read a cell as a formula (module notes).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_text(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it (module notes)."""
    text = printable(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], dialect: CsvDialect
) -> bytes:
    """The whole file as bytes: BOM when the dialect wants one, then header and rows."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(
        buffer,
        delimiter=dialect.delimiter,
        lineterminator=dialect.line_terminator,
        quoting=csv.QUOTE_MINIMAL,
    )
    writer.writerow(header)
    writer.writerows([format_cell(cell, dialect) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig" if dialect.bom else "utf-8")
