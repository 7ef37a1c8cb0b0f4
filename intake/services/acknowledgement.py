"""The acknowledgement a sender gets for a message the registry received (PD16 paras 9-10).

One function queues every acknowledgement, in the outbox (``notices``), in the transaction
that records the message or the clerk's decision on it: the acknowledgement exists exactly
when the record does, and the notices worker sends it after commit, with retries. Its dedupe
key is the message and what became of it, so one message is acknowledged once on arrival and
once more only when a clerk decides it; a message read again is a duplicate, recorded nowhere,
and acknowledged never.

No acknowledgement loops (RFC 3834): automatic mail (Auto-Submitted, Precedence
bulk/list/junk, list headers, an empty return path) is never answered, nor is mail from the
registry's own addresses, and every acknowledgement carries ``Auto-Submitted: auto-replied``
(``notices.mail.build_message``).
"""

from __future__ import annotations

from django.conf import settings

from intake.models import InboundMessage
from notices.models import Notice
from notices.services.outbox import notice_queue
from practice_directions.models import EmailClass

WHAT_HAPPENED: dict[str, str] = {
    InboundMessage.Status.FILED: "It has been lodged as filing {filing} and is with a registry "
    "clerk for review.",
    InboundMessage.Status.PARTY_TO_CONFIRM: "It is with a registry clerk, who will confirm the "
    "party you act for before it is lodged.",
    InboundMessage.Status.UNMATCHED: "It could not be lodged as it stands; a registry clerk will "
    "read it. The problems are listed below.",
    InboundMessage.Status.REJECTED: "It has not been lodged.",
}


def should_acknowledge(inbound: InboundMessage) -> bool:
    if inbound.auto_generated or "@" not in inbound.sender:
        return False
    own = {a.casefold() for a in EmailClass.objects.values_list("address", flat=True)}
    own.add(settings.DEFAULT_FROM_EMAIL.casefold())
    own.add(settings.SERVER_EMAIL.casefold())
    return inbound.sender.casefold() not in own


def acknowledgement_text(inbound: InboundMessage) -> tuple[str, str]:
    # One line, whatever the sender's subject held: a header never carries a line break.
    plain = " ".join(inbound.subject.split())
    subject = f"Received: {plain[:200]}" if plain else "Message received"
    lines = [
        "The Industrial Registry received your message"
        + (f" of {inbound.sent_at:%d %B %Y %H:%M %Z}" if inbound.sent_at else "")
        + f' with the subject "{inbound.subject}".',
        "",
        WHAT_HAPPENED[inbound.status].format(
            filing=inbound.filing.reference if inbound.filing is not None else ""
        ),
    ]
    if inbound.status == InboundMessage.Status.REJECTED and inbound.decision_reason:
        lines.append(f"Reason: {inbound.decision_reason}")
    if inbound.attachments:
        lines += ["", "Attachments received:"]
        for attachment in inbound.attachments:
            verdict = "accepted for review" if attachment["acceptable"] else "not acceptable"
            lines.append(f"- {attachment['filename']} ({attachment['format']}): {verdict}")
    if inbound.problems:
        lines += ["", "What to fix:"]
        for problem in inbound.problems:
            where = f" (PD16 para {problem['paragraph']})" if problem.get("paragraph") else ""
            lines.append(f"- {problem['message']}{where}")
    lines += ["", "This acknowledgement was sent automatically; please do not reply to it."]
    return subject, "\n".join(lines) + "\n"


def acknowledgement_send(*, inbound: InboundMessage) -> Notice | None:
    """Queue the acknowledgement of ``inbound`` in the caller's transaction; None when the
    message must not be answered or was already acknowledged in its present state."""
    if not should_acknowledge(inbound):
        return None
    subject, body = acknowledgement_text(inbound)
    return notice_queue(
        kind=Notice.Kind.MAIL_ACKNOWLEDGED,
        matter=inbound.matter,
        filing=inbound.filing,
        to_address=inbound.sender,
        subject=subject,
        body=body,
        in_reply_to=inbound.message_id,
        dedupe_key=f"mail_acknowledged:{inbound.pk}:{inbound.status}",
    )
