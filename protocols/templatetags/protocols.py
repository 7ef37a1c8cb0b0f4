"""``{% pn127_panel matter role %}``: PN127 on a matter's page (clerk or practitioner).

The matter pages belong to ``filings``; this tag lets them show the protocol's link and the
guidance of PN127 paras 11, 13 and 14 with one line, reading through ``protocols.selectors``.
"""

from __future__ import annotations

from typing import Any

from django import template

from filings.selectors.access import matter_slug
from practice_directions.rules.pn127_protocol import DOCUMENT_THRESHOLD

from ..selectors import pn127_panel

register = template.Library()


@register.inclusion_tag("protocols/_matter_panel.html")
def pn127_panel_for(matter: Any, role: str) -> dict[str, Any]:
    return {
        "panel": pn127_panel(matter),
        "matter": matter,
        "role": role,
        "slug": matter_slug(matter.number),
        "threshold": DOCUMENT_THRESHOLD,
    }
