"""Senior clerks: a group holding ``workqueue.assign_filings``, so they may assign filings to
other clerks. Administrators get the permission too. A senior clerk is also put in the
Registry clerks group (the clerks' pages need that role)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SENIOR_CLERKS = "Senior clerks"
ADMINISTRATORS = "Administrators"


def create_group(apps, schema_editor):
    # Permissions are normally created after migrate; make sure this one exists to be granted.
    app_config = apps.get_app_config("workqueue")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="workqueue", codename="assign_filings"
    )
    seniors, _ = Group.objects.get_or_create(name=SENIOR_CLERKS)
    seniors.permissions.add(permission)
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SENIOR_CLERKS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workqueue", "0001_filing_assignment"),
        ("filings", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
