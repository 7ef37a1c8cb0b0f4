"""The home page: sends each role to its own workspace."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from registry.roles import is_clerk, is_practitioner


def home(request: HttpRequest) -> HttpResponse:
    """Public landing page, or the signed-in user's workspace."""
    if is_clerk(request.user):
        return redirect("clerk:dashboard")
    if is_practitioner(request.user):
        return redirect("practitioner:dashboard")
    return render(request, "home.html")
