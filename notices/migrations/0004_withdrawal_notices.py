# Notice kinds for withdrawn directions and PN127 applications.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0003_notice_mail_acknowledgement"),
    ]

    operations = [
        migrations.AlterField(
            model_name="notice",
            name="kind",
            field=models.CharField(
                choices=[
                    ("filing_lodged", "Notice of Lodgment"),
                    ("filing_accepted", "Filing accepted"),
                    ("filing_rejected", "Filing rejected"),
                    ("filing_served", "Filing served on you (PD16 para 7)"),
                    ("direction_recorded", "Direction recorded (PD16 para 7)"),
                    ("waiver_recorded", "Waiver recorded (PD16 para 7)"),
                    ("pn127_applied", "Practice Note 127 applied (PD16 para 8)"),
                    ("direction_withdrawn", "Direction or waiver withdrawn (PD16 para 7)"),
                    ("pn127_withdrawn", "Practice Note 127 withdrawn (PD16 para 8)"),
                    ("submissions_direction", "Submissions direction (PD16 para 9)"),
                    ("reminder", "Reminder: falling due"),
                    ("overdue", "Overdue"),
                    ("oir-award-received", "Award received: Office of Industrial Relations"),
                    ("mail_acknowledged", "Acknowledgement of mail received (PD16 para 9)"),
                ],
                max_length=30,
            ),
        ),
    ]
