"""Seed the Office of Industrial Relations as the recipient of PD16 para 11 notices.

PD16 does not give the Office's address. The seed is a reserved, undeliverable address
(RFC 2606 ".invalid") so that nothing is ever mailed to a guessed mailbox: an administrator
sets the real one in the admin (Practice directions › Notification recipients).
"""

from django.db import migrations

OIR = {
    "name": "Office of Industrial Relations",
    "address": "office-of-industrial-relations@example.invalid",
    "paragraph": "11",
    "purpose": (
        "Awards and award variations received under Rule 32, for the Office's Pay Rate Update "
        "Service, its website and Award Enquiry Service."
    ),
}


def seed(apps, schema_editor):
    NotificationRecipient = apps.get_model("practice_directions", "NotificationRecipient")
    # get_or_create: an address an administrator already set is kept.
    NotificationRecipient.objects.get_or_create(code="oir", defaults=OIR)


class Migration(migrations.Migration):
    dependencies = [("practice_directions", "0003_notification_recipient")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
