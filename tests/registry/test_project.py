"""Project-level behaviour: settings, the admin and the home page."""

import json
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


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "registry.example",
    "DATABASE_URL": "postgres://registry@db.example:5432/registry",
}


def _import_settings(
    module: str, show: str = "s.DEBUG, s.SESSION_COOKIE_SECURE", **env: str
) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "-c", f"import {module} as s; print({show})"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL"])
def test_production_settings_refuse_to_start_without_a_secret_key_or_database(missing):
    given = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _import_settings("registry.settings.production", **given)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_settings_turn_debug_off_and_secure_cookies_on():
    result = _import_settings("registry.settings.production", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_production_settings_keep_connections_and_serve_hashed_compressed_static_files():
    show = (
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['CONN_MAX_AGE'], "
        "s.DATABASES['default']['CONN_HEALTH_CHECKS'], s.STORAGES['staticfiles']['BACKEND'], "
        "'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE"
    )
    result = _import_settings("registry.settings.production", show=show, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "60",
        "True",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "True",
    ]


def test_production_logs_one_json_object_a_line_on_standard_output():
    code = (
        "import logging, logging.config, registry.settings.production as s;"
        "logging.config.dictConfig(s.LOGGING);"
        "logging.getLogger('registry.test').warning('lodged %s', 'IRC2026/0001')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV} | PRODUCTION_ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["message"] == "lodged IRC2026/0001"
    assert record["level"] == "WARNING"
    assert record["logger"] == "registry.test"


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


@pytest.mark.django_db
def test_the_health_check_answers_without_sign_in_and_tells_nothing_else(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response.headers["Cache-Control"]
    assert "sessionid" not in response.cookies
    assert client.post("/healthz").status_code == 405
