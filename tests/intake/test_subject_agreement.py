"""One subject validator (PD16 para 10) for the three places that judge a subject line: e-mail
intake, ``manage.py check_email_subject`` and the clerks' e-mail lodgment page. On the corpus'
subjects all three agree: valid, or the same problem codes."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from intake.models import InboundMessage
from intake.services import mailbox_ingest
from tests.factories_lodgment import ClerkFactory
from tests.intake.conftest import CORPUS, corpus

pytestmark = pytest.mark.django_db

# message: (class, the matter it is about)
CASES = {
    "s34_filed": ("s34", "s34"),
    "s324_filed": ("s324", "s324"),
    "rule32_filed": ("rule32", "rule32"),
    "submissions_filed": ("submissions", "submissions"),
    "subject_missing_title": ("rule32", "rule32"),
}


def subject_codes(codes) -> set[str]:
    return {code for code in codes if code.startswith("subject.")}


def by_command(email_class: str, number: str, title: str, subject: str) -> tuple[bool, set[str]]:
    """Valid, and each problem's text with its paragraph (what the command prints)."""
    out = StringIO()
    args = ["--class", email_class, "--matter", number, "--title", title, subject]
    try:
        call_command("check_email_subject", *args, stdout=out)
    except SystemExit as exit_:
        assert exit_.code == 1
    result = json.loads(out.getvalue())
    return result["valid"], set(result["problems"])


def by_clerks_page(client, number: str, subject: str) -> tuple[bool, set[str]]:
    url = reverse("clerk:email_subject_check", args=[number])
    html = client.get(url, {"subject": subject}).content.decode()
    codes = subject_codes(re.findall(r'data-code="([^"]+)"', html))
    return "carries what PD16 para 10 requires" in html, codes


@pytest.mark.parametrize("name", sorted(CASES))
def test_intake_the_command_and_the_clerks_page_agree_on_a_subject(name, client, mail_matters):
    email_class, matter_key = CASES[name]
    number, title, short_title = corpus.MATTERS[matter_key]
    [outcome] = mailbox_ingest(source=str(CORPUS / f"{name}.eml"))
    line = InboundMessage.objects.get().subject
    problems = [p for p in outcome.problems if p["code"].startswith("subject.")]
    intake_codes = {p["code"] for p in problems}
    intake_texts = {f"{p['message']} (PD16 para {p['paragraph']})" for p in problems}
    intake_valid = outcome.outcome == "filed"
    client.force_login(ClerkFactory())
    by_title = short_title if email_class in {"s34", "s324"} else title
    assert by_command(email_class, number, by_title, line) == (intake_valid, intake_texts)
    assert by_clerks_page(client, number, line) == (intake_valid, intake_codes)
    assert intake_valid == (name != "subject_missing_title")
    assert intake_valid or intake_codes  # a refused subject says why
