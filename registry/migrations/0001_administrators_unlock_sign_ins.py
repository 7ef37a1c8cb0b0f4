"""Administrators may see sign-in lockouts in the admin and lift one (by deleting the attempt).

The lockout page tells a locked-out user to contact the registry; an administrator who is not
a superuser needs these permissions to help them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATORS = "Administrators"
GRANTED = [
    "view_accessattempt",
    "delete_accessattempt",
    "view_accesslog",
    "view_accessfailurelog",
]


def grant(apps, schema_editor):
    # Permissions are normally created after migrate; make sure axes' exist to be granted here.
    axes = apps.get_app_config("axes")
    axes.models_module = True
    create_permissions(axes, apps=apps, verbosity=0)
    axes.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.add(
        *Permission.objects.filter(content_type__app_label="axes", codename__in=GRANTED)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=ADMINISTRATORS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="axes", codename__in=GRANTED)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("axes", "0010_accessattemptexpiration"),
        ("filings", "0002_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
