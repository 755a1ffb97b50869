"""The case file window (dossier): one window per case, with its sections."""

from .window import CaseFileWindow, open_case_file, open_windows

__all__ = ["CaseFileWindow", "open_case_file", "open_windows"]
