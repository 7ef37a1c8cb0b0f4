"""The three roles as groups: practitioner, registry clerk, administrator."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PRACTITIONERS = "Practitioners"
CLERKS = "Registry clerks"
ADMINISTRATORS = "Administrators"

CLERK_MODELS = {
    "filings": [
        "matter",
        "party",
        "partyrepresentative",
        "filing",
        "document",
        "filingrejection",
        "direction",
        "practicenoteapplication",
        "rule32order",
        "outboundnotification",
        "organisation",
        "practitionerprofile",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist to be granted here.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    Group.objects.get_or_create(name=PRACTITIONERS)

    clerks, _ = Group.objects.get_or_create(name=CLERKS)
    clerk_perms = Permission.objects.filter(
        content_type__app_label="filings",
        content_type__model__in=CLERK_MODELS["filings"],
        codename__regex=r"^(view|add|change)_",
    ) | Permission.objects.filter(
        content_type__app_label="practice_directions", codename__startswith="view_"
    )
    clerks.permissions.set(clerk_perms)

    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["filings", "practice_directions", "auth"]
        )
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[PRACTITIONERS, CLERKS, ADMINISTRATORS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0001_initial"),
        ("practice_directions", "0002_seed_rules"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
