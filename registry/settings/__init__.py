"""Settings package: base, development, test and production.

Every value that differs between machines comes from the environment through the one
``env`` object in :mod:`registry.settings.base`.
"""
