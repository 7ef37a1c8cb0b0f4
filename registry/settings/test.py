"""Test settings: fast hashing, in-memory email, media in a temporary folder per test."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="test-only-not-secret")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Sign-in lockout stays configured as in production (backend, middleware, settings) but off:
# django-axes refuses authenticate() calls made without a request, as the test client's login()
# and tests of stored passwords make them. tests/registry/test_security.py turns it on.
AXES_ENABLED = False
