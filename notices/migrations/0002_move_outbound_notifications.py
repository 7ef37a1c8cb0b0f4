"""The notices the registry sent before the outbox (``filings.OutboundNotification``: the
Office of Industrial Relations' para 11 notices) become outbox rows, sent as they were; and the
clerks' reminder limits start at their defaults."""

from django.db import migrations


def forwards(apps, schema_editor):
    OutboundNotification = apps.get_model("filings", "OutboundNotification")
    Notice = apps.get_model("notices", "Notice")
    ReminderLimits = apps.get_model("notices", "ReminderLimits")
    ReminderLimits.objects.get_or_create(pk=1)
    for old in OutboundNotification.objects.select_related("matter").order_by("pk"):
        subject = old.subject
        if not subject.startswith(old.matter.number):
            subject = f"{old.matter.number} {subject}"[:300]
        notice = Notice.objects.create(
            kind=old.kind,
            to_address=old.to,
            matter_id=old.matter_id,
            matter_number=old.matter.number,
            rule32_order_id=old.rule32_order_id,
            subject=subject,
            body=old.body or subject,
            # The old service recorded a row only with its e-mail handed to the backend.
            state="sent" if old.sent_at else "failed",
            attempts=1,
            next_attempt_at=old.created_at,
            sent_at=old.sent_at,
            last_error="" if old.sent_at else "Recorded before the outbox, never sent.",
            dedupe_key=f"oir_award_received:{old.rule32_order_id or f'legacy-{old.pk}'}",
        )
        # created_at is auto_now_add: keep the original time.
        Notice.objects.filter(pk=notice.pk).update(created_at=old.created_at)


def backwards(apps, schema_editor):
    OutboundNotification = apps.get_model("filings", "OutboundNotification")
    Notice = apps.get_model("notices", "Notice")
    for notice in Notice.objects.filter(kind="oir-award-received").order_by("pk"):
        old = OutboundNotification.objects.create(
            kind=notice.kind,
            matter_id=notice.matter_id,
            rule32_order_id=notice.rule32_order_id,
            to=notice.to_address,
            subject=notice.subject,
            body=notice.body,
            sent_at=notice.sent_at,
        )
        OutboundNotification.objects.filter(pk=old.pk).update(created_at=notice.created_at)
        notice.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0001_outbox_and_reminder_preferences"),
        ("filings", "0005_document_virus_scan"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
