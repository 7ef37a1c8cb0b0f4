"""The PostgreSQL settings every connection of the app opens with (registry.settings.base)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_apps_connections_carry_the_planner_options():
    if connection.vendor != "postgresql":
        pytest.skip("Planner options are PostgreSQL's.")
    with connection.cursor() as cursor:
        shown = {}
        for name in ("jit", "random_page_cost", "synchronize_seqscans"):
            cursor.execute(f"SHOW {name}")
            shown[name] = cursor.fetchone()[0]
    # synchronize_seqscans off: the same search finds the same first candidates every time.
    assert shown == {"jit": "off", "random_page_cost": "1.1", "synchronize_seqscans": "off"}
