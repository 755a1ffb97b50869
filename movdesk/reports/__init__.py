"""Printable documents (ReportLab) and CSV exports; they return bytes or text, never widgets."""
