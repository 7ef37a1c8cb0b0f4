"""Registry clerks' workspace: matters, the review queue, records and deadlines."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from registry.roles import clerk_required


@clerk_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "filings/clerk/dashboard.html")
