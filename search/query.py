"""The search box's language, parsed once and written for each database's engine.

What a clerk or practitioner types:

- ``award penalty rates``: documents with every word (stemmed: "rates" finds "rate");
- ``"unfair dismissal"``: the words together, in that order;
- ``roster NEAR/5 overtime`` (or ``NEAR`` alone, within 10 words): both words, at most that
  many words apart, in either order;
- ``-casual``: leave out documents with the word.

Only letters and digits reach the engines: every other character separates words, so no
input can inject the engines' own operators. Problems come back as a ``QueryError`` with a
stable code and a sentence to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_TERMS = 12
DEFAULT_NEAR = 10
MAX_NEAR = 50
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_NEAR = re.compile(r"^NEAR(?:/(\d+))?$")
_WORD = re.compile(r"\w+", re.UNICODE)


class QueryError(ValueError):
    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Clause:
    """Words that must appear together (one word, or a phrase), or near each other."""

    words: tuple[str, ...]
    negated: bool = False
    near: tuple[tuple[str, ...], int] | None = None  # (the other side's words, distance)


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...]

    def to_tsquery(self) -> str:
        """PostgreSQL ``to_tsquery`` text (normalised by the text search configuration)."""
        parts = []
        for clause in self.clauses:
            if clause.near is not None:
                other, distance = clause.near
                left, right = _ts_phrase(clause.words), _ts_phrase(other)
                options = [
                    f"{a} <{n}> {b}"
                    for n in range(1, distance + 1)
                    for a, b in ((left, right), (right, left))
                ]
                text = "(" + " | ".join(options) + ")"
            else:
                text = _ts_phrase(clause.words)
            parts.append(f"!{text}" if clause.negated else text)
        return " & ".join(parts)

    def to_tsquery_for_ranking(self) -> str:
        """What ranks the matches: the sought words, a NEAR as both sides (cover density then
        favours the documents where they are closest) rather than one phrase per distance,
        which costs ten times as much to rank."""
        parts = []
        for clause in self.clauses:
            if clause.negated:
                continue
            if clause.near is not None:
                parts.append(f"{_ts_phrase(clause.words)} & {_ts_phrase(clause.near[0])}")
            else:
                parts.append(_ts_phrase(clause.words))
        return " & ".join(parts)

    def to_tsquery_for_highlight(self) -> str:
        """What the snippet marks: any sought word."""
        return " | ".join(f"'{word}'" for word in dict.fromkeys(self.words))

    def to_fts5(self) -> str:
        """SQLite FTS5 ``MATCH`` text; FTS5's NOT is binary, so negations go last."""
        positive, negative = [], []
        for clause in self.clauses:
            if clause.near is not None:
                other, distance = clause.near
                text = f"NEAR({_fts_phrase(clause.words)} {_fts_phrase(other)}, {distance})"
            else:
                text = _fts_phrase(clause.words)
            (negative if clause.negated else positive).append(text)
        query = " AND ".join(positive)
        for text in negative:
            query += f" NOT {text}"
        return query

    @property
    def phrases(self) -> tuple[str, ...]:
        """The phrases sought (two words or more, not excluded), as text."""
        return tuple(
            " ".join(c.words)
            for c in self.clauses
            if len(c.words) > 1 and not c.negated and c.near is None
        )

    @property
    def words(self) -> tuple[str, ...]:
        """Every word sought (not the excluded ones), for highlighting."""
        found: list[str] = []
        for clause in self.clauses:
            if not clause.negated:
                found += clause.words
                if clause.near:
                    found += clause.near[0]
        return tuple(found)


def _ts_phrase(words: tuple[str, ...]) -> str:
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"


def _fts_phrase(words: tuple[str, ...]) -> str:
    return '"' + " ".join(words) + '"'


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(text))


def parse_query(text: str) -> ParsedQuery:
    """Parse what was typed; ``QueryError`` when nothing can be searched for."""
    clauses: list[Clause] = []
    pending_near: int | None = None
    for token in _TOKEN.findall(text.strip()):
        near = _NEAR.match(token)
        if near:
            if not clauses or clauses[-1].negated or clauses[-1].near:
                raise QueryError(
                    "NEAR goes between two words or phrases, as in: roster NEAR/5 overtime.",
                    "search.near_misplaced",
                )
            pending_near = min(int(near.group(1) or DEFAULT_NEAR), MAX_NEAR)
            continue
        negated = token.startswith("-")
        words = _words(token)
        if not words:
            continue
        if pending_near is not None:
            if negated:
                raise QueryError("NEAR cannot take an excluded word.", "search.near_misplaced")
            previous = clauses.pop()
            clauses.append(Clause(words=previous.words, near=(words, pending_near)))
            pending_near = None
            continue
        clauses.append(Clause(words=words, negated=negated))
    if pending_near is not None:
        raise QueryError(
            "NEAR goes between two words or phrases, as in: roster NEAR/5 overtime.",
            "search.near_misplaced",
        )
    if not any(not c.negated for c in clauses):
        raise QueryError("Type at least one word to search for.", "search.no_words")
    if sum(len(c.words) + len(c.near[0] if c.near else ()) for c in clauses) > MAX_TERMS:
        raise QueryError(
            f"Search for at most {MAX_TERMS} words at a time.", "search.too_many_words"
        )
    return ParsedQuery(clauses=tuple(clauses))
