"""The discovery list pages: upload in each format, problems beside their rows, the report,
fix and upload again, exports, verification, services, images; who may see what; queries."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from discovery.models import DiscoveryList, ListService
from filings.selectors.access import matter_slug
from tests.discovery.images_zip import tiff, zip_of
from tests.discovery.lists import csv_bytes, good_rows, row
from tests.factories import PartyFactory
from tests.factories_lodgment import ClerkFactory, PractitionerFactory, matter_for, represent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    a, b = PractitionerFactory(), PractitionerFactory()
    matter_1, party_a = matter_for(a)
    party_b = PartyFactory(matter=matter_1, role="respondent", representation="solicitor")
    represent(b, party_b)
    matter_2, party_b2 = matter_for(b)
    return {
        "a": a,
        "b": b,
        "clerk": ClerkFactory(),
        "matter_1": matter_1,
        "matter_2": matter_2,
        "party_a": party_a,
        "party_b": party_b,
        "party_b2": party_b2,
        "slug_1": matter_slug(matter_1.number),
        "slug_2": matter_slug(matter_2.number),
    }


def upload(client, slug, party, name, data, **headers):
    return client.post(
        reverse("discovery:upload", args=[slug]),
        {"party": party.pk, "file": SimpleUploadedFile(name, data)},
        headers=headers,
    )


def uploaded(client, world, name, data):
    response = upload(client, world["slug_1"], world["party_a"], name, data)
    assert response.status_code == 302, response.content[:500]
    return DiscoveryList.objects.latest("pk")


@pytest.mark.parametrize("name", ["sample.csv", "sample.xlsx", "sample.dat"])
def test_upload_in_each_format_keeps_the_partys_list(client, world, fixtures_dir, name):
    client.force_login(world["a"])
    data = (fixtures_dir / "discovery" / name).read_bytes()
    kept = uploaded(client, world, name, data)
    assert (kept.format, kept.row_count, kept.error_count, kept.is_current) == (
        name.rsplit(".", 1)[1],
        4,
        0,
        True,
    )
    import hashlib

    assert kept.sha256 == hashlib.sha256(data).hexdigest()
    assert kept.file.name == f"discovery-lists/{kept.sha256[:2]}/{kept.sha256}"
    assert kept.file.read() == data
    event = AuditEvent.objects.get(action=AuditEvent.Action.DISCOVERY_LIST_UPLOADED)
    assert event.detail["after"] == {"current_list_id": kept.pk}
    page = client.get(reverse("discovery:detail", args=[world["slug_1"], kept.pk]))
    assert b"provided to the Court" in page.content


def test_problems_show_beside_their_rows_then_the_fixed_list_replaces_nothing_else(
    client, world, fixtures_dir
):
    client.force_login(world["a"])
    good = uploaded(
        client, world, "first.csv", (fixtures_dir / "discovery/sample.csv").read_bytes()
    )
    bad = uploaded(
        client, world, "list.csv", (fixtures_dir / "discovery/sample-problems.csv").read_bytes()
    )
    assert (bad.validated, bad.is_current, bad.error_count, bad.warning_count) == (
        False,
        False,
        3,
        1,
    )
    good.refresh_from_db()
    assert good.is_current  # a list with errors changes nothing
    page = client.get(reverse("discovery:detail", args=[world["slug_1"], bad.pk]))
    html = page.content.decode()
    assert 'data-code="status.invalid"' in html and "ABC.001.003.0001" in html and "Scan" in html
    report = client.get(reverse("discovery:report", args=[world["slug_1"], bad.pk]))
    assert report["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(b"".join(report.streaming_content).decode())))
    assert rows[0][:5] == ["row", "document_id", "field", "severity", "code"]
    assert [r[4] for r in rows[1:]] == [
        "date.month_year",
        "status.invalid",
        "privilege.basis_missing",
        "author.form",
    ]
    fixed = uploaded(
        client, world, "list.csv", (fixtures_dir / "discovery/sample-fixed.csv").read_bytes()
    )
    good.refresh_from_db()
    assert fixed.is_current and not good.is_current


def test_unreadable_upload_leaves_nothing(client, world):
    client.force_login(world["a"])
    response = upload(client, world["slug_1"], world["party_a"], "l.csv", b"\x00\x01" * 500)
    assert response.status_code == 400
    assert b"binary" in response.content or b"encoding" in response.content
    assert not DiscoveryList.objects.exists()


def test_script_upload_gets_json(client, world, fixtures_dir):
    client.force_login(world["a"])
    data = (fixtures_dir / "discovery/sample.csv").read_bytes()
    response = upload(
        client, world["slug_1"], world["party_a"], "l.csv", data, X_Requested_With="XMLHttpRequest"
    )
    kept = DiscoveryList.objects.get()
    assert response.json() == {
        "redirect": reverse("discovery:detail", args=[world["slug_1"], kept.pk])
    }
    response = upload(
        client, world["slug_1"], world["party_a"], "l.csv", b"", X_Requested_With="XMLHttpRequest"
    )
    assert response.status_code == 400 and response.json()["errors"]


def test_a_practitioner_cannot_upload_for_the_other_side(client, world, fixtures_dir):
    client.force_login(world["a"])
    data = (fixtures_dir / "discovery/sample.csv").read_bytes()
    response = upload(client, world["slug_1"], world["party_b"], "l.csv", data)
    assert response.status_code == 400 and not DiscoveryList.objects.exists()


def test_another_matter_and_the_other_sides_list_answer_404(client, world, fixtures_dir):
    client.force_login(world["b"])
    data = (fixtures_dir / "discovery/sample.csv").read_bytes()
    upload(client, world["slug_1"], world["party_b"], "b.csv", data)
    upload(client, world["slug_2"], world["party_b2"], "b2.csv", data)
    list_b, list_b2 = DiscoveryList.objects.order_by("pk")
    client.force_login(world["a"])
    assert client.get(reverse("discovery:lists", args=[world["slug_2"]])).status_code == 404
    for name in ("detail", "report"):
        url = reverse(f"discovery:{name}", args=[world["slug_1"], list_b.pk])
        assert client.get(url).status_code == 404
        url = reverse(f"discovery:{name}", args=[world["slug_2"], list_b2.pk])
        assert client.get(url).status_code == 404
    url = reverse("discovery:export", args=[world["slug_1"], list_b.pk, "csv"])
    assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("discovery:verify", args=[world["slug_1"], list_b.pk]), {"method": "affidavit"}
        ).status_code
        == 404
    )
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ACCESS_REFUSED).exists()
    # The lists page of the shared matter shows only A's own parties' lists.
    page = client.get(reverse("discovery:lists", args=[world["slug_1"]]))
    assert b"b.csv" not in page.content


def test_clerks_read_every_list_and_practitioners_not_the_clerks_pages(client, world, fixtures_dir):
    client.force_login(world["a"])
    kept = uploaded(client, world, "a.csv", (fixtures_dir / "discovery/sample.csv").read_bytes())
    clerk_url = reverse("discovery:clerk_detail", args=[world["matter_1"].number, kept.pk])
    assert client.get(clerk_url).status_code == 404
    client.force_login(world["clerk"])
    page = client.get(reverse("discovery:clerk_lists", args=[world["matter_1"].number]))
    assert page.status_code == 200 and b"a.csv" in page.content
    detail = client.get(clerk_url)
    assert detail.status_code == 200 and b"verification-form" not in detail.content
    matter_page = client.get(reverse("clerk:matter", args=[world["matter_1"].number]))
    assert b"discovery-lists-link" in matter_page.content
    assert client.get(reverse("discovery:lists", args=[world["slug_1"]])).status_code == 404


def test_practitioner_matter_page_links_to_the_lists(client, world):
    client.force_login(world["a"])
    page = client.get(reverse("practitioner:matter", args=[world["slug_1"]]))
    assert reverse("discovery:lists", args=[world["slug_1"]]).encode() in page.content


def _make_lists(world, count):
    from discovery.models import DiscoveryList

    for i in range(count):
        DiscoveryList.objects.create(
            matter=world["matter_1"],
            party=world["party_a"],
            original_name=f"l{i}.csv",
            sha256=f"{i:064d}",
            size=1,
            format="csv",
            row_count=1,
            valid_row_count=1,
            error_count=0,
            warning_count=0,
            validated=True,
            uploaded_by=world["a"],
        )


@pytest.mark.parametrize("count", [2, 8])
def test_list_pages_use_a_constant_number_of_queries(
    client, world, count, django_assert_num_queries
):
    _make_lists(world, count)
    client.force_login(world["a"])
    url = reverse("discovery:lists", args=[world["slug_1"]])
    client.get(url)
    with django_assert_num_queries(10):  # 3 read the protocol (list_conventions_for)
        assert client.get(url).status_code == 200
    client.force_login(world["clerk"])
    url = reverse("discovery:clerk_lists", args=[world["matter_1"].number])
    client.get(url)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


def test_exports_escape_formula_cells(client, world):
    client.force_login(world["a"])
    rows = [
        row(Title='=HYPERLINK("http://x")', Document_type="+cmd", Source="@SUM(A1)"),
        row(
            Document_ID="ABC.001.002.0001", Title="-2+3", Privilege="YES", Basis_of_Privilege="s118"
        ),
    ]
    kept = uploaded(client, world, "l.csv", csv_bytes(rows))
    assert kept.is_current
    url = reverse("discovery:export", args=[world["slug_1"], kept.pk, "csv"])
    text = b"".join(client.get(url).streaming_content).decode()
    exported = list(csv.reader(io.StringIO(text)))
    assert exported[0][0] == "Document ID"
    title = exported[0].index("Title")
    assert exported[1][title] == '\'=HYPERLINK("http://x")'
    assert exported[1][exported[0].index("Document type")] == "'+cmd"
    assert exported[1][exported[0].index("Source")] == "'@SUM(A1)"
    assert exported[2][title] == "'-2+3"
    assert exported[1][0] == "ABC.001.001.0001"  # the data exchanged is otherwise unchanged

    response = client.get(reverse("discovery:export", args=[world["slug_1"], kept.pk, "xlsx"]))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet.cell(2, title + 1).value == '\'=HYPERLINK("http://x")'
    assert sheet.cell(2, title + 1).data_type == "s"

    tsv = client.get(reverse("discovery:export", args=[world["slug_1"], kept.pk, "tsv"]))
    assert b"\t" in b"".join(tsv.streaming_content)

    index = client.get(reverse("discovery:export", args=[world["slug_1"], kept.pk, "court-book"]))
    book = list(csv.reader(io.StringIO(b"".join(index.streaming_content).decode())))
    assert book[0] == [
        "Tab",
        "Document ID",
        "Date",
        "Document type",
        "Title",
        "Author",
        "Addressee",
    ]
    assert [r[1] for r in book[1:]] == ["ABC.001.001.0001"]  # the privileged one is left out
    assert (
        client.get(reverse("discovery:export", args=[world["slug_1"], kept.pk, "pdf"])).status_code
        == 404
    )


def test_verification_and_services_give_the_para_19_wording(client, world, fixtures_dir):
    client.force_login(world["a"])
    kept = uploaded(client, world, "a.csv", (fixtures_dir / "discovery/sample.csv").read_bytes())
    slug = world["slug_1"]
    response = client.post(reverse("discovery:verify", args=[slug, kept.pk]), {"method": "service"})
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.verification == "service" and kept.verification_recorded_by == world["a"]
    response = client.post(
        reverse("discovery:serve", args=[slug, kept.pk]),
        {"medium": "cd", "served_on": world["party_b"].pk, "letter_date": "2026-01-21"},
    )
    assert response.status_code == 302
    page = client.get(reverse("discovery:detail", args=[slug, kept.pk])).content.decode()
    assert (
        "the documents described in the database contained on the compact disk served on the "
        f"respondent, {world['party_b'].name} under cover of letter dated 21 January 2026"
    ) in page
    # Serving one's own party, or a party of another matter, is refused.
    for party in (world["party_a"], world["party_b2"]):
        response = client.post(
            reverse("discovery:serve", args=[slug, kept.pk]),
            {"medium": "cd", "served_on": party.pk, "letter_date": "2026-01-21"},
        )
        assert response.status_code == 400
    future = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()  # noqa: DTZ011 - the test's own clock, compared with what the page shows today
    response = client.post(
        reverse("discovery:serve", args=[slug, kept.pk]),
        {"medium": "cd", "served_on": world["party_b"].pk, "letter_date": future},
    )
    assert response.status_code == 400
    assert ListService.objects.count() == 1
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"discovery_list_verified", "discovery_list_served"} <= actions


def test_a_list_with_errors_cannot_be_verified(client, world, fixtures_dir):
    client.force_login(world["a"])
    bad = uploaded(
        client, world, "b.csv", (fixtures_dir / "discovery/sample-problems.csv").read_bytes()
    )
    response = client.post(
        reverse("discovery:verify", args=[world["slug_1"], bad.pk]), {"method": "affidavit"}
    )
    assert response.status_code == 400
    bad.refresh_from_db()
    assert bad.verification == ""


def test_images_check_on_the_page(client, world):
    client.force_login(world["a"])
    kept = uploaded(client, world, "a.csv", csv_bytes(good_rows()))
    data = zip_of({"ABC.001.001.0001.tif": tiff(), "ABC.009.009.0009.tif": tiff()})
    response = client.post(
        reverse("discovery:images", args=[world["slug_1"], kept.pk]),
        {"images": SimpleUploadedFile("images.zip", data)},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-code="images.no_row"' in html and 'data-code="images.missing"' in html
    evil = zip_of({"../evil.tif": tiff()})
    response = client.post(
        reverse("discovery:images", args=[world["slug_1"], kept.pk]),
        {"images": SimpleUploadedFile("images.zip", evil)},
    )
    assert response.status_code == 400 and b"unsafe name" in response.content


def test_demo_data_shows_a_list_with_problems_and_its_corrected_list():
    from demo.seed import seed_demo_data

    seed_demo_data()
    first, corrected = DiscoveryList.objects.order_by("pk")
    assert (first.validated, first.error_count, first.warning_count) == (False, 3, 1)
    assert corrected.is_current and corrected.row_count == first.row_count == 44
    seed_demo_data()  # idempotent
    assert DiscoveryList.objects.count() == 2
