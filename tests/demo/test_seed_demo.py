"""seed_demo and the committed demo documents.

The documents must be what PD16 para 4 accepts (DOC or RTF; TIFF, GIF or JPEG for annexures)
and open in LibreOffice; the demo must hold every proceeding type and kind of representation,
filings in each state of review, a para 7 direction and waiver, and a Rule 32 order (para 11).
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from PIL import Image

from demo import DOCUMENTS_DIR
from demo.catalogue import MATTERS
from demo.lodgments import FILINGS, demo_filenames
from demo.seed import PASSWORD_CHANGED
from filings.models import (
    Direction,
    Document,
    Filing,
    FilingRejection,
    Matter,
    Organisation,
    Party,
    PartyRepresentative,
    PractitionerProfile,
    Rule32Order,
)
from filings.validation import ValidationPolicy, validate_file
from practice_directions.models import ProceedingType
from registry.roles import ADMINISTRATORS, CLERKS, PRACTITIONERS

FORMAT_BY_SUFFIX = {".doc": "DOC", ".rtf": "RTF", ".tif": "TIFF", ".gif": "GIF", ".jpg": "JPEG"}
COMMITTED = sorted(p for p in DOCUMENTS_DIR.iterdir() if p.is_file())
WORD_PROCESSING = [p for p in COMMITTED if p.suffix in {".doc", ".rtf"}]
IMAGES = [p for p in COMMITTED if p.suffix in {".tif", ".gif", ".jpg"}]
# A heading each document must show when LibreOffice reads it.
HEADINGS = {
    "affidavit-lindqvist.doc": "AFFIDAVIT OF ROSA LINDQVIST",
    "affidavit-oconnor.doc": "AFFIDAVIT OF MARGARET ANNE O'CONNOR",
    "proposed-orders-oconnor.doc": "APPLICANT'S PROPOSED ORDERS",
    "enterprise-agreement-riverina-2026.doc": "ENTERPRISE AGREEMENT 2026",
    "points-of-defence-southern-highlands.doc": "RESPONDENT'S POINTS OF DEFENCE",
    "statement-of-evidence-karimi.rtf": "STATEMENT OF EVIDENCE OF AHMED KARIMI",
    "submissions-allied-trades-union.rtf": "SUBMISSIONS OF THE NSW ALLIED TRADES UNION",
    "outline-of-submissions-kingsford.rtf": "RESPONDENT'S OUTLINE OF SUBMISSIONS",
    "contract-agreement-northern-rivers-draft.rtf": "CONSULTATION DRAFT",
    "contract-agreement-northern-rivers.rtf": "CONTRACT AGREEMENT 2026",
    "award-variation-clerical-regional-services.rtf": "VARIATION",
}
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not on PATH: cannot check the documents open in it",
)


def _seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", force=True, stdout=out)
    return out.getvalue()


def _logins(output: str) -> dict[str, str]:
    """username -> password from the printed table (columns are two or more spaces apart)."""
    lines = output.split("Demo logins", 1)[1].splitlines()[1:]
    rows = [re.split(r"\s{2,}", line.strip()) for line in lines if line.strip()]
    assert rows[0][:2] == ["username", "password"]
    return {row[0]: row[1] for row in rows[1:]}


def _counts() -> dict[str, int]:
    models = [
        get_user_model(),
        Organisation,
        PractitionerProfile,
        Matter,
        Party,
        PartyRepresentative,
        Filing,
        Document,
        FilingRejection,
        Direction,
        Rule32Order,
    ]
    return {model.__name__: model.objects.count() for model in models}


# --- seed_demo ---


@pytest.mark.django_db
def test_seeding_twice_creates_nothing_new_and_still_prints_the_logins():
    first_output = _seed()
    first = _counts()
    second_output = _seed()
    assert _counts() == first
    assert first["Matter"] == len(MATTERS)
    assert first["Filing"] == len(FILINGS)
    assert "matters: 0 created, 8 already present" in second_output
    assert _logins(second_output) == _logins(first_output)


@pytest.mark.django_db
def test_every_proceeding_type_and_every_kind_of_representation_is_present():
    _seed()
    assert set(Matter.objects.values_list("proceeding_id", flat=True)) == set(
        ProceedingType.objects.values_list("code", flat=True)
    )
    assert set(Party.objects.values_list("representation", flat=True)) == set(
        Party.Representation.values
    )
    assert set(Party.objects.values_list("role", flat=True)) == set(Party.Role.values)
    s106 = Matter.objects.get(proceeding_id="s106")
    assert s106.conciliation_certificate_on is not None  # PD16 para 3(b)
    for code in ("s34", "s324"):  # PD16 para 10: e-mail subjects carry the short title
        assert Matter.objects.get(proceeding_id=code).agreement_short_title
    assert re.fullmatch(r"IRC2026/\d{4}", Matter.objects.first().number)


@pytest.mark.django_db
def test_printed_logins_authenticate_and_carry_their_roles():
    logins = _logins(_seed())
    assert {"solicitor", "officer", "clerk", "admin"} <= logins.keys()
    for username, password in logins.items():
        assert authenticate(username=username, password=password) is not None, username
    users = get_user_model().objects
    clerk = users.get(username="clerk")
    assert clerk.groups.filter(name=CLERKS).exists() and not clerk.is_staff
    admin = users.get(username="admin")
    assert admin.groups.filter(name=ADMINISTRATORS).exists() and admin.is_staff
    practitioners = users.filter(groups__name=PRACTITIONERS)
    assert all(p.practitioner_profile.organisation for p in practitioners)
    kinds = {p.practitioner_profile.organisation.kind for p in practitioners}
    assert {"law-firm", "industrial-organisation"} <= kinds


@pytest.mark.django_db
def test_a_password_changed_after_seeding_is_neither_reset_nor_printed():
    _seed()
    clerk = get_user_model().objects.get(username="clerk")
    clerk.set_password("a different passphrase")
    clerk.save()
    logins = _logins(_seed())
    assert logins["clerk"] == PASSWORD_CHANGED
    assert authenticate(username="clerk", password="a different passphrase") is not None


@pytest.mark.django_db
def test_each_practitioner_acts_in_several_matters_but_not_in_all():
    _seed()

    def matters_of(username: str) -> set[int]:
        links = PartyRepresentative.objects.filter(user__username=username)
        return set(links.values_list("party__matter_id", flat=True))

    solicitor, officer = matters_of("solicitor"), matters_of("officer")
    assert len(solicitor) >= 2 and len(officer) >= 2
    assert officer - solicitor, "the solicitor must be shut out of some of the officer's matters"
    for username in ("associate", "barrister", "agent"):
        assert len(matters_of(username)) >= 2, username


@pytest.mark.django_db
def test_filings_are_in_every_state_and_carry_the_committed_files(settings):
    _seed()
    assert set(Filing.objects.values_list("status", flat=True)) == set(Filing.Status.values)
    rejected = Filing.objects.get(status=Filing.Status.REJECTED)
    assert list(rejected.rejections.values_list("reason_id", flat=True)) == ["text-differs"]
    assert rejected.corrections.count() == 1  # the corrected filing points back to it
    assert set(Filing.objects.values_list("channel", flat=True)) >= {"web", "email", "cd-rom"}
    for filing in Filing.objects.filter(channel="email"):  # PD16 para 9
        assert filing.transmission_report_sent_to and filing.email_subject
    with_copies = Document.objects.exclude(electronic_copy="")
    assert with_copies.count() == len(demo_filenames())
    for document in with_copies.select_related("filing__matter"):
        committed = DOCUMENTS_DIR / document.original_filename.split(" ", 1)[1]
        stored = Path(settings.MEDIA_ROOT) / document.electronic_copy.name
        assert stored.read_bytes() == committed.read_bytes()
        assert document.sha256 == hashlib.sha256(committed.read_bytes()).hexdigest()
        # PD16 para 6: the name given carries the matter number.
        assert document.original_filename.startswith(
            document.filing.matter.number.replace("/", "-")
        )
    paper_only = Document.objects.get(electronic_copy="")
    assert paper_only.annexure_not_readily_available  # PD16 para 3(d)


@pytest.mark.django_db
def test_a_direction_a_waiver_and_a_rule32_order_are_recorded():
    _seed()
    assert set(Direction.objects.values_list("kind", flat=True)) == {"direct", "waive"}
    order = Rule32Order.objects.get()
    assert order.matter.proceeding_id == "rule32"
    assert order.file_by >= order.made_on  # PD16 para 11: within the time the Commission set


@pytest.mark.django_db
def test_refuses_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as raised:
        call_command("seed_demo")
    assert raised.value.returncode == 2
    assert not Matter.objects.exists()


# --- the committed documents ---


def test_the_committed_set_is_what_the_catalogue_lodges_and_stays_small():
    assert sorted(demo_filenames()) == [p.name for p in COMMITTED]
    assert sum(p.stat().st_size for p in COMMITTED) < 3 * 1024 * 1024
    assert {p.suffix for p in COMMITTED} == set(FORMAT_BY_SUFFIX)


@pytest.mark.parametrize("path", COMMITTED, ids=lambda p: p.name)
def test_each_committed_document_validates_as_its_format(path):
    role = "annexure" if path in IMAGES else "principal"  # PD16 para 4: images only annexed
    result = validate_file(path, role=role, filename=path.name, policy=ValidationPolicy())
    assert result.format == FORMAT_BY_SUFFIX[path.suffix]
    assert result.error_codes == ()
    assert result.acceptable


@pytest.mark.parametrize("path", IMAGES, ids=lambda p: p.name)
def test_each_committed_image_decodes_fully(path):
    with Image.open(path) as image:
        frames = getattr(image, "n_frames", 1)
        for frame in range(frames):
            image.seek(frame)
            image.load()
        if path.suffix != ".gif":  # GIF records no resolution
            assert [round(v) for v in image.info["dpi"]] == [200, 200]  # PN127 Schedule (a)
    if path.name == "annexure-mo1-deed-of-engagement.tif":
        assert frames == 3


def test_one_tiff_is_a_multipage_group4_scan():
    with Image.open(DOCUMENTS_DIR / "annexure-mo1-deed-of-engagement.tif") as image:
        assert image.n_frames > 1
        assert image.info["compression"] == "group4"


@needs_soffice
def test_each_doc_and_rtf_opens_in_libreoffice(tmp_path):
    from demo.make_documents import text_via_libreoffice

    texts = text_via_libreoffice(WORD_PROCESSING, tmp_path)
    assert {p.name for p in texts} == set(HEADINGS)
    for path, text in texts.items():
        words = " ".join(text.split())
        assert HEADINGS[path.name] in words, path.name
        assert len(words.split()) > 100, path.name


@needs_soffice
def test_make_documents_regenerates_the_set_from_sample_texts(tmp_path):
    from demo.make_documents import main

    sample_texts = tmp_path / "sample-texts"
    sample_texts.mkdir()
    for stem in (
        "nabis-roles",
        "belize-constitution-part-viii",
        "t-levels-industry-placement-guide",
    ):
        paragraphs = [
            " ".join(f"{stem.split('-')[0]}{n}w{w}" for w in range(30)) for n in range(100)
        ]
        (sample_texts / f"{stem}.txt").write_text("\n".join(paragraphs), encoding="utf-8")
    out = tmp_path / "documents"
    # main() re-reads every DOC and RTF through LibreOffice and every image through Pillow.
    assert main([str(sample_texts), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in COMMITTED]
