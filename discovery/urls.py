"""Discovery list pages, mounted at /discovery/ (namespace ``discovery``). Matters are named by
their number with "-" for "/" (IRC2026-0001), lists by their id within the matter."""

from django.urls import path

# Importing the clerks' URLs registers the matter number converter (IRC2026-0001 <-> /).
from filings import converters  # noqa: F401 - registers <matter_number:…>

from . import views

app_name = "discovery"

MATTER = "matters/<str:matter>/"
LIST = MATTER + "lists/<int:pk>/"
CLERK_MATTER = "registry/matters/<matter_number:matter>/"
CLERK_LIST = CLERK_MATTER + "lists/<int:pk>/"

urlpatterns = [
    path(MATTER, views.lists, name="lists"),
    path(MATTER + "upload/", views.upload, name="upload"),
    path(LIST, views.detail, name="detail"),
    path(LIST + "verification/", views.verify, name="verify"),
    path(LIST + "services/", views.serve, name="serve"),
    path(LIST + "images/", views.images, name="images"),
    path(LIST + "report.csv", views.report, name="report"),
    path(LIST + "export/<str:kind>/", views.export, name="export"),
    path(CLERK_MATTER, views.clerk_lists, name="clerk_lists"),
    path(CLERK_LIST, views.clerk_detail, name="clerk_detail"),
    path(CLERK_LIST + "report.csv", views.clerk_report, name="clerk_report"),
    path(CLERK_LIST + "export/<str:kind>/", views.clerk_export, name="clerk_export"),
]
