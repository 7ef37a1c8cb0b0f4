"""The home page, which sends each role to its own workspace, and the health check."""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from registry.roles import is_clerk, is_practitioner


def home(request: HttpRequest) -> HttpResponse:
    """Public landing page, or the signed-in user's workspace."""
    if is_clerk(request.user):
        return redirect("clerk:dashboard")
    if is_practitioner(request.user):
        return redirect("practitioner:dashboard")
    return render(request, "home.html")


@never_cache
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For the load balancer: 200 when this process can reach the database (no session, no
    sign-in, nothing about the registry's contents)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok\n", content_type="text/plain")
