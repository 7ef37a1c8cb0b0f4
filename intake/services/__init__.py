"""Intake services: e-mail (``mailbox_ingest``), the clerks' mail queue, discs at the counter.

``acknowledgement_send`` is the one place acknowledgements are queued from (the outbox).
"""

from intake.services.acknowledgement import acknowledgement_send
from intake.services.mail import MessageOutcome, mailbox_ingest, message_ingest
from intake.services.queue import inbound_message_assign, inbound_message_reject

__all__ = [
    "MessageOutcome",
    "acknowledgement_send",
    "inbound_message_assign",
    "inbound_message_reject",
    "mailbox_ingest",
    "message_ingest",
]
