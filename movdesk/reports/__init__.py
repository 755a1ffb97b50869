"""Printable documents (ReportLab) and CSV exports; they return bytes or text, never widgets.

The printed documents share one foundation, meant for every PDF movdesk makes:

* :mod:`.fonts` — :func:`~.fonts.register_fonts` and the font names (DejaVu Sans,
  shipped in ``resources/fonts``, embedded in every PDF);
* :mod:`.styles` — :func:`~.styles.stylesheet`, the named paragraph styles, and the
  colours (chosen to print in grey);
* :mod:`.page` — the plain header data (:class:`~.page.OfficeIdentity`,
  :class:`~.page.CaseIdentity`, :class:`~.page.DocumentHeader`), a
  :class:`~.page.DocumentPart` per document and :func:`~.page.render_pdf` (A4, office
  header, case band, « Page x / y » and the case reference on every page; geometry in
  mm; the same data gives the same bytes);
* :mod:`.blocks` — tables whose rows never split, label/value blocks, free texts,
  signature boxes;
* :mod:`.text` — French dates, times, durations and money (``fr_date``, ``fr_money``…).

A renderer is one module per document: a pure function from a frozen dataclass to
PDF bytes (no Qt, no database session); the services build the dataclasses.
"""
