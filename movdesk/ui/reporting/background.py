"""Long work behind a progress dialog: the worker runs a plain function, the dialog shows
its progress and can cancel it, a message box says how it ended.

The main window's File menu and the reporting pages run their exports through this one
function, so that every long job looks and behaves the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from ...errors import UserError
from ..worker import Job, Worker, progress_dialog

log = logging.getLogger("movdesk")


def run_with_progress(
    parent: QWidget,
    text: str,
    job: Job,
    done: Callable[[Any], str],
    *,
    jobs: set[Worker] | None = None,
    finished: Callable[[str], None] | None = None,
) -> Worker:
    """Run ``job`` in a worker behind a progress dialog titled ``text``.

    ``done`` turns the job's result into the French message shown at the end; a
    :class:`UserError` is shown as it is, any other failure as an unexpected error.
    ``jobs`` keeps the worker while it runs (the window cancels them when it closes);
    ``finished`` hears the final message.
    """
    worker = Worker(job, parent)
    progress = progress_dialog(worker, text, parent)

    def end(message: str, *, failed: bool = False) -> None:
        progress.close()
        progress.deleteLater()
        if jobs is not None:
            jobs.discard(worker)
        worker.deleteLater()
        window = parent.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(" ".join(message.splitlines()[:2]), 10_000)
        if failed:
            QMessageBox.warning(parent, "movdesk", message)
        else:
            QMessageBox.information(parent, "movdesk", message)
        if finished is not None:
            finished(message)

    def on_failed(error: BaseException) -> None:
        if not isinstance(error, UserError):
            log.error("Travail en arrière-plan en échec", exc_info=error)
            end(f"{text} : une erreur inattendue s'est produite ({error}).", failed=True)
            return
        end(str(error), failed=True)

    worker.finished.connect(lambda result: end(done(result)))
    worker.failed.connect(on_failed)
    worker.cancelled.connect(lambda: end(f"{text} : annulé, rien n'a été modifié."))
    if jobs is not None:
        jobs.add(worker)
    worker.start()
    return worker
