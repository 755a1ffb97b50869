"""The « Paiements » page: tranches, supporting documents, invoices and the forecast."""

# The pages package lists every page, this one included: loading it first lets a script
# import ``movdesk.ui.payments.page`` directly without a circular import.
from .. import pages as _pages  # noqa: F401
