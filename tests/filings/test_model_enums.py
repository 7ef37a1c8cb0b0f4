"""Issue 10 §1: the model enums and the rules' constants are one vocabulary."""

from filings.models import Direction, Document, PracticeNoteApplication
from practice_directions.rules import facts
from practice_directions.rules.electronic_copy import MAKERS, PN127_EXTENTS


def test_document_roles_are_the_rules_roles():
    assert tuple(Document.Role.values) == facts.ROLES


def test_direction_kinds_are_the_rules_kinds():
    assert tuple(Direction.Kind.values) == facts.DIRECTION_KINDS


def test_direction_makers_are_the_rules_makers():
    assert tuple(Direction.MadeBy.values) == facts.MAKERS == tuple(MAKERS)


def test_pn127_extents_are_the_rules_extents():
    assert tuple(PracticeNoteApplication.Extent.values) == facts.PN127_EXTENT_VALUES
    assert tuple(PN127_EXTENTS) == facts.PN127_EXTENT_VALUES
