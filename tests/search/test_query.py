"""The search box's language: parsed once, written for PostgreSQL and for SQLite FTS5."""

import pytest

from search.query import QueryError, parse_query


def test_plain_words_must_all_appear():
    query = parse_query("Penalty RATES")
    assert query.to_tsquery() == "'penalty' & 'rates'"
    assert query.to_fts5() == '"penalty" AND "rates"'


def test_a_quoted_phrase_keeps_its_words_together_in_order():
    query = parse_query('"unfair dismissal" roster')
    assert query.to_tsquery() == "('unfair' <-> 'dismissal') & 'roster'"
    assert query.to_fts5() == '"unfair dismissal" AND "roster"'
    assert query.to_tsquery_for_ranking() == "('unfair' <-> 'dismissal') & 'roster'"
    assert query.to_tsquery_for_highlight() == "'unfair' | 'dismissal' | 'roster'"
    # What PostgreSQL looks up in its index of adjacent word pairs.
    assert query.phrases == ("unfair dismissal",)
    assert parse_query('-"unfair dismissal" a NEAR b').phrases == ()


def test_near_finds_words_within_a_distance_in_either_order():
    query = parse_query("roster NEAR/2 overtime")
    assert query.to_tsquery() == (
        "('roster' <1> 'overtime' | 'overtime' <1> 'roster' | "
        "'roster' <2> 'overtime' | 'overtime' <2> 'roster')"
    )
    assert query.to_fts5() == 'NEAR("roster" "overtime", 2)'
    # Ranked and highlighted by the words themselves, not one phrase per distance.
    assert query.to_tsquery_for_ranking() == "'roster' & 'overtime'"
    assert query.to_tsquery_for_highlight() == "'roster' | 'overtime'"
    assert parse_query("a NEAR b").to_fts5() == 'NEAR("a" "b", 10)'


def test_a_minus_excludes_a_word_and_fts5_puts_it_last():
    query = parse_query("-casual award")
    assert query.to_tsquery() == "!'casual' & 'award'"
    assert query.to_fts5() == '"award" NOT "casual"'
    assert query.to_tsquery_for_ranking() == "'award'"
    assert query.words == ("award",)


def test_engine_operators_typed_in_are_only_separators():
    query = parse_query("award' | !x & (y) <-> z:* NOT")
    assert query.to_tsquery() == "'award' & 'x' & 'y' & 'z' & 'not'"
    assert query.to_fts5() == '"award" AND "x" AND "y" AND "z" AND "not"'


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "search.no_words"),
        ("  !!! ", "search.no_words"),
        ("-casual", "search.no_words"),
        ("NEAR/3 overtime", "search.near_misplaced"),
        ("roster NEAR/3", "search.near_misplaced"),
        ("roster NEAR/3 -overtime", "search.near_misplaced"),
        (" ".join(f"w{n}" for n in range(13)), "search.too_many_words"),
    ],
)
def test_what_cannot_be_searched_gets_a_coded_problem(text, code):
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert caught.value.code == code
    assert caught.value.message
