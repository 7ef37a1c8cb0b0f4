"""Settings shared by every environment.

Every value that differs between machines is read from the environment through ``env``;
the defaults here are safe for development, so no env file is needed to start.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# An optional env file for local overrides; never required.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "registry",
    "practice_directions",
    "audit",
    "filings",
    "discovery",
    "search",
    "volume",
    "intake",
    "protocols",
    "django_tasks",
    "django_tasks_db",
    "notices",
    "workqueue",
    "portal",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "registry.middleware.SecurityHeadersMiddleware",
    "practice_directions.selectors.RulesReadOncePerRequest",
    # After the header middleware, so that its sign-out redirect carries the headers too.
    "registry.middleware.AbsoluteSessionLimitMiddleware",
    "registry.middleware.IdleSessionRenewalMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "registry.urls"
WSGI_APPLICATION = "registry.wsgi.application"
ASGI_APPLICATION = "registry.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    # The embedded default: an SQLite file under var/. DATABASE_URL=postgres://… for PostgreSQL.
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'registry.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep connections open between requests (opening one cost half of a trivial page's time),
# checking each is alive before a request reuses it.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True


def planner_options(database: dict[str, Any]) -> None:
    """PostgreSQL's planner settings for this workload, on every connection the app opens:
    short queries over indexes, the data on SSD. No JIT compilation (it added 10-50 ms to
    queries the planner merely estimated large) and random reads priced near sequential ones
    (random_page_cost 1.1, the usual figure for SSD), so that a few hundred index probes win
    over hashing a whole table. No synchronized sequential scans: a scan of a large table that
    stops at a limit (a full-text search's first candidates) starts at the table's first page,
    not where another scan happens to be, so the same search finds the same documents each
    time, from pages already in memory (with synchronized scans, repeated searches found other
    documents each time and read them from disk: p95 0.8 s against 0.05 s).
    ``DATABASE_PLANNER_OPTIONS`` overrides them (empty: none)."""
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    options = env(
        "DATABASE_PLANNER_OPTIONS",
        default="-c jit=off -c random_page_cost=1.1 -c synchronize_seqscans=off",
    )
    if options:
        database.setdefault("OPTIONS", {})["options"] = options


planner_options(DATABASES["default"])
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The covering indexes (INCLUDE columns) serve PostgreSQL's index-only scans; SQLite keeps
    # their key columns and ignores the rest, which is all the embedded database needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username and address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-au"
TIME_ZONE = "Australia/Sydney"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")

# Lodged documents: outside static/, never served by a public URL; only permission-checking
# views stream them (see filings.views).
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# No URL pattern serves this prefix; it is set only because Django's test live server wraps
# every request in a media handler that needs a non-empty prefix to tell media requests apart.
MEDIA_URL = "/media-is-never-served/"


def documents_storage(environment: environ.Env) -> dict[str, object]:
    """``STORAGES["documents"]``, where lodged copies are kept (``filings.storage``).

    The local content-addressed store under MEDIA_ROOT unless ``REGISTRY_S3_BUCKET`` names a
    bucket of S3-compatible object storage; then ``REGISTRY_S3_ENDPOINT_URL`` (empty: AWS),
    ``REGISTRY_S3_REGION``, ``REGISTRY_S3_PREFIX`` (a folder in the bucket) and, if not from
    the environment's usual AWS credentials (``AWS_ACCESS_KEY_ID``, an instance role),
    ``REGISTRY_S3_ACCESS_KEY_ID`` and ``REGISTRY_S3_SECRET_ACCESS_KEY``.
    """
    bucket = environment("REGISTRY_S3_BUCKET", default="")
    if not bucket:
        return {"BACKEND": "filings.storage.local.ContentAddressedStorage"}
    return {
        "BACKEND": "filings.storage.s3.S3ContentAddressedStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environment("REGISTRY_S3_ENDPOINT_URL", default="") or None,
            "region_name": environment("REGISTRY_S3_REGION", default="") or None,
            "location": environment("REGISTRY_S3_PREFIX", default=""),
            "access_key": environment("REGISTRY_S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": environment("REGISTRY_S3_SECRET_ACCESS_KEY", default="") or None,
            # Private objects, read only through the registry's permission-checking views.
            "default_acl": None,
            "querystring_auth": True,
        },
    }


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": documents_storage(env),
}

# Django spills uploads larger than this to a temporary file; it is not a limit.
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=40)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie (lodge.js takes the token from the form's hidden input), so
# it can be kept from scripts like the session cookie.
CSRF_COOKIE_HTTPONLY = True
# Idle limit: the session (cookie and stored row) expires this long after it was last renewed.
# It is renewed at the first request at least REGISTRY_SESSION_RENEW_SECONDS after the last
# renewal (registry.middleware.IdleSessionRenewalMiddleware), not saved on every request: pages
# stay read-only, and the limit holds to within that interval (never longer).
REGISTRY_SESSION_IDLE_SECONDS = env.int("REGISTRY_SESSION_IDLE_SECONDS", default=30 * 60)
REGISTRY_SESSION_RENEW_SECONDS = env.int("REGISTRY_SESSION_RENEW_SECONDS", default=60)
SESSION_COOKIE_AGE = REGISTRY_SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = False
# Absolute limit: signed out this long after signing in, however active
# (registry.middleware.AbsoluteSessionLimitMiddleware).
REGISTRY_SESSION_ABSOLUTE_SECONDS = env.int(
    "REGISTRY_SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60
)

# Lockout after repeated failed sign-ins (django-axes). Keyed by username and address together,
# so that one address guessing at many accounts cannot lock their owners out elsewhere.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "registry.middleware.client_ip_address"
# Reverse proxies in front of the application that append to X-Forwarded-For (0: none, the
# client connects directly). Lockout needs the client's address, not the proxy's.
REGISTRY_TRUSTED_PROXY_COUNT = env.int("REGISTRY_TRUSTED_PROXY_COUNT", default=0)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="registry@localhost")

# --- Notices (the outbox in ``notices``) ---
# Background tasks run by ``manage.py db_worker`` from the same database (django-tasks).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Where links in e-mails point: the registry as its users reach it.
REGISTRY_SITE_URL = env("REGISTRY_SITE_URL", default="http://127.0.0.1:8000")
# Sending: tries per notice, and the back-off between them (doubling from the base, capped).
NOTICES_MAX_ATTEMPTS = env.int("NOTICES_MAX_ATTEMPTS", default=6)
NOTICES_RETRY_BASE_SECONDS = env.int("NOTICES_RETRY_BASE_SECONDS", default=60)
NOTICES_RETRY_MAX_SECONDS = env.int("NOTICES_RETRY_MAX_SECONDS", default=3600)
# A notice claimed for sending this long ago without an outcome was interrupted mid-send: it is
# marked failed for a clerk to check, never resent on its own (it may have been delivered).
NOTICES_SENDING_TIMEOUT_SECONDS = env.int("NOTICES_SENDING_TIMEOUT_SECONDS", default=900)
# send_reminders: an obligation overdue for longer than this gets no overdue notice (a first
# run on old data, or a scheduler that was off for weeks, does not flood practitioners).
NOTICES_OVERDUE_LOOKBACK_DAYS = env.int("NOTICES_OVERDUE_LOOKBACK_DAYS", default=30)

# --- Registry policy (PD16 para 4: the Industrial Registrar may specify formats) ---
# Whether "any version of Microsoft Word" admits Office Open XML (.docx). PD16 names DOC.
REGISTRY_ACCEPT_DOCX = env.bool("REGISTRY_ACCEPT_DOCX", default=False)
# Whether Word files carrying VBA macros are refused (PN127 paras 9-10 on viruses).
REGISTRY_REFUSE_MACROS = env.bool("REGISTRY_REFUSE_MACROS", default=True)
# Largest image, in pixels, that the registry will decode (decompression-bomb guard).
REGISTRY_MAX_IMAGE_PIXELS = env.int("REGISTRY_MAX_IMAGE_PIXELS", default=120_000_000)
# Memory one image check may take to decode a page (pixels and decoder buffer), and how many
# decodes a process runs at once (others wait up to REGISTRY_DECODE_WAIT_SECONDS): together
# they bound what image checks take in a worker (docs/benchmarks.md).
REGISTRY_MAX_DECODED_BYTES = env.int("REGISTRY_MAX_DECODED_BYTES", default=256 * 1024 * 1024)
REGISTRY_MAX_CONCURRENT_DECODES = env.int("REGISTRY_MAX_CONCURRENT_DECODES", default=2)
REGISTRY_DECODE_WAIT_SECONDS = env.float("REGISTRY_DECODE_WAIT_SECONDS", default=120.0)
# Upload limits, in bytes.
REGISTRY_MAX_FILE_BYTES = env.int("REGISTRY_MAX_FILE_BYTES", default=100 * 1024 * 1024)
REGISTRY_MAX_FILING_BYTES = env.int("REGISTRY_MAX_FILING_BYTES", default=250 * 1024 * 1024)
# Files kept after a refused submission (filings.held_uploads), for the session that chose
# them, are kept this long; manage.py sweep_held_uploads removes them after.
REGISTRY_HELD_UPLOAD_SECONDS = env.int("REGISTRY_HELD_UPLOAD_SECONDS", default=60 * 60)
# Stored files no document points to are left by lodgments that failed after storing; the
# sweeper (verify_documents --remove-orphans) removes them only once they are this old, far
# longer than any lodgment takes between storing its copies and committing.
REGISTRY_ORPHAN_GRACE_SECONDS = env.int("REGISTRY_ORPHAN_GRACE_SECONDS", default=24 * 60 * 60)
# Virus scanning of every lodged copy by a ClamAV daemon (PN127 paras 9-10), e.g.
# unix:///run/clamav/clamd.ctl or tcp://127.0.0.1:3310; empty: no scanner configured.
REGISTRY_CLAMD_ADDRESS = env("REGISTRY_CLAMD_ADDRESS", default="")
REGISTRY_CLAMD_TIMEOUT = env.float("REGISTRY_CLAMD_TIMEOUT", default=30.0)
# Whether a copy must be scanned clean to be lodged and accepted. Off here so that a machine
# without clamd can run the registry; production turns it on.
REGISTRY_REQUIRE_VIRUS_SCAN = env.bool("REGISTRY_REQUIRE_VIRUS_SCAN", default=False)
# Limits on one e-mail received for lodgment (intake.mail): bytes, MIME parts, nesting depth.
REGISTRY_MAIL_MAX_BYTES = env.int("REGISTRY_MAIL_MAX_BYTES", default=40 * 1024 * 1024)
REGISTRY_MAIL_MAX_PARTS = env.int("REGISTRY_MAIL_MAX_PARTS", default=200)
REGISTRY_MAIL_MAX_DEPTH = env.int("REGISTRY_MAIL_MAX_DEPTH", default=8)
# What the scheduled intake task reads (intake.tasks.ingest_mail): Maildir folders, mbox files or
# imap:// URLs, comma-separated; empty: the task reads nothing.
REGISTRY_MAIL_SOURCES = env.list("REGISTRY_MAIL_SOURCES", default=[])
# A disc uploaded at the counter is kept between the page's steps; one abandoned part-way is
# removed (sweep_counter_discs) once it is this old, far longer than a clerk takes at the page.
REGISTRY_COUNTER_DISC_GRACE_SECONDS = env.int(
    "REGISTRY_COUNTER_DISC_GRACE_SECONDS", default=24 * 60 * 60
)

# Whether generate_volume may write synthetic records (never in production).
REGISTRY_SYNTHETIC_DATA_ALLOWED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
