"""Settings for benchmarks only: the development settings with ``benchmarks.urls``, which adds
the bare-upload view a lodging benchmark compares against. Never used in production."""

from registry.settings.development import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
