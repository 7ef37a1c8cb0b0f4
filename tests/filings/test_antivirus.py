"""Virus scanning by a real ClamAV daemon (PN127 paras 9-10): the INSTREAM client, lodging
(an infected copy is refused, nothing written), and accepting (only copies scanned clean when
scanning is required). The daemon is the session fixture of tests/antivirus_daemon.py."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from filings.antivirus import CHUNK_SIZE, ScanResult, scan_file, scan_files, scan_problem
from filings.models import Document, Filing
from filings.selectors.access import matter_slug
from filings.services.lodgment import DocumentSubmission, filing_lodge
from filings.services.review import filing_accept
from practice_directions.models import ProceedingType
from tests.antivirus_daemon import EICAR, EICAR_SIGNATURE
from tests.factories import MatterFactory, PartyFactory, document_kind
from tests.factories_lodgment import (
    ClerkFactory,
    PractitionerFactory,
    error_codes,
    lodgment_post,
    matter_for,
    represent,
    upload,
)

TIMEOUT = 10.0


def _codes(error: ValidationError) -> list[str]:
    return [e.code for e in error.error_list]


def _rtf(path: Path, body: bytes) -> Path:
    path.write_bytes(rb"{\rtf1\ansi " + body + b" }")
    return path


@pytest.fixture
def clean_rtf(tmp_path) -> Path:
    return _rtf(tmp_path / "submissions.rtf", b"Outline of submissions of the applicant.")


@pytest.fixture
def eicar_rtf(tmp_path) -> Path:
    # The EICAR string holds one "}"; the "{" before it keeps the RTF's groups balanced, so the
    # file passes the format checks (PD16 para 4) and only the virus scan refuses it.
    return _rtf(tmp_path / "infected.rtf", b"{" + EICAR)


@pytest.fixture
def down_address(tmp_path) -> str:
    """A Unix socket address where no daemon listens."""
    return f"unix://{tmp_path / 'nobody-listens.sock'}"


@pytest.fixture
def scanner(settings, clamd_daemon):
    settings.REGISTRY_CLAMD_ADDRESS = clamd_daemon.unix_address
    settings.REGISTRY_CLAMD_TIMEOUT = TIMEOUT
    return clamd_daemon


# --- The client ---


@pytest.mark.parametrize("transport", ["unix_address", "tcp_address"])
def test_a_clean_file_is_clean_and_names_the_engine(clamd_daemon, clean_rtf, transport):
    result = scan_file(clean_rtf, address=getattr(clamd_daemon, transport), timeout=TIMEOUT)
    assert result.status == "clean"
    assert result.signature == ""
    assert result.engine.startswith("ClamAV ")


@pytest.mark.parametrize("transport", ["unix_address", "tcp_address"])
def test_the_eicar_file_is_infected_with_its_signature(clamd_daemon, eicar_rtf, transport):
    result = scan_file(eicar_rtf, address=getattr(clamd_daemon, transport), timeout=TIMEOUT)
    assert result == ScanResult("infected", signature=EICAR_SIGNATURE, engine=result.engine)
    assert result.engine.startswith("ClamAV ")


def test_a_signature_straddling_a_chunk_boundary_is_found(clamd_daemon, tmp_path):
    # The string starts 20 bytes before the end of the first chunk and ends in the second;
    # the file runs to several chunks, so the stream is reassembled by the daemon, not by us.
    path = tmp_path / "large.txt"
    start = CHUNK_SIZE - 20
    path.write_bytes(b"a" * start + EICAR + b"b" * (3 * CHUNK_SIZE))
    result = scan_file(path, address=clamd_daemon.unix_address, timeout=TIMEOUT)
    assert result.status == "infected"
    assert result.signature == EICAR_SIGNATURE
    padded = tmp_path / "large-clean.txt"
    padded.write_bytes(b"a" * (4 * CHUNK_SIZE + 7))
    assert scan_file(padded, address=clamd_daemon.unix_address, timeout=TIMEOUT).clean


def test_a_daemon_that_is_down_gives_an_error_not_an_exception(clean_rtf, down_address):
    result = scan_file(clean_rtf, address=down_address, timeout=TIMEOUT)
    assert result.status == "error"
    assert result.message
    with socket.socket() as probe:  # a TCP port nobody listens on: bound, never listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        closed = scan_file(clean_rtf, address=f"tcp://127.0.0.1:{port}", timeout=TIMEOUT)
    assert closed.status == "error"


def test_an_unusable_address_or_missing_file_gives_an_error(clamd_daemon, tmp_path, clean_rtf):
    assert scan_file(clean_rtf, address="ftp://example", timeout=TIMEOUT).status == "error"
    missing = scan_file(tmp_path / "missing.rtf", address=clamd_daemon.unix_address, timeout=1)
    assert missing.status == "error"


def test_no_address_means_not_scanned(clean_rtf):
    assert scan_file(clean_rtf, address="", timeout=TIMEOUT).status == "not_scanned"


def test_several_files_each_get_their_own_verdict(clamd_daemon, clean_rtf, eicar_rtf):
    results = scan_files([clean_rtf, eicar_rtf], address=clamd_daemon.unix_address, timeout=5)
    assert [r.status for r in results] == ["clean", "infected"]


def test_scan_problem_refuses_viruses_always_and_unscanned_copies_only_when_required():
    infected = ScanResult("infected", signature="X")
    assert scan_problem(infected, scan_required=False).code == "virus.found"
    assert scan_problem(ScanResult("clean"), scan_required=True) is None
    for status in ("error", "not_scanned"):
        unscanned = ScanResult(status)
        assert scan_problem(unscanned, scan_required=True).code == "virus.scanner_unavailable"
        assert scan_problem(unscanned, scan_required=False) is None
    assert scan_problem(infected, scan_required=False).paragraph == "PN127 10"


# --- Lodging ---


@pytest.fixture
def party(db):
    matter = MatterFactory(proceeding=ProceedingType.objects.get(code="other"))
    return PartyFactory(matter=matter, representation="solicitor")


@pytest.fixture
def practitioner(db):
    return PractitionerFactory()


def _submission(path: Path, title: str = "Submissions of the applicant") -> DocumentSubmission:
    return DocumentSubmission(
        kind=document_kind("Affidavit"), title=title, path=path, original_filename=path.name
    )


def _stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_an_infected_copy_is_refused_and_nothing_is_written(
    scanner, settings, party, practitioner, clean_rtf, eicar_rtf
):
    with pytest.raises(ValidationError) as error:
        filing_lodge(
            party=party,
            lodged_by=practitioner,
            documents=[_submission(clean_rtf, title=" "), _submission(eicar_rtf)],
        )
    problems = {e.code: e for e in error.value.error_list}
    # Every problem at once: the missing title of document 1 and the virus in document 2.
    assert set(problems) == {"document.title_missing", "virus.found"}
    assert problems["virus.found"].params == {"position": 2}
    assert EICAR_SIGNATURE in problems["virus.found"].message
    assert "PN127 10" in problems["virus.found"].message
    assert not Filing.objects.exists()
    assert not Document.objects.exists()
    assert _stored_files(settings) == []


def test_an_infected_copy_is_refused_even_when_scanning_is_not_required(
    scanner, settings, party, practitioner, eicar_rtf
):
    settings.REGISTRY_REQUIRE_VIRUS_SCAN = False
    with pytest.raises(ValidationError) as error:
        filing_lodge(party=party, lodged_by=practitioner, documents=[_submission(eicar_rtf)])
    assert _codes(error.value) == ["virus.found"]


def test_a_clean_copy_is_lodged_with_its_scan_recorded(scanner, party, practitioner, clean_rtf):
    appearance = DocumentSubmission(kind=document_kind("Notice of Appearance"), title="Appearance")
    filing = filing_lodge(
        party=party, lodged_by=practitioner, documents=[_submission(clean_rtf), appearance]
    )
    with_copy, without_copy = filing.documents.order_by("position")
    assert with_copy.virus_scan_status == Document.VirusScan.CLEAN
    assert with_copy.virus_scan_engine.startswith("ClamAV ")
    assert with_copy.virus_scan_signature == ""
    assert with_copy.virus_scanned_at is not None
    assert without_copy.virus_scan_status == ""
    assert without_copy.virus_scanned_at is None


@pytest.mark.parametrize("configured", [True, False])
def test_when_scanning_is_required_an_unavailable_scanner_refuses_the_lodgment(
    settings, party, practitioner, clean_rtf, down_address, configured
):
    settings.REGISTRY_REQUIRE_VIRUS_SCAN = True
    settings.REGISTRY_CLAMD_ADDRESS = down_address if configured else ""
    with pytest.raises(ValidationError) as error:
        filing_lodge(party=party, lodged_by=practitioner, documents=[_submission(clean_rtf)])
    assert _codes(error.value) == ["virus.scanner_unavailable"]
    assert error.value.error_list[0].params == {"position": 1}
    assert not Filing.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    ("configured", "status"), [(False, "not_scanned"), (True, "error")], ids=["unset", "down"]
)
def test_when_scanning_is_not_required_an_unscanned_copy_is_lodged_and_marked(
    settings, party, practitioner, clean_rtf, down_address, configured, status
):
    settings.REGISTRY_REQUIRE_VIRUS_SCAN = False
    settings.REGISTRY_CLAMD_ADDRESS = down_address if configured else ""
    filing = filing_lodge(party=party, lodged_by=practitioner, documents=[_submission(clean_rtf)])
    document = filing.documents.get()
    assert document.virus_scan_status == status
    assert document.virus_scan_engine == ""
    assert (document.virus_scanned_at is None) == (status == "not_scanned")


# --- Accepting ---


def test_accepting_needs_every_copy_scanned_clean_when_scanning_is_required(
    scanner, settings, party, practitioner, clean_rtf
):
    clerk = ClerkFactory()
    settings.REGISTRY_CLAMD_ADDRESS = ""
    unscanned = filing_lodge(
        party=party, lodged_by=practitioner, documents=[_submission(clean_rtf)]
    )
    settings.REGISTRY_REQUIRE_VIRUS_SCAN = True
    with pytest.raises(ValidationError) as error:
        filing_accept(filing=unscanned, reviewed_by=clerk)
    assert _codes(error.value) == ["review.not_scanned_clean"]
    unscanned.refresh_from_db()
    assert unscanned.status == Filing.Status.LODGED

    settings.REGISTRY_CLAMD_ADDRESS = scanner.unix_address
    clean = filing_lodge(party=party, lodged_by=practitioner, documents=[_submission(clean_rtf)])
    assert filing_accept(filing=clean, reviewed_by=clerk).status == Filing.Status.ACCEPTED


def test_accepting_an_unscanned_copy_is_allowed_when_scanning_is_not_required(
    settings, party, practitioner, clean_rtf
):
    settings.REGISTRY_REQUIRE_VIRUS_SCAN = False
    filing = filing_lodge(party=party, lodged_by=practitioner, documents=[_submission(clean_rtf)])
    accepted = filing_accept(filing=filing, reviewed_by=ClerkFactory())
    assert accepted.status == Filing.Status.ACCEPTED


# --- The clerk's pages ---


def test_the_clerks_filing_page_shows_each_copys_scan(
    scanner, settings, client, party, practitioner, clean_rtf
):
    represent(practitioner, party)
    scanned = filing_lodge(party=party, lodged_by=practitioner, documents=[_submission(clean_rtf)])
    settings.REGISTRY_CLAMD_ADDRESS = ""
    unscanned = filing_lodge(
        party=party, lodged_by=practitioner, documents=[_submission(clean_rtf)]
    )
    client.force_login(ClerkFactory())

    def page(filing: Filing) -> str:
        url = reverse("clerk:filing", args=[filing.matter.number, filing.sequence])
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    clean_page = page(scanned)
    assert 'data-virus-scan="clean"' in clean_page
    assert scanned.documents.get().virus_scan_engine in clean_page
    assert 'data-virus-scan="not_scanned"' in page(unscanned)

    settings.REGISTRY_REQUIRE_VIRUS_SCAN = True
    url = reverse("clerk:filing_accept", args=[unscanned.matter.number, unscanned.sequence])
    refused = client.post(url, {"accept-notes": ""})
    assert refused.status_code == 400
    assert "review.not_scanned_clean" in refused.context["accept_form"].error_codes()


def test_an_infected_upload_is_refused_on_its_row_in_the_practitioners_form(
    db, scanner, settings, client, eicar_rtf
):
    practitioner = PractitionerFactory()
    matter, party = matter_for(practitioner)
    client.force_login(practitioner)
    row = {
        "kind": document_kind("Affidavit").pk,
        "title": "Affidavit of J Smith",
        "role": "principal",
        "electronic_copy": upload("affidavit.rtf", content=eicar_rtf.read_bytes()),
    }
    url = reverse("practitioner:lodge", args=[matter_slug(matter.number)])
    response = client.post(url, lodgment_post(party, row))
    assert response.status_code == 400
    assert "virus.found" in error_codes(response)
    assert 'id="id_documents-0-electronic_copy_error"' in response.content.decode()
    assert not Filing.objects.exists()
    assert _stored_files(settings) == []
