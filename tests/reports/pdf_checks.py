"""Reading printed documents back in tests: their text, pages and fonts (pypdf)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """The text of each page, as a PDF library extracts it."""
    return [page.extract_text() or "" for page in reader(data).pages]


def all_text(data: bytes) -> str:
    return "\n".join(page_texts(data))


def _fonts(resources: Any) -> Iterator[Any]:
    """Every font of a resource dictionary, including those of form XObjects."""
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for font in fonts.get_object().values():
            yield font.get_object()
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for xobject in xobjects.get_object().values():
            yield from _fonts(xobject.get_object().get("/Resources"))


def _embedded(font: Any) -> bool:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        # A composite (Type0) font keeps its descriptor in its descendant font.
        for child in font.get("/DescendantFonts") or []:
            descriptor = child.get_object().get("/FontDescriptor")
    if descriptor is None:
        return False
    descriptor = descriptor.get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def font_report(data: bytes) -> dict[str, bool]:
    """``{base font name: embedded}`` for every font any page uses."""
    found: dict[str, bool] = {}
    for page in reader(data).pages:
        for font in _fonts(page.get("/Resources")):
            found[str(font.get("/BaseFont"))] = _embedded(font)
    return found


def assert_fonts_embedded(data: bytes) -> None:
    """Every font of every page is embedded, and they are the shipped DejaVu Sans."""
    report = font_report(data)
    assert report, "no font found in the PDF"
    missing = [name for name, embedded in report.items() if not embedded]
    assert not missing, f"fonts not embedded: {missing}"
    others = [name for name in report if "DejaVuSans" not in name]
    assert not others, f"fonts other than the shipped DejaVu Sans: {others}"


def plain(text: str) -> str:
    """``text`` with its no-break spaces (U+00A0, U+202F) as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def flat(text: str) -> str:
    """``text`` on one line, every run of spaces, breaks and no-break spaces as one space."""
    return " ".join(plain(text).split())
