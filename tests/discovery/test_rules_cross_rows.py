"""Cross-row rules: hosts and attachments, numbering, and the bounded-memory validator."""

from practice_directions.rules.discovery import PN127_DEFAULTS, ListValidator, validate_rows
from tests.discovery.lists import HEADER, good_rows, row


def problems(rows):
    return [(p.row, p.code) for p in validate_rows(HEADER, rows, PN127_DEFAULTS).problems]


def host(doc="ABC.001.001.0001", attachments="ABC.001.001.0002"):
    return row(Document_ID=doc, Document_Group="HWA", Attachments=attachments)


def att(doc="ABC.001.001.0002", host_id="ABC.001.001.0001"):
    return row(Document_ID=doc, Document_Group="ATT", Host_Document_Number=host_id)


def test_attachment_naming_a_host_not_in_the_list():
    assert problems([att(host_id="ABC.009.009.0001")]) == [(1, "host.not_found")]


def test_attachment_without_a_host():
    assert problems([att(host_id="")]) == [(1, "host.missing")]


def test_attachment_with_two_hosts():
    assert problems([host(), att(host_id="ABC.001.001.0001, ABC.001.001.0005")]) == [
        (1, "attachments.none_found"),
        (2, "host.multiple"),
    ]


def test_attachment_whose_host_is_not_hwa():
    rows = [row(Document_ID="ABC.001.001.0001", Document_Group="HNA"), att()]
    assert problems(rows) == [(2, "host.not_hwa")]


def test_attachment_listed_before_its_host_is_fine():
    assert problems([att(), host()]) == []


def test_hwa_without_attachment_rows():
    assert problems([host()]) == [(1, "attachments.none_found")]


def test_hwa_without_its_attachments_field():
    assert problems([host(attachments=""), att()]) == [(1, "attachments.missing")]


def test_hwa_attachments_field_must_list_exactly_its_attachments():
    rows = [host(attachments="ABC.001.001.0002, ABC.001.001.0003"), att()]
    assert problems(rows) == [(1, "attachments.mismatch")]


def test_hna_with_attachments_listed():
    rows = [row(Document_Group="HNA", Attachments="ABC.001.001.0002")]
    assert problems(rows) == [(1, "attachments.unexpected")]


def test_host_documents_name_no_host():
    assert problems([row(Document_Group="HNA", Host_Document_Number="ABC.001.001.0009")]) == [
        (1, "host.unexpected")
    ]


def test_attachment_with_attachments_of_its_own():
    child = att()
    child[HEADER.index("Attachments")] = "ABC.001.001.0003"
    assert problems([host(), child]) == [(2, "attachments.unexpected")]


def test_unknown_document_group():
    assert problems([row(Document_Group="XYZ")]) == [(1, "document_group.invalid")]


def test_attachments_numbered_sequentially_after_the_host():
    rows = [
        host(attachments="ABC.001.001.0002, ABC.001.001.0004"),
        att("ABC.001.001.0002"),
        att("ABC.001.001.0004"),
    ]
    assert problems(rows) == [(3, "document_id.attachment_sequence")]


def test_without_a_group_column_a_host_number_makes_an_attachment():
    header = [h for h in HEADER if h != "Document Group"]
    index = HEADER.index("Document Group")
    rows = [
        [c for i, c in enumerate(r) if i != index] for r in (row(), att(host_id="ABC.009.009.0009"))
    ]
    codes = [p.code for p in validate_rows(header, rows, PN127_DEFAULTS).problems]
    assert codes == ["host.not_found"]


def test_problems_kept_are_capped_but_all_are_counted():
    validator = ListValidator(PN127_DEFAULTS, keep=5)
    validator.start(HEADER)
    for i in range(50):
        validator.feed(row(Document_ID=f"bad-{i}"))
    report = validator.finish()
    assert len(report.problems) == 5
    assert report.counts == {"document_id.pattern": 50}
    assert report.errors == 50 and report.truncated and report.valid_rows == 0


def test_sink_receives_every_problem():
    seen = []
    validator = ListValidator(PN127_DEFAULTS, keep=0, sink=seen.append)
    validator.start(HEADER)
    for r in [*good_rows(), row(Status="Scan", Document_ID="ABC.002.001.0001")]:
        validator.feed(r)
    validator.finish()
    assert [p.code for p in seen] == ["status.invalid"]


def test_cross_row_state_is_released_after_finish():
    validator = ListValidator(PN127_DEFAULTS)
    validator.start(HEADER)
    for r in good_rows():
        validator.feed(r)
    validator.finish()
    assert validator._attachments == [] and validator._declared == {}
