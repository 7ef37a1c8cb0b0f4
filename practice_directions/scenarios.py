"""Scenarios for ``assess_filing``: one JSON object describing a document, read into facts.

Pure: the shape is checked here and every problem in a scenario is reported at once; the names
(proceeding, document kinds) are checked by ``assess_document`` against the rules data.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from .rules import DirectionFact, DocumentFacts, FactsError
from .rules.facts import DIRECTION_KINDS, ROLES

REQUIRED = {
    "proceeding": str,
    "filed_on": datetime.date,
    "represented": bool,
    "document_kind": str,
    "role": str,
}
OPTIONAL = {
    "annexure_not_readily_available": bool,
    "certificate_of_unsuccessful_conciliation_on": datetime.date,
    "commission_deadline": datetime.date,
    "submissions_directed": bool,
    "directions": list,
    "practice_note_127": str,
}
DIRECTION_KEYS = {"kind", "document_kinds", "made_on", "made_by", "serve"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _value(key: str, raw: Any, wanted: type, problems: list[str]) -> Any:
    if wanted is datetime.date:
        if isinstance(raw, str) and _ISO_DATE.fullmatch(raw):
            try:
                return datetime.date.fromisoformat(raw)
            except ValueError:
                pass
        problems.append(f"{key}: {raw!r} is not a date written YYYY-MM-DD")
        return None
    if not isinstance(raw, wanted):
        problems.append(f"{key}: expected {'true or false' if wanted is bool else wanted.__name__}")
        return None
    if isinstance(raw, str):
        if not raw.strip():
            problems.append(f"{key}: must not be empty")
            return None
        return raw.strip()
    return raw


def _directions(raw: list[Any], problems: list[str]) -> tuple[DirectionFact, ...]:
    facts: list[DirectionFact] = []
    for number, item in enumerate(raw, start=1):
        where = f"directions[{number}]"
        if not isinstance(item, dict):
            problems.append(f'{where}: expected an object like {{"kind": "direct", ...}}')
            continue
        unknown = sorted(set(item) - DIRECTION_KEYS)
        if unknown:
            problems.append(f"{where}: unknown key(s) {', '.join(unknown)}")
        kind = item.get("kind")
        if kind not in DIRECTION_KINDS:
            problems.append(f"{where}.kind: {kind!r} is not one of {', '.join(DIRECTION_KINDS)}")
        kinds = item.get("document_kinds", "all")
        names: tuple[str, ...] | None = None
        if kinds != "all":
            if (
                not isinstance(kinds, list)
                or not kinds
                or not all(isinstance(n, str) and n.strip() for n in kinds)
            ):
                problems.append(f'{where}.document_kinds: expected "all" or a list of kind names')
            else:
                names = tuple(n.strip() for n in kinds)
        made_on = None
        if item.get("made_on") is not None:
            made_on = _value(f"{where}.made_on", item["made_on"], datetime.date, problems)
        made_by = item.get("made_by") or ""
        if made_by not in ("", "registrar", "commission"):
            problems.append(f"{where}.made_by: {made_by!r} is not registrar or commission")
        serve = item.get("serve", False)
        if not isinstance(serve, bool):
            problems.append(f"{where}.serve: expected true or false")
        facts.append(
            DirectionFact(
                kind=kind if isinstance(kind, str) else "",
                document_kinds=names,
                made_on=made_on,
                made_by=made_by if isinstance(made_by, str) else "",
                serve=serve is True,
            )
        )
    return tuple(facts)


def parse_scenario(scenario: Any) -> DocumentFacts:
    """Read one decoded JSON scenario into ``DocumentFacts``; ``FactsError`` lists every problem.

    Optional keys may be absent or null. Unknown keys are refused, so that a misspelt optional
    key (which would silently change the answer) is caught.
    """
    if not isinstance(scenario, dict):
        raise FactsError("a scenario must be a JSON object")
    problems: list[str] = []
    unknown = sorted(set(scenario) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        problems.append(f"unknown key(s): {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for key, wanted in REQUIRED.items():
        if scenario.get(key) is None:
            problems.append(f"{key}: missing")
        else:
            values[key] = _value(key, scenario[key], wanted, problems)
    for key, wanted in OPTIONAL.items():
        if scenario.get(key) is not None:
            values[key] = _value(key, scenario[key], wanted, problems)
    for key in ("proceeding", "role"):  # codes, written in lower case in the data
        if isinstance(values.get(key), str):
            values[key] = values[key].lower()
    role = values.get("role")
    if isinstance(role, str) and role not in ROLES:
        problems.append(f"role: {role!r} is not one of {', '.join(ROLES)}")
    directions = _directions(values.get("directions") or [], problems)
    if problems:
        raise FactsError(*problems)
    return DocumentFacts(
        proceeding=values["proceeding"],
        filed_on=values["filed_on"],
        represented=values["represented"],
        document_kind=values["document_kind"],
        role=values["role"],
        annexure_not_readily_available=values.get("annexure_not_readily_available", False),
        certificate_of_unsuccessful_conciliation_on=values.get(
            "certificate_of_unsuccessful_conciliation_on"
        ),
        commission_deadline=values.get("commission_deadline"),
        submissions_directed=values.get("submissions_directed", False),
        directions=directions,
        practice_note_127=values.get("practice_note_127"),
    )
