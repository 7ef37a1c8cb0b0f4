"""PN127 electronic discovery lists (paras 11-21, Schedule (a)-(d) and the Recommended Fields)
as data plus pure functions: no ORM, request or clock.

- ``fields``: the Recommended Fields, their lengths and header spellings, the default fields;
- ``conventions``: ``ListConventions``, what a matter's protocol fixes (PN127 defaults);
- ``ListValidator``: a list checked row by row with bounded memory (``validator``);
- ``dates``: the Date field's ``DD/MMM/YYYY`` rule;
- ``verification``: the para 19 wording for a list verified by reference to its service.
"""

from .conventions import (
    DEFAULT_DOCUMENT_ID_PATTERN,
    PN127_DEFAULTS,
    UNDATED_1801,
    UNDATED_BLANK,
    ListConventions,
)
from .dates import check_date, format_date
from .fields import (
    DEFAULT_FIELDS,
    FIELDS_BY_NAME,
    RECOMMENDED_FIELDS,
    DefaultField,
    RecommendedField,
    match_header,
)
from .header import Header, read_header
from .problems import CODES, ERROR, WARNING, ListProblem
from .report import ListReport
from .validator import ListValidator, person_list_ok, validate_rows
from .verification import MEDIA, Service, para19_wording

__all__ = [
    "CODES",
    "DEFAULT_DOCUMENT_ID_PATTERN",
    "DEFAULT_FIELDS",
    "ERROR",
    "FIELDS_BY_NAME",
    "MEDIA",
    "PN127_DEFAULTS",
    "RECOMMENDED_FIELDS",
    "UNDATED_1801",
    "UNDATED_BLANK",
    "WARNING",
    "DefaultField",
    "Header",
    "ListConventions",
    "ListProblem",
    "ListReport",
    "ListValidator",
    "RecommendedField",
    "Service",
    "check_date",
    "format_date",
    "match_header",
    "para19_wording",
    "person_list_ok",
    "read_header",
    "validate_rows",
]
