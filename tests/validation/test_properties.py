"""Property-based tests: any bytes at all, and real files mutated or cut, give a structured
result and never an exception (the layer's promise, issue point 6)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filings.validation import Format, Role, ValidationPolicy, ValidationResult, validate_file
from tests.validation.paths import CORPUS

# Small real files of every format (the big ones slow each example down without adding cases).
SEEDS = [
    "affidavit.doc",
    "word95.doc",
    "macros.doc",
    "submissions.rtf",
    "multipage.tif",
    "greyscale-lzw.tif",
    "big-endian.tif",
    "photo.jpg",
    "progressive.jpg",
    "cmyk.jpg",
    "animated.gif",
    "affidavit.pdf",
    "affidavit.docx",
    "bomb.gif",
]
SEED_BYTES = {name: (CORPUS / name).read_bytes() for name in SEEDS}
SIGNATURES = [
    b"{\\rtf1",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\xff\xd8\xff",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
    b"%PDF-1.4",
    b"PK\x03\x04",
]
POLICY = ValidationPolicy(accept_docx=True)  # so DOCX goes through its deeper checks too
BOUNDED = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check(data: bytes, name: str, role: str = Role.PRINCIPAL) -> ValidationResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = validate_file(path, role=role, filename=name, policy=POLICY)
    assert isinstance(result, ValidationResult)
    assert result.format in Format.ALL
    assert result.size == len(data)
    assert len(result.sha256) == 64
    assert set(result.roles) <= set(Role.ALL)
    assert result.acceptable == (not result.errors)
    if not result.valid:
        assert result.roles == ()
    if not result.acceptable:
        assert result.errors, "a refusal always says why"
    assert all(p.code and p.message and p.paragraph for p in result.errors + result.warnings)
    json.dumps(result.to_dict(name))
    return result


@BOUNDED
@given(data=st.binary(max_size=4096), name=st.sampled_from(["upload.doc", "scan.tif", "x"]))
def test_any_bytes_give_a_structured_result(data, name):
    check(data, name)


@BOUNDED
@given(
    prefix=st.sampled_from(SIGNATURES),
    rest=st.binary(max_size=4096),
)
def test_any_bytes_behind_a_real_signature_give_a_structured_result(prefix, rest):
    check(prefix + rest, "upload.bin")


@BOUNDED
@given(
    seed=st.sampled_from(SEEDS),
    flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=12),
    role=st.sampled_from(Role.ALL),
)
def test_real_files_with_bytes_changed_give_a_structured_result(seed, flips, role):
    data = bytearray(SEED_BYTES[seed])
    for position, value in flips:
        data[position % len(data)] = value
    check(bytes(data), seed, role)


@BOUNDED
@given(seed=st.sampled_from(SEEDS), cut=st.floats(min_value=0.0, max_value=1.0))
def test_real_files_cut_short_are_never_taken_as_intact(seed, cut):
    data = SEED_BYTES[seed]
    length = int((len(data) - 64) * cut)  # cut by more than any end-of-file slack
    result = check(data[:length], seed, Role.ANNEXURE)
    if seed.endswith((".doc", ".rtf", ".tif", ".jpg", ".gif")):
        original = validate_file(CORPUS / seed).format
        assert not (result.format == original and result.valid), result


@BOUNDED
@given(
    seed=st.sampled_from(SEEDS),
    position=st.floats(min_value=0.0, max_value=1.0),
    insert=st.binary(min_size=1, max_size=64),
)
def test_real_files_with_bytes_inserted_give_a_structured_result(seed, position, insert):
    data = SEED_BYTES[seed]
    at = int(len(data) * position)
    check(data[:at] + insert + data[at:], seed)
