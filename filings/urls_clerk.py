"""Registry clerks' workspace."""

from django.urls import path

from filings.views import clerk

app_name = "clerk"

urlpatterns = [
    path("", clerk.dashboard, name="dashboard"),
]
