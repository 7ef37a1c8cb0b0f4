"""The home page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """Public landing page: what the registry does and where to sign in."""
    return render(request, "home.html")
