"""Registry clerks' workspace: matters and their records, lodgments taken at the counter or by
e-mail, the review queue, and deadlines. Every page needs the clerk role (``clerk_required``):
anonymous users go to sign-in, everyone else gets 404."""

from .deadlines import deadlines
from .lodgments import counter_lodgment, email_lodgment, email_subject_check
from .matters import dashboard, matter_detail, matter_list, matter_open_view
from .records import (
    certificate,
    direction_add,
    party_add,
    party_representation,
    practice_note,
    representative_link,
    representative_unlink,
    rule32_order_add,
    rule32_receipt,
)
from .review import (
    document_download,
    filing_accept,
    filing_detail,
    filing_list,
    filing_reject,
)

__all__ = [
    "certificate",
    "counter_lodgment",
    "dashboard",
    "deadlines",
    "direction_add",
    "document_download",
    "email_lodgment",
    "email_subject_check",
    "filing_accept",
    "filing_detail",
    "filing_list",
    "filing_reject",
    "matter_detail",
    "matter_list",
    "matter_open_view",
    "party_add",
    "party_representation",
    "practice_note",
    "representative_link",
    "representative_unlink",
    "rule32_order_add",
    "rule32_receipt",
]
