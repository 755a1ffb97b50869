"""The shared page template of every printed document: header, footer, page x / y.

A document is one or more :class:`DocumentPart` (a header and the flowables of its
body); :func:`render_pdf` lays them out on A4 and returns the PDF bytes. Each part
starts on a new page and numbers its own pages (« Page 2 / 3 »), so a batch of
attendance sheets is one PDF whose every sheet reads as a document of its own.

Every page carries, drawn by the template (geometry in mm):

* first page of a part, at the top: the office (logo if set, name, address, SIRET,
  market number, phone and e-mail), then the document's title and subtitle, then a
  band with the case: order number, beneficiary with the France Travail identifier,
  referent, and the document's date (« form » layout). The « letter » layout stops
  after the office: the letter writes its addressee and references itself;
* later pages: a one-line header (office, title) under which the body continues;
* every page, at the bottom: the case reference (order number and beneficiary, or
  the part's own reference), the document's date and « Page x / y ».

Renderers stay pure: plain dataclasses in, bytes out; no Qt, no database session.
The same data always gives the same bytes (ReportLab's invariant mode: no creation
time, no random identifier), so a document's hash identifies what was printed.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LayoutError,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)

from ..errors import UserError
from ..rules.text import printable
from .fonts import BOLD, REGULAR, register_fonts
from .styles import ACCENT, FILL, MUTED, RULE
from .text import NNBSP, fr_date

PAGE_WIDTH, PAGE_HEIGHT = A4
#: Page margins, in points (set in mm).
MARGIN_LEFT = 18 * mm
MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 16 * mm
#: Width available to the body.
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT

#: Heights of the header blocks of a first page.
OFFICE_HEIGHT = 24 * mm
TITLE_HEIGHT = 13 * mm
BAND_HEIGHT = 15 * mm
#: Height of the header of later pages.
LATER_HEIGHT = 10 * mm
#: Room for the footer under the body.
FOOTER_HEIGHT = 8 * mm
#: Largest logo drawn, in points.
LOGO_MAX_WIDTH = 38 * mm
LOGO_MAX_HEIGHT = OFFICE_HEIGHT - 4 * mm

Layout = Literal["form", "letter"]


@dataclass(frozen=True)
class OfficeIdentity:
    """The provider office as every document shows it (from the office settings)."""

    name: str
    address: str | None = None
    siret: str | None = None
    market_number: str | None = None
    phone: str | None = None
    email: str | None = None
    #: The office's logo as PNG or JPEG bytes, or None.
    logo: bytes | None = None


@dataclass(frozen=True)
class CaseIdentity:
    """Who a case document is about: the order, the beneficiary, the referent."""

    order_number: str
    last_name: str
    first_name: str
    pe_id: str
    referent: str
    #: ``Mme`` or ``M.``, when known.
    civility: str | None = None

    @property
    def beneficiary(self) -> str:
        """``Mme Sophie DURAND``."""
        name = f"{self.first_name} {self.last_name.upper()}"
        return f"{self.civility} {name}" if self.civility else name

    @property
    def reference(self) -> str:
        """``Dossier LC-2026-000123 · Sophie DURAND``, the footer of every page."""
        return f"Dossier {self.order_number} · {self.first_name} {self.last_name.upper()}"

    @property
    def initial(self) -> str:
        """``S.``: the first name shortened, so that a long one never hides the last name."""
        first = self.first_name.strip()
        return f"{first[0]}." if first else ""

    @property
    def short_beneficiary(self) -> str:
        """``Mme S. DURAND``: the beneficiary when the whole name does not fit."""
        name = " ".join(p for p in (self.initial, self.last_name.upper()) if p)
        return f"{self.civility} {name}" if self.civility else name

    @property
    def short_reference(self) -> str:
        """``Dossier LC-2026-000123 · S. DURAND``."""
        name = " ".join(p for p in (self.initial, self.last_name.upper()) if p)
        return f"Dossier {self.order_number} · {name}"


@dataclass(frozen=True)
class DocumentHeader:
    """What the template draws around one part: title, office, case, date."""

    title: str
    office: OfficeIdentity
    document_date: date
    case: CaseIdentity | None = None
    #: A line under the title (a period, « Exemplaire du bénéficiaire »…).
    subtitle: str | None = None
    #: The footer reference when the part is not about one case (a group session).
    reference: str | None = None
    #: Lines of the band when there is no case (the group session's date and referent).
    band_lines: tuple[str, ...] = ()
    layout: Layout = "form"

    @property
    def footer_reference(self) -> str:
        if self.reference:
            return self.reference
        return self.case.reference if self.case is not None else ""

    @property
    def short_footer_reference(self) -> tuple[str, ...]:
        """The footer reference shortened (the first name's initial), when it has one."""
        if self.reference or self.case is None:
            return ()
        return (self.case.short_reference,)


#: The body of a part: its flowables, or a function that makes them when the part
#: is reached (a batch of thousands of sheets then holds one sheet's flowables at a time).
Story = Sequence[Flowable] | Callable[[], Sequence[Flowable]]


@dataclass(frozen=True)
class DocumentPart:
    """One document inside a PDF: its header and the flowables of its body."""

    header: DocumentHeader
    story: Story = field(default_factory=tuple)

    def flowables(self) -> Sequence[Flowable]:
        return self.story() if callable(self.story) else self.story


def copy_subtitle(copy: str, header: DocumentHeader) -> str:
    """« Exemplaire du bénéficiaire — <the header's own subtitle> »."""
    return " — ".join(part for part in (copy, header.subtitle) if part)


class Cancelled(Exception):
    """Raised inside a build when the caller's ``cancel()`` turned true."""


#: ``progress(parts_done, parts_total)`` and ``cancel() -> bool``, as the worker gives.
Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


def first_frame_top(layout: Layout) -> float:
    """Where the body starts on the first page of a part (points from the bottom)."""
    top = PAGE_HEIGHT - MARGIN_TOP - OFFICE_HEIGHT
    if layout == "form":
        top -= TITLE_HEIGHT + BAND_HEIGHT + 3 * mm
    return top - 3 * mm


def body_height(*, first: bool, layout: Layout = "form") -> float:
    """The height of the body frame, for a renderer that sizes its rows to the page."""
    top = first_frame_top(layout) if first else PAGE_HEIGHT - MARGIN_TOP - LATER_HEIGHT - 2 * mm
    return top - (MARGIN_BOTTOM + FOOTER_HEIGHT)


class _PartStart(Flowable):
    """Zero-size mark at the top of a part: tells the canvas which part it is drawing,
    and hands the next part's flowables to the story (see :func:`render_pdf`)."""

    def __init__(self, index: int, on_start: Callable[[int], None]) -> None:
        super().__init__()
        self.index = index
        self._on_start = on_start
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._movdesk_part = self.index  # type: ignore[attr-defined]
        self._on_start(self.index)


class _ChromeCanvas(Canvas):
    """A canvas that holds the pages of the part under way, to draw « Page x / y ».

    A part's pages are finished (header, footer with its page count) once the next part
    starts, or at the end: only one part's pages are ever held.
    """

    parts: Sequence[DocumentPart] = ()
    logos: dict[int, ImageReader] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._movdesk_part = 0
        self._held: list[tuple[int, dict[str, Any]]] = []

    def _state(self) -> dict[str, Any]:
        """The page's drawing state, without the list of held pages itself."""
        return {key: value for key, value in self.__dict__.items() if key != "_held"}

    def showPage(self) -> None:  # noqa: N802 - ReportLab override
        if self._held and self._held[0][0] != self._movdesk_part:
            # The page just laid out belongs to a new part: the previous one is complete.
            current = self._state()
            self._flush()
            self.__dict__.update(current)
        self._held.append((self._movdesk_part, self._state()))
        self._startPage()

    def _flush(self) -> None:
        """Finish the held pages: their header and footer, then out to the file."""
        held, self._held = self._held, []
        total = len(held)
        for number, (part, state) in enumerate(held, start=1):
            self.__dict__.update(state)
            _draw_chrome(self, self.parts[part], number, total)
            super().showPage()

    def save(self) -> None:
        self._flush()
        super().save()


#: Smallest size a header text shrinks to before it is cut with « … ».
_SMALLEST = 6.0


def fitted(
    text: str,
    font: str,
    size: float,
    width: float,
    keep: str = "",
    shorter: Sequence[str] = (),
) -> tuple[str, float]:
    """``text + keep`` and the size it is drawn at to fit ``width``: smaller, down to 6
    points, then each of the ``shorter`` forms of ``text`` (a name with its first name's
    initial), then the last form cut with « … » (a name of a hundred letters must not run
    off the page); ``keep`` (an identifier) is never cut."""
    while size > _SMALLEST and stringWidth(text + keep, font, size) > width:
        size = max(size - 0.5, _SMALLEST)
    if stringWidth(text + keep, font, size) <= width:
        return text + keep, size
    for form in shorter:
        text = form
        if stringWidth(text + keep, font, size) <= width:
            return text + keep, size
    while text and stringWidth(text + "…" + keep, font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…" + keep, size


def _draw(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    width: float,
    align: str = "left",
    keep: str = "",
    shorter: Sequence[str] = (),
) -> None:
    """Draw ``text`` (then ``keep``, never cut) within ``width`` from ``x`` (or ending
    at ``x``, or centred on it); ``shorter`` forms of ``text`` come before any cut."""
    forms = [printable(form, multiline=False) for form in shorter]
    shown, shown_size = fitted(printable(text, multiline=False), font, size, width, keep, forms)
    canvas.setFont(font, shown_size)
    if align == "right":
        canvas.drawRightString(x, y, shown)
    elif align == "center":
        canvas.drawCentredString(x, y, shown)
    else:
        canvas.drawString(x, y, shown)


def _draw_office(canvas: Canvas, office: OfficeIdentity, logo: ImageReader | None) -> None:
    top = PAGE_HEIGHT - MARGIN_TOP
    x = MARGIN_LEFT
    if logo is not None:
        width, height = logo.getSize()
        scale = min(LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height)
        canvas.drawImage(logo, x, top - height * scale, width * scale, height * scale, mask="auto")
        x += width * scale + 5 * mm
    room = PAGE_WIDTH - MARGIN_RIGHT - x
    canvas.setFillColor(ACCENT)
    _draw(canvas, x, top - 11, office.name or "Bureau prestataire", BOLD, 12, room)
    canvas.setFillColor(MUTED)
    lines = [line.strip() for line in (office.address or "").splitlines() if line.strip()]
    ids = [
        f"SIRET {office.siret}" if office.siret else "",
        f"Marché n° {office.market_number}" if office.market_number else "",
    ]
    contact = [f"Tél. {office.phone}" if office.phone else "", office.email or ""]
    lines += [" · ".join(p for p in ids if p), " · ".join(p for p in contact if p)]
    y = top - 22
    for line in [line for line in lines if line][:5]:
        _draw(canvas, x, y, line, REGULAR, 8, room)
        y -= 9.5


def _draw_title(canvas: Canvas, header: DocumentHeader) -> float:
    """The title and subtitle under the office; returns the y under them."""
    y = PAGE_HEIGHT - MARGIN_TOP - OFFICE_HEIGHT
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN_LEFT, y, PAGE_WIDTH - MARGIN_RIGHT, y)
    canvas.setFillColor(ACCENT)
    _draw(canvas, MARGIN_LEFT, y - 17, header.title, BOLD, 14, CONTENT_WIDTH)
    if header.subtitle:
        canvas.setFillColor(MUTED)
        _draw(canvas, MARGIN_LEFT, y - 29, header.subtitle, REGULAR, 9, CONTENT_WIDTH)
    return y - TITLE_HEIGHT


def _band_lines(header: DocumentHeader) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """The (caption, value, part of the value never cut, shorter forms of the value)
    lines of the band."""
    case = header.case
    if case is None:
        return [("", line, "", ()) for line in header.band_lines]
    return [
        ("N° de commande", case.order_number, "", ()),
        (
            "Bénéficiaire",
            case.beneficiary,
            f" — identifiant France Travail {case.pe_id}",
            (case.short_beneficiary,),
        ),
        ("Référent", case.referent, "", ()),
    ]


def _draw_band(canvas: Canvas, header: DocumentHeader, top: float) -> None:
    bottom = top - BAND_HEIGHT
    canvas.setFillColor(FILL)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.rect(MARGIN_LEFT, bottom, CONTENT_WIDTH, BAND_HEIGHT, stroke=1, fill=1)
    y = top - 11
    for caption, value, keep, shorter in _band_lines(header)[:3]:
        x = MARGIN_LEFT + 3 * mm
        canvas.setFillColor(MUTED)
        if caption:
            canvas.setFont(REGULAR, 8)
            canvas.drawString(x, y, f"{caption}{NNBSP}:")
            x += 28 * mm
        canvas.setFillColor(ACCENT if caption == "Bénéficiaire" else "#000000")
        # The date sits at the right of the band: the values stop before it.
        room = MARGIN_LEFT + CONTENT_WIDTH - 30 * mm - x
        _draw(canvas, x, y, value, BOLD, 8.5, room, keep=keep, shorter=shorter)
        y -= 12.5
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(
        PAGE_WIDTH - MARGIN_RIGHT - 3 * mm,
        top - 11,
        f"Date{NNBSP}: {fr_date(header.document_date)}",
    )


def _draw_later_header(canvas: Canvas, header: DocumentHeader) -> None:
    y = PAGE_HEIGHT - MARGIN_TOP - 8
    canvas.setFillColor(ACCENT)
    _draw(canvas, MARGIN_LEFT, y, header.title, BOLD, 9, CONTENT_WIDTH * 0.55)
    canvas.setFillColor(MUTED)
    right = PAGE_WIDTH - MARGIN_RIGHT
    _draw(canvas, right, y, header.office.name, REGULAR, 8, CONTENT_WIDTH * 0.42, "right")
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_LEFT, y - 5, PAGE_WIDTH - MARGIN_RIGHT, y - 5)


def _draw_footer(canvas: Canvas, header: DocumentHeader, number: int, total: int) -> None:
    y = MARGIN_BOTTOM
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_LEFT, y + 9, PAGE_WIDTH - MARGIN_RIGHT, y + 9)
    canvas.setFillColor(MUTED)
    # Reference (80 mm), the document and its date (64 mm), the page number (the rest).
    reference, shorter = header.footer_reference, header.short_footer_reference
    _draw(canvas, MARGIN_LEFT, y, reference, REGULAR, 7.5, 80 * mm, shorter=shorter)
    what = f"{header.title} du {fr_date(header.document_date)}"
    _draw(canvas, MARGIN_LEFT + 114 * mm, y, what, REGULAR, 7.5, 64 * mm, "center")
    _draw(
        canvas, PAGE_WIDTH - MARGIN_RIGHT, y, f"Page {number} / {total}", BOLD, 8, 28 * mm, "right"
    )


def _draw_chrome(canvas: _ChromeCanvas, part: DocumentPart, number: int, total: int) -> None:
    header = part.header
    canvas.saveState()
    if number == 1:
        logo = canvas.logos.get(id(header.office.logo)) if header.office.logo else None
        _draw_office(canvas, header.office, logo)
        if header.layout == "form":
            under_title = _draw_title(canvas, header)
            _draw_band(canvas, header, under_title)
    else:
        _draw_later_header(canvas, header)
    _draw_footer(canvas, header, number, total)
    canvas.restoreState()


def _logo_readers(parts: Sequence[DocumentPart]) -> dict[int, ImageReader]:
    """One reader per distinct logo; an unreadable image is left out, not fatal."""
    readers: dict[int, ImageReader] = {}
    for part in parts:
        logo = part.header.office.logo
        if logo and id(logo) not in readers:
            try:
                reader = ImageReader(io.BytesIO(logo))
                reader.getSize()
            except Exception:  # noqa: BLE001 - a damaged logo must not stop the printing
                continue
            readers[id(logo)] = reader
    return readers


def _templates(first: Layout) -> list[PageTemplate]:
    """The page templates, the first part's first: it is the one page 1 uses."""
    later_top = PAGE_HEIGHT - MARGIN_TOP - LATER_HEIGHT - 2 * mm
    bottom = MARGIN_BOTTOM + FOOTER_HEIGHT

    def frame(name: str, top: float) -> Frame:
        return Frame(
            MARGIN_LEFT,
            bottom,
            CONTENT_WIDTH,
            top - bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id=name,
        )

    firsts = [
        PageTemplate(name, [frame(name, first_frame_top(name))], autoNextPageTemplate="later")
        for name in ("form", "letter")
    ]
    firsts.sort(key=lambda template: template.id != first)
    return [*firsts, PageTemplate("later", [frame("later", later_top)])]


def render_pdf(
    parts: Sequence[DocumentPart],
    *,
    title: str | None = None,
    author: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> bytes:
    """Lay ``parts`` out, one after the other, and return the PDF's bytes.

    ``progress(done, total)`` hears each part as it starts; ``cancel()`` is asked at
    the same moments and stops the build with :class:`Cancelled`.
    """
    if not parts:
        raise ValueError("render_pdf needs at least one part")
    register_fonts()
    total = len(parts)

    def on_start(index: int) -> None:
        """Progress and cancel, as each part starts."""
        if cancel is not None and cancel():
            raise Cancelled
        if progress is not None:
            progress(index, total)

    # The story holds one part at a time: each part's mark, once drawn, appends the
    # next part (ReportLab consumes the list it is given from the front).
    story: list[Flowable] = []

    def on_mark(index: int) -> None:
        on_start(index)
        following = index + 1
        if following < total:
            part = parts[following]
            story.extend([NextPageTemplate(part.header.layout), PageBreak()])
            story.append(_PartStart(following, on_mark))
            story.extend(part.flowables())

    story.append(_PartStart(0, on_mark))
    story.extend(parts[0].flowables())

    logos = _logo_readers(parts)

    class Chrome(_ChromeCanvas):
        pass

    Chrome.parts = parts
    Chrome.logos = logos
    buffer = io.BytesIO()
    first = parts[0].header
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title or first.title,
        author=author or first.office.name,
        creator="movdesk",
        invariant=1,
        initialFontName=REGULAR,
        pageTemplates=_templates(first.layout),
    )
    try:
        doc.build(story, canvasmaker=Chrome)
    except LayoutError as error:
        # Every block of the documents splits or fits a page; should one still not
        # (a text no form limits), the user gets words instead of a traceback.
        raise UserError(
            f"« {title or first.title} » ne peut pas être mis en page : un de ses éléments "
            "ne tient pas sur une page, même seul. Raccourcissez le texte en cause ; rien "
            "n'a été imprimé."
        ) from error
    if progress is not None:
        progress(total, total)
    return buffer.getvalue()


def render_document(header: DocumentHeader, story: Sequence[Flowable]) -> bytes:
    """A PDF of one part: the common case of a single document."""
    return render_pdf([DocumentPart(header, story)])
