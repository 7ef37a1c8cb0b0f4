"""Reads for what the Commission has directed in a matter beyond para 7: the address directed
submissions may be e-mailed to (PD16 para 9)."""

from __future__ import annotations

from practice_directions.models import EmailClass
from practice_directions.rules.data import SUBMISSIONS_EMAIL_CLASS


def submissions_email_address() -> str:
    """PD16 para 9: where submissions may be e-mailed in a matter in which the Commission has
    directed that submissions of parties be filed (the client services address, editable in the
    admin as the "submissions" e-mail class). Empty when that class is missing, which the rules
    check reports as ``practice_directions.E001``."""
    address = (
        EmailClass.objects.filter(code=SUBMISSIONS_EMAIL_CLASS)
        .values_list("address", flat=True)
        .first()
    )
    return address or ""
