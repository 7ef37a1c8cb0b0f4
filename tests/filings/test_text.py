"""Issue 10 §3: one way to write a size, a detected format and a paragraph (``filings.text``)."""

from __future__ import annotations

import pytest

from filings.text import file_size, format_name, paragraph_ref, with_paragraph

NBSP = "\N{NO-BREAK SPACE}"


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 KB"),
        (1, "0.1 KB"),  # content never reads as empty
        (51, "0.1 KB"),
        (512, "0.5 KB"),
        (1023, "1 KB"),
        (1024, "1 KB"),
        (18944, "18.5 KB"),
        (19456, "19 KB"),
        (1024 * 1024 - 1, "1024 KB"),
        (1024 * 1024, "1 MB"),
        (1572864, "1.5 MB"),
        (1024**3 - 1, "1024 MB"),
        (1024**3, "1 GB"),
        (None, "0 KB"),
    ],
)
def test_a_size_is_written_one_way(size, text):
    assert file_size(size) == text.replace(" ", NBSP)


def test_the_unrecognised_format_is_named_in_words_not_by_its_constant():
    assert format_name("OTHER") == format_name("") == format_name(None) == "unrecognised format"
    assert format_name("DOC") == "DOC"


def test_a_paragraph_is_added_once_and_named_as_readers_do():
    assert with_paragraph("PDF is not accepted.", "4") == "PDF is not accepted. (PD16 para 4)"
    assert with_paragraph("Lists.", "PN127 10") == "Lists. (PN127 para 10)"
    assert with_paragraph("Already says so (para 4)", "4") == "Already says so (para 4)"
    assert with_paragraph("Already says so (PD16 para 4)", "4") == "Already says so (PD16 para 4)"
    assert with_paragraph("No paragraph.", "") == "No paragraph."
    assert paragraph_ref(" 3(b) ") == "PD16 para 3(b)"
