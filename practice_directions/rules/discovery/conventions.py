"""The conventions a matter's protocol fixes for its discovery lists, with PN127's defaults.

Where the parties have not agreed otherwise, PN127 para 15 makes the Technology Check List's
defaults apply as a minimum standard; those defaults are the values below:

- Document ID in the form ``AAA.NNN.NNN.NNNN`` (Recommended Fields: Document id);
- undated documents left blank (Recommended Fields: Date, "the date field may be left blank");
- images as single-page TIFF (Check List, Document Inspection: "TIFF single **"), scanned at
  around 200 dpi (Schedule (a));
- the six default fields (Schedule (d)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from .fields import DEFAULT_FIELD_COLUMNS

DEFAULT_DOCUMENT_ID_PATTERN = r"^[A-Z]{3}\.\d{3}\.\d{3}\.\d{4}$"
UNDATED_BLANK = ""
UNDATED_1801 = "01/Jan/1801"


@dataclass(frozen=True)
class ListConventions:
    """``undated`` is "" (left blank) or the agreed date string for undated documents;
    ``fields_in_use`` are Recommended Field names whose columns the list must carry (the
    default fields are always required whatever is given here)."""

    document_id_pattern: str = DEFAULT_DOCUMENT_ID_PATTERN
    undated: str = UNDATED_BLANK
    tiff_multi_page: bool = False
    image_dpi: int = 200
    fields_in_use: tuple[str, ...] = field(default=DEFAULT_FIELD_COLUMNS)

    @cached_property
    def document_id_regex(self) -> re.Pattern[str]:
        return re.compile(self.document_id_pattern)

    @property
    def undated_description(self) -> str:
        return "left blank" if self.undated == UNDATED_BLANK else f"coded {self.undated}"


PN127_DEFAULTS = ListConventions()
