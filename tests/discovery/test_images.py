"""The images check (Schedule (a)-(b)): names, TIFF single page, resolution, missing images,
and a hostile ZIP."""

import io
import zipfile

import pytest

from discovery.images import (
    ImagesUnreadable,
    check_images,
    check_images_zip,
    expected_images,
    folder_images,
    image_key,
)
from practice_directions.rules.discovery import PN127_DEFAULTS
from tests.discovery.images_zip import tiff, zip_of
from tests.discovery.lists import csv_bytes, good_rows, write


@pytest.fixture
def list_path(tmp_path):
    return write(tmp_path / "list.csv", csv_bytes(good_rows()))


def codes(report):
    return sorted((p.document_id or p.name, p.code) for p in report.problems)


def test_image_key_drops_dots_except_before_the_extension():
    assert image_key("ABC.001.001.0001.tiff") == "ABC0010010001"
    assert image_key("box1/ABC0010010001.tif") == "ABC0010010001"


def test_a_complete_set_of_good_images_has_no_problem(tmp_path, list_path):
    entries = {
        "ABC.001.001.0001.tiff": tiff(),
        "ABC0010010002.tif": tiff(),  # dots omitted, as Schedule (b) allows
        "images/ABC.001.001.0003.TIF": tiff(),
        "ABC.001.002.0001.tif": tiff(),
    }
    zip_path = write(tmp_path / "images.zip", zip_of(entries))
    report = check_images_zip(zip_path, list_path, PN127_DEFAULTS)
    assert report.images == 4 and report.expected == 4 and report.problems == ()


def test_every_kind_of_image_problem(tmp_path, list_path):
    entries = {
        "ABC.001.001.0001.tiff": tiff(pages=3),
        "ABC.001.001.0002.jpg": tiff(fmt="JPEG"),
        "ABC.001.001.0003.tif": tiff(dpi=600),
        "ABC.009.009.0009.tif": tiff(),
    }
    zip_path = write(tmp_path / "images.zip", zip_of(entries))
    report = check_images_zip(zip_path, list_path, PN127_DEFAULTS)
    assert codes(report) == [
        ("ABC.001.001.0001", "images.multi_page"),
        ("ABC.001.001.0002", "images.not_tiff"),
        ("ABC.001.001.0002", "images.not_tiff_name"),
        ("ABC.001.001.0003", "images.resolution"),
        ("ABC.001.002.0001", "images.missing"),
        ("ABC.009.009.0009.tif", "images.no_row"),
    ]
    resolution = next(p for p in report.problems if p.code == "images.resolution")
    assert resolution.severity == "warning"
    assert resolution.paragraph == "PN127 Schedule (a) Image Resolution"


def test_multi_page_tiffs_pass_when_the_protocol_allows_them(tmp_path, list_path):
    import dataclasses

    conventions = dataclasses.replace(PN127_DEFAULTS, tiff_multi_page=True)
    zip_path = write(tmp_path / "i.zip", zip_of({"ABC.001.001.0001.tif": tiff(pages=2)}))
    report = check_images_zip(zip_path, list_path, conventions)
    assert "images.multi_page" not in {p.code for p in report.problems}


def test_two_images_of_one_document(tmp_path, list_path):
    zip_path = write(
        tmp_path / "i.zip",
        zip_of({"ABC.001.001.0001.tif": tiff(), "ABC0010010001.tif": tiff()}),
    )
    report = check_images_zip(zip_path, list_path, PN127_DEFAULTS)
    assert "images.duplicate" in {p.code for p in report.problems}


def test_non_paper_records_are_not_expected_to_be_imaged(tmp_path):
    from tests.discovery.lists import row

    path = write(tmp_path / "l.csv", csv_bytes([row(Non_paper_record="YES")]))
    assert expected_images(path, PN127_DEFAULTS) == {"ABC0010010001": ("ABC.001.001.0001", False)}


def test_an_imaged_column_says_which_rows_have_images(tmp_path):
    from tests.discovery.lists import HEADER, row

    rows = [[*row(), "No"], [*row(Document_ID="ABC.001.001.0002"), "Yes"]]
    path = write(tmp_path / "l.csv", csv_bytes(rows, header=[*HEADER, "Imaged"]))
    expected = expected_images(path, PN127_DEFAULTS)
    assert expected["ABC0010010001"][1] is False and expected["ABC0010010002"][1] is True


@pytest.mark.parametrize("name", ["../evil.tif", "/etc/evil.tif", "a/../../evil.tif", "a\\b.tif"])
def test_path_traversal_in_a_zip_is_refused_before_extraction(tmp_path, list_path, name):
    zip_path = write(tmp_path / "evil.zip", zip_of({name: tiff()}))
    with pytest.raises(ImagesUnreadable, match="unsafe name"):
        check_images_zip(zip_path, list_path, PN127_DEFAULTS)
    assert not (tmp_path.parent / "evil.tif").exists()


def test_symlink_entries_are_refused(tmp_path, list_path):
    zip_path = tmp_path / "link.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        info = zipfile.ZipInfo("ABC.001.001.0001.tif")
        info.external_attr = 0o120777 << 16
        archive.writestr(info, "/etc/passwd")
    with pytest.raises(ImagesUnreadable, match="unsafe name"):
        check_images_zip(zip_path, list_path, PN127_DEFAULTS)


def test_too_many_entries_are_refused(tmp_path, list_path, monkeypatch):
    monkeypatch.setattr("discovery.images.MAX_ENTRIES", 2)
    zip_path = write(tmp_path / "i.zip", zip_of({f"{i}.tif": b"x" for i in range(3)}))
    with pytest.raises(ImagesUnreadable, match="more than 2"):
        check_images_zip(zip_path, list_path, PN127_DEFAULTS)


def test_oversized_entries_are_refused(tmp_path, list_path, monkeypatch):
    monkeypatch.setattr("discovery.images.MAX_ENTRY_BYTES", 100)
    zip_path = write(tmp_path / "i.zip", zip_of({"ABC.001.001.0001.tif": tiff()}))
    with pytest.raises(ImagesUnreadable, match="larger"):
        check_images_zip(zip_path, list_path, PN127_DEFAULTS)


def test_not_a_zip(tmp_path, list_path):
    with pytest.raises(ImagesUnreadable):
        check_images_zip(write(tmp_path / "x.zip", b"not a zip"), list_path, PN127_DEFAULTS)


def test_a_folder_of_images(tmp_path, list_path):
    folder = tmp_path / "images"
    folder.mkdir()
    (folder / "ABC.001.001.0001.tif").write_bytes(tiff())
    (folder / "outside.tif").symlink_to(list_path)
    report = check_images(
        folder_images(folder), expected_images(list_path, PN127_DEFAULTS), PN127_DEFAULTS
    )
    assert report.images == 1
    assert {p.code for p in report.problems} == {"images.missing"}


def test_the_command_checks_a_folder_and_a_zip(tmp_path, list_path):
    import json

    from django.core.management import call_command
    from django.core.management.base import CommandError

    folder = tmp_path / "imgs"
    folder.mkdir()
    for name in ("ABC.001.001.0001", "ABC.001.001.0002", "ABC.001.001.0003", "ABC.001.002.0001"):
        (folder / f"{name}.tif").write_bytes(tiff())
    call_command("check_discovery_images", str(list_path), str(folder))
    zip_path = write(tmp_path / "i.zip", zip_of({"ABC.001.001.0001.tif": tiff()}))
    out = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("check_discovery_images", str(list_path), str(zip_path), "--json", stdout=out)
    assert failed.value.returncode == 1
    assert [p["code"] for p in json.loads(out.getvalue())["problems"]] == ["images.missing"] * 3
    with pytest.raises(CommandError) as failed:
        call_command("check_discovery_images", str(list_path), str(tmp_path / "none.zip"))
    assert failed.value.returncode == 2
