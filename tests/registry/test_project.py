"""Project-level behaviour: settings, the admin and the home page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _import_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    return subprocess.run(
        [sys.executable, "-c", f"import {module} as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE)"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _import_settings("registry.settings.production", ALLOWED_HOSTS="registry.example")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_turn_debug_off_and_secure_cookies_on():
    result = _import_settings(
        "registry.settings.production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="registry.example"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_database_url_selects_postgresql():
    code = "import registry.settings.base as s; print(s.DATABASES['default']['ENGINE'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=os.environ | {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/registry"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_time_zone_and_language_are_sydney_and_australian_english(settings):
    assert settings.TIME_ZONE == "Australia/Sydney"
    assert settings.LANGUAGE_CODE == "en-au"


def test_media_root_is_outside_static_and_has_no_public_url(settings):
    from django.conf import settings as live
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve(f"{live.MEDIA_URL}documents/ab/{'ab' * 32}")
    static_dirs = [Path(p).resolve() for p in live.STATICFILES_DIRS]
    assert all(Path(live.MEDIA_ROOT).resolve() != d for d in static_dirs)


@pytest.mark.django_db
def test_the_three_roles_exist_as_groups():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Practitioners", "Registry clerks", "Administrators"} <= names
    clerk_perms = set(
        Group.objects.get(name="Registry clerks").permissions.values_list("codename", flat=True)
    )
    assert "change_filing" in clerk_perms
    assert "delete_filing" not in clerk_perms


@pytest.mark.django_db
def test_home_page_is_served(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"PDF is not an acceptable format" in response.content


def test_every_model_is_registered_in_the_admin():
    ours = [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"audit", "filings", "practice_directions"}
    ]
    missing = [m.__name__ for m in ours if not admin.site.is_registered(m)]
    assert missing == []


@pytest.mark.django_db
def test_every_admin_changelist_and_add_page_opens(admin_client):
    ours = [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"audit", "filings", "practice_directions"}
    ]
    for model in ours:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert admin_client.get(url).status_code == 200, url
        if admin.site._registry[model].has_add_permission(_request_for(admin_client)):
            add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
            assert admin_client.get(add).status_code == 200, add


def _request_for(client):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="admin")
    return request


def test_pillows_pixel_limit_is_the_registrys(settings):
    from PIL import Image

    assert Image.MAX_IMAGE_PIXELS == settings.REGISTRY_MAX_IMAGE_PIXELS
