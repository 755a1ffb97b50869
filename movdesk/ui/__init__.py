"""The Qt windows of movdesk. The only package (with ``movdesk.app``) that imports PySide6."""
