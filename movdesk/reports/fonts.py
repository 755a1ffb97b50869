"""The fonts every printed document embeds: DejaVu Sans, shipped with movdesk.

ReportLab's bundled fonts (Vera, and the standard Helvetica that PDF readers draw
from the PC's own fonts) lack characters a French document needs, the narrow no-break
space (U+202F) of « guillemets » and of ``1 850,00 €`` among them. DejaVu Sans covers
é è ç œ « » € and U+202F, and its licence lets it ship (``resources/fonts/``, with
its licence file). The TTF files are read from :func:`movdesk.config.resources_dir`,
so a printed page never depends on the fonts installed on the PC; ReportLab embeds the
subset of each font that a document uses.

Use :func:`register_fonts` before building a document (the page template does it);
the family name :data:`FAMILY` then resolves ``<b>`` and ``<i>`` in paragraphs.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..config import resources_dir
from ..errors import UserError

#: Font names as documents use them (``fontName`` of a style, ``canvas.setFont``).
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
OBLIQUE = "DejaVuSans-Oblique"
#: The family that maps ``<b>`` to :data:`BOLD` and ``<i>`` to :data:`OBLIQUE`.
FAMILY = REGULAR

#: The shipped files, by font name.
FONT_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
}

_lock = threading.Lock()
_registered = False


def font_dir() -> Path:
    """Where the shipped TTF files and their licence are."""
    return resources_dir() / "fonts"


def register_fonts() -> str:
    """Register the shipped fonts with ReportLab (once, thread-safe); returns the family.

    A missing or damaged font file is a broken installation: the error says which file
    and where, in French, instead of printing with a font that lacks characters.
    """
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if _registered:
            return FAMILY
        folder = font_dir()
        for name, filename in FONT_FILES.items():
            path = folder / filename
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except Exception as error:  # noqa: BLE001 - any unreadable file, same advice
                raise UserError(
                    f"Impression impossible : la police « {filename} » est introuvable ou "
                    f"illisible dans « {folder} » ({error}). Réinstallez movdesk."
                ) from None
        # A bold oblique is not shipped: bold stands in for it.
        addMapping(FAMILY, 0, 0, REGULAR)
        addMapping(FAMILY, 1, 0, BOLD)
        addMapping(FAMILY, 0, 1, OBLIQUE)
        addMapping(FAMILY, 1, 1, BOLD)
        _registered = True
    return FAMILY
