"""The checks the lodgment page asks for while it is being filled in: a chosen file's verdict,
and what the rules require of a document. Both answer JSON for ``static/lodge.js``; the server
checks everything again when the filing is submitted.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from filings.models import Document
from filings.selectors.lookups import active_document_kind
from filings.selectors.obligations import assess_document_for_party
from filings.uploads import receive, refusal_status
from filings.validation import ValidationPolicy, validate_file
from practice_directions.models import DocumentKind
from registry.roles import practitioner_required

from .common import party_or_404, represented_matter_or_404
from .verdicts import decision_json, verdict_json


@csrf_exempt
@practitioner_required
@require_POST
def validate_copy(request: HttpRequest) -> HttpResponse:
    """A file's verdict before the filing is submitted: JSON for the lodgment page's script."""
    received = receive(
        request,
        max_file_bytes=settings.REGISTRY_MAX_FILE_BYTES,
        max_total_bytes=settings.REGISTRY_MAX_FILE_BYTES,
        single_file=True,
    )
    if received.refusals:
        return JsonResponse(
            {
                "ok": False,
                "acceptable": False,
                "errors": [
                    {"code": r.code, "message": r.message, "paragraph": ""}
                    for r in received.refusals
                ],
                "warnings": [],
            },
            status=refusal_status(received.refusals),
        )
    return _validate_submitted(request)


@csrf_protect
def _validate_submitted(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    role = request.POST.get("role", Document.Role.PRINCIPAL)
    if upload is None or role not in Document.Role.values:
        return JsonResponse(
            {
                "ok": False,
                "acceptable": False,
                "errors": [
                    {
                        "code": "upload.no_file" if upload is None else "document.role_invalid",
                        "message": "Send one file as \u201cfile\u201d and a role of "
                        "\u201cprincipal\u201d or \u201cannexure\u201d.",
                        "paragraph": "",
                    }
                ],
                "warnings": [],
            },
            status=400,
        )
    # receive() parsed the body through LimitedTemporaryFileUploadHandler: a temporary file.
    assert isinstance(upload, TemporaryUploadedFile)
    file_name = upload.name or ""
    result = validate_file(
        Path(upload.temporary_file_path()),
        role=role,
        filename=file_name,
        policy=ValidationPolicy.from_settings(),
    )
    return JsonResponse(verdict_json(result, file_name=file_name, role=role))


def _id_param(request: HttpRequest, name: str) -> int:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else 0


@practitioner_required
@require_GET
def requirement(request: HttpRequest, matter: str) -> HttpResponse:
    """What the rules require today of one document: JSON for the lodgment page's script."""
    matter_obj = represented_matter_or_404(request, matter)
    party = party_or_404(request, matter_obj, _id_param(request, "party"))
    try:
        kind = active_document_kind(_id_param(request, "kind"))
    except DocumentKind.DoesNotExist:
        raise Http404("No such kind of document.") from None
    role = request.GET.get("role", Document.Role.PRINCIPAL)
    if role not in Document.Role.values:
        role = Document.Role.PRINCIPAL
    decision = assess_document_for_party(
        party=party,
        document_kind=kind,
        role=role,
        annexure_not_readily_available=role == Document.Role.ANNEXURE
        and request.GET.get("claim_3d") in {"1", "true", "on"},
        filed_on=timezone.localdate(),
    )
    return JsonResponse(decision_json(decision))
