"""Registry clerks' workspace, under /registry/. Matters are named by their number with "-" for
"/" (IRC2026-0001, as in practitioners' URLs and file names), filings by their sequence within
the matter, documents by position."""

from django.urls import path

from filings import converters  # noqa: F401 - registers <matter_number:…>
from filings.views import clerk
from filings.views.clerk.records import submissions_direction
from filings.views.clerk.trail import matter_trail
from filings.views.clerk.withdrawals import (
    direction_withdraw_view,
    matter_close_view,
    matter_reopen_view,
    practice_note_withdraw_view,
)
from workqueue import views as workqueue_views

app_name = "clerk"

MATTER = "matters/<matter_number:matter>/"
FILING = MATTER + "filings/<int:sequence>/"
PARTY = MATTER + "parties/<int:party>/"

urlpatterns = [
    path("", clerk.dashboard, name="dashboard"),
    path("matters/", clerk.matter_list, name="matters"),
    path("matters/open/", clerk.matter_open_view, name="matter_open"),
    path(MATTER, clerk.matter_detail, name="matter"),
    path(MATTER + "trail/", matter_trail, name="matter_trail"),
    path(MATTER + "parties/add/", clerk.party_add, name="party_add"),
    path(PARTY + "representation/", clerk.party_representation, name="party_representation"),
    path(PARTY + "practitioners/add/", clerk.representative_link, name="representative_link"),
    path(
        PARTY + "practitioners/remove/", clerk.representative_unlink, name="representative_unlink"
    ),
    path(MATTER + "certificate/", clerk.certificate, name="certificate"),
    path(MATTER + "directions/add/", clerk.direction_add, name="direction_add"),
    path(
        MATTER + "directions/<int:direction>/withdraw/",
        direction_withdraw_view,
        name="direction_withdraw",
    ),
    path(MATTER + "practice-note-127/", clerk.practice_note, name="practice_note"),
    path(
        MATTER + "practice-note-127/<int:application>/withdraw/",
        practice_note_withdraw_view,
        name="practice_note_withdraw",
    ),
    path(MATTER + "close/", matter_close_view, name="matter_close"),
    path(MATTER + "reopen/", matter_reopen_view, name="matter_reopen"),
    path(MATTER + "submissions-direction/", submissions_direction, name="submissions_direction"),
    path(MATTER + "rule-32/add/", clerk.rule32_order_add, name="rule32_order_add"),
    path(MATTER + "rule-32/<int:order>/received/", clerk.rule32_receipt, name="rule32_receipt"),
    path(MATTER + "lodge/counter/", clerk.counter_lodgment, name="counter_lodgment"),
    path(MATTER + "lodge/email/", clerk.email_lodgment, name="email_lodgment"),
    path(MATTER + "lodge/email/subject/", clerk.email_subject_check, name="email_subject_check"),
    path(FILING, clerk.filing_detail, name="filing"),
    path(FILING + "accept/", clerk.filing_accept, name="filing_accept"),
    path(FILING + "reject/", clerk.filing_reject, name="filing_reject"),
    path(
        FILING + "documents/<int:position>/",
        clerk.document_download,
        name="document_download",
    ),
    path("review/", workqueue_views.queue, name="review_queue"),
    path("filings/", clerk.filing_list, name="filings"),
    path("deadlines/", clerk.deadlines, name="deadlines"),
]
