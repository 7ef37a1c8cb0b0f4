"""Production: DEBUG off, secret key and hosts required from the environment, secure cookies."""

from .base import *  # noqa: F403
from .base import MIDDLEWARE, STORAGES, env, planner_options

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no default: refuses to start without one
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Every lodged copy is scanned clean before it is lodged or accepted (PN127 paras 9-10).
REGISTRY_REQUIRE_VIRUS_SCAN = env.bool("REGISTRY_REQUIRE_VIRUS_SCAN", default=True)

REGISTRY_SYNTHETIC_DATA_ALLOWED = False

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)

# No silent SQLite in production: the database must be named.
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
planner_options(DATABASES["default"])

# Static files served by whitenoise from STATIC_ROOT (collectstatic), compressed and with
# content-hashed names that browsers may cache for ever; its middleware goes straight after
# SecurityMiddleware, as it requires. (In development runserver serves them itself.)
MIDDLEWARE = [MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware", *MIDDLEWARE[1:]]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Lodged copies (STORAGES["documents"], from base): the local content-addressed store under
# MEDIA_ROOT, which must then be one file system shared by every app server and worker, or,
# for several machines, S3-compatible object storage with no code change:
#   REGISTRY_S3_BUCKET             the bucket (setting it switches to object storage)
#   REGISTRY_S3_ENDPOINT_URL       e.g. https://minio.internal:9000 (empty: AWS S3)
#   REGISTRY_S3_REGION             e.g. ap-southeast-2
#   REGISTRY_S3_PREFIX             a folder inside the bucket (empty: its root)
#   REGISTRY_S3_ACCESS_KEY_ID / REGISTRY_S3_SECRET_ACCESS_KEY
#                                  only if not from AWS_ACCESS_KEY_ID etc. or an instance role
# See docs/deployment.md ("Object storage") for the bucket's policy and versioning.

# One JSON object a line on standard output, for the platform's log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": env("LOG_LEVEL", default="INFO")},
}
