"""A real SMTP server for the tests (aiosmtpd), started once per session on a free port of
127.0.0.1. It keeps every message it accepts, and can be told to refuse the next few with a
temporary failure (451), as a busy mail relay does, to show the outbox's retries."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

TEMPORARY_FAILURE = "451 4.3.0 Mail server busy, try again later"
PERMANENT_FAILURE = "554 5.7.1 Message refused"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class RecordingHandler:
    """aiosmtpd handler: accepts and keeps each message, unless told to refuse it."""

    received: list[Received] = field(default_factory=list)
    refusals_left: int = 0
    refusal: str = TEMPORARY_FAILURE
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:  # the name aiosmtpd calls
        with self.lock:
            if self.refusals_left > 0:
                self.refusals_left -= 1
                self.refused += 1
                return self.refusal
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"


@dataclass
class SmtpServer:
    host: str
    port: int
    handler: RecordingHandler

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def refuse_next(self, count: int, reply: str = TEMPORARY_FAILURE) -> None:
        """Refuse the next ``count`` messages with ``reply`` (by default 451, temporary)."""
        with self.handler.lock:
            self.handler.refusals_left = count
            self.handler.refusal = reply

    def reset(self) -> None:
        with self.handler.lock:
            self.handler.received.clear()
            self.handler.refusals_left = 0
            self.handler.refusal = TEMPORARY_FAILURE
            self.handler.refused = 0


def _free_tcp_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    handler = RecordingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_tcp_port())
    controller.start()
    try:
        yield SmtpServer(controller.hostname, controller.port, handler)
    finally:
        controller.stop()


@pytest.fixture
def smtp(smtp_server: SmtpServer, settings) -> SmtpServer:
    """Django's SMTP backend pointed at the session's server, emptied for this test."""
    smtp_server.reset()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp_server.host
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return smtp_server
