"""Practitioners' pages, mounted at /lodge/ (namespace ``practitioner``).

Matters are named by their number with "/" as "-" (IRC2004-1000), filings by their sequence in
the matter and documents by their position in the filing, as on the Notice of Lodgment.
"""

from django.urls import path

from filings import converters  # noqa: F401 - registers <matter_number:…>
from filings.views import practitioner

app_name = "practitioner"

MATTER = "matters/<matter_number:matter>/"
FILING = MATTER + "filings/<int:sequence>/"

urlpatterns = [
    path("", practitioner.dashboard, name="dashboard"),
    path("validate/", practitioner.validate_copy, name="validate_copy"),
    path(MATTER, practitioner.matter_detail, name="matter"),
    path(MATTER + "lodge/", practitioner.lodge, name="lodge"),
    path(MATTER + "requirement/", practitioner.requirement, name="requirement"),
    path(FILING, practitioner.filing_detail, name="filing"),
    path(f"{FILING}correct/", practitioner.lodge, name="correct"),
    path(f"{FILING}notice/", practitioner.notice, name="notice"),
    path(f"{FILING}notice.txt", practitioner.notice_text, name="notice_text"),
    path(f"{FILING}label/", practitioner.label, name="label"),
    path(f"{FILING}label.txt", practitioner.label_text, name="label_text"),
    path(f"{FILING}documents.zip", practitioner.filing_zip, name="filing_zip"),
    path(f"{FILING}documents/<int:position>/", practitioner.document_download, name="document"),
]
