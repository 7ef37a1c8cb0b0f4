"""The registry's URLs plus a bare upload, for ``benchmarks/lodging.py`` only (selected by
``benchmarks.settings``; ``registry.urls`` never includes it).

The bare upload receives a lodgment's multipart body exactly as the lodge view does (the same
upload handler and limits, then the CSRF check) and discards it: what any upload costs, against
which a lodgment's own work is measured.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from filings.uploads import receive
from registry.urls import urlpatterns as registry_urlpatterns

BARE_UPLOAD_PATH = "benchmark/bare-upload/"


@csrf_protect
def _received(request: HttpRequest) -> HttpResponse:
    request.FILES  # noqa: B018 - the files are parsed and spooled, as a lodgment's are
    return HttpResponse(status=204)


@csrf_exempt
@login_required
def bare_upload(request: HttpRequest) -> HttpResponse:
    receive(
        request,
        max_file_bytes=settings.REGISTRY_MAX_FILE_BYTES,
        max_total_bytes=settings.REGISTRY_MAX_FILING_BYTES,
    )
    return _received(request)


urlpatterns = [path(BARE_UPLOAD_PATH, bare_upload), *registry_urlpatterns]
