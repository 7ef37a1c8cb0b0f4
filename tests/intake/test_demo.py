"""seed_demo puts mail in the clerks' unmatched-mail queue, once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from intake.demo import seed_demo_mail
from intake.models import InboundMessage

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_the_mail_queue_once():
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)
    assert "Demo mail: 3 received" in out.getvalue()
    statuses = sorted(InboundMessage.objects.values_list("status", flat=True))
    assert statuses == ["party_to_confirm", "unmatched", "unmatched"]
    assert {o.outcome for o in seed_demo_mail()} == {"duplicate"}
    assert InboundMessage.objects.count() == 3
