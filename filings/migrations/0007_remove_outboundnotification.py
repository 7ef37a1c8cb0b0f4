"""The Office of Industrial Relations' notices moved to the ``notices`` outbox (its 0002)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0006_auditevent_moved_to_audit"),
        ("notices", "0002_move_outbound_notifications"),
    ]

    operations = [migrations.DeleteModel(name="OutboundNotification")]
