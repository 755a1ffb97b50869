"""The « Indicateurs » page: the monthly indicators with their charts, and compliance."""

# The pages package lists every page, this one included: loading it first lets a script
# import ``movdesk.ui.indicators.page`` directly without a circular import.
from .. import pages as _pages  # noqa: F401
