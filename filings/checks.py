"""System checks of the filings app.

``filings.E001`` (deploy): virus scanning is required (``REGISTRY_REQUIRE_VIRUS_SCAN``, on in
production) but no scanner address is configured (``REGISTRY_CLAMD_ADDRESS``). Every lodgment
would then be refused for want of a scan (PN127 paras 9-10), so ``check --deploy`` fails
before the registry goes live rather than at the first practitioner's filing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

E001 = "filings.E001"


def check_virus_scanner(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.REGISTRY_REQUIRE_VIRUS_SCAN and not settings.REGISTRY_CLAMD_ADDRESS.strip():
        return [
            checks.Error(
                "REGISTRY_REQUIRE_VIRUS_SCAN is on but REGISTRY_CLAMD_ADDRESS is empty: no copy "
                "could be scanned, so every lodgment would be refused.",
                hint="Set REGISTRY_CLAMD_ADDRESS to the ClamAV daemon's address (e.g. "
                "tcp://127.0.0.1:3310 or a unix:// socket), or turn REGISTRY_REQUIRE_VIRUS_SCAN "
                "off where no scanner runs.",
                id=E001,
            )
        ]
    return []
