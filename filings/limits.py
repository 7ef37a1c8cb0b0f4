"""Limits the services check before writing, read from the models so each is stated once."""

from __future__ import annotations

from django.db import models


def max_length(model: type[models.Model], field_name: str) -> int:
    """The ``max_length`` of one of ``model``'s text fields."""
    field = model._meta.get_field(field_name)
    if not isinstance(field, models.Field) or field.max_length is None:
        raise TypeError(f"{model.__name__}.{field_name} has no max_length")
    return field.max_length
