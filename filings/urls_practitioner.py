"""Practitioners' pages."""

from django.urls import path

from filings.views import practitioner

app_name = "practitioner"

urlpatterns = [
    path("", practitioner.dashboard, name="dashboard"),
]
