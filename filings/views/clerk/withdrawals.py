"""Pages that undo something on a matter without deleting it: withdrawing a para 7 direction or
waiver, or an application of PN127 (para 8), and closing or reopening the matter. Each shows
what it acts on with a short form (date and reason, or a reason) for the clerk to confirm, and
posts to one service call; refusals come back onto the form."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from audit.services import Actor
from filings.forms.clerk_matter import MatterClosingForm, WithdrawalForm
from filings.models import Direction, Matter, PracticeNoteApplication
from filings.selectors.lookups import direction_in_matter, practice_note_application_in_matter
from filings.services.matters import matter_close, matter_reopen
from filings.services.withdrawals import direction_withdraw, practice_note_application_withdraw
from registry.roles import clerk_required

from .common import any_matter_or_404
from .records import record_page


def _describe_direction(direction: Direction) -> str:
    what = direction.get_kind_display()
    due = f", to be filed by {direction.due_on:%d/%m/%Y}" if direction.due_on else ""
    return (
        f"{what} made by {direction.get_made_by_display().lower()} on "
        f"{direction.made_on:%d/%m/%Y}{due}."
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def direction_withdraw_view(request: HttpRequest, matter: str, direction: int) -> HttpResponse:
    record = any_matter_or_404(matter)
    try:
        target = direction_in_matter(record, direction)
    except Direction.DoesNotExist:
        raise Http404("No such direction in this matter.") from None
    target.matter = record

    def save(data: dict[str, Any]) -> str:
        direction_withdraw(
            direction=target,
            withdrawn_on=data["withdrawn_on"],
            reason=data["reason"],
            actor=Actor.from_request(request),
        )
        return (
            f"Withdrawn as from {data['withdrawn_on']:%d/%m/%Y}: {_describe_direction(target)} "
            "The practitioners of the parties it bound will be told."
        )

    return record_page(
        request,
        matter=record,
        form=WithdrawalForm(request.POST or None),
        save=save,
        heading="Withdraw a direction or waiver (PD16 para 7)",
        intro=f"{_describe_direction(target)} Once withdrawn it binds no party and falls due "
        "nowhere; it stays on the matter's record, marked withdrawn.",
        submit="Withdraw it",
        fragment="directions",
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def practice_note_withdraw_view(
    request: HttpRequest, matter: str, application: int
) -> HttpResponse:
    record = any_matter_or_404(matter)
    try:
        target = practice_note_application_in_matter(record, application)
    except PracticeNoteApplication.DoesNotExist:
        raise Http404("No such application of PN127 in this matter.") from None
    target.matter = record
    described = (
        f"Practice Note 127 applied {target.get_extent_display().lower()} by "
        f"{target.get_made_by_display().lower()} on {target.applied_on:%d/%m/%Y}."
    )

    def save(data: dict[str, Any]) -> str:
        practice_note_application_withdraw(
            application=target,
            withdrawn_on=data["withdrawn_on"],
            reason=data["reason"],
            actor=Actor.from_request(request),
        )
        return (
            f"Withdrawn as from {data['withdrawn_on']:%d/%m/%Y}: {described} Every party's "
            "practitioners will be told."
        )

    return record_page(
        request,
        matter=record,
        form=WithdrawalForm(request.POST or None),
        save=save,
        heading="Withdraw the application of Practice Note 127 (PD16 para 8)",
        intro=f"{described} Once withdrawn, PN127 applies to the matter only through another "
        "application still in force; this one stays on the record, marked withdrawn.",
        submit="Withdraw it",
        fragment="practice-note",
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def matter_close_view(request: HttpRequest, matter: str) -> HttpResponse:
    record = any_matter_or_404(matter)

    def save(data: dict[str, Any]) -> str:
        matter_close(matter=record, reason=data["reason"], actor=Actor.from_request(request))
        return f"{record.number} is closed: nothing more is lodged or recorded in it."

    return record_page(
        request,
        matter=record,
        form=MatterClosingForm(request.POST or None),
        save=save,
        heading="Close the matter",
        intro="Once closed, nothing is lodged in the matter on any channel and nothing more is "
        "recorded in it until it is reopened. Filings still awaiting review must be accepted "
        "or rejected first.",
        submit="Close the matter",
        fragment="",
    )


@clerk_required
@require_http_methods(["GET", "POST"])
def matter_reopen_view(request: HttpRequest, matter: str) -> HttpResponse:
    record = any_matter_or_404(matter)
    closed = ""
    if record.status == Matter.Status.CLOSED and record.closed_at is not None:
        closed = f"Closed on {timezone.localtime(record.closed_at):%d/%m/%Y}. "

    def save(data: dict[str, Any]) -> str:
        matter_reopen(matter=record, reason=data["reason"], actor=Actor.from_request(request))
        return f"{record.number} is open again."

    return record_page(
        request,
        matter=record,
        form=MatterClosingForm(request.POST or None),
        save=save,
        heading="Reopen the matter",
        intro=f"{closed}Once reopened, filings may be lodged and records made in the matter again.",
        submit="Reopen the matter",
        fragment="",
    )
