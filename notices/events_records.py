"""Notices for what a clerk records on a matter: a para 7 direction or waiver (and its
withdrawal), Practice Note 127 applied (para 8) or withdrawn, the Commission's direction for
submissions (para 9), and the Office of Industrial Relations' notice on receipt of a Rule 32
award (para 11).

Called inside the recording service's transaction; the notices go after commit.
"""

from __future__ import annotations

from django.utils import timezone

from filings.models import Direction, Filing, Matter, PracticeNoteApplication, Rule32Order
from notices.models import Notice
from notices.recipients import practitioners_of
from notices.services.outbox import notice_queue
from notices.text import day, matter_path, subject_for, with_link
from practice_directions.rules import long_date


def _to_practitioners(
    *, matter: Matter, party_ids: list[int] | None, kind: str, what: str, lines: list[str], key: str
) -> list[Notice]:
    body, html = with_link(lines, matter_path(matter))
    queued = [
        notice_queue(
            kind=kind,
            recipient=user,
            matter=matter,
            subject=subject_for(matter, what),
            body=body,
            html_body=html,
            link=matter_path(matter),
            dedupe_key=f"{key}:{user.pk}",
        )
        for user in practitioners_of(matter=matter, party_ids=party_ids)
    ]
    return [n for n in queued if n is not None]


def notify_direction_recorded(*, direction: Direction) -> list[Notice]:
    """A para 7 direction or waiver, to the practitioners of the parties it binds (every
    party when it names none)."""
    matter = direction.matter
    parties = list(direction.parties.all())
    kinds = [k.name for k in direction.document_kinds.all()]
    waiver = direction.kind == Direction.Kind.WAIVE
    if waiver:
        what = "Waiver recorded (PD16 para 7)"
        action = "waived the obligation to file documents in computer-readable format"
    elif direction.serve:
        what = "Direction to file and serve (PD16 para 7)"
        action = "directed that documents be filed and served in computer-readable format"
    else:
        what = "Direction to file (PD16 para 7)"
        action = "directed that documents be filed in computer-readable format"
    lines = [
        f"On {day(direction.made_on)} {direction.get_made_by_display().lower()} {action} "
        f"in {matter.number} {matter.abbreviated_title}.",
        "",
        "Binds: " + (", ".join(p.name for p in parties) if parties else "every party"),
        "Documents: " + (", ".join(kinds) if kinds else "all documentation"),
    ]
    if direction.scope:
        lines.append(f"Terms: {direction.scope}")
    return _to_practitioners(
        matter=matter,
        party_ids=[p.pk for p in parties] or None,
        kind=Notice.Kind.WAIVER_RECORDED if waiver else Notice.Kind.DIRECTION_RECORDED,
        what=what,
        lines=lines,
        key=f"direction:{direction.pk}",
    )


def notify_direction_withdrawn(*, direction: Direction) -> list[Notice]:
    """A para 7 direction or waiver withdrawn, to the practitioners of the parties it bound
    (every party when it named none): what no longer binds them, from when, and why."""
    matter = direction.matter
    parties = list(direction.parties.all())
    kinds = [k.name for k in direction.document_kinds.all()]
    waiver = direction.kind == Direction.Kind.WAIVE
    thing = "waiver" if waiver else "direction"
    withdrawn_on = direction.withdrawn_on
    if withdrawn_on is None:
        raise ValueError("Only a withdrawn direction has a withdrawal to tell of.")
    lines = [
        f"The {thing} made by {direction.get_made_by_display().lower()} on "
        f"{day(direction.made_on)} in {matter.number} {matter.abbreviated_title} was withdrawn "
        f"on {day(withdrawn_on)} (PD16 para 7).",
        "",
        "It bound: " + (", ".join(p.name for p in parties) if parties else "every party"),
        "Documents: " + (", ".join(kinds) if kinds else "all documentation"),
    ]
    if direction.due_on is not None and not waiver:
        lines.append(f"The date to file by ({day(direction.due_on)}) no longer applies.")
    lines.append(f"Reason: {direction.withdrawal_reason}")
    return _to_practitioners(
        matter=matter,
        party_ids=[p.pk for p in parties] or None,
        kind=Notice.Kind.DIRECTION_WITHDRAWN,
        what=f"{thing.capitalize()} withdrawn (PD16 para 7)",
        lines=lines,
        key=f"direction-withdrawn:{direction.pk}",
    )


def notify_practice_note_applied(*, application: PracticeNoteApplication) -> list[Notice]:
    """Practice Note 127 applied to a matter (PD16 para 8), to every party's practitioners."""
    matter = application.matter
    extent = "in whole" if application.extent == "whole" else f"in part ({application.parts})"
    lines = [
        f"On {day(application.applied_on)} {application.get_made_by_display().lower()} applied "
        f"Supreme Court Practice Note 127 {extent} to {matter.number} "
        f"{matter.abbreviated_title} (PD16 para 8).",
    ]
    if application.conditions:
        lines.append(f"Conditions: {application.conditions}")
    return _to_practitioners(
        matter=matter,
        party_ids=None,
        kind=Notice.Kind.PRACTICE_NOTE_APPLIED,
        what="Practice Note 127 applied (PD16 para 8)",
        lines=lines,
        key=f"pn127:{application.pk}",
    )


def notify_practice_note_withdrawn(*, application: PracticeNoteApplication) -> list[Notice]:
    """An application of Practice Note 127 withdrawn (PD16 para 8), to every party's
    practitioners."""
    matter = application.matter
    withdrawn_on = application.withdrawn_on
    if withdrawn_on is None:
        raise ValueError("Only a withdrawn application has a withdrawal to tell of.")
    lines = [
        f"The application of Supreme Court Practice Note 127 made on "
        f"{day(application.applied_on)} to {matter.number} {matter.abbreviated_title} was "
        f"withdrawn on {day(withdrawn_on)} (PD16 para 8).",
        f"Reason: {application.withdrawal_reason}",
    ]
    return _to_practitioners(
        matter=matter,
        party_ids=None,
        kind=Notice.Kind.PRACTICE_NOTE_WITHDRAWN,
        what="Practice Note 127 withdrawn (PD16 para 8)",
        lines=lines,
        key=f"pn127-withdrawn:{application.pk}",
    )


def notify_submissions_direction(*, matter: Matter, directed: bool) -> list[Notice]:
    """The Commission's direction that submissions be filed (PD16 para 9), or its withdrawal,
    to every party's practitioners. Each recording is its own event."""
    if directed:
        what = "Submissions directed (PD16 para 9)"
        text = (
            "The Commission has directed that submissions of parties be filed in "
            f"{matter.number} {matter.abbreviated_title}: they may be e-mailed to the client "
            "services address with the title and number of the matter in the subject "
            "(PD16 paras 9 and 10)."
        )
    else:
        what = "Submissions direction withdrawn (PD16 para 9)"
        text = (
            f"The record of a direction that submissions be filed in {matter.number} "
            f"{matter.abbreviated_title} was withdrawn."
        )
    return _to_practitioners(
        matter=matter,
        party_ids=None,
        kind=Notice.Kind.SUBMISSIONS_DIRECTION,
        what=what,
        lines=[text],
        key=f"submissions:{matter.pk}:{directed}:{timezone.now().isoformat()}",
    )


def notify_office_of_award(
    *, order: Rule32Order, received_filing: Filing | None, address: str
) -> Notice:
    """PD16 para 11: the Registry provides the award to the Office of Industrial Relations
    immediately upon receipt. Subject in para 10's form for Rule 32 matters (the title and
    the file number), starting with the number; the award's copies go with it (``notices.mail``).
    """
    matter = order.matter
    received_on = order.received_on
    if received_on is None:
        raise ValueError("The Office is told of an award only once its receipt is recorded.")
    lines = [
        "The Industrial Registry has received, under Rule 32 of the Industrial Relations "
        "Commission Rules 1996, the award or award variation below in computer-readable format "
        "(Practice Direction No 16, paragraph 11).",
        "",
        f"Matter: {matter.number} {matter.title}",
        f"Award or variation: {order.description}",
        f"Made on: {long_date(order.made_on)}",
        f"To be filed by: {long_date(order.file_by)}",
        f"Received on: {long_date(received_on)}"
        + (" (after the time the Commission specified)" if received_on > order.file_by else ""),
    ]
    if received_filing is not None:
        lines.append(f"Filing: {received_filing.reference}")
    notice = notice_queue(
        kind=Notice.Kind.OIR_AWARD_RECEIVED,
        to_address=address,
        matter=matter,
        filing=received_filing,
        rule32_order=order,
        subject=subject_for(matter, f"Award received: {matter.title}"),
        body="\n".join(lines) + "\n",
        dedupe_key=f"oir_award_received:{order.pk}",
    )
    if notice is None:  # the receipt is recorded once (locked), so this cannot repeat
        raise RuntimeError(f"The Office was already notified of Rule 32 order {order.pk}.")
    return notice
