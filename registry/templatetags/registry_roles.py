"""Template filters for the roles: ``user|is_clerk``, ``user|is_practitioner``."""

from typing import Any

from django import template

from registry import roles

register = template.Library()


@register.filter
def is_clerk(user: Any) -> bool:
    return roles.is_clerk(user)


@register.filter
def is_practitioner(user: Any) -> bool:
    return roles.is_practitioner(user)
