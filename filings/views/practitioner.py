"""Practitioners' pages: their matters, lodging filings, notices and labels."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from registry.roles import practitioner_required


@practitioner_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "filings/practitioner/dashboard.html")
