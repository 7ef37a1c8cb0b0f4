"""The protocol pages, beside the matter pages they belong to: practitioners' under
/lodge/matters/<IRC2026-0001>/protocol/, clerks' under /registry/matters/<...>/protocol/."""

from django.urls import path

from filings import converters  # noqa: F401 - registers <matter_number:…>

from .views import clerk, practitioner

app_name = "protocols"

LODGE = "lodge/matters/<str:matter>/protocol/"
REGISTRY = "registry/matters/<matter_number:matter>/protocol/"

urlpatterns = [
    path(LODGE, practitioner.protocol_page, name="practitioner"),
    path(LODGE + "propose/", practitioner.propose, name="practitioner_propose"),
    path(LODGE + "proposals/<int:proposal>/agree/", practitioner.agree, name="practitioner_agree"),
    path(LODGE + "settings/", practitioner.propose_settings, name="practitioner_settings"),
    path(LODGE + "summary/", practitioner.summary, name="practitioner_summary"),
    path(LODGE + "summary.txt", practitioner.summary_text, name="practitioner_summary_text"),
    path(REGISTRY, clerk.protocol_page, name="clerk"),
    path(REGISTRY + "order/", clerk.order, name="clerk_order"),
    path(REGISTRY + "settings/order/", clerk.order_settings, name="clerk_order_settings"),
    path(REGISTRY + "summary/", clerk.summary, name="clerk_summary"),
    path(REGISTRY + "summary.txt", clerk.summary_text, name="clerk_summary_text"),
]
