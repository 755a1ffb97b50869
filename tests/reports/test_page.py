"""The shared page template: fonts, French characters, page numbers per part, logo."""

from __future__ import annotations

import io
import re
from datetime import date, time

import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from movdesk.errors import UserError
from movdesk.reports import fonts
from movdesk.reports.blocks import free_text, para, signature_boxes, table
from movdesk.reports.page import (
    Cancelled,
    CaseIdentity,
    DocumentHeader,
    DocumentPart,
    OfficeIdentity,
    render_document,
    render_pdf,
)
from movdesk.reports.text import (
    NNBSP,
    fr_date,
    fr_duration,
    fr_long_date,
    fr_money,
    fr_time,
    quoted,
)

from .pdf_checks import all_text, assert_fonts_embedded, page_texts, reader
from .samples import CASE, OFFICE

FRENCH = f"Élément é è ç œ {quoted('citation')} 1{NNBSP}850,00 €"


def _header(case: CaseIdentity = CASE, **kwargs: object) -> DocumentHeader:
    return DocumentHeader("Feuille d'émargement", OFFICE, date(2026, 3, 2), case, **kwargs)  # type: ignore[arg-type]


def _long_story(rows: int) -> list:
    body = [[f"ligne {n}", ""] for n in range(1, rows + 1)]
    return [table(["Numéro", "Signature"], body, [40, 60], row_height_mm=14)]


def _png(width: int = 40, height: int = 20) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 60, 120)).save(out, "PNG")
    return out.getvalue()


def test_french_text_survives_and_every_font_is_embedded() -> None:
    data = render_document(_header(), [para(FRENCH), free_text(None)])
    text = all_text(data)
    for word in ("Élément", "é è ç œ", "«", "»", "€", "citation", "LC-2026-000123"):
        assert word in text
    # Drawn by the template (« Référent : »): the shipped font has U+202F.
    assert NNBSP in text
    assert "Mme Sophie DURAND" in text
    assert "1234567A" in text and "Claire Martin" in text
    assert "Non renseigné." in text
    assert_fonts_embedded(data)


def test_pages_are_numbered_within_each_part() -> None:
    other = CaseIdentity("LC-2026-000999", "Petit", "Jean", "7654321B", "Paul Roux", "M.")
    data = render_pdf(
        [DocumentPart(_header(), _long_story(40)), DocumentPart(_header(other), _long_story(3))]
    )
    texts = page_texts(data)
    first_part = [t for t in texts if "LC-2026-000123" in t]
    second_part = [t for t in texts if "LC-2026-000999" in t]
    total = len(first_part)
    assert total >= 2 and len(second_part) == 1
    for number, text in enumerate(first_part, start=1):
        assert f"Page {number} / {total}" in text
    assert "Page 1 / 1" in second_part[0]
    assert len(texts) == total + 1
    # Every row of the long table is there exactly once, on whichever page.
    joined = "\n".join(first_part)
    for n in range(1, 41):
        assert len(re.findall(rf"\bligne {n}\b", joined)) == 1, n


def test_the_same_data_gives_the_same_bytes() -> None:
    story = [para(FRENCH), signature_boxes(["Le bénéficiaire", "Le référent"])]
    assert render_document(_header(), story) == render_document(_header(), story)


def test_a_logo_is_drawn_and_a_broken_one_is_left_out() -> None:
    with_logo = OfficeIdentity(name="Bureau", logo=_png())
    data = render_document(
        DocumentHeader("Contrat", with_logo, date(2026, 3, 2), CASE), [para("x")]
    )
    page = reader(data).pages[0]
    assert "/XObject" in page["/Resources"]
    broken = OfficeIdentity(name="Bureau", logo=b"not an image")
    data = render_document(DocumentHeader("Contrat", broken, date(2026, 3, 2), CASE), [para("x")])
    assert "Bureau" in all_text(data)


def test_a_part_without_case_shows_its_own_band_and_reference() -> None:
    header = DocumentHeader(
        "Feuille d'émargement collective",
        OFFICE,
        date(2026, 3, 12),
        band_lines=("Regroupement du jeudi 12 mars 2026 à 09 h 30",),
        reference="Regroupement du 12/03/2026",
    )
    text = all_text(render_document(header, [para("x")]))
    assert "Regroupement du jeudi 12 mars 2026" in text
    assert "Regroupement du 12/03/2026" in text


def test_cancel_stops_between_parts_and_progress_counts_them() -> None:
    seen: list[tuple[int, int]] = []
    parts = [DocumentPart(_header(), [para(str(n))]) for n in range(3)]
    render_pdf(parts, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    with pytest.raises(Cancelled):
        render_pdf(parts, cancel=lambda: len(seen) > 0)


def test_french_formats() -> None:
    assert fr_date(date(2026, 3, 2)) == "02/03/2026"
    assert fr_long_date(date(2026, 3, 1)) == "dimanche 1er mars 2026"
    assert fr_time(time(9, 5)) == "09\u00a0h\u00a005"
    assert fr_duration(45) == "45\u00a0min"
    assert fr_duration(90) == "1\u00a0h\u00a030"
    assert fr_duration(120) == "2\u00a0h"
    assert fr_money(185_000) == f"1{NNBSP}850,00\u00a0€"
    assert fr_money(-5) == "-0,05\u00a0€"


def test_a_missing_font_file_is_a_french_error(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(fonts, "_registered", False)
    monkeypatch.setattr(fonts, "font_dir", lambda: tmp_path)
    with pytest.raises(UserError, match="DejaVuSans.ttf"):
        fonts.register_fonts()


def test_the_shipped_font_has_every_french_character() -> None:
    from reportlab.pdfbase.ttfonts import TTFont

    for filename in fonts.FONT_FILES.values():
        font = TTFont("probe", str(fonts.font_dir() / filename))
        covered = font.face.charToGlyph
        for char in "éèêàçœŒÉ«»€\u202f\u00a0’":
            assert ord(char) in covered, (filename, hex(ord(char)))
    assert (fonts.font_dir() / "LICENSE-DejaVu.txt").is_file()


def test_a_bare_canvas_is_not_needed_to_measure(tmp_path) -> None:
    # The stylesheet registers the fonts itself: a renderer never has to.
    canvas = Canvas(str(tmp_path / "x.pdf"))
    canvas.setFont(fonts.register_fonts(), 10)
    assert canvas.stringWidth("é", fonts.REGULAR, 10) > 0
    assert 10 * mm > 0


def test_a_story_may_be_made_when_its_part_is_reached() -> None:
    built: list[int] = []

    def story(n: int):
        def make():
            built.append(n)
            return _long_story(20 if n == 0 else 2)

        return make

    parts = [DocumentPart(_header(), story(n)) for n in range(3)]
    with pytest.raises(Cancelled):
        render_pdf(parts, cancel=lambda: len(built) >= 2)
    # The third part was never built: stopped when the second one started.
    assert built == [0, 1]
    built.clear()
    texts = page_texts(render_pdf(parts))
    assert built == [0, 1, 2]
    first = [t for t in texts if "ligne 20" in t or "ligne 1\n" in t]
    assert len(texts) >= 4 and "Page 1 / 1" in texts[-1] and first


def test_header_texts_too_long_shrink_then_are_cut_keeping_the_identifier() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from movdesk.reports.page import fitted

    fonts.register_fonts()
    assert fitted("Court", fonts.BOLD, 9, 100) == ("Court", 9)
    text, size = fitted("Un nom assez long pour réduire", fonts.BOLD, 12, 120)
    assert text == "Un nom assez long pour réduire" and 6 <= size < 12
    name = "Mme Marie-Charlotte DE LA TOUR D'AUVERGNE " * 4
    text, size = fitted(name, fonts.BOLD, 8.5, 250, keep=" — identifiant France Travail 1234567A")
    assert size == 6 and text.endswith("… — identifiant France Travail 1234567A")
    assert stringWidth(text, fonts.BOLD, size) <= 250
