"""Printing in the window: preview, print dialog, batches, the case's documents.

Any page that offers to print a document of a case calls
:func:`preview_case_document` (the document's options, then the preview window):

    from movdesk.ui.documents import preview_case_document
    preview_case_document(self.window(), desk, case_id, "intermediate")

Kinds: ``contract``, ``attendance``, ``intermediate``, ``final``, ``convocation``.
The package stays light to import: the printing modules (ReportLab, QtPdf) load when
a document is first printed.
"""

from __future__ import annotations

from typing import Any


def preview_case_document(
    parent: Any, desk: Any, case_id: int, kind: str, *, ask: bool = True
) -> Any:
    """See :func:`movdesk.ui.documents.options.preview_case_document`."""
    from .options import preview_case_document as preview

    return preview(parent, desk, case_id, kind, ask=ask)


__all__ = ["preview_case_document"]
