"""ingest_disc: folders, ZIPs and ISO images; the para 6 label; hostile discs (PD16 4, 6)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from filings.models import Filing, Party
from intake.disc import parse_label
from tests.factories import MatterFactory, PartyFactory
from tests.intake import discs

pytestmark = pytest.mark.django_db

NUMBER = "IRC2026/0002"


@pytest.fixture
def matter():
    m = MatterFactory(number=NUMBER, year=2026, sequence=2, title="Karimi v Harbour Freight")
    PartyFactory(matter=m, name="Hamid Karimi", role=Party.Role.APPLICANT)
    return m


EXIT = {"filed": 0, "refused": 1, "needs_clerk": 3}


def ingest(path, *extra: str, party: str = "Hamid Karimi") -> dict:
    """The command's JSON object, its exit status checked against its outcome."""
    out = StringIO()
    try:
        call_command("ingest_disc", str(path), "--party", party, *extra, "--json", stdout=out)
        status = 0
    except CommandError as error:
        status = error.returncode
    result = json.loads(out.getvalue())
    unreadable = "disc.unreadable" in {p["code"] for p in result["problems"]}
    assert status == (2 if unreadable else EXIT[result["outcome"]])
    return result


@pytest.mark.parametrize("shape", ["folder", "zip", "iso"])
def test_a_good_disc_is_lodged_with_kinds_and_titles_from_its_names(shape, matter, tmp_path):
    files = discs.good_files(NUMBER)
    path = {
        "folder": lambda: discs.as_folder(files, tmp_path / "disc"),
        "zip": lambda: discs.as_zip(files, tmp_path / "disc.zip"),
        "iso": lambda: discs.as_iso(files, tmp_path / "disc.iso"),
    }[shape]()
    result = ingest(path, "--matter", NUMBER)
    assert set(result) == {"matter", "label", "files", "outcome", "problems"}
    assert result["outcome"] == "filed", result["problems"]
    assert result["matter"] == NUMBER
    assert result["label"]["found"] is True
    assert result["label"]["matter_number"] == NUMBER
    assert result["label"]["abbreviated_title"] == "Karimi v Harbour Freight"
    assert len(result["label"]["documents"]) == 2
    by_name = {f["name"]: f for f in result["files"]}
    affidavit = by_name["IRC2026-0002_01_Affidavit-of-H-Karimi.doc"]
    assert (affidavit["kind"], affidavit["title"], affidavit["format"]) == (
        "Affidavit",
        "Affidavit of H Karimi",
        "DOC",
    )
    filing = Filing.objects.get()
    assert filing.channel == (Filing.Channel.CD_ROM if shape == "iso" else Filing.Channel.DISKETTE)
    first, second = filing.documents.order_by("position")
    assert first.kind.name == "Affidavit" and second.annexed_to == first


def test_dry_run_lodges_nothing(matter, tmp_path):
    path = discs.as_zip(discs.good_files(NUMBER), tmp_path / "disc.zip")
    assert ingest(path, "--dry-run")["outcome"] == "filed"
    assert not Filing.objects.exists()


def test_missing_and_extra_documents_are_reported_citing_para_6(matter, tmp_path):
    files = discs.good_files(NUMBER)
    files.pop("IRC2026-0002_02_Annexure-or-attachment-A-letter.tif")
    files["IRC2026-0002_03_Reply-of-H-Karimi.doc"] = discs.DOC
    result = ingest(discs.as_zip(files, tmp_path / "d.zip"))
    codes = {p["code"] for p in result["problems"]}
    assert {"label.document_missing", "label.document_extra"} <= codes
    assert all(
        "para 6" in p["message"] for p in result["problems"] if p["code"].startswith("label")
    )


def test_a_label_for_another_matter_is_refused(matter, tmp_path):
    MatterFactory(number="IRC2026/0009", year=2026, sequence=9)
    result = ingest(
        discs.as_zip(discs.good_files(NUMBER), tmp_path / "d.zip"), "--matter", "IRC2026/0009"
    )
    assert result["outcome"] == "refused"
    assert "label.matter_mismatch" in {p["code"] for p in result["problems"]}
    assert not Filing.objects.exists()


def test_an_unlabelled_disc_needs_the_matter_and_says_it_was_unlabelled(matter, tmp_path):
    files = discs.good_files(NUMBER)
    files.pop("LABEL.txt")
    path = discs.as_folder(files, tmp_path / "disc")
    first = ingest(path)
    assert first["outcome"] == "needs_clerk"
    assert first["label"]["found"] is False
    assert {"label.missing", "disc.matter_needed"} <= {p["code"] for p in first["problems"]}
    second = ingest(path, "--matter", NUMBER)
    assert second["outcome"] == "filed"
    assert "label.missing" in {p["code"] for p in second["problems"]}


def test_files_not_named_the_registrys_way_need_the_clerk(matter, tmp_path):
    files = {"affidavit.doc": discs.DOC}
    result = ingest(discs.as_folder(files, tmp_path / "disc"), "--matter", NUMBER)
    assert result["outcome"] == "needs_clerk"
    assert result["files"][0]["kind"] is None
    assert "disc.kind_needed" in {p["code"] for p in result["problems"]}


def test_a_pdf_on_the_disc_is_refused_with_the_para_4_code(matter, tmp_path):
    files = {"IRC2026-0002_01_Affidavit-of-H-Karimi.doc": discs.PDF}
    result = ingest(discs.as_folder(files, tmp_path / "disc"), "--matter", NUMBER)
    assert result["outcome"] == "refused"
    assert result["files"][0]["acceptable"] is False
    assert "format.pdf_not_acceptable" in {p["code"] for p in result["problems"]}


def test_an_unknown_party_is_refused(matter, tmp_path):
    path = discs.as_zip(discs.good_files(NUMBER), tmp_path / "d.zip")
    result = ingest(path, party="Nobody")
    assert result["outcome"] == "refused"
    assert "disc.party_unknown" in {p["code"] for p in result["problems"]}


def hostile(tmp_path, kind: str):  # noqa: PLR0911 - one return per outcome it reports
    if kind == "traversal":
        return discs.as_zip({"../../evil.doc": discs.DOC}, tmp_path / "d.zip")
    if kind == "absolute":
        return discs.as_zip({"/etc/evil.doc": discs.DOC}, tmp_path / "d.zip")
    if kind == "zip_link":
        return discs.zip_with_link(tmp_path / "d.zip")
    if kind == "bomb":
        return discs.zip_bomb(tmp_path / "d.zip")
    if kind == "many":
        return discs.as_zip({f"f{n}.doc": b"x" for n in range(1000)}, tmp_path / "d.zip")
    if kind == "case":
        return discs.as_zip({"A.doc": discs.DOC, "a.DOC": discs.DOC}, tmp_path / "d.zip")
    if kind == "iso_link":
        return discs.as_iso({"a.doc": discs.DOC}, tmp_path / "d.iso", symlink="passwd")
    if kind == "iso_traversal":
        return discs.iso_with_rock_ridge_name("..\\evil.doc", tmp_path / "d.iso")
    if kind == "iso_dotdot":
        return discs.iso_with_rock_ridge_name("..", tmp_path / "d.iso")
    if kind == "folder_link":
        root = discs.as_folder({"a.doc": discs.DOC}, tmp_path / "disc")
        (root / "link.doc").symlink_to("/etc/passwd")
        return root
    if kind == "not_a_disc":
        path = tmp_path / "d.bin"
        path.write_bytes(b"hello")
        return path
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("traversal", "disc.path_traversal"),
        ("absolute", "disc.path_traversal"),
        ("zip_link", "disc.link"),
        ("bomb", "disc.zip_bomb"),
        ("many", "disc.too_many_files"),
        ("case", "disc.names_differ_by_case"),
        ("iso_link", "disc.link"),
        ("iso_traversal", "disc.path_traversal"),
        ("iso_dotdot", "disc.path_traversal"),
        ("folder_link", "disc.link"),
        ("not_a_disc", "disc.unreadable"),
    ],
)
def test_hostile_discs_are_refused_with_their_own_code(kind, code, matter, tmp_path):
    result = ingest(hostile(tmp_path, kind), "--matter", NUMBER)
    assert result["outcome"] == "refused"
    assert code in {p["code"] for p in result["problems"]}
    assert not Filing.objects.exists()


def test_the_registrys_own_label_parses():
    text = discs.label(NUMBER, "Karimi", ["01  Affidavit of X (Affidavit)  IRC2026-0002_01_A.doc"])
    parsed = parse_label(text.decode())
    assert parsed.matter_number == NUMBER
    assert parsed.documents[0].kind == "Affidavit"


def test_a_plain_text_label_with_bare_names_parses():
    parsed = parse_label("Matter Number: IRC2026/0002\nTitle: K v H\nDocuments:\nletter.doc\n")
    assert [d.name for d in parsed.documents] == ["letter.doc"]


def test_the_registrys_own_zip_and_label_come_back_in_as_the_same_documents(matter, tmp_path):
    from filings.packaging import stream_filing_zip
    from tests.factories_lodgment import PractitionerFactory, lodge

    party = Party.objects.get(matter=matter)
    original = lodge(party, PractitionerFactory())
    documents = list(original.documents.order_by("position"))
    path = tmp_path / "filing.zip"
    path.write_bytes(b"".join(stream_filing_zip(original, documents)))
    result = ingest(path, "--matter", NUMBER)
    assert result["outcome"] == "filed", result["problems"]
    assert result["label"]["found"] and result["label"]["matter_number"] == NUMBER
    assert not [p for p in result["problems"] if p["code"].startswith("label.")]
    copy = Filing.objects.exclude(pk=original.pk).get()
    assert [(d.kind, d.title, d.sha256) for d in copy.documents.order_by("position")] == [
        (d.kind, d.title, d.sha256) for d in documents
    ]


def test_the_json_object_has_exactly_the_specified_keys(matter, tmp_path):
    result = ingest(discs.as_zip(discs.good_files(NUMBER), tmp_path / "d.zip"))
    assert set(result) == {"matter", "label", "files", "outcome", "problems"}
    assert set(result["label"]) == {"found", "matter_number", "abbreviated_title", "documents"}
    assert {frozenset(f) for f in result["files"]} == {
        frozenset({"name", "format", "acceptable", "kind", "title"})
    }
    assert all(set(p) == {"code", "message"} for p in result["problems"])


@pytest.mark.parametrize(
    ("make", "status"),
    [
        (lambda tmp: discs.as_zip(discs.good_files(NUMBER), tmp / "d.zip"), 0),
        (lambda tmp: discs.as_zip({"a.pdf": discs.PDF}, tmp / "d.zip"), 1),
        (lambda tmp: tmp / "no-such-disc.iso", 2),
        (lambda tmp: discs.as_zip({"scan.doc": discs.DOC}, tmp / "d.zip"), 3),
    ],
    ids=["filed", "refused", "unreadable", "needs_clerk"],
)
def test_the_exit_status_says_what_became_of_the_disc(make, status, matter, tmp_path):
    out = StringIO()
    args = [str(make(tmp_path)), "--party", "Hamid Karimi", "--matter", NUMBER]
    if status == 0:
        call_command("ingest_disc", *args, stdout=out)
        assert "Outcome: filed" in out.getvalue()
        return
    with pytest.raises(CommandError) as raised:
        call_command("ingest_disc", *args, stdout=out)
    assert raised.value.returncode == status
    assert "nothing was lodged" in str(raised.value)
    assert not Filing.objects.exists()


def test_a_disc_for_a_closed_matter_is_refused_with_the_stable_code(matter, tmp_path):
    """Issue 9 §2: lodging into a closed matter is refused on every channel, discs too."""
    from filings.services.matters import matter_close

    matter_close(matter=matter, reason="Discontinued.")
    result = ingest(discs.as_zip(discs.good_files(NUMBER), tmp_path / "d.zip"), "--matter", NUMBER)
    assert result["outcome"] == "refused"
    problems = {p["code"]: p["message"] for p in result["problems"]}
    assert "matter.closed" in problems, problems
    assert "closed" in problems["matter.closed"]
    assert not Filing.objects.exists()
