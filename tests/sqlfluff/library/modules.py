"""Stand-in for dbt's `modules` context variable: the Python modules dbt exposes to
Jinja that the project's macros use (`modules.re` in imw_delivery_list)."""

import datetime  # noqa: F401
import re  # noqa: F401
