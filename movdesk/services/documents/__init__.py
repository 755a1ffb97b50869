"""Signable documents of a case: built from the database, rendered, recorded.

* :mod:`.printing` — :class:`~.printing.DocumentRequest` →
  :func:`~.printing.render_case_document` → :class:`~.printing.RenderedDocument`, the
  batches (month's sheets, intermediate reports due this week, a group session), and
  :func:`~.printing.deliver` / :func:`~.printing.save_pdf`, which record what left;
* :mod:`.records` — the case's documents marked signed or sent (closing the matching
  deadline), and the attached scans;
* :mod:`.report_texts` — the free texts of the reports, drafted and saved;
* :mod:`.settings` — Paramètres › Documents imprimés;
* :mod:`.builders`, :mod:`.sheets`, :mod:`.identity` — the data each renderer takes.
"""
