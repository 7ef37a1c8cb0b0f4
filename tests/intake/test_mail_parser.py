"""The mail parser alone (no database): hostile bytes never crash it, names come out plain."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake.mail import MailLimits, parse_message, safe_filename
from tests.intake.conftest import CORPUS


@given(st.binary(max_size=4096))
@settings(max_examples=200, deadline=None)
def test_any_bytes_parse_without_raising(raw):
    result = parse_message(raw)
    assert len(result.sha256) == 64


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.eml")), ids=lambda p: p.stem)
def test_corrupted_corpus_messages_parse_without_raising(path):
    raw = bytearray(path.read_bytes())
    rng = random.Random(path.stem)
    for _ in range(20):
        damaged = bytearray(raw)
        for _ in range(30):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        parse_message(bytes(damaged[: rng.randrange(len(damaged) + 1)]))


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Affidavit.doc", "Affidavit.doc"),
        ("cod\u202egpj.doc", "codgpj.doc"),
        ("bell\x07\x00.doc", "bell.doc"),
        ("...", "fallback"),
        ("", "fallback"),
        ("a" * 300 + ".doc", "a" * 116 + ".doc"),
    ],
)
def test_attachment_names_come_out_plain(name, plain):
    assert safe_filename(name, fallback="fallback") == plain


def test_each_limit_has_its_own_code():
    raw = (CORPUS / "s34_filed.eml").read_bytes()
    assert parse_message(raw, limits=MailLimits(max_bytes=100)).codes == ("mail.too_large",)
    assert "mail.too_many_parts" in parse_message(raw, limits=MailLimits(max_parts=2)).codes
    assert "mail.too_deep" in parse_message(raw, limits=MailLimits(max_depth=1)).codes


def test_a_refused_message_still_names_its_sender_so_they_can_be_told():
    raw = (CORPUS / "s34_filed.eml").read_bytes()
    result = parse_message(raw, limits=MailLimits(max_bytes=100))
    assert result.refused and result.sender == "alice@firm.example"
    assert result.message_id == "<s34_filed@firm.example>"


def test_rfc2047_subject_and_latin1_attachment_name_are_decoded():
    result = parse_message((CORPUS / "rfc2047_latin1.eml").read_bytes())
    assert result.subject.startswith("Dépôt:")
    assert [a.filename for a in result.attachments] == ["Accord é.doc"]
    assert "café" in result.body


def test_tnef_wrapper_is_unwrapped_to_its_document():
    result = parse_message((CORPUS / "tnef_wrapped.eml").read_bytes())
    [attachment] = result.attachments
    assert attachment.filename == "Agreement.doc" and attachment.from_tnef
    assert attachment.content.startswith(b"\xd0\xcf\x11\xe0")


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.eml")), ids=lambda p: p.stem)
def test_the_quick_identity_agrees_with_the_full_parse(path):
    from intake.mail import message_identity

    raw = path.read_bytes()
    result = parse_message(raw)
    assert message_identity(raw) == (result.sha256, result.message_id)
