"""What both sides' protocol pages share: the page's context, errors and the text download."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from filings.downloads import as_attachment
from filings.views.clerk.common import SummaryItem

from ..selectors import ProtocolState
from ..summary import protocol_summary, protocol_summary_text


def service_errors(error: ValidationError, anchor: str = "") -> list[SummaryItem]:
    """A service's refusal as lines of the error summary, each linking to the part concerned."""
    return [SummaryItem(message, f"#{anchor}" if anchor else "") for message in error.messages]


def render_protocol(
    request: HttpRequest,
    state: ProtocolState,
    *,
    role: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "protocols/protocol.html",
        {"state": state, "matter": state.matter, "role": role, **context},
        status=status,
    )


def render_summary(
    request: HttpRequest, state: ProtocolState, *, role: str, back: str, text_url: str
) -> HttpResponse:
    summary = protocol_summary(state, now=timezone.now())
    return render(
        request,
        "protocols/summary.html",
        {
            "summary": summary,
            "matter": state.matter,
            "role": role,
            "back": back,
            "text_url": text_url,
        },
    )


def summary_download(state: ProtocolState) -> HttpResponse:
    text = protocol_summary_text(protocol_summary(state, now=timezone.now()))
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    file_name = f"{state.matter.number.replace('/', '-')}_PN127-protocol.txt"
    return as_attachment(response, file_name)
