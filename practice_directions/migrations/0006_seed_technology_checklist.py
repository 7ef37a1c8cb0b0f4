"""Seed the Technology Check List annexed to Supreme Court Practice Note 127.

Every group and option as the annexure lists them, in its order, with ``is_default`` exactly
where the note puts ``**`` ("default or minimum standard", para 15). The note prints "ASCII test
file **" under Pre-Trial; it means an ASCII text file (its Glossary defines ASCII as the format
for text files), so the option reads "ASCII text file". Special Considerations marks no default.

The data is written out here, not imported, so that this migration keeps seeding what the note
says whatever the code later becomes. Existing rows (matched by group code and option label)
are left as an administrator may have edited them.
"""

from django.db import migrations

PRE_TRIAL, DISCOVERY, INSPECTION, TRIAL = "pre_trial", "discovery", "inspection", "trial"
VIA = ("DX", "Courier", "Australia Post", "Floppy Disk**", "Electronic mail", "CD Rom")

# (code, stage, label, options: "**" marks the default)
CHECKLIST = (
    (
        "pre-trial-exchange",
        PRE_TRIAL,
        "Document Exchange of Court Documents and Witness Statements",
        ("Hard copy only", "Electronic copy only", "Hard copy and electronic copy**"),
    ),
    (
        "pre-trial-format",
        PRE_TRIAL,
        "Electronic Document Format",
        (
            "ASCII text file**",
            "MS Word version",
            "Word Perfect version",
            "XML",
            "HTML",
            "Other",
        ),
    ),
    ("pre-trial-via", PRE_TRIAL, "Document Exchange Via", (*VIA, "Internet")),
    (
        "discovery-lists",
        DISCOVERY,
        "Exchange of Document Lists",
        ("Hard copy only", "Electronic copy only", "Hard copy and electronic copy**"),
    ),
    (
        "discovery-format",
        DISCOVERY,
        "Electronic Document List Format",
        (
            "Delimited ASCII text file**",
            "Word processing format",
            "Excel spreadsheet",
            "XML",
            "Other",
        ),
    ),
    ("discovery-via", DISCOVERY, "Document Exchange Via", (*VIA, "Internet")),
    (
        "discovery-database",
        DISCOVERY,
        "Example Database Formats",
        (
            "MS Access",
            "Lotus Notes",
            "Filemaker Pro",
            "MS SQL",
            "Sybase",
            "Excel Spreadsheet**",
            "Oracle",
            "Other",
        ),
    ),
    (
        "inspection-format",
        INSPECTION,
        "Document Inspection Format",
        (
            "Hard copy only",
            "Electronic/image of hard copy",
            "Hard copy and electronic/image copy**",
            "Non-paper record, for example video/audio tape, database, microfiche, etc",
            "Other Medium",
        ),
    ),
    (
        "inspection-images",
        INSPECTION,
        "Electronic Image Formats",
        ("TIFF - Multi", "TIFF - Single**", "PDF", "GIF", "Other"),
    ),
    (
        "inspection-special",
        INSPECTION,
        "Special Considerations",
        ("Redacting (masking)", "Confidentiality", "Other"),
    ),
    (
        "trial-indexes",
        TRIAL,
        "Exchange of Agreed Bundle/Court Book Indexes",
        (
            "Hard copy only",
            "Electronic/image of hard copy",
            "Hard copy and electronic/image copy**",
            "Other Medium",
        ),
    ),
    (
        "trial-format",
        TRIAL,
        "Electronic Document Index Format",
        ("Delimited ASCII text file**", "Word processing format", "Excel spreadsheet", "Other"),
    ),
    ("trial-via", TRIAL, "Document Exchange Via", (*VIA, "Internet/Intranet")),
)
DEFAULT_MARK = "**"


def seed(apps, schema_editor):
    ChecklistGroup = apps.get_model("practice_directions", "ChecklistGroup")
    ChecklistOption = apps.get_model("practice_directions", "ChecklistOption")
    for group_position, (code, stage, label, options) in enumerate(CHECKLIST, start=1):
        marked = [option for option in options if option.endswith(DEFAULT_MARK)]
        group, _ = ChecklistGroup.objects.get_or_create(
            code=code,
            defaults={
                "stage": stage,
                "label": label,
                "position": group_position * 10,
                "requires_default": bool(marked),
            },
        )
        for position, option in enumerate(options, start=1):
            is_default = option.endswith(DEFAULT_MARK)
            ChecklistOption.objects.get_or_create(
                group=group,
                label=option.removesuffix(DEFAULT_MARK),
                defaults={"is_default": is_default, "position": position * 10},
            )


class Migration(migrations.Migration):
    dependencies = [("practice_directions", "0005_technology_checklist")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
