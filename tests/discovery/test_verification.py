"""PN127 para 19: the verifying affidavit's wording from the services recorded."""

import datetime

from practice_directions.rules.discovery import Service, para19_wording
from practice_directions.rules.discovery.verification import letter_dates


def test_one_service_gives_the_issue_example():
    wording = para19_wording([Service("cd", "the respondent", datetime.date(2003, 1, 21))])
    assert wording == (
        "the documents described in the database contained on the compact disk served on the "
        "respondent under cover of letter dated 21 January 2003"
    )


def test_several_letters_give_the_notes_example():
    services = [
        Service("cd", "the defendant", datetime.date(2003, 3, 29)),
        Service("cd", "the defendant", datetime.date(2003, 1, 21)),
        Service("cd", "the defendant", datetime.date(2003, 1, 24)),
    ]
    assert para19_wording(services) == (
        "the documents described in the database contained on the compact disks served on the "
        "defendant under cover of letters dated 21 January, 24 January and 29 March 2003"
    )


def test_years_are_given_once_per_run():
    dates = [datetime.date(2002, 12, 20), datetime.date(2003, 1, 21)]
    assert letter_dates(dates) == "20 December 2002 and 21 January 2003"


def test_different_media_or_parties_are_separate_clauses():
    wording = para19_wording(
        [
            Service("cd", "the respondent", datetime.date(2003, 1, 21)),
            Service("email", "the intervenor", datetime.date(2003, 2, 2)),
        ]
    )
    assert "compact disk served on the respondent" in wording
    assert "; and contained on the electronic mail message served on the intervenor" in wording


def test_no_service_no_wording():
    assert para19_wording([]) == ""
