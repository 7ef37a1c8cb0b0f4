"""Issue 10 §3: pages name paragraphs as readers do, never "(para PN127 10)"."""

from filings.templatetags.registry_text import paragraph_ref


def test_pd16_paragraphs_are_named_with_the_direction():
    assert paragraph_ref("3(b)") == "PD16 para 3(b)"


def test_pn127_paragraphs_are_named_with_the_practice_note():
    assert paragraph_ref("PN127 10") == "PN127 para 10"


def test_no_paragraph_says_nothing():
    assert paragraph_ref("") == paragraph_ref(None) == ""
