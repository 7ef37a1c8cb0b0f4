"""PD16 para 2 at the edge of a commencement date (a gap the mutation run showed: no test put a
filing date on the day a direction commences). Pure, no database."""

import dataclasses
import datetime

from practice_directions.rules import PracticeDirectionRule

from .rules_data import COMMENCED, PD16_RULES

DAY = datetime.timedelta(days=1)


def test_a_direction_is_in_force_on_the_day_it_commences_and_not_the_day_before():
    assert PD16_RULES.practice_direction_in_force(COMMENCED).number == 16
    assert PD16_RULES.practice_direction_in_force(COMMENCED - DAY) is None


def test_the_next_direction_is_one_commencing_after_the_day_not_on_it():
    assert PD16_RULES.next_practice_direction(COMMENCED - DAY).number == 16
    assert PD16_RULES.next_practice_direction(COMMENCED) is None


def test_of_two_later_directions_the_next_is_the_earlier_and_one_without_copies_is_skipped():
    later = (
        PracticeDirectionRule(
            number=20,
            title="Later direction",
            gazetted_on=COMMENCED + 20 * DAY,
            commences_on=COMMENCED + 30 * DAY,
            replaces=16,
            requires_electronic_copies=True,
        ),
        PracticeDirectionRule(
            number=18,
            title="Direction not about copies",
            gazetted_on=COMMENCED,
            commences_on=COMMENCED + 10 * DAY,
            replaces=None,
            requires_electronic_copies=False,
        ),
        PracticeDirectionRule(
            number=19,
            title="Earlier later direction",
            gazetted_on=COMMENCED + 5 * DAY,
            commences_on=COMMENCED + 20 * DAY,
            replaces=16,
            requires_electronic_copies=True,
        ),
    )
    rules = dataclasses.replace(
        PD16_RULES, practice_directions=(*PD16_RULES.practice_directions, *later)
    )
    assert rules.next_practice_direction(COMMENCED).number == 19
    assert rules.next_practice_direction(COMMENCED + 20 * DAY).number == 20
    assert rules.next_practice_direction(COMMENCED + 30 * DAY) is None
