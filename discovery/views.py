"""Discovery list pages (PN127 paras 11-21).

Practitioners work on the lists of the parties they act for: upload (with upload progress),
summary counts and the first problems beside their rows, the full report, exports, verification
and services, and an images check. Clerks read every list of a matter. Another matter's list,
or another party's, answers 404 and the refusal is audited (``filings.views.practitioner.common``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.services import request_client_ip
from filings.downloads import as_attachment
from filings.models import Matter
from filings.selectors import access
from filings.views.clerk.common import any_matter_or_404
from filings.views.practitioner.common import refused, represented_matter_or_404
from registry.roles import clerk_required, practitioner_required

from . import exports, selectors
from .forms import ImagesForm, ListUploadForm, ServiceForm, VerificationForm
from .images import ImagesUnreadable, check_uploaded_images
from .models import DiscoveryList
from .services import (
    DiscoveryListRefused,
    discovery_list_service_record,
    discovery_list_upload,
    discovery_list_verify,
)

PROBLEMS_SHOWN = 50
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "tsv": ("text/tab-separated-values; charset=utf-8", "txt"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "court-book": ("text/csv; charset=utf-8", "csv"),
}


def _is_xhr(request: HttpRequest) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _practitioner_list(request: HttpRequest, matter: Matter, pk: int) -> DiscoveryList:
    try:
        return selectors.lists_for(request.user, matter).get(pk=pk)
    except DiscoveryList.DoesNotExist:
        raise refused(
            request,
            "No such list.",
            asked_for="discovery_list",
            exists=selectors.list_exists(pk),
            matter_number=matter.number,
            detail={"list_id": pk},
        ) from None


def _lists_page(request: HttpRequest, matter: Matter, form: ListUploadForm) -> HttpResponse:
    return render(
        request,
        "discovery/lists.html",
        {
            "matter": matter,
            "slug": access.matter_slug(matter.number),
            "lists": selectors.lists_for(request.user, matter),
            "form": form,
            "conventions": selectors.list_conventions_for(matter),
        },
        status=400 if form.errors else 200,
    )


@practitioner_required
def lists(request: HttpRequest, matter: str) -> HttpResponse:
    """The lists of the parties the practitioner acts for, and the upload form."""
    matter_obj = represented_matter_or_404(request, matter)
    parties = access.parties_for(request.user, matter_obj)
    return _lists_page(request, matter_obj, ListUploadForm(parties=parties))


@practitioner_required
@require_POST
def upload(request: HttpRequest, matter: str) -> HttpResponse:
    """Check and keep an uploaded list; a script gets JSON (it showed the upload's progress)."""
    matter_obj = represented_matter_or_404(request, matter)
    parties = access.parties_for(request.user, matter_obj)
    form = ListUploadForm(request.POST, request.FILES, parties=parties)
    if form.is_valid():
        try:
            created = discovery_list_upload(
                matter=matter_obj,
                party=form.cleaned_data["party"],
                upload=form.cleaned_data["file"],
                user=request.user,
                client_ip=request_client_ip(request),
            )
        except DiscoveryListRefused as error:
            form.add_error("file", str(error))
        else:
            url = reverse("discovery:detail", args=[matter, created.pk])
            if _is_xhr(request):
                return JsonResponse({"redirect": url})
            return redirect(url)
    if _is_xhr(request):
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        return JsonResponse({"errors": errors}, status=400)
    return _lists_page(request, matter_obj, form)


def _detail_context(matter: Matter, discovery_list: DiscoveryList) -> dict[str, Any]:
    services = selectors.list_services(discovery_list)
    problems = selectors.first_problems(discovery_list)
    return {
        "matter": matter,
        "slug": access.matter_slug(matter.number),
        "list": discovery_list,
        "problems": problems[:PROBLEMS_SHOWN],
        "problems_stored": len(problems),
        "services": services,
        "para19": selectors.para19_text(services),
        "counts": sorted(discovery_list.counts_by_code.items()),
    }


def _practitioner_detail(
    request: HttpRequest,
    matter: Matter,
    discovery_list: DiscoveryList,
    *,
    verification_form: VerificationForm | None = None,
    service_form: ServiceForm | None = None,
    images_form: ImagesForm | None = None,
    images_report: Any = None,
    status: int = 200,
) -> HttpResponse:
    other_parties = selectors.parties_to_serve(discovery_list)
    context = _detail_context(matter, discovery_list)
    context.update(
        verification_form=verification_form
        or VerificationForm(initial={"method": discovery_list.verification or None}),
        service_form=service_form or ServiceForm(parties=other_parties),
        images_form=images_form or ImagesForm(),
        images_report=images_report,
        practitioner=True,
    )
    return render(request, "discovery/detail.html", context, status=status)


@practitioner_required
def detail(request: HttpRequest, matter: str, pk: int) -> HttpResponse:
    matter_obj = represented_matter_or_404(request, matter)
    return _practitioner_detail(request, matter_obj, _practitioner_list(request, matter_obj, pk))


@practitioner_required
@require_POST
def verify(request: HttpRequest, matter: str, pk: int) -> HttpResponse:
    """Record how the list is verified (paras 17-19)."""
    matter_obj = represented_matter_or_404(request, matter)
    discovery_list = _practitioner_list(request, matter_obj, pk)
    form = VerificationForm(request.POST)
    if form.is_valid():
        try:
            discovery_list_verify(
                discovery_list=discovery_list,
                method=form.cleaned_data["method"],
                user=request.user,
                client_ip=request_client_ip(request),
            )
        except DiscoveryListRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The verification is recorded.")
            return redirect("discovery:detail", matter, pk)
    return _practitioner_detail(
        request, matter_obj, discovery_list, verification_form=form, status=400
    )


@practitioner_required
@require_POST
def serve(request: HttpRequest, matter: str, pk: int) -> HttpResponse:
    """Record a service of the list's data on another party (para 19)."""
    matter_obj = represented_matter_or_404(request, matter)
    discovery_list = _practitioner_list(request, matter_obj, pk)
    other_parties = selectors.parties_to_serve(discovery_list)
    form = ServiceForm(request.POST, parties=other_parties)
    if form.is_valid():
        try:
            discovery_list_service_record(
                discovery_list=discovery_list,
                medium=form.cleaned_data["medium"],
                served_on=form.cleaned_data["served_on"],
                letter_date=form.cleaned_data["letter_date"],
                user=request.user,
                today=timezone.localdate(),
                client_ip=request_client_ip(request),
            )
        except DiscoveryListRefused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The service is recorded.")
            return redirect("discovery:detail", matter, pk)
    return _practitioner_detail(request, matter_obj, discovery_list, service_form=form, status=400)


@practitioner_required
@require_POST
def images(request: HttpRequest, matter: str, pk: int) -> HttpResponse:
    """Check a ZIP of the documents' images against the list (Schedule (a)-(b))."""
    matter_obj = represented_matter_or_404(request, matter)
    discovery_list = _practitioner_list(request, matter_obj, pk)
    form = ImagesForm(request.POST, request.FILES)
    report = None
    if form.is_valid():
        try:
            report = check_uploaded_images(
                form.cleaned_data["images"],
                discovery_list.file.path,
                selectors.list_conventions_for(matter_obj),
            )
        except ImagesUnreadable as error:
            form.add_error("images", str(error))
    return _practitioner_detail(
        request,
        matter_obj,
        discovery_list,
        images_form=form,
        images_report=report,
        status=200 if report is not None else 400,
    )


def _download(request: HttpRequest, discovery_list: DiscoveryList, kind: str) -> HttpResponse:
    conventions = selectors.list_conventions_for(discovery_list.matter)
    path = discovery_list.file.path
    stem = f"{access.matter_slug(discovery_list.matter.number)}-list-{discovery_list.pk}"
    if kind == "report":
        response: HttpResponse = StreamingHttpResponse(
            exports.stream_report(path, conventions), content_type="text/csv; charset=utf-8"
        )
        return as_attachment(response, f"{stem}-problems.csv")
    if kind not in EXPORTS:
        raise Http404("No such export.")
    content_type, extension = EXPORTS[kind]
    if kind == "xlsx":
        response = FileResponse(exports.write_xlsx(path, conventions), content_type=content_type)
    elif kind == "court-book":
        response = StreamingHttpResponse(
            exports.stream_court_book_index(path, conventions), content_type=content_type
        )
        stem += "-court-book-index"
    else:
        delimiter = "\t" if kind == "tsv" else ","
        response = StreamingHttpResponse(
            exports.stream_delimited(path, conventions, delimiter=delimiter),
            content_type=content_type,
        )
    return as_attachment(response, f"{stem}.{extension}")


@practitioner_required
def report(request: HttpRequest, matter: str, pk: int) -> HttpResponse:
    """Every problem of the list, as CSV."""
    matter_obj = represented_matter_or_404(request, matter)
    return _download(request, _practitioner_list(request, matter_obj, pk), "report")


@practitioner_required
def export(request: HttpRequest, matter: str, pk: int, kind: str) -> HttpResponse:
    """The list as delimited text, Excel or a court book index (paras 20-21)."""
    matter_obj = represented_matter_or_404(request, matter)
    return _download(request, _practitioner_list(request, matter_obj, pk), kind)


# --- clerks: read-only ----------------------------------------------------------------------


def _clerk_list(matter: Matter, pk: int) -> DiscoveryList:
    return get_object_or_404(selectors.matter_lists(matter), pk=pk)


@clerk_required
def clerk_lists(request: HttpRequest, matter: str) -> HttpResponse:
    matter_obj = any_matter_or_404(matter)
    return render(
        request,
        "discovery/clerk_lists.html",
        {
            "matter": matter_obj,
            "slug": access.matter_slug(matter_obj.number),
            "lists": selectors.matter_lists(matter_obj),
        },
    )


@clerk_required
def clerk_detail(request: HttpRequest, matter: str, pk: int) -> HttpResponse:
    matter_obj = any_matter_or_404(matter)
    context = _detail_context(matter_obj, _clerk_list(matter_obj, pk))
    context["practitioner"] = False
    return render(request, "discovery/detail.html", context)


@clerk_required
def clerk_report(request: HttpRequest, matter: str, pk: int) -> HttpResponse:
    matter_obj = any_matter_or_404(matter)
    return _download(request, _clerk_list(matter_obj, pk), "report")


@clerk_required
def clerk_export(request: HttpRequest, matter: str, pk: int, kind: str) -> HttpResponse:
    matter_obj = any_matter_or_404(matter)
    return _download(request, _clerk_list(matter_obj, pk), kind)
